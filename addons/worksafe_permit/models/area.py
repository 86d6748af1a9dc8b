from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorksafeArea(models.Model):
    _name = "worksafe.area"
    _description = "Work area"
    _parent_store = True
    _parent_name = "parent_id"
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("worksafe.area", "Parent area", index=True, ondelete="restrict",
                                check_company=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("worksafe.area", "parent_id", "Sub-areas")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    active = fields.Boolean(default=True)
    authority_id = fields.Many2one(
        "res.users", "Area authority",
        help="Approves permits in this area when the approval step asks for the area authority.",
    )
    hazard_class = fields.Selection(
        [("none", "Non-hazardous"), ("zone_2", "Zone 2 (explosive atmosphere unlikely)"),
         ("zone_1", "Zone 1 (explosive atmosphere likely)"),
         ("zone_0", "Zone 0 (explosive atmosphere continuous)")],
        default="none", required=True,
    )
    fire_explosion_zone = fields.Boolean(
        "Fire/explosion hazard area",
        compute="_compute_fire_explosion_zone", store=True, readonly=False,
        help="Hot work here is at least level 1 (GB 30871).",
    )
    major_hazard_dike = fields.Boolean(
        "Inside a major-hazard tank farm dike",
        help="Hot work here is the special level (GB 30871).",
    )
    toxic_area = fields.Boolean("Toxic gas may be present")
    position_x = fields.Float("X (m)", help="Position on the site plan, in metres.")
    position_y = fields.Float("Y (m)")
    has_position = fields.Boolean("Position known")
    hazard_note = fields.Text("Hazards", translate=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for area in self:
            area.complete_name = (
                f"{area.parent_id.complete_name} / {area.name}" if area.parent_id else area.name
            )

    @api.depends("hazard_class")
    def _compute_fire_explosion_zone(self):
        for area in self:
            area.fire_explosion_zone = area.hazard_class != "none"

    @api.constrains("parent_id")
    def _check_hierarchy(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An area cannot contain itself."))

    def _area_path(self):
        """Own id first, then ancestors: what SIMOPS rules compare."""
        self.ensure_one()
        return tuple(int(x) for x in reversed(self.parent_path.strip("/").split("/")))
