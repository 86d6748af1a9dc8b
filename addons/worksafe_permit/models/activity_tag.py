from odoo import fields, models


class WorksafeActivityTag(models.Model):
    _name = "worksafe.activity.tag"
    _description = "Activity tag (e.g. painting, solvent use)"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    color = fields.Integer()

    _code_unique = models.UniqueIndex("(code)")
