"""Permit level selection: which hazard band a job falls in, and upgrades.

Why: permit levels (working height classes of GB/T 3608, lifting mass
classes, hot-work classes of GB 30871) decide who must approve a job and how
often it is checked.  The band limits are configuration data; this module only
knows how to place a value in a set of bands, how to step a level up (GB 30871
upgrades some work done at night or on rest days/holidays by one level), and
whether a work window touches night or rest days.

All datetimes are naive *local* times: night and holidays are local notions,
so the ORM converts from UTC to the site's timezone before calling.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "Band",
    "select_band",
    "upgrade",
    "window_touches_night",
    "window_touches_rest_day",
]

_DAY = timedelta(days=1)
_WEEK_DAYS = 7


@dataclass(frozen=True)
class Band:
    """One band of a classification.

    ``key`` identifies the level (an id, an xml id, a selection value...).
    ``rank`` orders bands by hazard: higher is more hazardous.  ``lower`` and
    ``upper`` are the band limits (``None`` = unbounded); by default a band is
    ``(lower, upper]``, which matches wordings like "5 m < h <= 15 m".
    """

    key: object
    rank: int
    lower: float | None
    upper: float | None
    lower_inclusive: bool = False
    upper_inclusive: bool = True


def _in_band(value: float, band: Band) -> bool:
    lower_ok = (
        band.lower is None or value > band.lower or (band.lower_inclusive and value == band.lower)
    )
    upper_ok = (
        band.upper is None or value < band.upper or (band.upper_inclusive and value == band.upper)
    )
    return lower_ok and upper_ok


def select_band(value: float, bands: Iterable[Band]) -> Band | None:
    """The band containing ``value``, or ``None`` when no band does.

    If configured bands overlap, the highest ``rank`` wins (the conservative
    choice: when in doubt, treat the job as the more hazardous level); among
    equal ranks the first given wins.  ``None`` means "not in scope of this
    classification" (e.g. below 2 m is not work at height), which the caller
    must handle explicitly.  NaN is rejected: it would fall through every
    comparison and silently select nothing.
    """
    value = float(value)
    if math.isnan(value):
        raise ValueError("value is NaN")
    best: Band | None = None
    for band in bands:
        if _in_band(value, band) and (best is None or band.rank > best.rank):
            best = band
    return best


def upgrade(key: object, steps: int, upgrade_map: Mapping[object, object]) -> object:
    """Follow ``upgrade_map`` (level -> next more hazardous level) ``steps`` times.

    Stops at a level that has no successor (``None`` or absent): the most
    hazardous level cannot be upgraded further.  The loop is bounded by
    ``steps``, so a misconfigured cyclic map cannot hang the server.
    """
    if steps < 0:
        raise ValueError("steps must be >= 0")
    for _ in range(steps):
        successor = upgrade_map.get(key)
        if successor is None:
            break
        key = successor
    return key


def _hour_delta(hour: float, name: str) -> timedelta:
    hour = float(hour)
    if not 0 <= hour <= 24:
        raise ValueError(f"{name} must be within [0, 24], got {hour!r}")
    return timedelta(hours=hour)


def window_touches_night(
    start: datetime,
    end: datetime,
    night_start_hour: float,
    night_end_hour: float,
) -> bool:
    """Whether the half-open window ``[start, end)`` overlaps a night period.

    Night is ``[night_start_hour, night_end_hour)`` each day, wrapping over
    midnight when ``night_start_hour > night_end_hour`` (e.g. 18 -> 8).  Hours
    may be fractional (18.5 = 18:30).  Equal hours are rejected as ambiguous
    ("never night" or "always night"?): the configuration must say which.

    Constant time: a window of 24 h or more always touches a (non-empty)
    night; a shorter one can only meet the nights starting on the day before
    its start up to the day of its end, so at most three are checked.
    """
    ns = _hour_delta(night_start_hour, "night_start_hour")
    ne = _hour_delta(night_end_hour, "night_end_hour")
    night_length = ne - ns if ns < ne else _DAY - ns + ne
    if ns == ne or not night_length:  # 18 -> 18, or 24 -> 0
        raise ValueError("night_start_hour and night_end_hour must differ")
    if end <= start:
        return False
    if end - start >= _DAY:
        return True
    day = datetime.combine(start.date(), datetime.min.time()) - _DAY
    last = datetime.combine(end.date(), datetime.min.time())
    while day <= last:
        night_start = day + ns
        night_end = night_start + night_length
        if night_start < end and start < night_end:
            return True
        day += _DAY
    return False


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def window_touches_rest_day(
    start: datetime,
    end: datetime,
    rest_weekdays: Collection[int],
    holidays: Collection[date],
) -> bool:
    """Whether the half-open window ``[start, end)`` touches a rest day or holiday.

    ``rest_weekdays`` uses ``date.weekday()`` numbering (Monday = 0).  A window
    ending exactly at midnight does not touch the following day.  Cost is
    O(len(holidays) + 7), independent of the window length.
    """
    rest = set(rest_weekdays)
    if any(not 0 <= weekday <= 6 for weekday in rest):
        raise ValueError(f"rest weekdays must be within 0..6, got {sorted(rest)!r}")
    if end <= start:
        return False
    first = start.date()
    last = (end - timedelta(microseconds=1)).date()
    for holiday in holidays:
        if first <= _as_date(holiday) <= last:
            return True
    if not rest:
        return False
    span_days = (last - first).days + 1
    if span_days >= _WEEK_DAYS:
        return True
    return any((first + timedelta(days=i)).weekday() in rest for i in range(span_days))
