from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..rules import gas as gas_rules
from .gas import rule_gas_code


class WorksafeGasTest(models.Model):
    _name = "worksafe.gas.test"
    _description = "Gas test"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "sample_time desc, id desc"

    sample_time = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    sample_time_display = fields.Char(compute="_compute_sample_time_display")
    analyst_id = fields.Many2one("hr.employee", "Analyst", required=True,
                                 default=lambda self: self._default_analyst())
    recorded_by_id = fields.Many2one("res.users", default=lambda s: s.env.user, readonly=True)
    sample_point = fields.Char("Sampling point", help="e.g. vessel top / middle / bottom.")
    line_ids = fields.One2many("worksafe.gas.test.line", "test_id", "Readings")
    passed = fields.Boolean(compute="_compute_result", store=True)
    failure_summary = fields.Char(compute="_compute_result", store=True)
    source = fields.Selection([("manual", "Analyst"), ("sensor", "Sensor")], default="manual",
                              required=True)

    @api.model
    def _default_analyst(self):
        """The person recording is usually the analyst who took the sample: their own employee
        when they may act as gas analyst (the analyst steps' role)."""
        employee = self.env.user.employee_id
        if employee and self._is_gas_analyst(employee):
            return employee
        return self.env["hr.employee"]

    @api.model
    def _is_gas_analyst(self, employee):
        """Whether `employee` acts as gas analyst (worksafe_training adds the certificate)."""
        return bool(employee.user_id) and employee.user_id.has_group(
            "worksafe_permit.group_worksafe_watcher")

    @api.depends("permit_id.name", "sample_time")
    def _compute_display_name(self):
        # A new test has no name yet (the breadcrumb then says "New", not the model's name).
        for test in self:
            test.display_name = test.id and self.env._(
                "Gas test %(permit)s %(time)s", permit=test.permit_id.name or "",
                time=test.sample_time_display or "")

    @api.depends("sample_time")
    def _compute_sample_time_display(self):
        for test in self:
            test.sample_time_display = test.permit_id._format_dt(test.sample_time) \
                if test.sample_time else ""

    @api.depends("line_ids.value", "line_ids.unit", "line_ids.gas_id")
    def _compute_result(self):
        for test in self:
            verdict = test._verdict()
            test.passed = verdict.passed
            test.failure_summary = test._describe(verdict) if not verdict.passed else False

    def _verdict(self):
        self.ensure_one()
        limits = self.permit_id.gas_limit_ids
        required = {rule_gas_code(limit.gas_id) for limit in limits if limit.required}
        return gas_rules.evaluate_gas_test(
            [line._as_reading() for line in self.line_ids], limits._as_rule(), sorted(required))

    def _describe(self, verdict):
        _ = self.env._
        # The measured gas's own name wins over the generic limit's ("Methane", not
        # "Combustible gas").
        names = {rule_gas_code(gas): gas.name for gas in self.permit_id.gas_limit_ids.gas_id}
        names.update({rule_gas_code(gas): gas.name for gas in self.line_ids.gas_id})
        parts = [
            _("%(gas)s %(value)s %(unit)s is %(bound)s the limit %(limit)s",
              gas=names.get(breach.gas_code, breach.gas_code), value=breach.value,
              unit=breach.unit, bound=_("below") if breach.bound == "min" else _("above"),
              limit=breach.limit)
            for breach in verdict.breaches
        ]
        parts += [_("%(gas)s not measured", gas=names.get(code, code))
                  for code in verdict.missing]
        parts += [_("%(gas)s in a unit that cannot be compared", gas=names.get(code, code))
                  for code in verdict.unconvertible]
        return "; ".join(parts)[:500]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        readings = []
        for vals in vals_list:
            # Readings are written with their test and never after: see the reading's create.
            commands = vals.pop("line_ids", [])
            self._check_new_readings(commands)
            readings.append(commands)
        tests = super().create(vals_list)
        for test, commands in zip(tests, readings, strict=True):
            if commands:
                test._system_write({"line_ids": commands})
        for test in tests:
            if test.permit_id.state not in ("approved", "issued", "active", "suspended"):
                raise UserError(self.env._("Gas tests are recorded for approved permits."))
            if test.sample_time > fields.Datetime.now():
                raise ValidationError(self.env._("A gas sample cannot be taken in the future."))
            test._audit("gas_test", self.env._("Gas test: %(result)s",
                                               result=self.env._("pass") if test.passed
                                               else self.env._("FAIL")), {
                "sample_time": fields.Datetime.to_string(test.sample_time),
                "analyst": test.analyst_id.id, "point": test.sample_point or False,
                "readings": [[line.gas_id.code, line.value, line.unit] for line in test.line_ids],
                "passed": test.passed,
            })
            if not test.passed:
                test.permit_id.message_post(body=self.env._(
                    "Gas test failed: %(why)s", why=test.failure_summary))
        return tests

    @api.model
    def _check_new_readings(self, commands):
        """Readings are new ones (never lines of another test), of valid types: whoever
        records the test, a person or WorkSafe itself (a sensor's test)."""
        Line = self.env["worksafe.gas.test.line"]
        if not isinstance(commands, (list, tuple)):
            raise Line._guard_value_error(self._fields["line_ids"], commands)
        for command in commands:
            if not (isinstance(command, (list, tuple)) and len(command) == 3
                    and command[0] == Command.CREATE and isinstance(command[2], dict)):
                raise AccessError(self.env._("Readings are recorded together with their gas "
                                             "test."))
            for fname, value in command[2].items():
                if fname in Line._guard_system_field_names() - {"gas_id", "value", "unit"}:
                    raise AccessError(Line._guard_action_message({fname}))
                Line._guard_check_value(fname, value)

    # Who recorded it and where it came from are the system's: nobody records a gas test in
    # someone else's name or passes a manual one off as a sensor's. Once recorded, it is
    # evidence.
    _guard_system_fields = frozenset({"recorded_by_id", "source"})

    def _guard_is_frozen(self):
        return True

    def _guard_frozen_message(self):
        return self.env._("A gas test is evidence and cannot be changed: record a new one.")

    @api.ondelete(at_uninstall=False)
    def _unlink_never_as_evidence(self):
        if any(test.permit_id.state != "draft" for test in self):
            raise UserError(self.env._("Gas tests cannot be deleted."))
