"""Percentiles the way PostgreSQL's ``percentile_cont`` computes them.

Why: the analytics compute p50/p90 in SQL over millions of rows; tests, suggestions on small
lists and the re-measurement of an applied suggestion must give the very same figure as the
pivot, so the definition lives here once (linear interpolation between the two closest
ranks, fraction 0 = minimum, 1 = maximum) and a test pins it against the database.
"""

from __future__ import annotations

from math import floor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["percentile_cont", "rate"]


def percentile_cont(values: Iterable[float | None], fraction: float) -> float | None:
    """The continuous percentile of ``values`` (``None`` ignored), or None when empty.

    ``fraction`` in [0, 1]; anything else is a programming error (ValueError), as in SQL.
    """
    if not 0 <= fraction <= 1:
        msg = "fraction must be between 0 and 1"
        raise ValueError(msg)
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    position = fraction * (len(data) - 1)
    low = floor(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)


def rate(part: int, whole: int) -> float:
    """``part / whole`` as a percentage, 0 when there is nothing to count."""
    return 100.0 * part / whole if whole else 0.0
