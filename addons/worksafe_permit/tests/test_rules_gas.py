"""Plain-pytest tests of rules/gas.py (no Odoo, no database).

Limits are the GB 30871-2022 values, supplied as data exactly as the ORM
would: O2 19.5-21 %vol; combustible gas 0.5 %vol when its LEL >= 4 %, else
0.2 %vol; H2S 10 mg/m3; CO 20 mg/m3 (GBZ 2.1, at GBZ 159's standard sampling
conditions: 20 °C, 101.3 kPa, i.e. a molar volume of 24.04 L/mol).
"""

import math

import pytest

from ..rules import gas

GasLimit = gas.GasLimit
GasReading = gas.GasReading
LimitBreach = gas.LimitBreach

O2 = GasLimit("O2", "%vol", min_value=19.5, max_value=21)
COMB_HIGH_LEL = GasLimit("combustible", "%vol", max_value=0.5, lel_min=4)
COMB_LOW_LEL = GasLimit("combustible", "%vol", max_value=0.2, lel_max=4)
H2S = GasLimit("H2S", "mg/m3", max_value=10)
CO = GasLimit("CO", "mg/m3", max_value=20)
GB30871 = (O2, COMB_HIGH_LEL, COMB_LOW_LEL, H2S, CO)

H2S_MOLAR_MASS = 34.08
CO_MOLAR_MASS = 28.01
# The molar volume the ORM passes by default (a company setting), and the 25 °C one
# that GBZ 2.1 limits must NOT be compared with.
GBZ159 = 24.04
AT_25C = 24.45
METHANE_LEL = 5.0
PROPANE_LEL = 2.1


def o2(value):
    return GasReading("O2", value, "%vol")


def combustible(value, lel, unit="%vol"):
    return GasReading("combustible", value, unit, lel_percent=lel)


def h2s_ppm(value):
    return GasReading("H2S", value, "ppm", molar_mass=H2S_MOLAR_MASS, molar_volume=GBZ159)


# --------------------------------------------------------------------------
# Unit conversion


