"""Temporary power (GB 30871-2022 §10): gas test and window of the work it serves.

Why: a temporary supply is an ignition source that is connected and switched
on outside the work it serves.  In a fire or explosion area it may only be
connected after a combustible gas test passed, as for hot work; and since
its only purpose is that work, it must not outlast it: GB 30871 says a
temporary-power permit serving hot work or confined-space work lasts no
longer than that permit.  Which work types count as "served", and where a gas
test is needed, are configuration data; this module only applies them.

Datetimes are naive and in one timezone (Odoo's naive UTC is fine).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["gas_test_problem", "window_problems"]


def gas_test_problem(
    *,
    combustible_limited: bool,
    sample_time: datetime | None,
    passed: bool,
    combustible_measured: bool,
    now: datetime,
    window_minutes: float,
) -> str | None:
    """Why the last gas test does not allow connecting temporary power now.

    Returns ``None`` when it does, else the first failing reason:

    * ``'no_limit'``: the permit has no combustible limit, so no test could
      prove the atmosphere safe (a configuration gap must block, not pass);
    * ``'missing'``: no gas test yet;
    * ``'failed'``: the last test failed;
    * ``'no_combustible'``: the last test measured no combustible gas (a
      passing oxygen-only test says nothing about ignition);
    * ``'stale'``: the last test is older than ``window_minutes`` or dated
      in the future (clock skew must not extend its validity).

    Only the *last* test counts: an older passing test is overridden by a
    newer failing one.
    """
    if window_minutes is None or window_minutes < 0:
        raise ValueError("window_minutes must be a number >= 0")
    if not combustible_limited:
        return "no_limit"
    if not sample_time:
        return "missing"
    if not passed:
        return "failed"
    if not combustible_measured:
        return "no_combustible"
    if sample_time > now or now - sample_time > timedelta(minutes=window_minutes):
        return "stale"
    return None


def window_problems(
    start: datetime,
    end: datetime,
    served: Iterable[tuple[object, datetime, datetime]],
) -> list[tuple[object, str]]:
    """Where the window ``[start, end)`` leaves the window of a served permit.

    ``served`` holds ``(key, start, end)`` for each permit the temporary
    power serves.  Returns ``(key, 'starts_before')`` and/or ``(key,
    'ends_after')`` per served permit, in the given order; an empty list when
    the window lies within every one of them (bounds may coincide).  It must
    lie within *each*: the supply may not outlive any work it was granted
    for.  A served permit without a complete window cannot contain anything:
    ``(key, 'unknown')``.
    """
    problems = []
    for key, served_start, served_end in served:
        if not served_start or not served_end:
            problems.append((key, "unknown"))
            continue
        if start < served_start:
            problems.append((key, "starts_before"))
        if end > served_end:
            problems.append((key, "ends_after"))
    return problems
