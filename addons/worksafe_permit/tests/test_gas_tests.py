from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .common import WorksafeCase


class TestGasTests(WorksafeCase):
    def setUp(self):
        super().setUp()
        self.permit = self.issued_permit()

    def reading(self, gas, value, unit="%vol", with_o2=True):
        lines = [Command.create({"gas_id": gas.id, "value": value, "unit": unit})]
        if with_o2 and gas != self.gas_o2:
            lines.append(Command.create({"gas_id": self.gas_o2.id, "value": 20.9,
                                         "unit": "%vol"}))
        if gas.kind != "combustible":
            lines.append(Command.create({"gas_id": self.gas_methane.id, "value": 0.0,
                                         "unit": "%vol"}))
        return self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
            "permit_id": self.permit.id, "analyst_id": self.watcher.id, "line_ids": lines})

    def assertVerdicts(self, gas, cases, unit="%vol"):
        for value, passed in cases:
            with self.subTest(gas=gas.name, value=value):
                test = self.reading(gas, value, unit)
                self.assertEqual(test.passed, passed, test.failure_summary)

    def test_oxygen_band(self):
        self.assertVerdicts(self.gas_o2, [(19.4, False), (19.5, True), (20.9, True),
                                          (21.0, True), (21.1, False)])

    def test_combustible_rule_by_lel(self):
        # LEL ≥ 4 % (methane 5 %, hydrogen exactly 4 %): at most 0.5 % vol
        self.assertVerdicts(self.gas_methane, [(0.49, True), (0.5, True), (0.51, False)])
        self.assertVerdicts(self.gas_hydrogen, [(0.5, True), (0.51, False)])
        # LEL < 4 % (propane 2.1 %): at most 0.2 % vol
        self.assertVerdicts(self.gas_propane, [(0.19, True), (0.2, True), (0.21, False)])
        # Unknown combustible: the strictest rule
        self.assertVerdicts(self.gas_combustible, [(0.2, True), (0.3, False)])

    def test_toxic_limit_with_unit_conversion(self):
        self.assertVerdicts(self.gas_h2s, [(9.99, True), (10.0, True), (10.01, False)],
                            unit="mg/m3")
        # at 20 °C, 101.3 kPa: 7 ppm H2S = 9.92 mg/m³ (passes), 7.2 ppm = 10.21 mg/m³ (fails)
        self.assertVerdicts(self.gas_h2s, [(7.0, True), (7.2, False)], unit="ppm")

    def test_ppm_readings_compared_at_gbz_159_conditions(self):
        """7.1 ppm H2S is 10.07 mg/m³ at GBZ 159's 20 °C (above the 10 mg/m³ MAC) but 9.90
        mg/m³ at 25 °C: the shipped molar volume (data, a setting) decides."""
        param = self.env["ir.config_parameter"].sudo()
        self.assertEqual(float(param.get_param("worksafe_permit.molar_volume")), 24.04)
        self.assertFalse(self.reading(self.gas_h2s, 7.1, "ppm").passed)
        param.set_param("worksafe_permit.molar_volume", "24.45")
        self.assertTrue(self.reading(self.gas_h2s, 7.1, "ppm").passed)
        # unusable reference conditions: not comparable, so not a pass
        param.set_param("worksafe_permit.molar_volume", "0")
        test = self.reading(self.gas_h2s, 1.0, "ppm")
        self.assertFalse(test.passed)
        self.assertEqual(test.line_ids.filtered(lambda line: line.gas_id == self.gas_h2s).result,
                         "fail")
        # readings in the limit's own unit need no conversion
        self.assertTrue(self.reading(self.gas_h2s, 9.9, "mg/m3").passed)

    def test_required_gas_missing(self):
        test = self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
            "permit_id": self.permit.id, "analyst_id": self.watcher.id,
            "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": 20.9,
                                         "unit": "%vol"})]})
        self.assertFalse(test.passed)
        self.assertIn("not measured", test.failure_summary)

    def test_gas_test_is_immutable_evidence(self):
        test = self.gas_test(self.permit)
        with self.assertRaises(UserError):
            test.write({"sample_point": "elsewhere"})
        with self.assertRaises(UserError):
            test.line_ids[0].write({"value": 1.0})
        with self.assertRaises(UserError):
            test.unlink()

    def test_future_sample_refused(self):
        with self.assertRaises(ValidationError):
            self.gas_test(self.permit, minutes_ago=-10)

    def test_limits_copied_into_permit(self):
        self.assertEqual(len(self.permit.gas_limit_ids), len(self.template.gas_limit_ids))
        self.template.gas_limit_ids[0].max_value = 22.0
        self.assertEqual(self.permit.gas_limit_ids[0].max_value, 21.0,
                         "editing a template never changes an issued permit")
