from odoo import fields, models


class WorksafeEmergencyScenario(models.Model):
    """A kind of emergency (fire, toxic release, fall from height …): what the alarm says
    happened, and what scenario plans are written for."""

    _name = "worksafe.emergency.scenario"
    _description = "Emergency scenario"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    icon = fields.Char(default="fa-exclamation-triangle")
    company_id = fields.Many2one("res.company", help="Empty: every company.")

    _code_unique = models.UniqueIndex("(code, company_id)")