class TestConversion:
    def test_ppm_to_mg_m3_formula(self):
        assert gas.ppm_to_mg_m3(1, H2S_MOLAR_MASS, GBZ159) == pytest.approx(34.08 / 24.04)

    def test_mg_m3_to_ppm_formula(self):
        assert gas.mg_m3_to_ppm(10, H2S_MOLAR_MASS, GBZ159) == pytest.approx(10 * 24.04 / 34.08)

    def test_gbz_2_1_h2s_mac_in_ppm(self):
        # GBZ 2.1 MAC 10 mg/m3 H2S is about 7.05 ppm at 20 °C (7.17 ppm at 25 °C).
        assert gas.mg_m3_to_ppm(10, H2S_MOLAR_MASS, GBZ159) == pytest.approx(7.054, abs=1e-3)

    def test_25_degrees_understates_mg_m3(self):
        # The same ppm reading is about 1.7 % more mg/m3 at 20 °C than at 25 °C: comparing a
        # GBZ 2.1 limit at 25 °C would let a reading just above the limit pass.
        at_20 = gas.ppm_to_mg_m3(7.1, H2S_MOLAR_MASS, GBZ159)
        at_25 = gas.ppm_to_mg_m3(7.1, H2S_MOLAR_MASS, AT_25C)
        assert at_20 / at_25 == pytest.approx(24.45 / 24.04)
        assert at_25 < 10 < at_20

    @pytest.mark.parametrize(
        ("src", "dst"), [("ppm", "mg/m3"), ("mg/m3", "ppm"), ("mg/m3", "%vol"), ("%vol", "mg/m3")]
    )
    def test_mg_m3_without_molar_volume_is_impossible(self, src, dst):
        # The reference conditions belong to the limit: never assumed.
        with pytest.raises(ValueError):
            gas.convert(1.0, src, dst, molar_mass=H2S_MOLAR_MASS)

    def test_ppm_and_percent_need_no_molar_volume(self):
        assert gas.convert(0.5, "%vol", "ppm") == pytest.approx(5000)

    def test_custom_molar_volume(self):
        # 0 degC reference: 22.414 L/mol
        assert gas.ppm_to_mg_m3(1, 28.01, molar_volume=22.414) == pytest.approx(28.01 / 22.414)
        assert gas.convert(
            1, "ppm", "mg/m3", molar_mass=28.01, molar_volume=22.414
        ) == pytest.approx(28.01 / 22.414)

    @pytest.mark.parametrize("ppm", [0.0, 0.001, 1.0, 7.174, 100.0, 12345.6])
    def test_round_trip_ppm_mg(self, ppm):
        mg = gas.ppm_to_mg_m3(ppm, H2S_MOLAR_MASS, GBZ159)
        assert gas.mg_m3_to_ppm(mg, H2S_MOLAR_MASS, GBZ159) == pytest.approx(ppm)
        back = gas.convert(
            gas.convert(ppm, "ppm", "mg/m3", H2S_MOLAR_MASS, GBZ159),
            "mg/m3",
            "ppm",
            H2S_MOLAR_MASS,
            GBZ159,
        )
        assert back == pytest.approx(ppm)

    def test_percent_vol_is_ten_thousand_ppm(self):
        assert gas.convert(1, "%vol", "ppm") == 10_000
        assert gas.convert(5000, "ppm", "%vol") == 0.5
        assert gas.convert(0.2, "%vol", "ppm") == pytest.approx(2000)

    @pytest.mark.parametrize(
        ("value", "src", "dst"),
        [
            (0.5, "%vol", "ppm"),
            (0.5, "%vol", "mg/m3"),
            (20.0, "mg/m3", "%vol"),
            (17.46, "ppm", "mg/m3"),
        ],
    )
    def test_round_trip_all_units(self, value, src, dst):
        there = gas.convert(value, src, dst, molar_mass=CO_MOLAR_MASS, molar_volume=GBZ159)
        back = gas.convert(there, dst, src, molar_mass=CO_MOLAR_MASS, molar_volume=GBZ159)
        assert back == pytest.approx(value)

    def test_percent_vol_to_mg_m3(self):
        # 0.01 %vol CO = 100 ppm = 100 * 28.01 / 24.04 mg/m3
        assert gas.convert(
            0.01, "%vol", "mg/m3", molar_mass=CO_MOLAR_MASS, molar_volume=GBZ159
        ) == (pytest.approx(100 * 28.01 / 24.04)
        )

    def test_same_unit_needs_no_molar_mass(self):
        assert gas.convert(3.5, "mg/m3", "mg/m3") == 3.5
        assert gas.convert(7, "%LEL", "%LEL") == 7

    @pytest.mark.parametrize(
        ("src", "dst"),
        [("mg/m3", "ppm"), ("ppm", "mg/m3"), ("mg/m3", "%vol"), ("%vol", "mg/m3")],
    )
    def test_mg_m3_without_molar_mass_is_impossible(self, src, dst):
        with pytest.raises(ValueError):
            gas.convert(1.0, src, dst, molar_volume=GBZ159)

    @pytest.mark.parametrize("molar_mass", [0, -34.08, math.nan, math.inf])
    def test_bad_molar_mass(self, molar_mass):
        with pytest.raises(ValueError):
            gas.convert(1.0, "ppm", "mg/m3", molar_mass=molar_mass, molar_volume=GBZ159)
        with pytest.raises(ValueError):
            gas.ppm_to_mg_m3(1.0, molar_mass, GBZ159)

    def test_bad_molar_volume(self):
        with pytest.raises(ValueError):
            gas.mg_m3_to_ppm(1.0, 34.08, molar_volume=0)

    @pytest.mark.parametrize("other", ["ppm", "%vol", "mg/m3"])
    def test_lel_only_to_itself_without_lel(self, other):
        with pytest.raises(ValueError):
            gas.convert(10, "%LEL", other, molar_mass=16.04, molar_volume=GBZ159)
        with pytest.raises(ValueError):
            gas.convert(10, other, "%LEL", molar_mass=16.04, molar_volume=GBZ159)

    def test_lel_with_lel_percent(self):
        # 10 %LEL of methane (LEL 5 %vol) = 0.5 %vol = 5000 ppm
        assert gas.convert(10, "%LEL", "%vol", lel_percent=5) == pytest.approx(0.5)
        assert gas.convert(10, "%LEL", "ppm", lel_percent=5) == pytest.approx(5000)
        assert gas.convert(0.5, "%vol", "%LEL", lel_percent=5) == pytest.approx(10)

    @pytest.mark.parametrize("unit", ["bar", "", "mg", "%"])
    def test_unknown_unit(self, unit):
        with pytest.raises(ValueError):
            gas.convert(1, unit, "ppm")
        with pytest.raises(ValueError):
            gas.convert(1, "ppm", unit)

    @pytest.mark.parametrize(
        ("alias", "canonical"),
        [("mg/m³", "mg/m3"), ("MG/M3", "mg/m3"), ("vol%", "%vol"), ("%lel", "%LEL")],
    )
    def test_unit_aliases(self, alias, canonical):
        assert gas.convert(2.5, alias, canonical) == 2.5


