from odoo import fields, models


class WorksafeVariantApproval(models.Model):
    _inherit = "worksafe.variant.approval"

    analytics_target_wait_hours = fields.Float(
        "Target decision time (h)", digits=(8, 2),
        help="How long the step may wait for its decision once it is this step's turn. "
             "0: no target.")

    _analytics_target_positive = models.Constraint(
        "CHECK (analytics_target_wait_hours >= 0)", "Targets cannot be negative.")

    def write(self, vals):
        result = super().write(vals)
        if "analytics_target_wait_hours" in vals:
            self.env["worksafe.analytics.engine"]._apply_targets()
        return result
