import pytest

from ..rules import route, serving


def test_a_route_is_an_open_line_of_two_points_or_more():
    assert route.parse_route("0,0 10,0") == ((0.0, 0.0), (10.0, 0.0))  # not a rectangle
    assert route.parse_route("0,0 5,0 10,0") == ((0.0, 0.0), (5.0, 0.0), (10.0, 0.0))
    assert route.parse_route("  ") == ()
    assert route.format_route(route.parse_route("0.50,1;2,3.25")) == "0.5,1 2,3.25"


@pytest.mark.parametrize("text, reason", [
    ("1,1", "count"), ("1,1 x", "point"), ("1,1 1,1", "repeat"), ("1,1 2,2 2,2", "repeat"),
    ("1,1 inf,2", "point"),
])
def test_bad_routes(text, reason):
    with pytest.raises(route.ShapeError) as error:
        route.parse_route(text)
    assert error.value.reason == reason


def test_a_point_serves_its_area_its_sub_areas_and_the_ancestors_alarm():
    assert serving.serves("1/4/", "1/4/9/")      # the point's area contains the alarm
    assert serving.serves("1/4/9/", "1/4/")      # a point inside the affected areas
    assert serving.serves("1/4/", "1/4/")
    assert not serving.serves("1/5/", "1/4/9/")  # a sibling unit's point
    assert serving.serves(False, "1/4/")          # a site-wide point
    assert not serving.serves("1/4/", "")


def test_inside_the_plan():
    assert serving.inside((0, 0, 100, 50), (100, 50))
    assert not serving.inside((0, 0, 100, 50), (101, 10))
