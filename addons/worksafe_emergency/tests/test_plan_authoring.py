from odoo.exceptions import AccessError, UserError

from .common import EmergencyCase


class TestPlanAuthoring(EmergencyCase):
    def setUp(self):
        super().setUp()
        self.plan = self.env["worksafe.emergency.plan"].with_user(self.manager).create({
            "name": "New scenario plan", "kind": "scenario"})

    def test_eight_steps_and_approval_needs_tabletop_and_review(self):
        self.assertEqual(len(self.plan.step_ids), 8)
        with self.assertRaises(UserError):
            self.plan.action_approve()
        self.plan.step_ids.filtered(lambda s: s.code == "review").with_user(
            self.manager).action_done()
        with self.assertRaises(UserError):
            self.plan.action_approve()  # still no tabletop
        self.plan.step_ids.filtered(lambda s: s.code == "tabletop").with_user(
            self.manager).action_done()
        self.plan.action_approve()
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(self.plan.approved_by_id, self.manager)

    def test_only_a_manager_approves_and_state_is_the_actions(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.officer).action_approve()
        with self.assertRaises(AccessError):
            self.plan.with_user(self.manager).write({"state": "approved"})

    def test_resource_change_opens_a_revision_task(self):
        self.assertFalse(self.site_plan.activity_ids)
        self.env["worksafe.emergency.resource"].with_user(self.manager).create({
            "plan_id": self.site_plan.id, "name": "Foam trailer"})
        self.assertEqual(len(self.site_plan.activity_ids), 1)
        self.env["worksafe.emergency.resource"].with_user(self.manager).create({
            "plan_id": self.site_plan.id, "name": "Second trailer"})
        self.assertEqual(len(self.site_plan.activity_ids), 1, "one open task per trigger")

    def test_revision_starts_a_new_version(self):
        self.site_plan.with_user(self.manager).action_revise()
        self.assertEqual(self.site_plan.state, "draft")
        self.assertEqual(self.site_plan.version, 2)
