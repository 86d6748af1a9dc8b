import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import plan as plan_rules
from ..rules import shape as shape_rules


class WorksafeArea(models.Model):
    _inherit = "worksafe.area"

    # --- a site (a top area) carries the plan the board draws its areas on
    board_plan = fields.Binary(
        "Site plan", attachment=True, copy=False,
        help="An image of the site (PNG, JPEG, GIF, WebP or SVG) drawn under the areas on the live "
        "board. Set it on a top area (a site).")
    board_plan_name = fields.Char("Site plan file name")
    board_plan_x = fields.Float(
        "Plan left (m)", help="Site coordinate (metres) of the plan image's left edge.")
    board_plan_y = fields.Float(
        "Plan top (m)", help="Site coordinate (metres) of the plan image's top edge; y grows "
        "downwards, like the image.")
    board_plan_width = fields.Float("Plan width (m)", default=100.0,
                                    help="How many metres of the site the image spans across.")
    board_plan_height = fields.Float("Plan height (m)", default=100.0,
                                     help="How many metres of the site the image spans down.")
    # --- every area: its outline on the plan
    board_shape = fields.Char(
        "Outline on the plan",
        help="Corners of the area in site metres, e.g. '1150,1100 1210,1100 1210,1170 "
        "1150,1170' (a polygon), or two opposite corners for a rectangle. Leave empty to "
        "show the area's permits in the nearest parent area that has an outline.")

    @api.constrains("board_shape")
    def _check_board_shape(self):
        for area in self:
            try:
                shape_rules.parse_points(area.board_shape)
            except shape_rules.ShapeError as error:
                messages = {
                    "point": self.env._(
                        "Outline of %(area)s: '%(token)s' is not a point; write each corner "
                        "as x,y in metres, corners separated by spaces.",
                        area=area.display_name, token=error.detail[:40]),
                    "count": self.env._(
                        "Outline of %(area)s: give at least three corners (or two opposite "
                        "corners of a rectangle).", area=area.display_name),
                    "flat": self.env._("Outline of %(area)s has no surface: its corners are "
                                       "on one line.", area=area.display_name),
                }
                raise ValidationError(messages[error.reason]) from None

    @api.constrains("board_plan_width", "board_plan_height")
    def _check_board_plan_extent(self):
        for area in self:
            if area.board_plan_width <= 0 or area.board_plan_height <= 0:
                raise ValidationError(self.env._(
                    "The site plan of %(area)s must span a positive width and height.",
                    area=area.display_name))

    @api.constrains("board_plan")
    def _check_board_plan(self):
        for area in self.with_context(bin_size=False):
            if not area.board_plan:
                continue
            try:
                data = base64.b64decode(area.board_plan)
            except (binascii.Error, ValueError):
                data = b""
            if not plan_rules.plan_mimetype(data):
                raise ValidationError(self.env._(
                    "The site plan of %(area)s must be an image (PNG, JPEG, GIF, WebP or SVG).",
                    area=area.display_name))

    def _board_points(self):
        """The parsed outline (points in site metres), () without one."""
        self.ensure_one()
        try:
            return shape_rules.parse_points(self.board_shape)
        except shape_rules.ShapeError:
            return ()

    def write(self, vals):
        if vals.get("board_shape"):
            try:
                points = shape_rules.parse_points(vals["board_shape"])
            except shape_rules.ShapeError:
                points = None  # the constraint explains
            if points:
                vals = dict(vals, board_shape=shape_rules.format_points(points))
        result = super().write(vals)
        if {"board_shape", "board_plan", "board_plan_x", "board_plan_y", "board_plan_width",
                "board_plan_height", "name", "parent_id", "active"} & set(vals):
            self.env["worksafe.board"]._touch(self.company_id)
        return result
