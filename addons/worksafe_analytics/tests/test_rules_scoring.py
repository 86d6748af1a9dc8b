from datetime import date

import pytest

from odoo.addons.worksafe_analytics.rules import scoring as r

BANDS = [r.Band("excellent", 90), r.Band("pass", 70), r.Band("fail", 0)]


def test_deduction_is_capped_and_never_below_zero():
    assert r.Deduction("v", 30, 3, cap=60).total == 60
    assert r.Deduction("v", 2, 3).total == 6
    assert r.deduct([r.Deduction("a", 50, 3)]) == 0.0
    assert r.deduct([r.Deduction("a", 2, 2.5), r.Deduction("b", 1, 1)]) == 94.0


@pytest.mark.parametrize(("score", "band"), [(100, "excellent"), (90, "excellent"),
                                             (89.9, "pass"), (70, "pass"), (69.9, "fail"),
                                             (0, "fail")])
def test_bands(score, band):
    assert r.band_for(score, BANDS, False, "fail") == band


def test_veto_fails_whatever_the_points():
    assert r.band_for(100, BANDS, True, "fail") == "fail"


def test_periods():
    assert r.period_start(date(2026, 8, 17), "quarter") == date(2026, 7, 1)
    assert r.period_start(date(2026, 8, 17), "month") == date(2026, 8, 1)
    assert r.periods_between(date(2026, 11, 5), date(2027, 2, 1), "month") == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
    assert r.periods_between(date(2026, 5, 5), date(2026, 11, 1), "quarter") == [
        date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1)]


def test_completion_units():
    assert r.completion_units({"closed": 4}) == 0
    assert r.completion_units({"closed": 3, "expired": 1}) == 2.5
    assert r.completion_units({}) == 0
