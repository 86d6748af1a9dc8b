from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .gas import UNIT_SELECTION, rule_gas_code


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

    @api.constrains("unit", "min_value", "max_value", "has_min", "has_max", "lel_min",
                    "lel_max")
    def _check_possible_limits(self):
        """Limits a reading could be compared with: not negative, percentages up to 100, a
        minimum below the maximum."""
        for limit in self:
            values = [limit.min_value, limit.max_value, limit.lel_min, limit.lel_max]
            percent = limit.unit in ("%vol", "%LEL")
            if any(v < 0 for v in values) \
                    or (percent and max(limit.min_value, limit.max_value) > 100) \
                    or max(limit.lel_min, limit.lel_max) > 100 \
                    or (limit.has_min and limit.has_max and limit.min_value > limit.max_value):
                raise ValidationError(self.env._(
                    "%(gas)s: these limits are impossible (negative, above 100 %%, or a "
                    "minimum above the maximum).", gas=limit.gas_id.name))

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
