from odoo import fields, models


class WorksafeTemplateMeasure(models.Model):
    _name = "worksafe.template.measure"
    _description = "Control measure"
    _order = "sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
