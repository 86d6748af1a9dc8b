from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import TrainingCase


class TestCertificateSubmissionDecision(TrainingCase):
    """HR decides a submitted certificate; the submitter can neither decide it nor attach
    other records' scans to it."""

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
