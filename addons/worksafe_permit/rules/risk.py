"""Risk matrix: likelihood x severity -> score -> rating.

Why: the job risk assessment (JSA) on a permit rates each hazard so that the
approver sees at a glance which controls matter most.  The 5 x 5 matrix is
part of the API; the rating bands are configuration data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["risk_rating", "risk_score"]

_SCALE = range(1, 6)  # the 5-point scales of the matrix


def _check_scale(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in _SCALE:
        raise ValueError(f"{name} must be an integer from 1 to 5, got {value!r}")
    return value


def risk_score(likelihood: int, severity: int) -> int:
    """Product of likelihood and severity, each an integer 1..5.

    Out-of-range or non-integer input raises ``ValueError`` rather than
    producing a plausible-looking score.
    """
    return _check_scale("likelihood", likelihood) * _check_scale("severity", severity)


def risk_rating(score: int, bands: Sequence[tuple[int, str]]) -> str:
    """The rating of the first band whose inclusive upper score is >= ``score``.

    ``bands`` must be non-empty and strictly ascending by upper score, e.g.
    ``[(4, 'low'), (9, 'medium'), (15, 'high'), (25, 'critical')]``; a score
    above the last bound gets the last (worst) rating, never none.  Badly
    ordered bands raise ``ValueError`` since they would silently under-rate.
    """
    if not bands:
        raise ValueError("bands must not be empty")
    previous = None
    for upper, _rating in bands:
        if previous is not None and upper <= previous:
            raise ValueError("bands must be strictly ascending by upper score")
        previous = upper
    for upper, rating in bands:
        if score <= upper:
            return rating
    return bands[-1][1]
