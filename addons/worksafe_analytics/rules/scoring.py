"""Safety score by deduction: 100 points, minus weighted deductions, banded, with a veto.

Why: Chinese contractor safety assessments use a 100-point deduction sheet (90-100 优秀,
70-89 合格, below 70 不合格) and a veto (一票否决): a fatal accident, or any violation the
owner chose, fails the period whatever the points. The weights, bands and veto list are data
records; this module only does the arithmetic so a test can pin it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["Band", "Deduction", "band_for", "completion_units", "deduct", "period_start",
           "periods_between"]


@dataclass(frozen=True)
class Deduction:
    """Points taken for one criterion: ``units`` x ``points``, capped at ``cap`` (0: no cap)."""

    code: str
    units: float
    points: float
    cap: float = 0.0

    @property
    def total(self) -> float:
        raw = max(self.units, 0.0) * self.points
        return min(raw, self.cap) if self.cap else raw


@dataclass(frozen=True)
class Band:
    code: str
    min_score: float


def deduct(deductions: Iterable[Deduction]) -> float:
    """100 minus every deduction, never below 0, rounded to one decimal."""
    return round(max(0.0, 100.0 - sum(d.total for d in deductions)), 1)


def band_for(score: float, bands: Iterable[Band], vetoed: bool, failing_code: str) -> str:
    """The band of a score: the highest band whose minimum it reaches; a veto gives the
    failing band whatever the score."""
    if vetoed:
        return failing_code
    ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
    for band in ordered:
        if score >= band.min_score:
            return band.code
    return failing_code


def period_start(day: date, kind: str) -> date:
    """First day of the month or quarter holding ``day``."""
    if kind == "month":
        return day.replace(day=1)
    if kind == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    msg = f"unknown period {kind!r}"
    raise ValueError(msg)


def periods_between(first: date, last: date, kind: str) -> list[date]:
    """The starts of every month/quarter from the one holding ``first`` to ``last``'s."""
    step = 1 if kind == "month" else 3
    current, end = period_start(first, kind), period_start(last, kind)
    found = []
    while current <= end:
        found.append(current)
        month = current.month - 1 + step
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return found


def completion_units(counts: Mapping[str, int]) -> float:
    """Permits that ended without being completed, as a fraction of the finished ones
    (expired and withdrawn count against, closed for): the deduction's units are tenths,
    so 100 % not completed costs 10 x the criterion's points."""
    finished = counts.get("closed", 0) + counts.get("expired", 0) + counts.get("withdrawn", 0)
    if not finished:
        return 0.0
    return 10.0 * (finished - counts.get("closed", 0)) / finished