# --------------------------------------------------------------------------
# Which limits apply


class TestApplicableLimits:
    def test_only_same_gas(self):
        assert gas.applicable_limits(o2(20), GB30871) == [O2]
        assert gas.applicable_limits(GasReading("NH3", 1, "ppm"), GB30871) == []

    def test_gas_code_is_case_insensitive(self):
        assert gas.applicable_limits(GasReading("h2s ", 1, "mg/m3"), GB30871) == [H2S]

    def test_lel_exactly_4_takes_the_05_rule(self):
        assert gas.applicable_limits(combustible(0.1, 4.0), GB30871) == [COMB_HIGH_LEL]

    def test_lel_just_below_4_takes_the_02_rule(self):
        assert gas.applicable_limits(combustible(0.1, 3.99), GB30871) == [COMB_LOW_LEL]

    def test_lel_above_4(self):
        assert gas.applicable_limits(combustible(0.1, 4.01), GB30871) == [COMB_HIGH_LEL]
        assert gas.applicable_limits(combustible(0.1, METHANE_LEL), GB30871) == [COMB_HIGH_LEL]

    def test_unknown_lel_applies_every_lel_rule(self):
        assert gas.applicable_limits(combustible(0.1, None), GB30871) == [
            COMB_HIGH_LEL,
            COMB_LOW_LEL,
        ]

    def test_unbounded_limit_applies_whatever_the_lel(self):
        plain = GasLimit("combustible", "%LEL", max_value=10)
        assert gas.applicable_limits(combustible(1, 2.0), [plain]) == [plain]

    def test_two_sided_lel_range(self):
        mid = GasLimit("combustible", "%vol", max_value=0.3, lel_min=2, lel_max=4)
        assert gas.applicable_limits(combustible(0.1, 1.99), [mid]) == []
        assert gas.applicable_limits(combustible(0.1, 2.0), [mid]) == [mid]
        assert gas.applicable_limits(combustible(0.1, 3.999), [mid]) == [mid]
        assert gas.applicable_limits(combustible(0.1, 4.0), [mid]) == []

    def test_accepts_a_generator(self):
        assert gas.applicable_limits(o2(20), (lim for lim in GB30871)) == [O2]


# --------------------------------------------------------------------------
# Boundaries of each limit


