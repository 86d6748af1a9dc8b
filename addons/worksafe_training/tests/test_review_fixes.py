from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import TrainingCase


class TestRecordsChangeOnlyThroughActions(TrainingCase):
    """Fields that must only change through actions are refused over RPC."""

    def _training(self, kind="full", work_type=None, role="worker"):
        return self.env["worksafe.training"].create({
            "name": f"{kind} exam", "work_type_id": (work_type or self.work_type).id,
            "role": role, "kind": kind})

    def _passed_attempt(self, employee, kind="full", work_type=None):
        # a passed exam not yet used by any authorisation (as an import would record it)
        return self.env["worksafe.training.attempt"].sudo().create({
            "training_id": self._training(kind, work_type).id, "employee_id": employee.id,
            "state": "passed", "score": 95, "exam_date": self.now()})

    def _temporary_vals(self, employee, attempt, **values):
        now = self.now()
        vals = {"employee_id": employee.id, "kind": "temporary",
                "work_type_ids": [Command.set(self.work_type.ids)],
                "area_ids": [Command.set(self.area.ids)],
                "date_from": now - timedelta(hours=2), "date_to": now + timedelta(hours=20),
                "attempt_id": attempt.id, "briefed_by_id": self.briefer.id,
                "briefing_date": now - timedelta(hours=3)}
        vals.update(values)
        return vals

    # 1 ------------------------------------------------------------------
    def test_authorisation_system_fields_and_revocation_are_final(self):
        self.qualify_crew()
        auth = self.worker.worksafe_authorisation_ids
        officer_auth = auth.with_user(self.officer)
        other = self._passed_attempt(self.worker)
        # (writing a field to its current value is no change: each value differs)
        for vals in ({"state": "revoked"}, {"attempt_id": other.id},
                     {"granted_by_id": self.worker_user.id}, {"kind": "temporary"},
                     {"reminder_sent": self.today()}, {"role": "watcher"},
                     {"date_to": self.now() + timedelta(days=3000)}):
            with self.assertRaises(AccessError, msg=str(vals)):
                officer_auth.write(vals)
        # shortening is an audited action; extending is refused
        until = (self.now() + timedelta(days=10)).replace(microsecond=0)
        officer_auth.action_shorten(until)
        self.assertEqual(auth.date_to, until)
        event = self.env["worksafe.audit.event"].search(
            [("event_type", "=", "authorisation.change"), ("res_id", "=", auth.id)])
        self.assertEqual(event.user_id, self.officer)
        with self.assertRaises(ValidationError):
            officer_auth.action_shorten(self.now() + timedelta(days=20))
        with self.assertRaises(AccessError):
            auth.with_user(self.worker_user).action_shorten(self.now() + timedelta(days=1))
        # a revocation cannot be lifted by writing the state back
        self.env["worksafe.sanction"].with_user(self.officer).create({
            "employee_id": self.worker.id, "authorisation_id": auth.id, "kind": "revocation",
            "reason": "Forged a gas test"})
        self.assertEqual(auth.state, "revoked")
        with self.assertRaises(AccessError):
            officer_auth.write({"state": "valid"})
        with self.assertRaises(UserError):  # frozen
            officer_auth.write({"briefing_notes": "anything"})
        with self.assertRaises(UserError):
            officer_auth.action_shorten(self.now() + timedelta(days=1))
        self.assertEqual(auth.state, "revoked")

    # 2 ------------------------------------------------------------------
    def test_attempts_cannot_be_created_with_results(self):
        training = self._training("briefing")
        Attempt = self.env["worksafe.training.attempt"].with_user(self.officer)
        base = {"training_id": training.id, "employee_id": self.worker.id}
        for vals in ({"state": "passed"}, {"score": 100}, {"exam_date": self.now()},
                     {"trained_at": self.now()}, {"trained_confirmed_by_id": self.officer.id},
                     {"authorisation_id": False}, {"user_input_id": False}):
            with self.assertRaises(AccessError, msg=str(vals)):
                Attempt.create(dict(base, **vals))
        self.assertEqual(Attempt.create(base).state, "training")

    def test_temporary_needs_an_unused_briefing_exam_of_its_work_type(self):
        person = self.env["hr.employee"].create({"name": "Liu Contractor"})
        Auth = self.env["worksafe.authorisation"].with_user(self.officer)
        full = self._passed_attempt(person, "full")
        with self.assertRaises(ValidationError):
            Auth.create(self._temporary_vals(person, full))
        other_type = self.env["worksafe.work.type"].create({"name": "Other", "code": "OTH"})
        elsewhere = self._passed_attempt(person, "briefing", other_type)
        with self.assertRaises(ValidationError):
            Auth.create(self._temporary_vals(person, elsewhere))
        briefing = self._passed_attempt(person, "briefing")
        Auth.create(self._temporary_vals(person, briefing))
        with self.assertRaises(ValidationError):  # the exam is used once
            Auth.create(self._temporary_vals(person, briefing))

    # 3 ------------------------------------------------------------------
    def test_regular_authorisation_needs_a_passed_exam_and_not_oneself(self):
        Auth = self.env["worksafe.authorisation"].with_user(self.officer)
        vals = {"employee_id": self.worker.id,
                "work_type_ids": [Command.set(self.work_type.ids)],
                "date_to": self.now() + timedelta(days=100)}
        with self.assertRaises(ValidationError):
            Auth.create(vals)
        with self.assertRaises(ValidationError):  # someone else's exam
            Auth.create(dict(vals, attempt_id=self._passed_attempt(self.watcher).id))
        with self.assertRaises(ValidationError):  # a watcher's authorisation
            Auth.create(dict(vals, role="watcher",
                             attempt_id=self._passed_attempt(self.worker).id))
        for field, value in (("state", "valid"), ("granted_by_id", self.officer.id),
                             ("reminder_sent", self.today())):
            with self.assertRaises(AccessError):
                Auth.create(dict(vals, **{field: value}))
        auth = Auth.create(dict(vals, attempt_id=self._passed_attempt(self.worker).id))
        self.assertEqual(auth.granted_by_id, self.officer)
        # the officer's own authorisation is granted by someone else
        with self.assertRaises(AccessError):
            Auth.create(dict(vals, employee_id=self.briefer.id,
                             attempt_id=self._passed_attempt(self.briefer).id))
        with self.assertRaises(AccessError):
            Auth.create(self._temporary_vals(
                self.briefer, self._passed_attempt(self.briefer, "briefing")))

    # 4 ------------------------------------------------------------------
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

    # 5 ------------------------------------------------------------------
    def test_submission_decision_and_foreign_scans(self):
        Submission = self.env["worksafe.certificate.submission"].with_user(self.worker_user)
        vals = {"employee_id": self.worker.id, "skill_id": self.skill_weld.id,
                "valid_from": self.today() - timedelta(days=10)}
        for field, value in (("state", "verified"), ("rejection_reason", "x"),
                             ("employee_skill_id", self.certify(self.watcher).id)):
            with self.assertRaises(AccessError):
                Submission.create(dict(vals, **{field: value}))
        # an attachment the worker can read, but not this submission's scan
        foreign = self.env["ir.attachment"].with_user(self.worker_user).create(
            {"name": "other.pdf", "raw": b"pdf"})
        submission = Submission.create(dict(vals, attachment_ids=[Command.set(foreign.ids)]))
        with self.assertRaises(AccessError):
            submission.write({"state": "verified"})
        with self.assertRaises(AccessError):
            submission.write({"rejection_reason": "none"})
        submission.with_user(self.hr_officer).action_verify()
        self.assertEqual(submission.state, "verified")
        self.assertFalse(submission.employee_skill_id.sudo().worksafe_scan_ids)
        self.assertFalse(foreign.sudo().res_model)
        with self.assertRaises(UserError):
            submission.write({"number": "changed"})
        with self.assertRaises(UserError):
            submission.with_user(self.hr_officer).action_reject("late")

    # 6 ------------------------------------------------------------------
    def test_requirement_names_a_worksafe_certificate(self):
        free = self.env["hr.skill.type"].create({
            "name": "Self-recorded certificates", "is_certification": True,
            "skill_ids": [Command.create({"name": "Hobby welding"})],
            "skill_level_ids": [Command.create({"name": "Done", "level_progress": 100})]})
        with self.assertRaises(ValidationError):
            self.env["worksafe.qualification.requirement"].create({
                "work_type_id": self.work_type.id, "role": "worker", "kind": "certificate",
                "skill_id": free.skill_ids.id})
        with self.assertRaises(ValidationError):
            self.req_weld.skill_id = free.skill_ids

    # 7 ------------------------------------------------------------------
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
