from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorksafeEmergencyDrillEvaluation(models.Model):
    _name = "worksafe.emergency.drill.evaluation"
    _description = "Drill evaluation item"
    _order = "drill_id, sequence, id"

    drill_id = fields.Many2one("worksafe.emergency.drill", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="drill_id.company_id", store=True)
    sequence = fields.Integer()
    name = fields.Char(required=True, translate=True)
    result = fields.Selection([("yes", "Yes"), ("no", "No")])
    reason = fields.Char()
    corrective_action = fields.Char("Corrective action")

    @api.constrains("result", "reason")
    def _check_reason(self):
        for item in self:
            if item.result == "no" and not (item.reason or "").strip():
                raise ValidationError(self.env._("Say why %(item)s failed.", item=item.name))
