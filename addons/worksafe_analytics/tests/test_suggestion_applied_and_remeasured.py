from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import AnalyticsCase


class TestSuggestions(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Suggestion = cls.env["worksafe.analytics.suggestion"]
        cls.deputy_rule = cls.env.ref("worksafe_analytics.suggestion_rule_deputy_approver")
        cls.blocking_rule = cls.env.ref("worksafe_analytics.suggestion_rule_make_blocking")
        cls.deputy_rule.min_permits = 3
        cls.blocking_rule.min_permits = 3
        cls.approval_1.analytics_target_wait_hours = 2.0

    def slow_permits(self, count, wait, start=0.0):
        return [self.approved_permit(start=start + 10 * i, waits=(wait, 0.5))
                for i in range(count)]

    def proposals(self, rule):
        """The rule's open proposals about this test's template and level."""
        return self.Suggestion.search([
            ("rule_id", "=", rule.id), ("state", "=", "proposed"), "|",
            ("approval_step_id.variant_id", "=", self.variant.id),
            ("template_step_id.template_id", "=", self.template.id)])

    def test_slow_approval_proposes_a_deputy_applied_and_remeasured(self):
        self.slow_permits(3, wait=6.0)
        self.Engine._refresh()
        self.Suggestion._generate()
        suggestion = self.proposals(self.deputy_rule)
        self.assertEqual(suggestion.approval_step_id, self.approval_1)
        self.assertAlmostEqual(suggestion.value, 3.0)  # p90 6 h / target 2 h
        self.assertTrue(self.approval_1.area_authority)
        events_before = self.env["worksafe.audit.event"].search_count([])

        applied_at = self.t0 + timedelta(days=3)
        with freeze_time(applied_at):
            suggestion.with_user(self.officer).action_apply()
        self.assertEqual(suggestion.state, "applied")
        self.assertFalse(self.approval_1.area_authority, "the change is real")
        self.assertEqual(suggestion.applied_by_id, self.officer)
        self.assertAlmostEqual(suggestion.before_value, 3.0)
        self.assertEqual(suggestion.before_permits, 3)
        event = self.env["worksafe.audit.event"].search([], limit=1)
        self.assertEqual(self.env["worksafe.audit.event"].search_count([]), events_before + 1)
        self.assertEqual(event.event_type, "analytics.suggestion.applied")
        self.assertEqual(event.res_id, suggestion.id)
        self.assertIn(self.officer.partner_id, suggestion.message_ids.author_id)
        # not proposed again, and re-measured on the permits decided after the change
        self.Suggestion._generate()
        self.assertFalse(self.proposals(self.deputy_rule))
        self.assertEqual(suggestion.after_permits, 0)
        self.slow_permits(2, wait=1.0, start=24 * 4)
        self.Engine._refresh()
        suggestion.invalidate_recordset()
        self.assertEqual(suggestion.after_permits, 2)
        self.assertAlmostEqual(suggestion.after_value, 0.5)  # p90 1 h / target 2 h

    def test_too_few_permits_propose_nothing(self):
        self.slow_permits(2, wait=6.0)
        self.Engine._refresh()
        self.Suggestion._generate()
        self.assertFalse(self.proposals(self.deputy_rule))

    def test_often_skipped_step_is_made_blocking(self):
        step = self.template.step_ids.filtered(lambda s: s.phase == "preparation")
        step.blocking = False
        for permit in self.slow_permits(3, wait=1.0):
            permit.with_user(self.applicant).action_cancel()
        self.Engine._refresh()
        self.Suggestion._generate()
        suggestion = self.proposals(self.blocking_rule)
        self.assertEqual(suggestion.template_step_id, step)
        self.assertAlmostEqual(suggestion.value, 100.0)
        suggestion.with_user(self.officer).action_apply()
        self.assertTrue(step.blocking)
        with self.assertRaises(UserError):
            suggestion.with_user(self.officer).action_apply()

    def test_only_safety_officers_apply(self):
        self.slow_permits(3, wait=6.0)
        self.Engine._refresh()
        self.Suggestion._generate()
        suggestion = self.proposals(self.deputy_rule)
        with self.assertRaises(AccessError):
            suggestion.with_user(self.approver_1).action_apply()
        self.assertEqual(suggestion.state, "proposed")
        self.assertTrue(self.approval_1.area_authority)
