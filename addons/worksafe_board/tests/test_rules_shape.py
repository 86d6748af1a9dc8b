"""Plain-pytest tests of rules/shape.py and rules/board.py (no Odoo, no database)."""
from datetime import datetime, timedelta

import pytest

from ..rules import board as board_rules
from ..rules import shape as shape_rules

SQUARE = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))


def test_polygon_and_rectangle_by_two_corners():
    assert shape_rules.parse_points("0,0 10,0 10,10 0,10") == SQUARE
    assert shape_rules.parse_points("0,0;10,10") == SQUARE
    assert shape_rules.parse_points("  \n") == ()


@pytest.mark.parametrize(("text", "reason"), [
    ("0,0 10", "point"), ("a,b 1,1 2,2", "point"), ("0,0 inf,1 2,2", "point"),
    ("nan,0 1,1 2,3", "point"), ("1,1", "count"), ("0,0 1,1 2,2", "flat"),
    ("0,0,0 1,1 2,2", "point"),
])
def test_bad_outlines_are_refused_with_a_reason(text, reason):
    with pytest.raises(shape_rules.ShapeError) as caught:
        shape_rules.parse_points(text)
    assert caught.value.reason == reason


def test_canonical_text():
    assert shape_rules.format_points(shape_rules.parse_points("0,0 10.50,10")) == \
        "0,0 10.5,0 10.5,10 0,10"


def test_label_point_inside_even_for_an_l_shape():
    assert shape_rules.label_point(SQUARE) == pytest.approx((5.0, 5.0))
    # a thin L whose centroid falls outside the shape
    ell = shape_rules.parse_points("0,0 10,0 10,1 1,1 1,10 0,10")
    assert not shape_rules.contains(ell, (2.9, 2.9))
    assert shape_rules.contains(ell, shape_rules.label_point(ell))


def test_locate_picks_the_smallest_containing_shape():
    shapes = {"unit": SQUARE, "bay": shape_rules.parse_points("0,0 4,4"), "empty": ()}
    assert shape_rules.locate(shapes, (2, 2)) == "bay"
    assert shape_rules.locate(shapes, (8, 8)) == "unit"
    assert shape_rules.locate(shapes, (20, 20)) is None


def test_overdue_and_area_state():
    now = datetime(2026, 11, 30, 12, 0)
    assert board_rules.is_overdue("active", now - timedelta(minutes=1), now)
    assert board_rules.is_overdue("suspended", now, now)
    assert not board_rules.is_overdue("active", now + timedelta(minutes=1), now)
    assert not board_rules.is_overdue("handed_back", now - timedelta(hours=1), now)
    assert board_rules.is_overdue("expired", now + timedelta(hours=1), now)
    assert board_rules.area_state(["issued", "active", "suspended"]) == "suspended"
    assert board_rules.area_state(["issued", "handed_back"]) == "issued"
    assert board_rules.area_state([]) is None
    assert board_rules.worst_level(["warning", "critical"]) == "critical"


def test_people_count_once_per_area():
    crews = [("a", [1, 2]), ("a", [2, 3]), ("b", [False])]
    assert board_rules.people_on_site(crews, [("a", 3), ("b", 4), ("c", False)]) == \
        {"a": [1, 2, 3], "b": [4]}
