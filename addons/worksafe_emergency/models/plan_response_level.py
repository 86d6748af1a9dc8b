from odoo import fields, models


class WorksafeEmergencyResponseLevel(models.Model):
    """A response level of a plan (GB/T 29639-2020: not a copy of the accident levels)."""

    _name = "worksafe.emergency.response.level"
    _description = "Response level"
    _order = "plan_id, sequence"

    plan_id = fields.Many2one("worksafe.emergency.plan", required=True, index=True,
                              ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    criteria = fields.Text("When", translate=True)
    led_by = fields.Char("Led by", translate=True)
