from odoo import fields, models

from ..rules import escalation as escalation_rules


class WorksafeEmergencyEscalationStep(models.Model):
    """What happens to a responder who has not acknowledged: call again after 60 s, call
    the deputy after 2 min (proposed figures, next-modules.md). Data, run by a cron."""

    _name = "worksafe.emergency.escalation.step"
    _description = "Emergency escalation step"
    _order = "after_seconds"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection([("renotify", "Notify again"), ("deputy", "Notify the deputy")],
                            required=True)
    after_seconds = fields.Integer("After (s)", required=True)
    active = fields.Boolean(default=True)

    _after_positive = models.Constraint("CHECK (after_seconds > 0)",
                                        "An escalation step waits a positive time.")

    def _as_rule(self):
        return [escalation_rules.Step(code=step.code, after_seconds=step.after_seconds)
                for step in self]
