"""When a suggestion rule fires on a measured figure.

Why: the safety manager states the rules as data (metric, threshold, minimum number of
permits); this decides, for one template step or approval step, whether its figures break
the rule. A rule never fires on too few permits: three slow approvals in a quiet month are
noise, not a reason to change the procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Figures", "fires", "metric_value"]

# metric code -> what it reads
WAIT_P90_OVER_TARGET = "wait_p90_over_target"  # p90 waiting hours / target hours (ratio)
MISSED_RATE = "missed_rate"  # % of permits where the step was skipped
REWORK_RATE = "rework_rate"  # % of decisions at an approval step that were rejections
METRICS = (WAIT_P90_OVER_TARGET, MISSED_RATE, REWORK_RATE)


@dataclass(frozen=True)
class Figures:
    """What was measured for one step over a period."""

    permits: int  # permits in which the step was measured
    wait_p90: float | None = None  # hours
    target: float | None = None  # hours (0/None: no target)
    over_target: int = 0  # permits whose wait exceeded the target
    missed: int = 0  # permits where the step was skipped
    rejected: int = 0  # rejections at the step


def metric_value(metric: str, figures: Figures) -> float | None:
    """The rule's metric for these figures, or None when it cannot be read (no target)."""
    if metric == WAIT_P90_OVER_TARGET:
        if not figures.target or figures.wait_p90 is None:
            return None
        return figures.wait_p90 / figures.target
    if metric == MISSED_RATE:
        return 100.0 * figures.missed / figures.permits if figures.permits else None
    if metric == REWORK_RATE:
        return 100.0 * figures.rejected / figures.permits if figures.permits else None
    msg = f"unknown metric {metric!r}"
    raise ValueError(msg)


def fires(metric: str, threshold: float, min_permits: int, figures: Figures) -> bool:
    """True when the figures exceed the threshold on enough permits.

    For the waiting time, "enough permits" counts the permits actually over the target
    (the brief: p90 over target on at least N permits), not merely measured ones.
    """
    value = metric_value(metric, figures)
    if value is None or value <= threshold:
        return False
    basis = figures.over_target if metric == WAIT_P90_OVER_TARGET else figures.permits
    return basis >= max(min_permits, 1)
