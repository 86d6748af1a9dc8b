from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import route as route_rules

# what the board draws of a muster point
BOARD_FIELDS = frozenset({"name", "area_id", "position_x", "position_y", "route_points",
                          "active", "company_id"})


class WorksafeEmergencyMusterPoint(models.Model):
    _inherit = "worksafe.emergency.muster.point"

    route_points = fields.Char(
        "Route on the plan",
        help="The evacuation route as a line on the live board's site plan, in the same site "
        "metres as the areas' outlines, from where people start to this point: "
        "'1000,1000 1000,940 1240,940'. At least two points.")

    @api.constrains("route_points")
    def _check_route_points(self):
        for point in self:
            try:
                route_rules.parse_route(point.route_points)
            except route_rules.ShapeError as error:
                messages = {
                    "point": self.env._(
                        "Route of %(point)s: '%(token)s' is not a point; write each point as "
                        "x,y in metres, points separated by spaces.",
                        point=point.display_name, token=error.detail[:40]),
                    "count": self.env._(
                        "Route of %(point)s: give at least two points, from the start of the "
                        "route to the muster point.", point=point.display_name),
                    "repeat": self.env._(
                        "Route of %(point)s: the point %(token)s is given twice in a row.",
                        point=point.display_name, token=error.detail[:40]),
                }
                raise ValidationError(messages[error.reason]) from None

    def _board_route(self):
        """The parsed route (points in site metres), () without one."""
        self.ensure_one()
        try:
            return route_rules.parse_route(self.route_points)
        except route_rules.ShapeError:
            return ()

    @api.model
    def _canonical_route(self, vals):
        if vals.get("route_points"):
            try:
                points = route_rules.parse_route(vals["route_points"])
            except route_rules.ShapeError:
                points = None  # the constraint explains
            if points:
                vals = dict(vals, route_points=route_rules.format_route(points))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        points = super().create([self._canonical_route(vals) for vals in vals_list])
        self.env["worksafe.board"]._touch(points.company_id)
        return points

    def write(self, vals):
        companies = self.company_id
        result = super().write(self._canonical_route(vals))
        if BOARD_FIELDS.intersection(vals):
            self.env["worksafe.board"]._touch(companies | self.company_id)
        return result
