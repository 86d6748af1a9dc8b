"""Reporting a production-safety accident to the authorities (条例493, 应急条例).

Why each part:
- Level: 条例493 Art. 3 grades an accident by the worst of deaths, serious injuries and
  direct economic loss (3/10/30 deaths, 10/50/100 serious injuries, ¥10M/50M/100M). The
  thresholds are data (`worksafe.emergency.accident.level`); the rule takes them as tuples.
- Content: Art. 12 lists six items; a quick (phone) report may be partial, but must hold the
  unit, the time and place and the casualties including missing/trapped people.
- Deadline: the unit head reports within 1 h (Art. 9); late (迟报) or omitted (漏报) items
  are forbidden, so both are flagged.
- Follow-up: at least once a day (一般/较大) or twice a day (重大/特别重大) while the event
  runs, and casualty changes for 30 days.
"""
from dataclasses import dataclass
from datetime import timedelta

# The six items of 条例493 Art. 12, in the regulation's order.
ITEMS = ("unit_overview", "time_place", "course", "casualties", "measures", "other")
# What a quick phone report must already hold.
QUICK_ITEMS = ("unit_overview", "time_place", "casualties")


@dataclass(frozen=True)
class Level:
    code: str
    rank: int              # higher is graver
    min_deaths: int        # 0: this criterion does not reach this level
    min_serious_injuries: int
    min_direct_loss: float
    followups_per_day: int = 1


def accident_level(levels, deaths, serious_injuries, direct_loss):
    """The gravest level reached by any one of the three figures; the least grave level
    when none reaches a threshold (an accident is at least 一般)."""
    if min(deaths, serious_injuries, direct_loss) < 0:
        raise ValueError("casualties and losses cannot be negative")
    ordered = sorted(levels, key=lambda level: -level.rank)
    for level in ordered:
        if (level.min_deaths and deaths >= level.min_deaths) \
                or (level.min_serious_injuries and serious_injuries >= level.min_serious_injuries) \
                or (level.min_direct_loss and direct_loss >= level.min_direct_loss):
            return level
    return ordered[-1] if ordered else None


def missing_items(values, kind):
    """The items a report of `kind` ("quick" or any full kind) lacks: empty texts. The
    casualty item counts as given when the figures were entered (zero is an answer)."""
    required = QUICK_ITEMS if kind == "quick" else ITEMS
    if kind != "quick":
        required = tuple(item for item in required if item != "other")
    return [item for item in required if not values.get(item)]


def report_deadline(started_at, minutes):
    return started_at + timedelta(minutes=minutes)


def is_late(deadline, submitted_at, now):
    """Late when submitted after the deadline, or not submitted and the deadline is past."""
    return (submitted_at or now) > deadline


def followups_due(started_at, level, submitted_times, now, days=30):
    """How many follow-up reports are owed at `now`: `followups_per_day` per full day
    since the event, for `days` days, minus those submitted."""
    if not level or now <= started_at:
        return 0
    elapsed_days = min(days, int((now - started_at).total_seconds() // 86400))
    owed = elapsed_days * max(1, level.followups_per_day)
    return max(0, owed - len([t for t in submitted_times if t]))
