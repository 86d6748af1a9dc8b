import base64

from odoo.exceptions import AccessError

from .common import _PNG, WorksafeCase


class TestStepRoleFields(WorksafeCase):
    """A step's note, signature and photos are its person's, like its checklist: a worker who
    is not on the permit (or a step out of its phase) cannot record them."""

    def setUp(self):
        super().setUp()
        self.permit = self.issued_permit()
        self.step = self.permit.step_ids.filtered(lambda s: s.phase == "preparation")
        self.assertEqual(self.step.role, "performing")

    def test_outsider_records_nothing_on_the_step(self):
        step = self.step.with_user(self.outsider)
        for vals in ({"note": "all fine"}, {"signature": base64.b64encode(_PNG)}):
            with self.subTest(vals=list(vals)), self.assertRaises(AccessError):
                step.write(vals)
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.outsider).create({
                "name": "p.png", "raw": _PNG, "res_model": step._name, "res_id": step.id})
        self.step.invalidate_recordset()
        self.assertFalse(self.step.note)
        self.assertFalse(self.step.signature)
        self.assertFalse(self.env["ir.attachment"].search(
            [("res_model", "=", step._name), ("res_id", "=", step.id)]))

    def test_step_out_of_its_phase_records_nothing(self):
        closure = self.permit.step_ids.filtered(lambda s: s.phase == "closure")
        with self.assertRaises(AccessError):
            closure.with_user(self.watcher_user).write({"note": "early"})

    def test_the_steps_person_records(self):
        for user in (self.applicant, self.worker_user):
            self.step.with_user(user).write({"note": f"by {user.login}"})
            self.assertEqual(self.step.note, f"by {user.login}")
