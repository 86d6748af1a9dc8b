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
    variant_ids = fields.One2many("worksafe.variant", "work_type_id", "Variants (levels)")
    template_ids = fields.One2many("worksafe.template", "work_type_id", "Templates")

    _code_unique = models.UniqueIndex("(code)")
