from odoo import fields, models


class WorksafeTemplateStepCheck(models.Model):
    _name = "worksafe.template.step.check"
    _description = "Checklist item of a template step"
    _order = "sequence, id"

    step_id = fields.Many2one("worksafe.template.step", required=True, ondelete="cascade",
                              index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
