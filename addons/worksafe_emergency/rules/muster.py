"""Roll call: who is accounted for, who is missing, and how fast the muster went.

Why: the roll call compares who is on site with who reached a muster point (IADC muster
time). People "not on site" (on leave, left before the alarm) are not missing and do not
count in the population; "need help" is on site and not safe, so it is never accounted. The
figures judged in drills are the time to 90 % and to 100 % accounted (RTLS glossary, Rigzone).
"""
import math
from dataclasses import dataclass

STATUSES = ("unknown", "accounted", "need_help", "not_on_site")


@dataclass(frozen=True)
class Counts:
    population: int   # on site: everyone but "not on site"
    accounted: int
    need_help: int
    unknown: int
    not_on_site: int

    @property
    def missing(self):
        """Not known to be safe: unknown and need help."""
        return self.unknown + self.need_help

    @property
    def percent(self):
        return round(100.0 * self.accounted / self.population, 1) if self.population else 100.0


def counts(statuses):
    tally = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        if status not in tally:
            raise ValueError(f"unknown muster status {status!r}")
        tally[status] += 1
    return Counts(population=len(statuses) - tally["not_on_site"],
                  accounted=tally["accounted"], need_help=tally["need_help"],
                  unknown=tally["unknown"], not_on_site=tally["not_on_site"])


def seconds_to_fraction(started_at, accounted_times, population, fraction):
    """Seconds from the alarm until `fraction` (0.9, 1.0) of the population was accounted for,
    or None if it never was. `accounted_times`: when each accounted person checked in."""
    if population <= 0:
        return 0.0
    # ceil, without the float surprise of 0.9 * 10 = 9.000000000000002
    needed = max(1, math.ceil(round(population * fraction, 9)))
    times = sorted(t for t in accounted_times if t)
    if len(times) < needed:
        return None
    return max(0.0, (times[needed - 1] - started_at).total_seconds())