class TestOxygen:
    @pytest.mark.parametrize("value", [19.5, 19.51, 20.9, 20.99, 21.0])
    def test_passes(self, value):
        assert gas.evaluate_reading(o2(value), GB30871) == ()

    @pytest.mark.parametrize("value", [19.49, 19.4, 0.0, 15.0])
    def test_too_low(self, value):
        assert gas.evaluate_reading(o2(value), GB30871) == (
            LimitBreach("O2", value, "%vol", "min", 19.5),
        )

    @pytest.mark.parametrize("value", [21.01, 21.1, 23.5])
    def test_too_high(self, value):
        assert gas.evaluate_reading(o2(value), GB30871) == (
            LimitBreach("O2", value, "%vol", "max", 21),
        )

    def test_oxygen_in_ppm_is_converted(self):
        # 195 000 ppm = 19.5 %vol: at the bound, passes; 194 999 ppm does not.
        assert gas.evaluate_reading(GasReading("O2", 195_000, "ppm"), GB30871) == ()
        (breach,) = gas.evaluate_reading(GasReading("O2", 194_999, "ppm"), GB30871)
        assert breach.bound == "min"
        assert breach.unit == "%vol"
        assert breach.value == pytest.approx(19.4999)


class TestCombustible:
    @pytest.mark.parametrize("value", [0.0, 0.49, 0.5])
    def test_high_lel_passes_up_to_05(self, value):
        assert gas.evaluate_reading(combustible(value, METHANE_LEL), GB30871) == ()

    @pytest.mark.parametrize("value", [0.51, 0.6, 2.0])
    def test_high_lel_fails_above_05(self, value):
        assert gas.evaluate_reading(combustible(value, METHANE_LEL), GB30871) == (
            LimitBreach("combustible", value, "%vol", "max", 0.5),
        )

    @pytest.mark.parametrize(
        ("value", "ok"), [(0.2, True), (0.3, True), (0.5, True), (0.51, False)]
    )
    def test_lel_exactly_4_uses_05(self, value, ok):
        breaches = gas.evaluate_reading(combustible(value, 4.0), GB30871)
        assert (breaches == ()) is ok
        assert all(b.limit == 0.5 for b in breaches)

    @pytest.mark.parametrize("value", [0.0, 0.19, 0.2])
    def test_low_lel_passes_up_to_02(self, value):
        assert gas.evaluate_reading(combustible(value, 3.99), GB30871) == ()
        assert gas.evaluate_reading(combustible(value, PROPANE_LEL), GB30871) == ()

    @pytest.mark.parametrize("value", [0.21, 0.3, 0.5])
    def test_low_lel_fails_above_02(self, value):
        assert gas.evaluate_reading(combustible(value, 3.99), GB30871) == (
            LimitBreach("combustible", value, "%vol", "max", 0.2),
        )

    def test_unknown_lel_is_judged_by_the_strictest(self):
        assert gas.evaluate_reading(combustible(0.2, None), GB30871) == ()
        assert gas.evaluate_reading(combustible(0.3, None), GB30871) == (
            LimitBreach("combustible", 0.3, "%vol", "max", 0.2),
        )
        limits = {b.limit for b in gas.evaluate_reading(combustible(0.6, None), GB30871)}
        assert limits == {0.2, 0.5}

    def test_reading_in_percent_lel(self):
        # Detectors show %LEL; 10 %LEL of methane = 0.5 %vol (at the limit).
        assert gas.evaluate_reading(combustible(10, METHANE_LEL, "%LEL"), GB30871) == ()
        (breach,) = gas.evaluate_reading(combustible(10.2, METHANE_LEL, "%LEL"), GB30871)
        assert breach.value == pytest.approx(0.51)
        assert (breach.unit, breach.bound, breach.limit) == ("%vol", "max", 0.5)

    def test_percent_lel_reading_without_lel_is_unconvertible(self):
        with pytest.raises(ValueError):
            gas.evaluate_reading(combustible(5, None, "%LEL"), GB30871)


