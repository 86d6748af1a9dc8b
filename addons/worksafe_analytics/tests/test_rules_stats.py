import pytest

from odoo.addons.worksafe_analytics.rules.stats import percentile_cont, rate


def test_percentile_interpolates_like_postgres():
    # percentile_cont(0.9) over 1..10 is 9.1 in PostgreSQL
    assert percentile_cont(range(1, 11), 0.9) == pytest.approx(9.1)
    assert percentile_cont([4, 1, 3, 2], 0.5) == pytest.approx(2.5)


def test_percentile_edges():
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([None, None], 0.9) is None
    assert percentile_cont([7], 0.9) == 7
    assert percentile_cont([3, 1], 0) == 1
    assert percentile_cont([3, 1], 1) == 3


def test_percentile_fraction_out_of_range_is_refused():
    with pytest.raises(ValueError):
        percentile_cont([1, 2], 1.5)


def test_rate_of_nothing_is_zero():
    assert rate(0, 0) == 0.0
    assert rate(1, 4) == 25.0
