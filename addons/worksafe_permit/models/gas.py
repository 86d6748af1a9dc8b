from odoo import fields, models


class WorksafeGas(models.Model):
    _name = "worksafe.gas"
    _description = "Measured gas"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by limits, sensors and rules.")
    formula = fields.Char()
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("oxygen", "Oxygen"), ("combustible", "Combustible"), ("toxic", "Toxic")],
        required=True, default="toxic",
    )
    default_unit = fields.Selection(
        [("%vol", "% vol"), ("ppm", "ppm"), ("mg/m3", "mg/m³"), ("%LEL", "% LEL")],
        required=True, default="ppm",
    )
    molar_mass = fields.Float("Molar mass (g/mol)", digits=(8, 3),
                              help="Needed to convert between ppm and mg/m³.")
    lel_percent = fields.Float("LEL (% vol)", digits=(6, 2),
                               help="Lower explosive limit; selects the hot-work combustible rule.")
    active = fields.Boolean(default=True)

    _code_unique = models.UniqueIndex("(code)")


COMBUSTIBLE = "combustible"


def rule_gas_code(gas):
    """Combustible limits depend on the gas's LEL, not its name: they share one code."""
    return COMBUSTIBLE if gas.kind == "combustible" else gas.code


UNIT_SELECTION = [("%vol", "% vol"), ("ppm", "ppm"), ("mg/m3", "mg/m³"), ("%LEL", "% LEL")]


class WorksafeGasLimitMixin(models.AbstractModel):
    _name = "worksafe.gas.limit.mixin"
    _description = "Gas limit"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    gas_id = fields.Many2one("worksafe.gas", required=True, ondelete="restrict")
    gas_kind = fields.Selection(related="gas_id.kind")
    unit = fields.Selection(UNIT_SELECTION, required=True, default="%vol")
    min_value = fields.Float("Minimum", digits=(10, 3))
    has_min = fields.Boolean("Has minimum")
    max_value = fields.Float("Maximum", digits=(10, 3))
    has_max = fields.Boolean("Has maximum", default=True)
    lel_min = fields.Float("For gases with LEL ≥ (% vol)", digits=(6, 2))
    lel_max = fields.Float("For gases with LEL < (% vol)", digits=(6, 2))
    has_lel_range = fields.Boolean("Depends on the gas's LEL")
    required = fields.Boolean("Must be measured", default=True)
    source = fields.Char("Standard",
                         help="Which standard the value follows, e.g. GB 30871-2022 §5.")

    def _as_rule(self):
        from ..rules.gas import GasLimit

        return [
            GasLimit(
                gas_code=rule_gas_code(limit.gas_id),
                unit=limit.unit,
                min_value=limit.min_value if limit.has_min else None,
                max_value=limit.max_value if limit.has_max else None,
                lel_min=limit.lel_min if limit.has_lel_range and limit.lel_min else None,
                lel_max=limit.lel_max if limit.has_lel_range and limit.lel_max else None,
            )
            for limit in self
        ]

    def _copy_values(self):
        return [
            {
                "sequence": limit.sequence, "gas_id": limit.gas_id.id, "unit": limit.unit,
                "min_value": limit.min_value, "has_min": limit.has_min,
                "max_value": limit.max_value, "has_max": limit.has_max,
                "lel_min": limit.lel_min, "lel_max": limit.lel_max,
                "has_lel_range": limit.has_lel_range, "required": limit.required,
                "source": limit.source,
            }
            for limit in self
        ]


class WorksafeTemplateGasLimit(models.Model):
    _name = "worksafe.template.gas.limit"
    _inherit = "worksafe.gas.limit.mixin"
    _description = "Template gas limit"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)


class WorksafePermitGasLimit(models.Model):
    _name = "worksafe.permit.gas.limit"
    _inherit = ["worksafe.gas.limit.mixin", "worksafe.permit.draft.line"]
    _description = "Permit gas limit"

    def _frozen_message(self):
        # Gas tests are judged against these limits: they are the permit's as submitted.
        return self.env._("The gas limits of a submitted permit cannot change.")
