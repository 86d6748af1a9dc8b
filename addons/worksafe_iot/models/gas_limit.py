from odoo import fields, models


class WorksafeGasLimitMixin(models.AbstractModel):
    _inherit = "worksafe.gas.limit.mixin"

    # Exposure limits for live monitoring (GBZ 2.1 PC-TWA / PC-STEL, ACGIH TWA / STEL), in the
    # limit's unit. Only gas tests use min/max; sensors also average over time.
    has_twa = fields.Boolean("Has 8-h TWA")
    twa_value = fields.Float("8-h TWA", digits=(10, 3))
    has_stel = fields.Boolean("Has 15-min STEL")
    stel_value = fields.Float("15-min STEL", digits=(10, 3))

    def _copy_values(self):
        values = super()._copy_values()
        for vals, limit in zip(values, self, strict=True):
            vals.update(has_twa=limit.has_twa, twa_value=limit.twa_value,
                        has_stel=limit.has_stel, stel_value=limit.stel_value)
        return values

    def _iot_limit(self):
        """The limit as the bridge evaluates it (see bridge/engine.py)."""
        from odoo.addons.worksafe_permit.models.gas import rule_gas_code

        return [{
            "gas": rule_gas_code(limit.gas_id), "unit": limit.unit,
            "kind": limit.gas_id.kind,
            "min": limit.min_value if limit.has_min else None,
            "max": limit.max_value if limit.has_max else None,
            "lel_min": limit.lel_min if limit.has_lel_range and limit.lel_min else None,
            "lel_max": limit.lel_max if limit.has_lel_range and limit.lel_max else None,
            "twa": limit.twa_value if limit.has_twa else None,
            "stel": limit.stel_value if limit.has_stel else None,
        } for limit in self]
