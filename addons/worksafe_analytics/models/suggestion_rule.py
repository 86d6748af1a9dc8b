from odoo import fields, models

from ..rules import suggestions as suggestion_rules

ACTION_KINDS = [
    ("deputy_approver", "Let any holder of the approver role decide (deputy approvers)"),
    ("make_blocking", "Make the template step blocking"),
]


class WorksafeAnalyticsSuggestionRule(models.Model):
    """When the figures of a step call for a change of the procedure, and which change."""

    _name = "worksafe.analytics.suggestion.rule"
    _description = "Suggestion rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    kind = fields.Selection([("step", "Template step"), ("approval", "Approval step")],
                            required=True, default="approval")
    metric = fields.Selection([
        (suggestion_rules.WAIT_P90_OVER_TARGET, "Waiting p90 / target"),
        (suggestion_rules.MISSED_RATE, "Missed (% of permits)"),
        (suggestion_rules.REWORK_RATE, "Rejections (% of decisions)"),
    ], required=True, default=suggestion_rules.WAIT_P90_OVER_TARGET)
    threshold = fields.Float(
        required=True, default=1.0,
        help="The rule fires above this value: a ratio for 'Waiting p90 / target' (1.0 = p90 "
             "at the target), a percentage for the rates.")
    min_permits = fields.Integer(
        "Minimum permits", default=5, required=True,
        help="Never fire on fewer permits (for the waiting time: permits over the target).")
    period_days = fields.Integer("Look back (days)", default=90, required=True)
    action_kind = fields.Selection(ACTION_KINDS, required=True, default="deputy_approver")
    suggestion_ids = fields.One2many("worksafe.analytics.suggestion", "rule_id")

    _min_permits_positive = models.Constraint(
        "CHECK (min_permits >= 1 AND period_days >= 1 AND threshold >= 0)",
        "A rule needs at least one permit, one day and a threshold of 0 or more.")
    _action_fits_kind = models.Constraint(
        "CHECK ((kind = 'approval' AND action_kind = 'deputy_approver') OR "
        "(kind = 'step' AND action_kind = 'make_blocking'))",
        "Deputy approvers apply to approval steps, blocking to template steps.")

    def _already_in_place(self, target):
        """The change this rule proposes is already made on `target`: nothing to suggest."""
        self.ensure_one()
        if self.action_kind == "make_blocking":
            return target.blocking
        return not target.area_authority
