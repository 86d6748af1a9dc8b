from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import TrainingCase


class TestMultiCompanyCertificates(TrainingCase):
    """Two plants: nobody working only for one reads the other's certificates (numbers,
    issuers, scans) nor its training records, whatever hr_skills lets them read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign_hr_officer = new_test_user(
            cls.env, login="ws_foreign_hr", company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
            groups="hr.group_hr_user,worksafe_permit.group_worksafe_safety_officer")
        cls.foreign_welder = cls.env["hr.employee"].create({
            "name": "Foreign Welder", "company_id": cls.other_company.id})

    def foreign_certificate(self):
        cert = self.env["hr.employee.skill"].create({
            "employee_id": self.foreign_welder.id, "skill_type_id": self.skill_type.id,
            "skill_id": self.skill_weld.id, "skill_level_id": self.skill_type.skill_level_ids.id,
            "valid_from": self.today() - timedelta(days=10),
            "valid_to": self.today() + timedelta(days=300),
            "worksafe_number": "B-555", "worksafe_issuer": "Other province"})
        scan = self.env["ir.attachment"].create({
            "name": "b555.png", "raw": b"png", "res_model": cert._name, "res_id": cert.id})
        cert.worksafe_scan_ids = [Command.set(scan.ids)]
        self.env.flush_all()
        return cert, scan

    def home_users(self):
        return self.worker_user | self.officer | self.hr_officer

    def test_certificate_of_another_company_is_not_readable(self):
        cert, scan = self.foreign_certificate()
        for user in self.home_users():
            with self.subTest(user=user.login):
                Skill = self.env["hr.employee.skill"].with_user(user)
                self.assertFalse(Skill.search([("id", "=", cert.id)]))
                self.assertFalse(Skill.search([("worksafe_number", "=", "B-555")]))
                with self.assertRaises(AccessError):
                    cert.with_user(user).read(["worksafe_number", "worksafe_issuer"])
                with self.assertRaises(AccessError):
                    scan.with_user(user).read(["raw"])
        self.assertEqual(cert.with_user(self.foreign_hr_officer).worksafe_number, "B-555")
        self.assertEqual(scan.with_user(self.foreign_hr_officer).raw, b"png")

    def test_own_company_certificate_is_not_readable_abroad(self):
        cert = self.certify(self.worker)
        self.env.flush_all()
        self.assertEqual(cert.with_user(self.hr_officer).worksafe_number, f"T-{self.worker.id}")
        with self.assertRaises(AccessError):
            cert.with_user(self.foreign_hr_officer).read(["worksafe_number"])

    def test_user_of_both_companies_reads_both(self):
        cert, _scan = self.foreign_certificate()
        self.hr_officer.company_ids = [Command.link(self.other_company.id)]
        both = (self.company | self.other_company).ids
        Skill = self.env["hr.employee.skill"].with_user(self.hr_officer).with_context(
            allowed_company_ids=both)
        self.assertEqual(Skill.browse(cert.id).worksafe_number, "B-555")

    def test_other_skills_keep_hr_skills_behaviour(self):
        languages = self.env["hr.skill.type"].create({
            "name": "Test languages",
            "skill_ids": [Command.create({"name": "Test Mandarin"})],
            "skill_level_ids": [Command.create({"name": "Fluent", "level_progress": 100})]})
        skill = self.env["hr.employee.skill"].create({
            "employee_id": self.foreign_welder.id, "skill_type_id": languages.id,
            "skill_id": languages.skill_ids.id, "skill_level_id": languages.skill_level_ids.id})
        self.env.flush_all()
        self.assertTrue(self.env["hr.employee.skill"].with_user(self.worker_user).search(
            [("id", "=", skill.id)]))

    def test_certification_report_is_company_bound(self):
        self.foreign_certificate()
        Report = self.env["hr.employee.certification.report"]
        domain = [("employee_id", "=", self.foreign_welder.id)]
        self.assertFalse(Report.with_user(self.hr_officer).search(domain))
        self.assertTrue(Report.with_user(self.foreign_hr_officer).search(domain))

    def test_training_records_of_another_company_are_not_readable(self):
        self.foreign_certificate()
        submission = self.env["worksafe.certificate.submission"].create({
            "employee_id": self.foreign_welder.id, "skill_id": self.skill_weld.id,
            "number": "B-556", "valid_from": self.today()})
        auth = self.env["worksafe.authorisation"].with_context(
            allowed_company_ids=self.other_company.ids).create({
                "employee_id": self.foreign_welder.id, "company_id": self.other_company.id,
                "role": "worker", "work_type_ids": [Command.set(self.work_type.ids)],
                "date_from": self.now() - timedelta(days=1),
                "date_to": self.now() + timedelta(days=30)})
        compliance = self.env["worksafe.compliance.record"].create({
            "employee_id": self.foreign_welder.id, "company_id": self.other_company.id,
            "period_type": "month", "period_start": self.today().replace(day=1),
            "period_end": self.today().replace(day=1) + timedelta(days=31)})
        self.env.flush_all()
        for record in (submission, auth, compliance):
            for user in self.home_users():
                with self.subTest(model=record._name, user=user.login):
                    self.assertFalse(self.env[record._name].with_user(user).search(
                        [("id", "=", record.id)]))
            self.assertTrue(self.env[record._name].with_user(self.foreign_hr_officer).search(
                [("id", "=", record.id)]))

    def test_exceptions_of_another_company_are_not_readable(self):
        permit = self.make_permit()
        exception = self.env["worksafe.qualification.exception"].with_user(
            self.applicant).create({"permit_id": permit.id, "employee_id": self.worker.id,
                                    "reason": "Apprentice under supervision"})
        self.assertEqual(exception.company_id, self.company)
        Exception_ = self.env["worksafe.qualification.exception"]
        self.assertEqual(Exception_.with_user(self.officer).search(
            [("id", "=", exception.id)]), exception)
        self.assertFalse(Exception_.with_user(self.foreign_hr_officer).search(
            [("id", "=", exception.id)]))

    def test_audit_event_of_a_record_without_permit_belongs_to_its_company(self):
        auth = self.env["worksafe.authorisation"].with_user(self.officer).sudo().create({
            "employee_id": self.foreign_welder.id, "company_id": self.other_company.id,
            "role": "worker", "work_type_ids": [Command.set(self.work_type.ids)],
            "date_from": self.now() - timedelta(days=1),
            "date_to": self.now() + timedelta(days=30)})
        event = self.env["worksafe.audit.event"].search(
            [("res_model", "=", auth._name), ("res_id", "=", auth.id)])
        self.assertTrue(event)
        self.assertEqual(event.company_id, self.other_company)
        self.assertFalse(event.with_user(self.officer).search([("id", "in", event.ids)]))
        self.assertEqual(event.with_user(self.foreign_hr_officer).search(
            [("id", "in", event.ids)]), event)
