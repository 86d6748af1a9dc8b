from datetime import date, datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AnalyticsCase


class TestScores(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.contractor_a = Partner.create({"name": "Alpha Scaffolding", "is_company": True})
        cls.contractor_b = Partner.create({"name": "Beta Welding", "is_company": True})
        cls.portal_a = new_test_user(cls.env, login="ws_portal_a", groups="base.group_portal")
        cls.portal_a.partner_id.parent_id = cls.contractor_a
        cls.portal_b = new_test_user(cls.env, login="ws_portal_b", groups="base.group_portal")
        cls.portal_b.partner_id.parent_id = cls.contractor_b
        cls.Score = cls.env["worksafe.analytics.score"]
        cls.month = date(2026, 3, 1)
        cls.when = datetime(2026, 3, 10, 8, 0)

    def violation(self, code, contractor, employee=None):
        return self.Violation.create({
            "type_id": self.env["worksafe.analytics.violation.type"].search(
                [("code", "=", code)]).id,
            "occurred_at": self.when, "contractor_id": contractor.id,
            "employee_id": (employee or self.performer).id, "company_id": self.company.id,
        })

    def score(self, partner, kind="month"):
        return self.Score.search([("partner_id", "=", partner.id), ("period_kind", "=", kind),
                                  ("period_start", "=", self.month if kind == "month"
                                   else date(2026, 1, 1))])

    def test_a_counted_violation_type_is_archived_not_deleted(self):
        found = self.violation("stale_gas", self.contractor_a)
        self.assertEqual(found.type_code, "stale_gas")
        with self.assertRaises(UserError):
            found.type_id.unlink()
        self.assertTrue(found.type_id.exists())

    def test_deductions_bands_and_veto(self):
        self.violation("stale_gas", self.contractor_a)
        self.violation("stale_gas", self.contractor_a)
        self.violation("start_refused", self.contractor_b)
        self.violation("fatal_accident", self.contractor_b)
        self.Score._compute_period("month", self.month)
        self.Score._compute_period("quarter", self.month)
        a, b = self.score(self.contractor_a), self.score(self.contractor_b)
        self.assertEqual(a.score, 90.0)  # 2 x 5 points
        self.assertEqual(a.band_id, self.env.ref("worksafe_analytics.score_band_excellent"))
        self.assertEqual(a.violation_count, 2)
        self.assertTrue(b.vetoed)
        self.assertEqual(b.band_id, self.env.ref("worksafe_analytics.score_band_fail"))
        self.assertEqual(b.veto_reason, "fatal_accident")
        self.assertEqual(self.score(self.contractor_a, "quarter").score, 90.0)
        person = self.Score.search([("employee_id", "=", self.performer.id),
                                    ("period_kind", "=", "month")])
        self.assertEqual(person.violation_count, 4)
        self.assertTrue(person.vetoed)

    def test_weights_are_data(self):
        self.violation("stale_gas", self.contractor_a)
        self.env.ref("worksafe_analytics.violation_type_stale_gas").points = 20
        self.Score._compute_period("month", self.month)
        self.assertEqual(self.score(self.contractor_a).score, 80.0)
        self.assertEqual(self.score(self.contractor_a).band_id,
                         self.env.ref("worksafe_analytics.score_band_pass"))

    def test_rectification_timeliness(self):
        permit = self.make_permit(contractor_id=self.contractor_a.id)
        Rect = self.env["worksafe.rectification"]
        on_time = Rect._open_from(permit, "Refit the guard", owner=self.applicant,
                                  deadline=date(2026, 3, 20), contractor_id=self.contractor_a.id)
        late = Rect._open_from(permit, "Remove the scaffold", owner=self.applicant,
                               deadline=date(2026, 3, 12), contractor_id=self.contractor_a.id)
        self.env.flush_all()
        self.env.cr.execute("UPDATE worksafe_rectification SET state = 'done', done_at = %s "
                            "WHERE id = %s", [datetime(2026, 3, 19, 9, 0), on_time.id])
        self.env.cr.execute("UPDATE worksafe_rectification SET state = 'done', done_at = %s "
                            "WHERE id = %s", [datetime(2026, 3, 15, 9, 0), late.id])
        self.Score._compute_period("month", self.month)
        score = self.score(self.contractor_a)
        self.assertEqual(score.rectification_count, 2)
        self.assertEqual(score.rectification_late_count, 1)
        self.assertEqual(score.rectification_on_time_rate, 50.0)
        self.assertEqual(score.deduction_rectification, 5.0)
        self.assertEqual(score.score, 95.0)

    def test_recomputing_replaces_the_period(self):
        self.violation("stale_gas", self.contractor_a)
        self.Score._compute_period("month", self.month)
        self.Score._compute_period("month", self.month)
        self.assertEqual(len(self.score(self.contractor_a)), 1)

    def test_portal_user_sees_only_own_company(self):
        self.violation("stale_gas", self.contractor_a)
        self.violation("stale_gas", self.contractor_b)
        self.Score._compute_period("month", self.month)
        seen_a = self.Score.with_user(self.portal_a).search([])
        self.assertEqual(seen_a.partner_id, self.contractor_a)
        self.assertNotIn(self.score(self.contractor_b), seen_a)
        self.assertFalse(self.Score.with_user(self.portal_a).search(
            [("id", "=", self.score(self.contractor_b).id)]))
        self.assertEqual(self.Score.with_user(self.portal_b).search([]).partner_id,
                         self.contractor_b)
        # person and team scores are not shown in the portal at all
        self.assertFalse(self.Score.with_user(self.portal_a).search(
            [("subject", "!=", "contractor")]))

    def test_completion_from_how_permits_ended(self):
        permit = self.approved_permit(contractor_id=self.contractor_a.id)
        with self.at(4):
            self.issue(permit)
        self.env["worksafe.permit"].browse(permit.id)._system_write(
            {"planned_end": self.t0 + self._hours(5)})
        with self.at(6):
            self.env["worksafe.permit"]._cron_expire()
        self.Engine._refresh()
        month = (self.t0 + self._hours(6)).date().replace(day=1)
        self.Score._compute_period("month", month)
        score = self.Score.search([("partner_id", "=", self.contractor_a.id),
                                   ("period_start", "=", month), ("period_kind", "=", "month")])
        self.assertEqual(score.permit_count, 1)
        self.assertEqual(score.completion_rate, 0.0)
        # 10 tenths x 3 points for completion, 2 for the expiry, 3 for the skipped step
        self.assertEqual(score.deduction_completion, 30.0)
        self.assertEqual(score.score, 100 - 30 - 2 - 3)

    def _hours(self, hours):
        return timedelta(hours=hours)


@tagged("post_install", "-at_install")
class TestScoresPortalPage(HttpCase):
    """The portal page shows the visitor's company's scores and never another's."""

    def test_unrelated_contractor_scores_are_not_in_the_page(self):
        Partner = self.env["res.partner"]
        a = Partner.create({"name": "Gamma Lifting", "is_company": True})
        b = Partner.create({"name": "Delta Rigging", "is_company": True})
        user = new_test_user(self.env, login="ws_portal_g", groups="base.group_portal")
        user.partner_id.parent_id = a
        Score = self.env["worksafe.analytics.score"]
        for partner, value in ((a, 87.5), (b, 61.5)):
            Score.sudo().create({"subject": "contractor", "partner_id": partner.id,
                                 "subject_name": partner.name,
                                 "company_id": self.env.company.id, "period_kind": "month",
                                 "period_start": date(2026, 3, 1), "score": value})
        self.authenticate("ws_portal_g", "ws_portal_g")
        response = self.url_open("/my/safety-scores")
        self.assertEqual(response.status_code, 200)
        self.assertIn("87.5", response.text)
        self.assertNotIn("61.5", response.text)
        self.assertNotIn("Delta Rigging", response.text)
