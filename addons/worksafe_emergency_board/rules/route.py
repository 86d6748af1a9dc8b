"""Evacuation routes on the site plan.

Why: a route is typed like an area's outline on the live board ("x,y x,y ..." in the same
site metres), so a safety officer learns one syntax and the token rules live in one place
(worksafe_board's `shape.parse_tokens`). A route is a path, not a surface: it needs a
start and an end (two points at least), is never closed into a rectangle, and a leg of
zero length is a typing error (a repeated point), refused rather than drawn as a dot.
"""
from itertools import pairwise

from odoo.addons.worksafe_board.rules import shape as shape_rules

ShapeError = shape_rules.ShapeError


def parse_route(text):
    """The route's points as a tuple of (x, y) floats, in walking order; () for an empty
    text. Raises ShapeError("point", token) for a bad point, ShapeError("count") for fewer
    than two points, ShapeError("repeat", token) for a point equal to the previous one."""
    points = shape_rules.parse_tokens(text)
    if not points:
        return ()
    if len(points) < 2:
        raise ShapeError("count")
    for previous, point in pairwise(points):
        if previous == point:
            raise ShapeError("repeat", shape_rules.format_points([point]))
    return points


def format_route(points):
    """The canonical text of a route (the board's point format)."""
    return shape_rules.format_points(points)
