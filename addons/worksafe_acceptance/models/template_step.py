from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorksafeTemplateStep(models.Model):
    _inherit = "worksafe.template.step"

    criterion_ids = fields.One2many(
        "worksafe.template.step.criterion", "step_id", "Acceptance criteria", copy=True,
        help="What the acceptor checks at hand-back (closure steps only).")

    @api.constrains("phase")
    def _check_criteria_on_closure(self):
        for step in self:
            if step.criterion_ids and step.phase != "closure":
                raise ValidationError(self.env._(
                    "Step '%(step)s' has acceptance criteria: it stays a hand-back and closure "
                    "step.", step=step.name))
