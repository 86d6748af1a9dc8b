from odoo import fields, models


class WorksafeTemplateStep(models.Model):
    _inherit = "worksafe.template.step"

    analytics_target_wait_hours = fields.Float(
        "Target waiting time (h)", digits=(8, 2),
        help="How long the step may wait once it is ready (ready → started) before it counts "
             "as late in the analytics. 0: no target.")
    analytics_target_handling_hours = fields.Float(
        "Target handling time (h)", digits=(8, 2),
        help="How long doing the step may take (started → done). 0: no target.")

    _analytics_targets_positive = models.Constraint(
        "CHECK (analytics_target_wait_hours >= 0 AND analytics_target_handling_hours >= 0)",
        "Targets cannot be negative.")

    def write(self, vals):
        result = super().write(vals)
        if {"analytics_target_wait_hours", "analytics_target_handling_hours"} & set(vals):
            self.env["worksafe.analytics.engine"]._apply_targets()
        return result
