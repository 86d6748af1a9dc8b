from odoo import fields, models

from .template import STEP_PHASES, STEP_ROLES


class WorksafeTemplateStep(models.Model):
    _name = "worksafe.template.step"
    _description = "Template step"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    instructions = fields.Text(translate=True)
    phase = fields.Selection(STEP_PHASES, required=True, default="preparation")
    role = fields.Selection(STEP_ROLES, required=True, default="performing")
    blocking = fields.Boolean("Blocks the next steps", default=True)
    variant_ids = fields.Many2many(
        "worksafe.variant", string="Only for variants",
        help="Empty: the step applies to every variant of the work type.",
    )
    photo_count = fields.Integer("Photos required")
    photo_subject = fields.Char("Photo of", translate=True)
    gas_test_required = fields.Boolean("Passing gas test required")
    signature_required = fields.Boolean("Signature required")
    check_ids = fields.One2many("worksafe.template.step.check", "step_id", "Checklist", copy=True)
    condition = fields.Char(
        "Condition", translate=True,
        help="When the step applies, in words (e.g. 'pressure above 0.1 MPa'). Shown to the user.",
    )
