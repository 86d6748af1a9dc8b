from odoo import fields, models


class WorksafeEmergencyMusterPoint(models.Model):
    """An assembly point (集结点) of the site plan, serving its area and sub-areas."""

    _name = "worksafe.emergency.muster.point"
    _description = "Muster point"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Printed on the reader or the sign at the point.")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    area_id = fields.Many2one("worksafe.area", "Serves area", check_company=True, index=True)
    warden_ids = fields.Many2many("res.users", string="Wardens")
    position_x = fields.Float("X (m)")
    position_y = fields.Float("Y (m)")
    capacity = fields.Integer()
    route = fields.Text("Evacuation route", translate=True)
    active = fields.Boolean(default=True)
