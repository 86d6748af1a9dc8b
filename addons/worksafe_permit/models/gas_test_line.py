from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import gas as gas_rules
from .gas import UNIT_SELECTION, rule_gas_code

PERCENT_UNITS = ("%vol", "%LEL")


class WorksafeGasTestLine(models.Model):
    _name = "worksafe.gas.test.line"
    _inherit = ["worksafe.guarded.mixin"]
    _description = "Gas reading"
    _order = "sequence, id"

    test_id = fields.Many2one("worksafe.gas.test", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="test_id.company_id", store=True)
    sequence = fields.Integer(related="gas_id.sequence", store=True)
    gas_id = fields.Many2one("worksafe.gas", required=True, ondelete="restrict")
    value = fields.Float(digits=(10, 3), required=True)
    unit = fields.Selection(UNIT_SELECTION, required=True)
    lel_percent = fields.Float(related="gas_id.lel_percent")
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail")], compute="_compute_line",
                              store=True)

    @api.onchange("gas_id")
    def _onchange_gas_id(self):
        if self.gas_id:
            self.unit = self.gas_id.default_unit

    # Readings are written with their test (by WorkSafe, see the test's create) and never
    # after.
    _guard_system_only = True

    def _guard_action_message(self, names):
        return self.env._("Readings are recorded together with their gas test.")

    @api.constrains("value", "unit")
    def _check_value(self):
        for line in self:
            if line.value < 0 or (line.unit in PERCENT_UNITS and line.value > 100):
                raise ValidationError(self.env._(
                    "%(gas)s: %(value)s %(unit)s is not a possible reading.",
                    gas=line.gas_id.name, value=line.value, unit=line.unit))

    @api.depends("value", "unit", "gas_id")
    def _compute_line(self):
        for line in self:
            limits = line.test_id.permit_id.gas_limit_ids._as_rule()
            try:
                breaches = gas_rules.evaluate_reading(line._as_reading(), limits)
            except ValueError:
                line.result = "fail"
                continue
            line.result = "fail" if breaches else "pass"

    def write(self, vals):
        if self.test_id:
            raise UserError(self.env._("A gas reading is evidence and cannot be changed."))
        return super().write(vals)

    def _as_reading(self):
        return gas_rules.GasReading(
            gas_code=rule_gas_code(self.gas_id), value=self.value, unit=self.unit,
            lel_percent=self.gas_id.lel_percent or None,
            molar_mass=self.gas_id.molar_mass or None,
            molar_volume=self.env["res.config.settings"]._worksafe_molar_volume(),
        )
