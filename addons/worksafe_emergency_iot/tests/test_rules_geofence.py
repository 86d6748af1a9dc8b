"""The geofence rule, plain pytest: site metres (x/y), the edge inside, the nearest point,
radius 0 = no geofence, only the unknown filled in, nothing before the alarm."""
from datetime import datetime, timedelta

from odoo.addons.worksafe_emergency_iot.rules.geofence import (
    distance_m,
    first_arrival,
    helmet_may_account,
    point_reached,
)

T0 = datetime(2026, 1, 1, 8, 0, 0)
A = (1, 100.0, 50.0, 20.0)
B = (2, 130.0, 50.0, 20.0)


def test_distance_is_euclidean_in_site_metres():
    assert distance_m(0.0, 0.0, 3.0, 4.0) == 5.0


def test_inside_outside_and_the_edge():
    assert point_reached(110.0, 50.0, [A]) == 1
    assert point_reached(120.0, 50.0, [A]) == 1          # exactly on the circle
    assert point_reached(120.01, 50.0, [A]) is None
    assert point_reached(100.0, 71.0, [A]) is None


def test_the_nearest_of_overlapping_circles_wins():
    # both circles hold x 114 and x 116; the nearer centre wins, whatever the order
    assert point_reached(114.0, 50.0, [A, B]) == 1
    assert point_reached(114.0, 50.0, [B, A]) == 1
    assert point_reached(116.0, 50.0, [A, B]) == 2


def test_radius_zero_means_no_geofence():
    assert point_reached(100.0, 50.0, [(1, 100.0, 50.0, 0.0)]) is None
    assert point_reached(100.0, 50.0, []) is None


def test_a_helmet_only_fills_in_the_unknown():
    assert helmet_may_account(None)
    assert helmet_may_account("unknown")
    for status in ("accounted", "need_help", "not_on_site"):
        assert not helmet_may_account(status)


def test_first_arrival_after_the_alarm_in_time_order():
    far, near = (300.0, 300.0), (105.0, 50.0)
    positions = [(T0 + timedelta(seconds=30), *near), (T0 + timedelta(seconds=10), *far),
                 (T0 + timedelta(seconds=20), *near)]
    assert first_arrival(positions, [A], T0) == (1, T0 + timedelta(seconds=20))
    assert first_arrival([(T0 + timedelta(seconds=10), *far)], [A], T0) is None


def test_a_position_before_the_alarm_does_not_count():
    positions = [(T0 - timedelta(seconds=5), 100.0, 50.0)]
    assert first_arrival(positions, [A], T0) is None
    assert first_arrival(positions + [(T0, 100.0, 50.0)], [A], T0) == (1, T0)
