import pytest

from odoo.addons.worksafe_analytics.rules import suggestions as s


def test_wait_rule_needs_enough_permits_over_target():
    slow = s.Figures(permits=10, wait_p90=6.0, target=2.0, over_target=4)
    assert s.metric_value(s.WAIT_P90_OVER_TARGET, slow) == 3.0
    assert not s.fires(s.WAIT_P90_OVER_TARGET, 1.0, 5, slow)  # only 4 over target
    assert s.fires(s.WAIT_P90_OVER_TARGET, 1.0, 4, slow)


def test_wait_rule_without_target_never_fires():
    assert not s.fires(s.WAIT_P90_OVER_TARGET, 1.0, 1,
                       s.Figures(permits=50, wait_p90=99.0, target=0.0, over_target=0))


def test_missed_rate_rule():
    fig = s.Figures(permits=20, missed=3)
    assert s.metric_value(s.MISSED_RATE, fig) == pytest.approx(15.0)
    assert s.fires(s.MISSED_RATE, 10, 5, fig)
    assert not s.fires(s.MISSED_RATE, 20, 5, fig)
    assert not s.fires(s.MISSED_RATE, 10, 21, fig)  # too few permits


def test_rework_rate_and_unknown_metric():
    assert s.metric_value(s.REWORK_RATE, s.Figures(permits=4, rejected=1)) == 25.0
    with pytest.raises(ValueError):
        s.metric_value("nonsense", s.Figures(permits=1))
