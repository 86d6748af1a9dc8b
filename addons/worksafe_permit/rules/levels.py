"""Permit level selection: which hazard band a job falls in, and upgrades.

Why: permit levels (working height classes of GB/T 3608, lifting mass
classes, hot-work classes of GB 30871) decide who must approve a job and how
often it is checked.  The band limits are configuration data; this module only
knows how to place a value in a set of bands, how to step a level up (GB 30871
upgrades some work done at night or on rest days/holidays by one level), and
whether a work window touches night or rest days.  The upgrade is "for the
hours the work is done": when a job declares its daily working hours, only
those hours count, so a multi-day daytime job is not treated as night work
merely because its validity window spans nights.

All datetimes are naive *local* times: night and holidays are local notions,
so the ORM converts from UTC to the site's timezone before calling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping

__all__ = [
    "Band",
    "check_daily_hours",
    "declared_hours_touch_night",
    "declared_hours_touch_rest_day",
    "hours_overlap_night",
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


# --------------------------------------------------------------------------
# Declared daily working hours


def _hours_span(hour_from: float, hour_to: float) -> tuple[timedelta, timedelta]:
    start = _hour_delta(hour_from, "hour_from")
    end = _hour_delta(hour_to, "hour_to")
    length = end - start if start < end else _DAY - start + end
    if start == end or not length:  # 8 -> 8, or 24 -> 0
        raise ValueError("hour_from and hour_to must differ (0 -> 24 is round the clock)")
    return start, length


def check_daily_hours(hour_from: float, hour_to: float) -> None:
    """Raise ``ValueError`` unless ``[hour_from, hour_to)`` is a usable daily span.

    Hours lie within [0, 24]; equal hours are ambiguous (never or always?) and
    so is 24 -> 0; 0 -> 24 means round the clock; ``from > to`` wraps midnight.
    """
    _hours_span(hour_from, hour_to)


def _period(day: date, start: timedelta, length: timedelta) -> tuple[datetime, datetime]:
    begin = datetime.combine(day, datetime.min.time()) + start
    return begin, begin + length


def hours_overlap_night(
    hour_from: float,
    hour_to: float,
    night_start_hour: float,
    night_end_hour: float,
) -> bool:
    """Whether daily working hours ``[hour_from, hour_to)`` reach into the night.

    Both spans repeat every day and may wrap over midnight (a 20 -> 4 night
    shift), so one day's working period checked against the nights around it
    decides for every day.  ``hour_from == hour_to`` is rejected as ambiguous;
    0 -> 24 means round the clock.
    """
    start, length = _hours_span(hour_from, hour_to)
    begin, end = _period(date(2000, 1, 3), start, length)
    return window_touches_night(begin, end, night_start_hour, night_end_hour)


def _declared_periods(
    start: datetime,
    end: datetime,
    hour_from: float,
    hour_to: float,
    holidays: Collection[date] = (),
) -> list[tuple[datetime, datetime]]:
    """The daily working periods that fall in ``[start, end)``, clipped to it.

    A period belongs to the day it starts on; a period of the day before the
    window may reach into it when the hours wrap over midnight.  All periods
    but the clipped ones at both ends are the same hours on successive days,
    so for a long window only the first and last days, one full week in the
    middle (every weekday once) and the days around each holiday are
    returned: enough to decide night and rest-day questions in time
    independent of the window's length (a year-long window stays cheap).
    """
    period_start, length = _hours_span(hour_from, hour_to)
    if end <= start:
        return []
    first = start.date() - _DAY
    last = end.date()
    span = (last - first).days + 1
    if span <= 12:
        days = {first + timedelta(days=i) for i in range(span)}
    else:
        days = {first + timedelta(days=i) for i in range(10)}
        days |= {last - timedelta(days=i) for i in range(3)}
        for holiday in holidays:
            holiday = _as_date(holiday)
            days |= {holiday - _DAY, holiday}
    periods = []
    for day in sorted(d for d in days if first <= d <= last):
        begin, finish = _period(day, period_start, length)
        begin, finish = max(begin, start), min(finish, end)
        if begin < finish:
            periods.append((begin, finish))
    return periods


def declared_hours_touch_night(
    start: datetime,
    end: datetime,
    hour_from: float,
    hour_to: float,
    night_start_hour: float,
    night_end_hour: float,
) -> bool:
    """Whether work done in the declared daily hours within ``[start, end)`` meets a night.

    A day job (8 -> 17) with a 72 h window is day work although the window
    spans three nights; a job whose hours reach past the night start is
    night work.  The declared hours are clipped to the window, never
    widened: they can only narrow what the window already covers.
    """
    return any(
        window_touches_night(begin, finish, night_start_hour, night_end_hour)
        for begin, finish in _declared_periods(start, end, hour_from, hour_to)
    )


def declared_hours_touch_rest_day(
    start: datetime,
    end: datetime,
    hour_from: float,
    hour_to: float,
    rest_weekdays: Collection[int],
    holidays: Collection[date],
) -> bool:
    """Whether work done in the declared daily hours within ``[start, end)`` falls on a
    rest day or holiday.

    Only days with actual working hours count: a window from Friday 08:00 to
    Saturday 06:00 with hours 8 -> 17 has no Saturday work.  A period wrapping
    over midnight into a rest day counts (part of the work is done on it).
    """
    return any(
        window_touches_rest_day(begin, finish, rest_weekdays, holidays)
        for begin, finish in _declared_periods(start, end, hour_from, hour_to, holidays)
    )
