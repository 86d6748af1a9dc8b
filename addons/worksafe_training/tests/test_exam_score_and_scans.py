import base64

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command

from .common import TrainingCase


class TestExamScoreAndScans(TrainingCase):
    """An exam score is a finite percentage; a WorkSafe certificate's scans change only by HR,
    also through ``ir.attachment``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training = cls.env["worksafe.training"].create({
            "name": "Score checks", "work_type_id": cls.work_type.id, "role": "worker",
            "validity_months": 6,
        })

    def test_bad_scores_are_refused(self):
        attempt = self.training.with_user(self.officer).action_enrol(self.worker)
        attempt.with_user(self.officer).action_training_done()
        for score in ("abc", None, [90], True, float("nan"), float("inf"), -5, 100.5, 1e9):
            with self.subTest(score=score), self.assertRaises(ValidationError):
                attempt.with_user(self.officer).action_record_exam(score)
            self.assertEqual(attempt.state, "exam")
        attempt.with_user(self.officer).action_record_exam(100)
        self.assertEqual(attempt.state, "passed")
        self.assertEqual(attempt.score, 100)

    def test_certificate_scans_change_only_by_hr(self):
        skill = self.certify(self.worker)
        scan = self.env["ir.attachment"].with_user(self.hr_officer).create({
            "name": "cert.pdf", "raw": b"%PDF certificate", "res_model": skill._name,
            "res_id": skill.id})
        skill.with_user(self.hr_officer).write({"worksafe_scan_ids": [Command.link(scan.id)]})
        checksum = scan.checksum
        for user in (self.worker_user, self.applicant):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    scan.with_user(user).write({"datas": base64.b64encode(b"forged")})
                with self.assertRaises(AccessError):
                    scan.with_user(user).write({"res_id": skill.id + 1})
                with self.assertRaises(AccessError):
                    scan.with_user(user).unlink()
        scan.invalidate_recordset()
        self.assertEqual(scan.checksum, checksum)
        scan.with_user(self.hr_officer).write({"name": "certificate.pdf"})
        self.assertEqual(scan.name, "certificate.pdf")
