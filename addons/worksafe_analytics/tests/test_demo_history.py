from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase


class TestDemoHistory(TransactionCase):
    """With demo data: months of measured history, built through the real actions, and an
    audit chain that still verifies."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("worksafe_permit.demo_permit_la2_hot_work",
                            raise_if_not_found=False):
            self.skipTest("demo data not installed")

    def test_history_spans_months_and_the_chain_verifies(self):
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())
        Fact = self.env["worksafe.analytics.step.fact"]
        oldest = Fact.search([("done_at", "!=", False)], order="done_at", limit=1).done_at
        self.assertLess(oldest, fields.Datetime.now() - timedelta(days=60))
        self.assertTrue(Fact.search_count([("kind", "=", "approval"),
                                           ("over_target", "=", True)]))
        self.assertTrue(self.env["worksafe.analytics.violation"].search_count([]))
        self.assertTrue(self.env["worksafe.analytics.suggestion"].search_count([]))
        self.assertTrue(self.env["worksafe.analytics.score"].search_count(
            [("subject", "=", "contractor")]))
