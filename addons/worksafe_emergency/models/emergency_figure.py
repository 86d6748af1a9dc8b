from odoo import api, fields, models
from odoo.exceptions import UserError


class WorksafeEmergencyFigure(models.Model):
    """A number a regulation gives (the 1 h report deadline, 30 days of casualty changes …),
    kept as data a safety manager can edit; the code reads it with `_value(code)`."""

    _name = "worksafe.emergency.figure"
    _description = "Emergency figure"
    _order = "code"

    code = fields.Char(required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    value = fields.Float(required=True)
    unit = fields.Char(translate=True)
    source = fields.Char(help="Where the figure comes from.")

    _code_unique = models.UniqueIndex("(code)")

    @api.constrains("value")
    def _check_value(self):
        for figure in self:
            if figure.value < 0:
                raise UserError(self.env._("%(figure)s cannot be negative.", figure=figure.name))

    @api.model
    def _value(self, code):
        figure = self.sudo().search([("code", "=", code)], limit=1)
        if not figure:
            raise UserError(self.env._("The emergency figure %(code)s is missing from the "
                                       "configuration.", code=code))
        return figure.value
