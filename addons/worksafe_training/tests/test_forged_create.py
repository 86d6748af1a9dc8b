"""Training records (authorisations, exams, exceptions, certificates, sanctions,
violations) cannot be forged when created, and nobody decides on their own exception."""
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import TrainingCase
from odoo.addons.worksafe_permit.tests.forged_create import ForgedCreateMixin


class TestTrainingForgedCreate(ForgedCreateMixin, TrainingCase):
    MODULE = "worksafe_training"

    def makers(self):
        draft = self.make_permit()
        training = self.make_training()
        return {
            "worksafe.authorisation": (self.officer, lambda: {
                "employee_id": self.worker.id, "work_type_ids": [Command.set(self.work_type.ids)],
                "date_to": self.now() + timedelta(days=100),
                "attempt_id": self.passed_attempt(self.worker).id}),
            "worksafe.qualification.exception": (self.applicant, lambda: {
                "permit_id": draft.id, "employee_id": self.worker.id,
                "reason": "Certificate renewal under way"}),
            "worksafe.training.attempt": (self.officer, lambda: {
                "training_id": training.id, "employee_id": self.worker.id}),
            "worksafe.certificate.submission": (self.worker_user, lambda: {
                "employee_id": self.worker.id, "skill_id": self.skill_weld.id,
                "valid_from": self.today() - timedelta(days=10)}),
            "worksafe.sanction": (self.officer, lambda: {
                "employee_id": self.worker.id, "kind": "warning", "reason": "No harness"}),
            "worksafe.violation": (self.watcher_user, lambda: {
                "name": "No harness", "employee_id": self.worker.id}),
        }

    def test_no_system_field_is_forged_on_create(self):
        self.assertGreater(self._check_forged_creates(), 15)

    def test_certificate_cannot_come_from_context_defaults(self):
        with self.assertRaises(AccessError):
            self.env["hr.employee.skill"].with_user(self.worker_user).with_context(
                default_skill_type_id=self.skill_type.id, default_skill_id=self.skill_weld.id,
                default_valid_to=self.today() + timedelta(days=3000),
            ).create({"employee_id": self.worker.id,
                      "skill_level_id": self.skill_type.skill_level_ids.id})

    def test_officer_does_not_approve_an_exception_naming_themselves(self):
        other_officer = new_test_user(
            self.env, login="ws_officer_2", groups="worksafe_permit.group_worksafe_safety_officer",
            company_id=self.company.id, company_ids=[Command.set(self.company.ids)])
        permit = self.make_permit()
        exception = self.env["worksafe.qualification.exception"].with_user(
            self.applicant).create({"permit_id": permit.id, "employee_id": self.briefer.id,
                                    "reason": "Certificate renewal under way"})
        with self.assertRaises(AccessError):
            exception.with_user(self.officer).action_approve()
        self.assertEqual(exception.state, "requested")
        exception.with_user(other_officer).action_approve()
        self.assertEqual((exception.state, exception.decided_by_id),
                         ("approved", other_officer))

    def test_submission_scans_belong_to_the_submission(self):
        other = self.env["ir.attachment"].create({
            "name": "someone-else.pdf", "raw": b"%PDF-1.4", "res_model": "res.partner",
            "res_id": self.env.user.partner_id.id})
        Submission = self.env["worksafe.certificate.submission"].with_user(self.worker_user)
        with self.assertRaises(AccessError):
            Submission.create({"employee_id": self.worker.id, "skill_id": self.skill_weld.id,
                               "valid_from": self.today(),
                               "attachment_ids": [Command.set(other.ids)]})
        own = self.env["ir.attachment"].with_user(self.worker_user).create({
            "name": "mine.pdf", "raw": b"%PDF-1.4"})
        submission = Submission.create({
            "employee_id": self.worker.id, "skill_id": self.skill_weld.id,
            "valid_from": self.today(), "attachment_ids": [Command.set(own.ids)]})
        self.assertEqual(submission.attachment_ids, own)
