"""Plain-pytest tests of rules/validity.py (no Odoo, no database).

Durations are supplied as data, e.g. GB 30871: a gas test at most 30 minutes
before work starts, and a new test after a break of more than 60 minutes.
"""

from datetime import datetime, timedelta

import pytest

from ..rules import validity

T0 = datetime(2025, 6, 2, 8, 0)
H = timedelta(hours=1)
MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)


class TestWindowError:
    @pytest.mark.parametrize(
        ("start", "end"), [(None, T0), (T0, None), (None, None), (False, T0), (T0, False)]
    )
    def test_missing(self, start, end):
        assert validity.window_error(start, end, 8) == ("missing", {})

    def test_missing_wins_over_no_limit(self):
        assert validity.window_error(None, None, None) == ("missing", {})

    def test_end_equal_start(self):
        assert validity.window_error(T0, T0, 8) == ("end_before_start", {})

    def test_end_before_start(self):
        assert validity.window_error(T0, T0 - SEC, 8) == ("end_before_start", {})
        assert validity.window_error(T0, T0 - H, None) == ("end_before_start", {})

    def test_exactly_max_passes(self):
        assert validity.window_error(T0, T0 + 8 * H, 8) is None

    def test_just_under_max_passes(self):
        assert validity.window_error(T0, T0 + 8 * H - SEC, 8) is None

    def test_one_minute_over(self):
        assert validity.window_error(T0, T0 + 8 * H + MIN, 8) == (
            "too_long",
            {"hours": 8.02, "max_hours": 8},
        )

    def test_one_second_over_is_too_long(self):
        code, values = validity.window_error(T0, T0 + 8 * H + SEC, 8)
        assert code == "too_long"
        assert values == {"hours": 8.0, "max_hours": 8}

    def test_hours_rounded_to_two_decimals(self):
        _code, values = validity.window_error(T0, T0 + timedelta(hours=72, minutes=20), 72)
        assert values["hours"] == 72.33

    def test_fractional_max(self):
        assert validity.window_error(T0, T0 + 90 * MIN, 1.5) is None
        assert validity.window_error(T0, T0 + 91 * MIN, 1.5)[0] == "too_long"

    @pytest.mark.parametrize("max_hours", [None, 0, 0.0, False])
    def test_no_limit(self, max_hours):
        assert validity.window_error(T0, T0 + 1000 * H, max_hours) is None


class TestGasTestFresh:
    def test_same_instant(self):
        assert validity.gas_test_is_fresh(T0, T0, 30)

    def test_exactly_at_window(self):
        assert validity.gas_test_is_fresh(T0, T0 + 30 * MIN, 30)

    def test_just_inside(self):
        assert validity.gas_test_is_fresh(T0, T0 + 30 * MIN - SEC, 30)

    def test_just_outside(self):
        assert not validity.gas_test_is_fresh(T0, T0 + 30 * MIN + SEC, 30)

    def test_future_sample_is_not_fresh(self):
        assert not validity.gas_test_is_fresh(T0 + SEC, T0, 30)
        assert not validity.gas_test_is_fresh(T0 + 10 * MIN, T0, 30)

    @pytest.mark.parametrize("sample", [None, False])
    def test_missing_sample(self, sample):
        assert not validity.gas_test_is_fresh(sample, T0, 30)

    def test_fractional_window(self):
        assert validity.gas_test_is_fresh(T0, T0 + 90 * SEC, 1.5)
        assert not validity.gas_test_is_fresh(T0, T0 + 91 * SEC, 1.5)

    def test_zero_window_only_now(self):
        assert validity.gas_test_is_fresh(T0, T0, 0)
        assert not validity.gas_test_is_fresh(T0, T0 + SEC, 0)

    @pytest.mark.parametrize("window", [None, -1])
    def test_window_required(self, window):
        with pytest.raises(ValueError):
            validity.gas_test_is_fresh(T0, T0, window)


class TestRetestRequired:
    BREAK = T0 + 2 * H  # work stopped at 10:00

    def test_no_break(self):
        assert not validity.retest_required(T0, None, T0 + 5 * H, 60)
        assert not validity.retest_required(T0, False, T0 + 5 * H, 60)

    def test_break_exactly_at_limit(self):
        assert not validity.retest_required(T0, self.BREAK, self.BREAK + 60 * MIN, 60)

    def test_break_just_under_limit(self):
        assert not validity.retest_required(T0, self.BREAK, self.BREAK + 59 * MIN, 60)

    def test_break_just_over_limit(self):
        assert validity.retest_required(T0, self.BREAK, self.BREAK + 60 * MIN + SEC, 60)
        assert validity.retest_required(T0, self.BREAK, self.BREAK + 61 * MIN, 60)

    def test_test_taken_after_break_began(self):
        now = self.BREAK + 3 * H
        assert not validity.retest_required(self.BREAK + SEC, self.BREAK, now, 60)
        assert not validity.retest_required(now - 5 * MIN, self.BREAK, now, 60)

    def test_test_at_the_instant_the_break_began_does_not_count(self):
        assert validity.retest_required(self.BREAK, self.BREAK, self.BREAK + 2 * H, 60)

    @pytest.mark.parametrize("last_test", [None, False])
    def test_never_tested(self, last_test):
        assert validity.retest_required(last_test, self.BREAK, self.BREAK + 2 * H, 60)

    def test_short_break_needs_no_retest_even_without_test(self):
        assert not validity.retest_required(None, self.BREAK, self.BREAK + 10 * MIN, 60)


class TestStrictest:
    def test_min_of_values(self):
        assert validity.strictest(30, 10, 20) == 10

    def test_ignores_none(self):
        assert validity.strictest(None, 8, None, 4) == 4

    def test_all_none(self):
        assert validity.strictest(None, None) is None

    def test_nothing(self):
        assert validity.strictest() is None

    def test_false_is_unset(self):
        assert validity.strictest(False, 8) == 8
        assert validity.strictest(False) is None

    def test_zero_is_a_value(self):
        assert validity.strictest(0, 8) == 0

    def test_floats_and_timedeltas(self):
        assert validity.strictest(2.5, 3) == 2.5
        assert validity.strictest(H, 30 * MIN) == 30 * MIN

    def test_combined_with_window_error(self):
        hot_work_hours, confined_space_hours = 8, 24
        limit = validity.strictest(hot_work_hours, confined_space_hours, None)
        assert validity.window_error(T0, T0 + 9 * H, limit)[0] == "too_long"
