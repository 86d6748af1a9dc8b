from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import TrainingCase


class TestAuthorisationGrantAndRevocation(TrainingCase):
    """An authorisation is granted from a passed exam of its own kind and work type, never by
    its holder; its system fields change only through actions and a revocation is final."""

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

    def test_authorisation_system_fields_and_revocation_are_final(self):
        self.qualify_crew()
        auth = self.worker.worksafe_authorisation_ids
        officer_auth = auth.with_user(self.officer)
        other = self.passed_attempt(self.worker)
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

    def test_temporary_needs_an_unused_briefing_exam_of_its_work_type(self):
        person = self.env["hr.employee"].create({"name": "Liu Contractor"})
        Auth = self.env["worksafe.authorisation"].with_user(self.officer)
        full = self.passed_attempt(person, "full")
        with self.assertRaises(ValidationError):
            Auth.create(self._temporary_vals(person, full))
        other_type = self.env["worksafe.work.type"].create({"name": "Other", "code": "OTH"})
        elsewhere = self.passed_attempt(person, "briefing", other_type)
        with self.assertRaises(ValidationError):
            Auth.create(self._temporary_vals(person, elsewhere))
        briefing = self.passed_attempt(person, "briefing")
        Auth.create(self._temporary_vals(person, briefing))
        with self.assertRaises(ValidationError):  # the exam is used once
            Auth.create(self._temporary_vals(person, briefing))

    def test_regular_authorisation_needs_a_passed_exam_and_not_oneself(self):
        Auth = self.env["worksafe.authorisation"].with_user(self.officer)
        vals = {"employee_id": self.worker.id,
                "work_type_ids": [Command.set(self.work_type.ids)],
                "date_to": self.now() + timedelta(days=100)}
        with self.assertRaises(ValidationError):
            Auth.create(vals)
        with self.assertRaises(ValidationError):  # someone else's exam
            Auth.create(dict(vals, attempt_id=self.passed_attempt(self.watcher).id))
        with self.assertRaises(ValidationError):  # a watcher's authorisation
            Auth.create(dict(vals, role="watcher",
                             attempt_id=self.passed_attempt(self.worker).id))
        for field, value in (("state", "valid"), ("granted_by_id", self.officer.id),
                             ("reminder_sent", self.today())):
            with self.assertRaises(AccessError):
                Auth.create(dict(vals, **{field: value}))
        auth = Auth.create(dict(vals, attempt_id=self.passed_attempt(self.worker).id))
        self.assertEqual(auth.granted_by_id, self.officer)
        # the officer's own authorisation is granted by someone else
        with self.assertRaises(AccessError):
            Auth.create(dict(vals, employee_id=self.briefer.id,
                             attempt_id=self.passed_attempt(self.briefer).id))
        with self.assertRaises(AccessError):
            Auth.create(self._temporary_vals(
                self.briefer, self.passed_attempt(self.briefer, "briefing")))
