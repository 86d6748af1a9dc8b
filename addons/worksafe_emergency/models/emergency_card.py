from odoo import fields, models


class WorksafeEmergencyCard(models.Model):
    """应急处置卡 (九条规定 #4): the short card a worker of a key post opens on the phone."""

    _name = "worksafe.emergency.card"
    _description = "Emergency card"
    _order = "name"
    _check_company_auto = True

    name = fields.Char("Post", required=True, translate=True)
    plan_id = fields.Many2one("worksafe.emergency.plan", index=True, check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    area_id = fields.Many2one("worksafe.area", check_company=True, index=True)
    scenario_ids = fields.Many2many("worksafe.emergency.scenario", string="Scenarios")
    steps = fields.Text("What to do", required=True, translate=True)
    measures = fields.Text("Measures", translate=True)
    ppe = fields.Text("Protective equipment", translate=True)
    contacts = fields.Text(translate=True)
    alarm_phone = fields.Char()
    active = fields.Boolean(default=True)
