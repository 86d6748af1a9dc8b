from odoo import fields, models


class WorksafeTemplateGasLimit(models.Model):
    _name = "worksafe.template.gas.limit"
    _inherit = "worksafe.gas.limit.mixin"
    _description = "Template gas limit"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
