from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourQualifications(HttpCase):
    """HR records a certificate, a worker passes the exam from their own login, and a
    contractor's portal user sees their staff on a phone (demo plant)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("worksafe_permit.demo_user_planner", raise_if_not_found=False):
            cls.skipTest(cls, "the tours walk the demo plant: install with demo data")
        cls.wu_tao = cls.env.ref("worksafe_permit.demo_employee_worker2")

    def test_hr_records_a_certificate(self):
        # The demo has no HR officer login: the plant's HR clerk, set up for the tour.
        hr = self.env["res.users"].create({
            "name": "Gao Ping (HR)", "login": "ws_tour_hr", "password": "ws_tour_hr",
            "group_ids": [Command.set([self.env.ref("hr.group_hr_user").id,
                                       self.env.ref("worksafe_permit.group_worksafe_worker").id])],
        })
        self.start_tour("/odoo/action-worksafe_training.action_worksafe_certificate",
                        "worksafe_hr_certificate_tour", login=hr.login)
        cert = self.env["hr.employee.skill"].search([
            ("employee_id", "=", self.wu_tao.id),
            ("skill_id", "=", self.env.ref("worksafe_training.skill_welding").id),
            ("worksafe_number", "=", "T320411199001011234")])
        self.assertEqual(len(cert), 1)
        self.assertEqual(cert.create_uid, hr)

    def test_worker_passes_the_exam(self):
        training = self.env.ref("worksafe_training.training_hot_work_worker")
        officer = self.env.ref("worksafe_permit.demo_user_safety1")
        attempt = training.with_user(officer).action_enrol(self.wu_tao)
        attempt.with_user(officer).action_training_done()
        self.assertEqual(attempt.state, "exam")
        url = attempt.with_user(self.wu_tao.user_id).action_take_exam()["url"]
        self.start_tour(url, "worksafe_worker_exam_tour", login="ws_worker2")
        self.assertEqual(attempt.state, "passed")
        auth = attempt.authorisation_id
        self.assertEqual((auth.employee_id, auth.role, auth.kind),
                         (self.wu_tao, "worker", "regular"))
        self.assertIn(self.env.ref("worksafe_permit.work_type_hot_work"), auth.work_type_ids)


@tagged("post_install", "-at_install")
class TestTourPortalPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_contractor_sees_staff_on_a_phone(self):
        if not self.env.ref("worksafe_permit.demo_user_portal_hengtai",
                            raise_if_not_found=False):
            self.skipTest("the tours walk the demo plant: install with demo data")
        # Set-up outside the path (the demo does not link them yet): HR has recorded Hengtai's
        # staff as its people, and the foreman's welding certificate.
        hengtai = self.env.ref("worksafe_permit.demo_user_portal_hengtai").commercial_partner_id
        staff = self.env["hr.employee"].search([("user_id.login", "like", "ws_ht_")])
        staff.filtered(lambda e: not e.worksafe_contractor_id).worksafe_contractor_id = hengtai
        lu_gang = self.env.ref("worksafe_permit.demo_employee_ht_lugang")
        welding = self.env.ref("worksafe_training.skill_welding")
        if not lu_gang.employee_skill_ids.filtered(lambda s: s.skill_id == welding):
            self.env["hr.employee.skill"].create({
                "employee_id": lu_gang.id, "skill_id": welding.id,
                "skill_type_id": welding.skill_type_id.id,
                "skill_level_id": welding.skill_type_id.skill_level_ids[:1].id,
                "valid_from": "2025-01-01", "valid_to": "2029-12-31",
                "worksafe_number": "T320400198805061234",
            })
        self.start_tour("/my/qualifications", "worksafe_portal_staff_phone_tour",
                        login="ws_portal_hengtai")
