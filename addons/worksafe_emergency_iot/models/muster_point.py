from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorksafeEmergencyMusterPoint(models.Model):
    _inherit = "worksafe.emergency.muster.point"

    geofence_radius = fields.Float(
        "Helmet geofence (m)", default=20.0,
        help="A helmet reporting a position within this distance of the point (site metres, "
        "the x/y of the point) accounts its wearer on the roll call. 10–30 m is usual; 0 turns "
        "the helmet check-in off at this point.")

    @api.constrains("geofence_radius")
    def _check_geofence_radius(self):
        for point in self:
            if point.geofence_radius < 0:
                raise ValidationError(self.env._(
                    "The helmet geofence of %(point)s cannot be negative.", point=point.name))
