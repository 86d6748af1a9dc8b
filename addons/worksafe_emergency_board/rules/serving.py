"""Which muster points serve an emergency.

Why: a muster point serves its area and every sub-area (worksafe_emergency), and an
emergency affects its area and every sub-area. So a point is one to go to when its area
is the emergency's area or one of its ancestors (the point serves the place of the alarm),
or lies inside the affected areas (a sub-area's own point). A point without an area serves
the whole site. The board draws the routes of these points only: the others lead people
through or towards the danger no less than away from it.
"""


def path_ids(parent_path):
    """The area ids of a `parent_path` ("1/4/9/"), root first."""
    return [int(x) for x in (parent_path or "").strip("/").split("/") if x]


def serves(point_area_path, event_area_path):
    """True when a point of the area with `point_area_path` (False: the whole site) serves
    an emergency at the area with `event_area_path` (both `parent_path` strings)."""
    if not point_area_path:
        return True
    point_ids = path_ids(point_area_path)
    event_ids = path_ids(event_area_path)
    if not point_ids or not event_ids:
        return False
    return point_ids[-1] in event_ids or event_ids[-1] in point_ids


def inside(extent, point):
    """True when `point` (x, y) lies in the plan `extent` (x, y, width, height)."""
    x0, y0, width, height = extent
    x, y = point
    return x0 <= x <= x0 + width and y0 <= y <= y0 + height
