"""Helmet geofence check-in at a muster point.

Why: a helmet that reports a position inside the circle drawn around a muster point (10-30 m,
RTLS glossary; the radius is data on each point) has reached the point, so its wearer is
accounted for without queueing at a badge reader (AIChE GCPS 2023: manual badging of 500
people takes longer than the evacuation window).

Coordinate system: **site metres**, the x/y plane in which helmets report ``pos.x``/``pos.y``
(worksafe_iot stores them on the device as ``position_x``/``position_y``) and in which muster
points carry their ``position_x``/``position_y`` — the same positions the roll call shows as
the last known place. Latitude/longitude are not used: a flat site plane makes the distance
a plain Euclidean one, exact to the centimetre over a site.
"""
import math


def distance_m(x1, y1, x2, y2):
    """Distance in metres between two points of the site plane."""
    return math.hypot(x1 - x2, y1 - y2)


def point_reached(x, y, points):
    """The id of the nearest muster point whose circle holds (x, y), or None.

    ``points``: iterable of (id, x, y, radius in metres). The circle's edge counts as inside
    (a helmet at exactly the radius has reached the point). A radius of 0 (or less) means
    the point has no geofence: only badge, phone and warden check in there."""
    best, best_distance = None, None
    for point_id, px, py, radius in points:
        if not radius or radius <= 0:
            continue
        distance = distance_m(x, y, px, py)
        if distance <= radius and (best_distance is None or distance < best_distance):
            best, best_distance = point_id, distance
    return best


def helmet_may_account(status):
    """Whether a helmet reaching a muster point may account its wearer, whose roll call
    status is ``status`` (None: not on the roll call yet).

    Why: a helmet is evidence of a helmet, not of a person. It only fills in the unknown;
    every other status is a person's statement and stays: "accounted" already has its point
    and time (a helmet passing another point must not move them, nor the time to 90 %),
    "need help" (from a warden or the person) must never turn into safe by a sensor, and "not
    on site" is a warden's judgement with a reason."""
    return status in (None, "unknown")


def first_arrival(positions, points, started_at):
    """(point id, seen at) of the first position of one helmet, in time order, that is
    inside a muster point's circle at or after the alarm, or None.

    ``positions``: iterable of (seen at, x, y). Why "at or after the alarm": a position read
    before the alarm (a spooled reading that arrives late) says where the wearer was before
    anyone evacuated, not that they reached the point."""
    for seen_at, x, y in sorted(positions, key=lambda p: p[0]):
        if seen_at < started_at:
            continue
        point_id = point_reached(x, y, points)
        if point_id is not None:
            return point_id, seen_at
    return None