class TestToxic:
    @pytest.mark.parametrize("value", [0.0, 9.99, 10.0])
    def test_h2s_mg_passes(self, value):
        assert gas.evaluate_reading(GasReading("H2S", value, "mg/m3"), GB30871) == ()

    @pytest.mark.parametrize("value", [10.01, 10.5])
    def test_h2s_mg_fails(self, value):
        assert gas.evaluate_reading(GasReading("H2S", value, "mg/m3"), GB30871) == (
            LimitBreach("H2S", value, "mg/m3", "max", 10),
        )

    def test_h2s_ppm_at_limit_passes(self):
        at_limit = gas.mg_m3_to_ppm(10, H2S_MOLAR_MASS, GBZ159)  # about 7.054 ppm
        assert at_limit == pytest.approx(7.0540, abs=1e-4)
        reading = h2s_ppm(at_limit)
        assert gas.evaluate_reading(reading, GB30871) == ()

    @pytest.mark.parametrize(
        ("ppm", "ok"), [(7.0, True), (7.05, True), (7.06, False), (7.1, False), (7.17, False)]
    )
    def test_h2s_ppm_around_limit(self, ppm, ok):
        reading = h2s_ppm(ppm)
        breaches = gas.evaluate_reading(reading, GB30871)
        assert (breaches == ()) is ok
        if not ok:
            (breach,) = breaches
            assert breach.unit == "mg/m3"
            assert breach.value == pytest.approx(ppm * 34.08 / 24.04)
            assert breach.limit == 10

    def test_h2s_just_above_limit_in_ppm(self):
        above = gas.mg_m3_to_ppm(10, H2S_MOLAR_MASS, GBZ159) * (1 + 1e-6)
        reading = h2s_ppm(above)
        assert len(gas.evaluate_reading(reading, GB30871)) == 1

    def test_h2s_ppm_without_molar_mass_raises(self):
        with pytest.raises(ValueError):
            gas.evaluate_reading(GasReading("H2S", 5, "ppm", molar_volume=GBZ159), GB30871)

    def test_h2s_ppm_without_molar_volume_raises(self):
        with pytest.raises(ValueError):
            gas.evaluate_reading(
                GasReading("H2S", 5, "ppm", molar_mass=H2S_MOLAR_MASS), GB30871
            )

    @pytest.mark.parametrize("value", [0.0, 19.99, 20.0])
    def test_co_mg_passes(self, value):
        assert gas.evaluate_reading(GasReading("CO", value, "mg/m3"), GB30871) == ()

    @pytest.mark.parametrize("value", [20.01, 30.0])
    def test_co_mg_fails(self, value):
        assert gas.evaluate_reading(GasReading("CO", value, "mg/m3"), GB30871) == (
            LimitBreach("CO", value, "mg/m3", "max", 20),
        )

    @pytest.mark.parametrize(
        ("ppm", "ok"), [(17.1, True), (17.16, True), (17.17, False), (17.45, False)]
    )
    def test_co_ppm_around_limit(self, ppm, ok):
        # 20 mg/m3 CO = 20 * 24.04 / 28.01 = 17.165 ppm (17.458 ppm at 25 °C)
        reading = GasReading("CO", ppm, "ppm", molar_mass=CO_MOLAR_MASS, molar_volume=GBZ159)
        assert (gas.evaluate_reading(reading, GB30871) == ()) is ok

    def test_co_ppm_exactly_at_limit(self):
        at_limit = gas.mg_m3_to_ppm(20, CO_MOLAR_MASS, GBZ159)
        reading = GasReading("CO", at_limit, "ppm", molar_mass=CO_MOLAR_MASS, molar_volume=GBZ159)
        assert gas.evaluate_reading(reading, GB30871) == ()


class TestEvaluateReadingEdgeCases:
    def test_float_noise_at_the_bound_passes(self):
        limit = GasLimit("X", "%vol", max_value=0.3)
        assert 0.1 + 0.2 > 0.3  # the float noise this guards against
        assert gas.evaluate_reading(GasReading("X", 0.1 + 0.2, "%vol"), [limit]) == ()

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, None, "abc"])
    def test_non_finite_or_non_numeric_raises(self, value):
        with pytest.raises(ValueError):
            gas.evaluate_reading(GasReading("O2", value, "%vol"), GB30871)

    def test_reading_without_any_limit_has_no_breach(self):
        assert gas.evaluate_reading(GasReading("NH3", 999, "ppm"), GB30871) == ()

    def test_min_and_max_checked_independently(self):
        assert len(gas.evaluate_reading(o2(10), [O2, O2])) == 2

    def test_unknown_reading_unit_raises(self):
        with pytest.raises(ValueError):
            gas.evaluate_reading(GasReading("O2", 20, "bar"), GB30871)
        with pytest.raises(ValueError):  # even without an applicable limit
            gas.evaluate_reading(GasReading("NH3", 20, "bar"), GB30871)


