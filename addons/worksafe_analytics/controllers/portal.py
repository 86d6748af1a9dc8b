from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class WorksafeAnalyticsPortal(CustomerPortal):
    """Contractor companies see their own safety scores (record rules keep each company's
    portal users to its commercial partner's scores)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "worksafe_score_count" in counters:
            Score = request.env["worksafe.analytics.score"]
            values["worksafe_score_count"] = Score.search_count(
                [("subject", "=", "contractor")]) if Score.has_access("read") else 0
        return values

    @http.route("/my/safety-scores", type="http", auth="user", website=True)
    def portal_my_safety_scores(self, **kw):
        # Searched as the portal user: the record rules decide what is shown.
        scores = request.env["worksafe.analytics.score"].search(
            [("subject", "=", "contractor")], order="period_kind, period_start desc")
        values = self._prepare_portal_layout_values()
        values.update(page_name="worksafe_safety_scores", scores=scores.sudo(),
                      partner=request.env.user.commercial_partner_id)
        return request.render("worksafe_analytics.portal_my_safety_scores", values)
