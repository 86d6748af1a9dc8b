from odoo import fields, models


class WorksafeEmergencyDrillCriterion(models.Model):
    """An item of the evaluator checklist (AQ/T 9009-2015): answered yes/no with a reason."""

    _name = "worksafe.emergency.drill.criterion"
    _description = "Drill evaluation criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