# --------------------------------------------------------------------------
# Whole gas test


def _good_readings():
    return [
        o2(20.9),
        combustible(0.1, METHANE_LEL),
        h2s_ppm(1.0),
        GasReading("CO", 5.0, "mg/m3"),
    ]


REQUIRED = ("O2", "combustible", "H2S", "CO")


class TestEvaluateGasTest:
    def test_all_good(self):
        verdict = gas.evaluate_gas_test(_good_readings(), GB30871, REQUIRED)
        assert verdict == gas.GasVerdict(True, (), (), ())

    def test_no_requirements_no_readings_passes(self):
        assert gas.evaluate_gas_test([], GB30871).passed

    def test_breach_fails(self):
        readings = _good_readings() + [o2(19.4)]
        verdict = gas.evaluate_gas_test(readings, GB30871, REQUIRED)
        assert not verdict.passed
        assert verdict.breaches == (LimitBreach("O2", 19.4, "%vol", "min", 19.5),)
        assert verdict.missing == () and verdict.unconvertible == ()

    def test_one_bad_sampling_point_fails(self):
        # confined space: top / middle / bottom
        readings = [combustible(v, PROPANE_LEL) for v in (0.05, 0.1, 0.25)]
        verdict = gas.evaluate_gas_test(readings, GB30871, ["combustible"])
        assert not verdict.passed
        assert [b.value for b in verdict.breaches] == [0.25]

    def test_missing_required_gas(self):
        readings = [r for r in _good_readings() if r.gas_code != "H2S"]
        verdict = gas.evaluate_gas_test(readings, GB30871, REQUIRED)
        assert not verdict.passed
        assert verdict.missing == ("H2S",)
        assert verdict.breaches == ()

    def test_missing_is_case_insensitive_and_deduplicated(self):
        verdict = gas.evaluate_gas_test([o2(20)], GB30871, ["o2", "CO", "co", "CO"])
        assert verdict.missing == ("CO",)

    def test_unconvertible_collected_not_raised(self):
        readings = _good_readings() + [GasReading("H2S", 3, "ppm")]  # no molar mass
        verdict = gas.evaluate_gas_test(readings, GB30871, REQUIRED)
        assert not verdict.passed
        assert verdict.unconvertible == ("H2S",)
        assert verdict.missing == ()

    def test_unconvertible_listed_once(self):
        readings = [GasReading("H2S", 3, "ppm"), GasReading("H2S", 4, "ppm"), o2(math.nan)]
        verdict = gas.evaluate_gas_test(readings, GB30871)
        assert verdict.unconvertible == ("H2S", "O2")

    def test_unconvertible_gas_is_not_also_missing(self):
        verdict = gas.evaluate_gas_test([GasReading("H2S", 3, "ppm")], GB30871, ["H2S"])
        assert verdict.missing == ()
        assert verdict.unconvertible == ("H2S",)

    def test_everything_wrong_at_once(self):
        readings = [o2(22), GasReading("H2S", 3, "ppm")]
        verdict = gas.evaluate_gas_test(readings, GB30871, REQUIRED)
        assert not verdict.passed
        assert len(verdict.breaches) == 1
        assert verdict.missing == ("combustible", "CO")
        assert verdict.unconvertible == ("H2S",)

    def test_generators_are_accepted(self):
        verdict = gas.evaluate_gas_test(
            iter(_good_readings()), (lim for lim in GB30871), iter(REQUIRED)
        )
        assert verdict.passed
