from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TrainingCase


class PortalSetup:

    @classmethod
    def _contractors(cls):
        cls.acme = cls.env["res.partner"].create({"name": "Acme Contracting",
                                                  "is_company": True})
        cls.bolt = cls.env["res.partner"].create({"name": "Bolt Services",
                                                  "is_company": True})
        cls.acme_contact = cls.env["res.partner"].create({"name": "Acme Boss",
                                                          "parent_id": cls.acme.id})
        cls.bolt_contact = cls.env["res.partner"].create({"name": "Bolt Boss",
                                                          "parent_id": cls.bolt.id})
        cls.acme_portal = new_test_user(cls.env, login="acme_portal", groups="base.group_portal",
                                        partner_id=cls.acme_contact.id)
        cls.bolt_portal = new_test_user(cls.env, login="bolt_portal", groups="base.group_portal",
                                        partner_id=cls.bolt_contact.id)
        Employee = cls.env["hr.employee"]
        cls.acme_staff = Employee.create({"name": "Acme Welder",
                                          "worksafe_contractor_id": cls.acme.id})
        cls.bolt_staff = Employee.create({"name": "Bolt Fitter",
                                          "worksafe_contractor_id": cls.bolt.id})
        now = cls.env.cr.now().replace(tzinfo=None)
        Auth = cls.env["worksafe.authorisation"]
        cls.acme_auth = Auth.create({"employee_id": cls.acme_staff.id,
                                     "work_type_ids": [Command.set(cls.work_type.ids)],
                                     "date_to": now + timedelta(days=100)})
        cls.bolt_auth = Auth.create({"employee_id": cls.bolt_staff.id,
                                     "work_type_ids": [Command.set(cls.work_type.ids)],
                                     "date_to": now + timedelta(days=100)})


class TestPortalIsolation(TrainingCase, PortalSetup):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._contractors()

    def test_portal_users_see_only_their_company(self):
        Auth = self.env["worksafe.authorisation"]
        self.assertEqual(Auth.with_user(self.acme_portal).search([]), self.acme_auth)
        self.assertEqual(Auth.with_user(self.bolt_portal).search([]), self.bolt_auth)
        with self.assertRaises(AccessError):
            self.bolt_auth.with_user(self.acme_portal).read(["date_to"])
        with self.assertRaises(AccessError):
            self.acme_auth.with_user(self.acme_portal).write({"role": "watcher"})

    def test_portal_attempts_and_submissions_isolated(self):
        training = self.make_training()
        attempts = training.action_enrol(self.acme_staff | self.bolt_staff)
        Attempt = self.env["worksafe.training.attempt"]
        self.assertEqual(Attempt.with_user(self.acme_portal).search([]),
                         attempts.filtered(lambda a: a.employee_id == self.acme_staff))
        Submission = self.env["worksafe.certificate.submission"]
        sub = Submission.create({"employee_id": self.bolt_staff.id,
                                 "skill_id": self.skill_weld.id,
                                 "valid_from": self.today()})
        self.assertFalse(Submission.with_user(self.acme_portal).search([]))
        self.assertEqual(Submission.with_user(self.bolt_portal).search([]), sub)

    def test_internal_staff_invisible_to_portal(self):
        self.qualify_crew()
        self.assertEqual(self.env["worksafe.authorisation"].with_user(self.acme_portal)
                         .search([]), self.acme_auth)


@tagged("post_install", "-at_install")
class TestPortalPages(HttpCase, PortalSetup):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work_type = cls.env["worksafe.work.type"].create(
            {"name": "Portal work", "code": "portal_work"})
        cls.skill_type = cls.env["hr.skill.type"].create({
            "name": "Portal certificates", "is_certification": True, "worksafe_kind": "state",
            "skill_ids": [Command.create({"name": "Portal welding"})],
            "skill_level_ids": [Command.create({"name": "Certified", "level_progress": 100})],
        })
        cls._contractors()

    def test_page_shows_only_own_company(self):
        self.authenticate("acme_portal", "acme_portal")
        response = self.url_open("/my/qualifications")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Acme Welder", response.text)
        self.assertNotIn("Bolt Fitter", response.text)

    def test_upload_for_own_staff_only(self):
        self.authenticate("acme_portal", "acme_portal")
        page = self.url_open("/my/qualifications")
        self.assertEqual(page.status_code, 200)
        skill = self.skill_type.skill_ids
        files = {"scan": ("cert.png", b"\x89PNG fake", "image/png")}
        data = {"csrf_token": Request.csrf_token(self), "skill_id": skill.id,
                "valid_from": "2025-01-01", "valid_to": "2027-01-01", "number": "X1"}
        self.url_open("/my/qualifications/upload", data=dict(data, employee_id=self.bolt_staff.id),
                      files=files)
        self.url_open("/my/qualifications/upload",
                      data=dict(data, employee_id=self.acme_staff.id), files=files)
        subs = self.env["worksafe.certificate.submission"].search(
            [("skill_id", "=", skill.id)])
        self.assertEqual(subs.employee_id, self.acme_staff)
        self.assertEqual(subs.attachment_ids.res_id, subs.id)
