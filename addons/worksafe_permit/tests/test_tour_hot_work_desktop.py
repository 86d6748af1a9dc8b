from odoo.tests import tagged

from ..exceptions import ApprovalRefused
from .tour_common import WorksafeTourCase

PERMITS = "/odoo/action-worksafe_permit.action_worksafe_permit"
WAITING_FOR_ME = "/odoo/action-worksafe_permit.action_worksafe_permit_waiting_for_me"
TO_APPROVE = "/odoo/action-worksafe_permit.action_worksafe_permit_to_approve"


@tagged("post_install", "-at_install")
class TestTourHotWorkDesktop(WorksafeTourCase):
    """Desktop: the planner requests hot work from the template, each approver approves from
    the permits waiting for them, the safety officer confirms the measures and issues."""

    def test_hot_work_from_request_to_issue(self):
        crew = self.crew_roles()
        # what HR recorded long before this permit: the crew's and approvers' qualifications
        self.grant_missing_qualifications(
            self.env["worksafe.permit"].new(self.hot_work_values()), crew)

        self.start_tour(PERMITS, "worksafe_hot_work_apply_tour", login="ws_planner")
        permit = self.env["worksafe.permit"].search([("area_id", "=", self.area.id)])
        self.assertEqual(len(permit), 1)
        self.assertEqual(permit.state, "submitted")
        self.assertEqual(permit.applicant_id, self.user["planner"])
        self.assertEqual(permit.template_id, self.env.ref(
            "worksafe_permit.template_hot_work_chemical"))
        self.assertTrue(permit.running_equipment)
        self.assertEqual(permit.performing_authority_id, self.employee["worker1"])
        self.assertTrue(permit.measure_ids)
        self.assertEqual(set(permit.measure_ids.mapped("applies")), {"yes"})
        self.assertTrue(permit.approval_ids)

        approver2 = self.env.ref("worksafe_permit.demo_user_approver2")
        used = self.env["res.users"]
        for index, approval in enumerate(permit.approval_ids.sorted("sequence")):
            approver = self.approver_for(permit, approval, used)
            used |= approver
            self.grant_missing_qualifications(permit, {approver.employee_id: "approver"})
            if index == 0 and approval._refusals(approver2):
                # ws_approver2's hot-work approver authorisation is deliberately expired
                # (worksafe_training's demo data): they press Approve and are told why
                self.walk_refusal(permit, approver2)
            self.start_tour(WAITING_FOR_ME, "worksafe_permit_approve_tour",
                            login=approver.login)
            self.assertEqual(approval.state, "approved", approval.name)
            self.assertEqual(approval.user_id, approver)
            if index == 0:
                # each step needs a different person: the first approver cannot take the next
                self.walk_refusal(permit, approver)
        self.assertEqual(permit.state, "approved")

        issuer = self.user["safety2"] if self.user["safety2"] not in used else self.user["safety1"]
        self.start_tour(TO_APPROVE, "worksafe_permit_issue_tour", login=issuer.login)
        self.assertEqual(permit.state, "issued")
        self.assertEqual(permit.issuer_id, issuer)
        self.assertTrue(all(m.confirmed_by_id == issuer
                            for m in permit.measure_ids.filtered(lambda m: m.applies == "yes")))

    def walk_refusal(self, permit, user):
        """`user` presses Approve on `permit` and is told why not and who can; nothing is
        decided."""
        current = permit._current_approval()
        self.assertTrue(current._refusals(user), user.login)
        self.start_tour(f"/odoo/worksafe.permit/{permit.id}",
                        "worksafe_permit_approve_refused_tour", login=user.login)
        wizard = self.env["worksafe.permit.approve.wizard"].with_user(user).create(
            {"permit_id": permit.id})
        candidates = current._candidates()
        self.assertTrue(candidates, "someone can decide the step")
        self.assertNotIn(user, candidates)
        for name in candidates.mapped("name"):
            self.assertIn(name, wizard.refusal)
        with self.assertRaises(ApprovalRefused) as refused:
            permit.with_user(user)._approve_step(site_checked=True)
        self.assertTrue(refused.exception.blockers)
        self.assertEqual(refused.exception.candidates, candidates)
        self.assertEqual(current.state, "pending")
        self.assertFalse(current.user_id)
