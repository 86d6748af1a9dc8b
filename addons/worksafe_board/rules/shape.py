"""Area shapes on the site plan.

Why: a supervisor types an area's outline as plan coordinates in the area form (the same site
metres as the area's position, which the SIMOPS distance rules already use), so the text must
be parsed strictly (a typing error is refused with a clear message, never drawn as garbage),
and the board needs two things from a shape: where to put the permits of the area (a point
inside it) and which area a helmet's reported position falls in (point in polygon).
"""
import math
import re

# "x,y x,y ..." — separators: spaces, semicolons or line breaks between points, a comma
# between the two numbers of a point.
_POINT_SEPARATOR = re.compile(r"[\s;]+")


class ShapeError(ValueError):
    """The text is not a shape; ``reason`` is a short code the caller turns into a message."""

    def __init__(self, reason, detail=""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def parse_tokens(text):
    """The points of `text` as a tuple of (x, y) floats, in order, with no judgement on
    their number or shape (outlines and other addons' polylines share this syntax); () for
    an empty text. Raises ShapeError("point", token) for a token that is not two finite
    numbers."""
    if not text or not text.strip():
        return ()
    points = []
    for token in _POINT_SEPARATOR.split(text.strip()):
        if not token:
            continue
        parts = token.split(",")
        if len(parts) != 2:
            raise ShapeError("point", token)
        try:
            x, y = float(parts[0]), float(parts[1])
        except ValueError:
            raise ShapeError("point", token) from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ShapeError("point", token)
        points.append((x, y))
    return tuple(points)


def parse_points(text):
    """The points of `text` as a tuple of (x, y) floats; () for an empty text.

    A rectangle may be given by two opposite corners ("x1,y1 x2,y2"); any other shape needs
    at least three points. Raises ShapeError("point", token) for a token that is not two
    finite numbers, ShapeError("count") for too few points, ShapeError("flat") when the
    shape has no area."""
    points = list(parse_tokens(text))
    if not points:
        return ()
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        points = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    if len(points) < 3:
        raise ShapeError("count")
    if abs(signed_area(points)) == 0:
        raise ShapeError("flat")
    return tuple(points)


def format_points(points):
    """The canonical text of `points` (what the form shows after saving)."""
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _num(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _edges(points):
    """The polygon's edges as ((x1, y1), (x2, y2)) pairs, the last closing the outline."""
    pts = list(points)
    return list(zip(pts, pts[1:] + pts[:1], strict=True))


def signed_area(points):
    """Shoelace formula: positive or negative by orientation, 0 for a flat shape."""
    total = 0.0
    for (x1, y1), (x2, y2) in _edges(points):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def label_point(points):
    """Where to draw an area's permits: the centroid when it lies inside the shape (convex
    and most L-shaped areas), else the middle of the widest horizontal chord through the
    shape's vertical middle, which always lies inside."""
    pts = list(points)
    area = signed_area(pts)
    if not area:
        return pts[0] if pts else (0.0, 0.0)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in _edges(pts):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    centroid = (cx / (6 * area), cy / (6 * area))
    if contains(pts, centroid):
        return centroid
    ys = [y for _x, y in pts]
    mid = (min(ys) + max(ys)) / 2.0
    crossings = sorted(x1 + (mid - y1) * (x2 - x1) / (y2 - y1)
                       for (x1, y1), (x2, y2) in _edges(pts)
                       if (y1 > mid) != (y2 > mid))
    best = max(zip(crossings[::2], crossings[1::2], strict=False), key=lambda s: s[1] - s[0],
               default=(centroid[0], centroid[0]))
    return ((best[0] + best[1]) / 2.0, mid)


def contains(points, point):
    """Whether `point` lies inside the polygon `points` (even-odd rule, edges count as
    inside for the lower/left edges only, as usual for ray casting)."""
    x, y = point
    inside = False
    pts = list(points)
    for (x1, y1), (x2, y2) in _edges(pts):
        if (y1 > y) != (y2 > y):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < at:
                inside = not inside
    return inside


def bounding_box(points):
    """(x0, y0, width, height) of the points."""
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def locate(shapes, point):
    """The key of the smallest shape of `shapes` ({key: points}) containing `point`, or None:
    a helmet inside a sub-area's outline is in the sub-area, not only in its unit."""
    best, best_area = None, None
    for key, points in shapes.items():
        if points and contains(points, point):
            size = abs(signed_area(list(points)))
            if best_area is None or size < best_area:
                best, best_area = key, size
    return best
