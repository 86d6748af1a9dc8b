from odoo import fields, models

LEVEL_PARAMETERS = [
    ("none", "None (one variant)"),
    ("height", "Working height (m)"),
    ("hot_work", "Hot-work site conditions"),
    ("lifting_mass", "Lifted mass (t)"),
    ("depth", "Excavation depth (m)"),
]


class WorksafeWorkType(models.Model):
    _name = "worksafe.work.type"
    _description = "Work type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by SIMOPS rules and integrations.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    special_operation = fields.Boolean(
        "GB 30871 special operation", help="One of the eight special operations of GB 30871-2022."
    )
    level_parameter = fields.Selection(
        LEVEL_PARAMETERS, required=True, default="none",
        help="Which permit parameter selects the variant (level).",
    )
    upgrade_night_rest_day = fields.Boolean(
        "One level up at night and on rest days",
        help="GB 30871: hot work on holidays, rest days or at night is raised one level.",
    )
    upgrade_objective_hazard = fields.Boolean(
        "One level up with objective hazards",
        help="GB/T 3608: work at height with any objective hazard is raised one class.",
    )
    wind_limit_force = fields.Integer(
        "Outdoors prohibited from wind force",
        help="Beaufort force from which outdoor work of this type is prohibited, the force "
        "itself included (GB 30871: hot work 5, lifting 6, work at height 5). 0 = no wind rule.",
    )
    wind_upgrade_allowed = fields.Boolean(
        "One level up in strong wind where production requires it",
        help="GB 30871: hot work in wind of the limit force or more is prohibited in principle; "
        "where production really requires it, it is done one level up.",
    )
    fire_zone_gas_test = fields.Boolean(
        "Combustible gas test before start in fire/explosion areas",
        help="GB 30871 §10: temporary power in a fire or explosion area is connected only after "
        "a passing combustible gas test, as for hot work.",
    )
    served_work_type_ids = fields.Many2many(
        "worksafe.work.type", "worksafe_work_type_served_rel", "work_type_id", "served_id",
        "Lies within the window of linked",
        help="A permit of this type linked to a permit of these types must lie within that "
        "permit's window (GB 30871 §10: temporary power lasts no longer than the hot-work or "
        "confined-space permit it serves).",
    )
    variant_ids = fields.One2many("worksafe.variant", "work_type_id", "Variants (levels)")
    template_ids = fields.One2many("worksafe.template", "work_type_id", "Templates")

    _code_unique = models.UniqueIndex("(code)")
    _wind_limit_beaufort = models.Constraint(
        "CHECK (wind_limit_force BETWEEN 0 AND 12)",
        "The wind limit is a Beaufort force from 0 to 12 (0: no wind rule).",
    )
