from datetime import timedelta

from odoo.exceptions import AccessError

from .common import TrainingCase


class TestSanctionAndViolationRecords(TrainingCase):
    """A sanction is lifted and a violation rectified only through their actions; the
    recorded facts are final."""

    def test_sanction_is_lifted_only_by_its_action(self):
        self.qualify_crew()
        auth = self.worker.worksafe_authorisation_ids
        Sanction = self.env["worksafe.sanction"].with_user(self.officer)
        vals = {"employee_id": self.worker.id, "authorisation_id": auth.id,
                "kind": "suspension", "reason": "No harness"}
        with self.assertRaises(AccessError):
            Sanction.create(dict(vals, state="lifted"))
        sanction = Sanction.create(vals)
        with self.assertRaises(AccessError):
            sanction.write({"state": "lifted", "lifted_by_id": self.officer.id,
                            "lifted_at": self.now()})
        self.assertEqual(sanction.state, "active")
        sanction.action_lift()
        self.assertEqual((sanction.state, sanction.lifted_by_id), ("lifted", self.officer))

    def test_violation_record_fields_are_final(self):
        Violation = self.env["worksafe.violation"].with_user(self.watcher_user)
        vals = {"name": "No helmet", "employee_id": self.worker.id,
                "deadline": self.now() + timedelta(hours=1)}
        with self.assertRaises(AccessError):
            Violation.create(dict(vals, rectified_at=self.now()))
        violation = Violation.create(vals)
        for field, value in (("rectified_at", self.now()),
                             ("date", self.now() - timedelta(days=400)),
                             ("deadline", self.now() + timedelta(days=30)),
                             ("severity", "critical"), ("employee_id", self.watcher.id)):
            with self.assertRaises(AccessError, msg=field):
                violation.write({field: value})
        violation.write({"rectification": "Wear a helmet"})
        violation.action_rectified()
        self.assertTrue(violation.rectified_at and violation.on_time)
