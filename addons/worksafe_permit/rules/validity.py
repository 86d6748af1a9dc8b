"""Time validity of permits and gas tests.

Why: a permit is only valid for a bounded window, a gas test only for a short
time before work starts, and a long break invalidates the last gas test (the
atmosphere may have changed while nobody watched).  The durations are
configuration data (e.g. GB 30871 values per work type); these functions only
apply them.

The ORM passes Odoo field values directly, so an empty field may arrive as
``False`` instead of ``None``: both are treated as "missing".  All datetimes
given to one call must be in the same timezone (naive UTC from Odoo is fine).
"""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = ["gas_test_is_fresh", "retest_required", "strictest", "window_error"]


def window_error(
    start: datetime | None,
    end: datetime | None,
    max_hours: float | None,
) -> tuple[str, dict] | None:
    """Why a validity window is unacceptable, as a reason code plus numbers.

    Returns ``('missing', {})`` if a bound is missing, ``('end_before_start',
    {})`` if ``end <= start`` (an empty window is as useless as a reversed
    one), ``('too_long', {'hours': h, 'max_hours': max_hours})`` if longer than
    ``max_hours`` (``h`` rounded to 2 decimals; exactly ``max_hours`` is
    accepted), else ``None``.  ``max_hours`` ``None``/``0`` means no limit.
    """
    if not start or not end:
        return ("missing", {})
    if end <= start:
        return ("end_before_start", {})
    if max_hours:
        hours = (end - start).total_seconds() / 3600.0
        if hours > max_hours:
            return ("too_long", {"hours": round(hours, 2), "max_hours": max_hours})
    return None


def gas_test_is_fresh(
    sample_time: datetime | None,
    now: datetime,
    window_minutes: float,
) -> bool:
    """Whether a gas sample taken at ``sample_time`` still counts at ``now``.

    Fresh when ``sample_time <= now`` and ``now - sample_time <= window``
    (the boundary counts as fresh).  A sample dated in the future is *not*
    fresh: it reveals clock skew or a typo, and trusting it would extend the
    validity.  A missing sample is not fresh.  ``window_minutes`` must be
    given (``None`` or negative raises ``ValueError``): a forgotten setting
    must not mean "forever".
    """
    if window_minutes is None or window_minutes < 0:
        raise ValueError("window_minutes must be a number >= 0")
    if not sample_time:
        return False
    if sample_time > now:
        return False
    return now - sample_time <= timedelta(minutes=window_minutes)


def retest_required(
    last_test_time: datetime | None,
    break_started: datetime | None,
    now: datetime,
    break_limit_minutes: float,
) -> bool:
    """Whether work may only resume after a new gas test.

    True when a break is in progress (``break_started`` set; it is assumed to
    last until ``now``, the moment work wants to resume), it has lasted
    strictly longer than ``break_limit_minutes``, and no gas test was taken
    after the break began (``last_test_time`` missing or ``<= break_started``:
    a test at the very instant work stopped describes the atmosphere *before*
    the break, so it does not count).  Freshness of a test taken during the
    break is a separate check (:func:`gas_test_is_fresh`).
    """
    if not break_started:
        return False
    if now - break_started <= timedelta(minutes=break_limit_minutes):
        return False
    return not last_test_time or last_test_time <= break_started


def strictest(*values):
    """The smallest of the given limits, ignoring unset ones.

    Used when requirements stack (hot work inside a confined space: the
    shorter gas-test interval of the two applies).  ``None`` and ``False``
    (Odoo's empty value) are ignored; returns ``None`` if nothing is set.
    Note that ``0`` *is* a value here: callers that store "no limit" as 0
    must map it to ``None`` first, otherwise it wins as the minimum.
    """
    present = [v for v in values if v is not None and v is not False]
    return min(present) if present else None
