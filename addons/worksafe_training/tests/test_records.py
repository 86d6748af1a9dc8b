from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command

from .common import TrainingCase


class TestRecordsAndAccess(TrainingCase):

    def test_only_hr_officers_record_certificates(self):
        with self.assertRaises(AccessError):
            self.env["hr.employee.skill"].with_user(self.worker_user).create({
                "employee_id": self.worker.id, "skill_type_id": self.skill_type.id,
                "skill_id": self.skill_weld.id,
                "skill_level_id": self.skill_type.skill_level_ids.id})
        cert = self.certify(self.worker)
        with self.assertRaises(AccessError):
            cert.with_user(self.worker_user).write({"valid_to": False})

    def test_scan_submission_verified_by_hr(self):
        submission = self.env["worksafe.certificate.submission"].with_user(
            self.worker_user).create({
                "employee_id": self.worker.id, "skill_id": self.skill_weld.id,
                "number": "T-123", "valid_from": self.today() - timedelta(days=10),
                "valid_to": self.today() + timedelta(days=700)})
        attachment = self.env["ir.attachment"].with_user(self.worker_user).create(
            {"name": "cert.png", "raw": b"png", "res_model": submission._name,
             "res_id": submission.id})
        submission.with_user(self.worker_user).write(
            {"attachment_ids": [Command.set(attachment.ids)]})
        with self.assertRaises(AccessError):
            submission.with_user(self.worker_user).action_verify()
        submission.with_user(self.hr_officer).action_verify()
        skill = submission.employee_skill_id
        self.assertEqual((skill.employee_id, skill.skill_id, skill.worksafe_number),
                         (self.worker, self.skill_weld, "T-123"))
        self.assertEqual(skill.sudo().worksafe_scan_ids, attachment)
        self.assertEqual((attachment.sudo().res_model, attachment.sudo().res_id),
                         (skill._name, skill.id))

    def test_workers_see_only_their_own_records(self):
        self.qualify_crew()
        Auth = self.env["worksafe.authorisation"]
        mine = Auth.with_user(self.worker_user).search([])
        self.assertEqual(mine.employee_id, self.worker)
        self.assertEqual(len(Auth.with_user(self.officer).search(
            [("employee_id", "in", (self.worker | self.watcher | self.performer).ids)])), 3)
        other = self.watcher.worksafe_authorisation_ids
        with self.assertRaises(AccessError):
            other.with_user(self.worker_user).read(["date_to"])

    def test_reminders_raise_activities_and_mail_the_contractor(self):
        contractor = self.env["res.partner"].create({"name": "Acme Contracting",
                                                     "is_company": True,
                                                     "email": "acme@example.com"})
        self.worker.worksafe_contractor_id = contractor
        self.certify(self.worker, days_to=10)
        self.authorise(self.worker, date_to=self.now() + timedelta(days=5))
        self.certify(self.watcher, days_to=200)  # outside the horizon
        self.env["worksafe.qualification.reminder"]._cron_expiry_reminders()
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "hr.employee"), ("res_id", "=", self.worker.id),
            ("activity_type_id", "=", self.env.ref(
                "worksafe_training.mail_activity_renew_qualification").id)])
        self.assertEqual(len(activities), 2)
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "hr.employee"), ("res_id", "=", self.watcher.id)]))
        message = contractor.message_ids.filtered(lambda m: "Wang Worker" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(contractor, message.partner_ids)
        # each item is reminded once
        self.env["worksafe.qualification.reminder"]._cron_expiry_reminders()
        self.assertEqual(len(activities.search([("id", "in", activities.ids)])), 2)
        self.assertEqual(self.env["mail.activity"].search_count([
            ("res_model", "=", "hr.employee"), ("res_id", "=", self.worker.id)]), 2)

    def test_renewed_certificate_is_not_reminded(self):
        self.certify(self.worker, days_to=10)
        self.certify(self.worker, days_from=5, days_to=800)
        self.env["worksafe.qualification.reminder"]._cron_expiry_reminders()
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "hr.employee"), ("res_id", "=", self.worker.id)]))

    def test_compliance_records_reports_and_scorecard(self):
        self.qualify_crew()
        contractor = self.env["res.partner"].create({"name": "Acme Contracting",
                                                     "is_company": True})
        self.worker.worksafe_contractor_id = contractor
        permit, token = self.ready_to_start()
        self.start(permit, token)
        violation = self.env["worksafe.violation"].with_user(self.watcher_user).create({
            "name": "No helmet", "employee_id": self.worker.id, "permit_id": permit.id,
            "deadline": self.now() + timedelta(hours=1)})
        violation.with_user(self.watcher_user).action_rectified()
        self.env["worksafe.sanction"].with_user(self.officer).create({
            "employee_id": self.worker.id, "kind": "warning", "reason": "No helmet",
            "violation_id": violation.id})
        wizard = self.env["worksafe.compliance.wizard"].with_user(self.officer).create(
            {"period_type": "quarter", "day": self.today()})
        crew = self.worker | self.watcher | self.performer
        records = wizard._records().filtered(lambda r: r.employee_id in crew)
        worker = records.filtered(lambda r: r.employee_id == self.worker)
        self.assertEqual((worker.permits_worked, worker.violations, worker.rectified_on_time,
                          worker.sanctions), (1, 1, 1, 1))
        self.assertEqual(worker.steps_total, 3)
        self.assertAlmostEqual(worker.step_completion, 33.3)
        self.assertAlmostEqual(worker.score, 33.3 - 10 - 10)
        self.assertEqual(worker.contractor_id, contractor)
        cards = {c["contractor"]: c for c in records._scorecard()}
        self.assertEqual(cards["Acme Contracting"]["people"], 1)
        self.assertEqual(cards["Own staff"]["people"], 2)
        # PDF (HTML in tests)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "worksafe_training.report_compliance", records.ids)
        self.assertIn(b"Acme Contracting", html)
        self.assertIn(b"Wang Worker", html)
        # XLSX: a real workbook (a zip) offered for download
        action = wizard.action_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3]
                                                          .split("?")[0]))
        self.assertTrue(attachment.raw.startswith(b"PK"))
        # regenerating replaces the period's records
        again = wizard._records().filtered(lambda r: r.employee_id in crew)
        self.assertEqual(len(again), 3)
