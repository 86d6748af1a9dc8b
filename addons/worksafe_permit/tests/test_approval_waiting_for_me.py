from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import new_test_user

from ..models.permit_approval import CANDIDATES_ASKED
from ..rules import blockers as b
from .common import WorksafeCase

APPROVER = "worksafe_permit.group_worksafe_approver"


class TestApprovalWaitingForMe(WorksafeCase):
    def waiting(self, user):
        return self.env["worksafe.permit"].with_user(user).search([("can_approve", "=", True)])

    def approvers(self, count, company=None, prefix="ws_more_approver"):
        company = company or self.company
        return self.env["res.users"].concat(*(
            new_test_user(self.env, login=f"{prefix}_{i}", groups=APPROVER,
                          company_id=company.id, company_ids=[Command.set(company.ids)])
            for i in range(count)))

    def group_first_step(self):
        """The first step of the chain asks anyone holding the approver role."""
        self.variant.approval_step_ids.sorted("sequence")[0].area_authority = False

    # ------------------------------------------------------------------ waiting for me
    def test_each_approver_sees_the_permit_when_it_is_their_turn(self):
        permit = self.submit(self.make_permit())
        self.assertIn(permit, self.waiting(self.approver_1))  # the area authority first
        self.assertNotIn(permit, self.waiting(self.approver_2))
        self.assertNotIn(permit, self.waiting(self.applicant))
        self.assertIn(permit, self.env["worksafe.permit"].with_user(self.approver_2).search(
            [("can_approve", "=", False)]))
        permit.with_user(self.approver_1)._approve_step(comment="ok")
        self.assertNotIn(permit, self.waiting(self.approver_1))  # one person, one step
        self.assertIn(permit, self.waiting(self.approver_2))
        permit.with_user(self.approver_2)._approve_step(site_checked=True)
        self.assertEqual(permit.state, "approved")
        self.assertNotIn(permit, self.waiting(self.approver_2))

    def test_waiting_for_me_filter_and_menu_exist(self):
        action = self.env.ref("worksafe_permit.action_worksafe_permit_waiting_for_me")
        self.assertIn("search_default_waiting_for_me", action.context)
        arch = self.env.ref("worksafe_permit.worksafe_permit_view_search").arch
        self.assertIn('name="waiting_for_me"', arch)

    # ------------------------------------------------------------------ refusals
    def test_refusal_says_why_and_who_can(self):
        permit = self.submit(self.make_permit())
        with self.assertRefused(b.NOT_AREA_AUTHORITY) as caught:
            permit.with_user(self.approver_2)._approve_step()
        self.assertEqual(caught.exception.candidates, self.approver_1)
        self.assertIn(self.approver_1.name, caught.exception.args[0])
        with self.assertRefused(b.NOT_AREA_AUTHORITY):
            permit.with_user(self.approver_2)._reject("Not my area")
        self.assertEqual(permit.state, "submitted")

    def test_approve_dialog_tells_why_and_who_before_trying(self):
        permit = self.submit(self.make_permit())
        Wizard = self.env["worksafe.permit.approve.wizard"]
        refused = Wizard.with_user(self.approver_2).create({"permit_id": permit.id})
        self.assertTrue(refused.refusal)
        self.assertIn(self.approver_1.name, refused.refusal)
        allowed = Wizard.with_user(self.approver_1).create({"permit_id": permit.id})
        self.assertFalse(allowed.refusal)

    def test_refusals_are_judged_per_user(self):
        permit = self.submit(self.make_permit())
        current = permit._current_approval()
        self.assertEqual(b.codes(current._refusals(self.applicant)), [b.OWN_PERMIT])
        self.assertEqual(b.codes(current._refusals(self.worker_user)), [b.ROLE_MISSING])
        self.assertEqual(b.codes(current._refusals(self.approver_2)), [b.NOT_AREA_AUTHORITY])
        self.assertFalse(current._refusals(self.approver_1))

    # ------------------------------------------------------------------ candidates
    def test_approvers_of_another_company_are_neither_read_nor_asked(self):
        self.group_first_step()
        foreign = self.approvers(3, self.other_company, "ws_foreign_approver")
        permit = self.submit(self.make_permit())  # as the applicant: no AccessError
        asked = permit.activity_ids.user_id
        self.assertTrue(asked)
        self.assertFalse(asked & foreign)
        for user in asked | permit._current_approval()._candidates():
            self.assertIn(self.company, user.sudo().company_ids)
        self.assertFalse(foreign[0].with_user(foreign[0]).env["worksafe.permit"].search(
            [("can_approve", "=", True)]))

    def test_candidates_are_judged_lazily(self):
        self.group_first_step()
        self.approvers(30)
        Permit = type(self.env["worksafe.permit"])
        original = Permit._get_blockers
        judged = []

        def counting(permit, stage, now=None, **options):
            if stage == "approve":
                judged.append(len(options["users"]))
            return original(permit, stage, now, **options)

        permit = self.make_permit()
        with patch.object(Permit, "_get_blockers", counting):
            self.submit(permit)
        self.assertEqual(sum(judged), CANDIDATES_ASKED, judged)
        self.assertEqual(len(permit.activity_ids), CANDIDATES_ASKED)
