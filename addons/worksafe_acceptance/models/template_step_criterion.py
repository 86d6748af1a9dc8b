from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import acceptance as rules

CRITERION_KINDS = [
    (rules.PHOTO, "Photo"),
    (rules.MEASUREMENT, "Test-run value"),
    (rules.CHECK, "Checklist item (yes/no)"),
]
CRITERION_BOUNDS = [
    (rules.AT_LEAST, "At least"),
    (rules.AT_MOST, "At most"),
    (rules.BETWEEN, "Between"),
]
# What a criterion says, copied onto each permit's acceptance items at submission.
CRITERION_FIELDS = ("sequence", "name", "kind", "photo_count", "photo_subject", "unit", "bound",
                    "value_min", "value_max", "reference")


class WorksafeTemplateStepCriterion(models.Model):
    """An acceptance criterion of a closure step: what the acceptor checks at hand-back, and
    the evidence the crew leaves for it (photos, a test-run value, a yes/no answer)."""

    _name = "worksafe.template.step.criterion"
    _description = "Acceptance criterion of a template step"
    _order = "step_id, sequence, id"

    step_id = fields.Many2one("worksafe.template.step", required=True, ondelete="cascade",
                              index=True)
    template_id = fields.Many2one(related="step_id.template_id", store=True, index=True)
    company_id = fields.Many2one(related="step_id.template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Criterion", required=True, translate=True)
    kind = fields.Selection(CRITERION_KINDS, required=True, default=rules.CHECK)
    photo_count = fields.Integer(
        "Photos required",
        help="At least this many photos (0: none). A photo criterion asks for at least one.")
    photo_subject = fields.Char("Photo of", translate=True)
    unit = fields.Char(help="Unit of the measured value (MΩ, MPa, °C …).")
    bound = fields.Selection(CRITERION_BOUNDS, "Limit",
                             help="How the measured value is judged; bounds are inclusive.")
    value_min = fields.Float("Minimum", digits=(16, 3))
    value_max = fields.Float("Maximum", digits=(16, 3))
    reference = fields.Char(
        translate=True, help="Where the criterion comes from (e.g. GB 30871-2022 §4.13).")

    def _as_criterion(self):
        self.ensure_one()
        return rules.Criterion(kind=self.kind, photo_count=self.photo_count, bound=self.bound,
                               value_min=self.value_min, value_max=self.value_max)

    @api.constrains("kind", "photo_count", "bound", "value_min", "value_max")
    def _check_criterion(self):
        for criterion in self:
            try:
                rules.check_criterion(criterion._as_criterion())
            except ValueError:
                raise ValidationError(self.env._(
                    "Acceptance criterion '%(name)s' cannot be judged: a photo criterion asks "
                    "for at least one photo, photo counts are not negative, and a test-run "
                    "value needs its limit (minimum not above maximum).",
                    name=criterion.name)) from None

    @api.constrains("step_id")
    def _check_closure_step(self):
        for criterion in self:
            if criterion.step_id.phase != "closure":
                raise ValidationError(self.env._(
                    "Acceptance criteria belong to hand-back and closure steps ('%(step)s' is "
                    "not one).", step=criterion.step_id.name))

    def _item_values(self):
        """Values of a permit's acceptance item copied from this criterion."""
        self.ensure_one()
        return {name: self[name] for name in CRITERION_FIELDS}
