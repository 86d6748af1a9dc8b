from odoo import api, fields, models

from .plan import PLAN_KINDS


class WorksafeEmergencyDrillFrequency(models.Model):
    """How often a plan is drilled (应急预案管理办法: comprehensive and scenario plans at least
    yearly, on-site plans every half-year; 应急条例 Art. 8: high-risk units every half-year)."""

    _name = "worksafe.emergency.drill.frequency"
    _description = "Drill frequency"
    _order = "kind"

    kind = fields.Selection(PLAN_KINDS, required=True)
    months = fields.Integer("At least every (months)", required=True)
    high_risk_months = fields.Integer(
        "High-risk units: every (months)",
        help="Hazardous chemicals, mines, construction …: every half-year, and report it.")
    source = fields.Char()

    _kind_unique = models.UniqueIndex("(kind)")

    @api.model
    def _months_for(self, plan):
        rule = self.search([("kind", "=", plan.kind)], limit=1)
        if not rule:
            return 0
        high_risk = plan.company_id.worksafe_high_risk_unit
        return min(rule.months, rule.high_risk_months or rule.months) if high_risk \
            else rule.months
