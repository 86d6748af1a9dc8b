from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import RectificationCase


class TestRectificationSecurity(RectificationCase):
    def test_a_worker_cannot_verify(self):
        rect = self.do(self.raise_rect(owner_id=self.applicant.id))
        # the worker is neither the doer nor the owner, and sees it as its creator
        raised = self.raise_rect(user=self.officer)
        self.assertTrue(rect.with_user(self.outsider).search_count([("id", "=", raised.id)])
                        == 0)
        worker_manager = self.raise_rect(owner_id=self.applicant.id,
                                         manager_id=self.approver_1.id)
        del worker_manager
        with self.assertRaises(AccessError):
            rect.with_user(self.worker_user).action_verify()
        self.assertEqual(rect.state, "done")

    def test_a_worker_manager_may_verify(self):
        """The manager named on the rectification verifies even without the approver role."""
        rect = self.do(self.raise_rect(owner_id=self.applicant.id,
                                       manager_id=self.worker_user.id))
        rect.with_user(self.worker_user).action_verify()
        self.assertEqual(rect.state, "verified")

    def test_another_companys_rectification_is_invisible(self):
        rect = self.raise_rect()
        Rect = self.Rect.with_user(self.foreign_worker)
        self.assertFalse(Rect.search([("id", "=", rect.id)]))
        with self.assertRaises(AccessError):
            Rect.browse(rect.id).read(["requirement"])
        foreign_officer = new_test_user(
            self.env, login="ws_foreign_officer", company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
            groups="worksafe_permit.group_worksafe_safety_officer")
        self.assertFalse(self.Rect.with_user(foreign_officer).search([("id", "=", rect.id)]))
        with self.assertRaises(AccessError):
            rect.with_user(foreign_officer).action_verify()

    def test_owners_see_their_own_others_do_not(self):
        rect = self.raise_rect()
        self.assertEqual(self.Rect.with_user(self.owner).search([("id", "=", rect.id)]), rect)
        self.assertFalse(self.Rect.with_user(self.outsider).search([("id", "=", rect.id)]))
        self.assertEqual(self.Rect.with_user(self.verifier).search([("id", "=", rect.id)]),
                         rect, "area authorities see every rectification to verify it")

    def test_anyone_with_worksafe_access_raises_one_from_a_permit(self):
        permit = self.make_permit()
        rect = self.raise_rect(user=self.applicant, permit_id=permit.id,
                               res_model=permit._name, res_id=permit.id,
                               source_type="inspection")
        self.assertEqual(rect.create_uid, self.applicant)
        self.assertTrue(self.Rect.with_user(self.applicant).search([("id", "=", rect.id)]))
        via_api = self.Rect.with_user(self.applicant)._open_from(permit, "Fix the ladder")
        self.assertEqual(via_api.permit_id, permit)
        with self.assertRaises(AccessError):
            self.raise_rect(user=self.applicant)  # not about a permit: safety officers only

    def test_a_worker_cannot_change_what_is_required(self):
        rect = self.raise_rect()
        with self.assertRaises(AccessError):
            rect.with_user(self.owner).write({"deadline": "2099-01-01"})
        with self.assertRaises(AccessError):
            rect.with_user(self.owner).write({"owner_id": self.outsider.id})
        rect.with_user(self.officer).write({"requirement": "Refit both handrails"})
        self.assertEqual(rect.requirement, "Refit both handrails")

    def test_portal_users_see_none(self):
        portal = new_test_user(self.env, login="ws_rect_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.Rect.with_user(portal).search([])
