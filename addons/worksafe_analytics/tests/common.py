from datetime import timedelta

from freezegun import freeze_time

from odoo import fields

from odoo.addons.worksafe_permit.tests.common import WorksafeCase


class AnalyticsCase(WorksafeCase):
    """WorksafeCase with a clock: each action of a permit happens at a chosen time, so the
    audit trail (and the facts measured from it) carry known durations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Engine = cls.env["worksafe.analytics.engine"]
        cls.Fact = cls.env["worksafe.analytics.step.fact"]
        cls.Violation = cls.env["worksafe.analytics.violation"]
        cls.t0 = fields.Datetime.now().replace(microsecond=0) - timedelta(days=20)
        cls.approval_1 = cls.variant.approval_step_ids.sorted("sequence")[0]
        cls.approval_2 = cls.variant.approval_step_ids.sorted("sequence")[1]

    def at(self, hours):
        return freeze_time(self.t0 + timedelta(hours=hours))

    def approved_permit(self, start=0.0, waits=(1.0, 2.0), **values):
        """A permit submitted at `start` hours after t0, its two approvals `waits` hours
        after the submission and after each other."""
        with self.at(start):
            permit = self.make_permit(
                planned_start=self.t0 + timedelta(hours=start),
                planned_end=self.t0 + timedelta(hours=start + 7.5), **values)
            self.submit(permit)
        with self.at(start + waits[0]):
            permit.with_user(self.approver_1)._approve_step(comment="ok")
        with self.at(start + waits[0] + waits[1]):
            permit.with_user(self.approver_2)._approve_step(site_checked=True)
        return permit

    def facts(self, permit, kind=None):
        domain = [("permit_id", "=", permit.id)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.Fact.search(domain, order="kind, sequence, id")
