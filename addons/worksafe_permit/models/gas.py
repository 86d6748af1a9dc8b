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
