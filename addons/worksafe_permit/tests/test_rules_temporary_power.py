"""Plain-pytest tests of rules/temporary_power.py (no Odoo, no database)."""

from datetime import datetime, timedelta

import pytest

from ..rules import temporary_power as tp

NOW = datetime(2030, 1, 8, 10, 0)


def problem(**values):
    args = {
        "combustible_limited": True,
        "sample_time": NOW - timedelta(minutes=10),
        "passed": True,
        "combustible_measured": True,
        "now": NOW,
        "window_minutes": 30,
    }
    args.update(values)
    return tp.gas_test_problem(**args)


class TestGasTest:
    def test_fresh_passing_combustible_test(self):
        assert problem() is None

    def test_window_boundary_counts_as_fresh(self):
        assert problem(sample_time=NOW - timedelta(minutes=30)) is None

    @pytest.mark.parametrize(
        ("values", "code"),
        [
            ({"combustible_limited": False}, "no_limit"),
            ({"sample_time": None}, "missing"),
            ({"sample_time": False}, "missing"),
            ({"passed": False}, "failed"),
            ({"combustible_measured": False}, "no_combustible"),
            ({"sample_time": NOW - timedelta(minutes=31)}, "stale"),
            ({"sample_time": NOW + timedelta(minutes=1)}, "stale"),  # clock skew
        ],
    )
    def test_problems(self, values, code):
        assert problem(**values) == code

    def test_a_configuration_gap_comes_first(self):
        assert problem(combustible_limited=False, sample_time=None) == "no_limit"

    @pytest.mark.parametrize("window", [None, -1])
    def test_window_must_be_given(self, window):
        with pytest.raises(ValueError):
            problem(window_minutes=window)


T0 = datetime(2030, 1, 8, 8, 0)
T1 = datetime(2030, 1, 8, 16, 0)


class TestWindow:
    def test_within_or_equal(self):
        assert tp.window_problems(T0, T1, [("hot", T0, T1)]) == []
        inner = (T0 + timedelta(hours=1), T1 - timedelta(hours=1))
        assert tp.window_problems(*inner, [("hot", T0, T1)]) == []

    def test_outside_on_either_side(self):
        early = T0 - timedelta(minutes=1)
        late = T1 + timedelta(minutes=1)
        assert tp.window_problems(early, T1, [("hot", T0, T1)]) == [("hot", "starts_before")]
        assert tp.window_problems(T0, late, [("hot", T0, T1)]) == [("hot", "ends_after")]
        assert tp.window_problems(early, late, [("hot", T0, T1)]) == [
            ("hot", "starts_before"),
            ("hot", "ends_after"),
        ]

    def test_within_each_served_permit(self):
        served = [("hot", T0, T1), ("confined", T0, T1 - timedelta(hours=2))]
        assert tp.window_problems(T0, T1, served) == [("confined", "ends_after")]

    def test_nothing_served(self):
        assert tp.window_problems(T0, T1, []) == []

    def test_served_permit_without_window(self):
        assert tp.window_problems(T0, T1, [("hot", None, T1)]) == [("hot", "unknown")]
