"""Rules of a rectification (整改 / CAPA), in plain Python.

Why here and not in the model: the rules are the part people argue about (who may verify,
what a major hazard's plan must say, which reminder goes out when). Kept as small functions
over plain values, they are tested without a database in milliseconds and read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "MAJOR_PLAN_ITEMS",
    "Rung",
    "days_overdue",
    "finished_on_time",
    "missing_plan_items",
    "rung_date",
    "rungs_to_send",
    "verifier_problem",
]

# 隐患排查治理规定 (as quoted in next-modules.md B): a major hazard's rectification plan states
# the goal and tasks, the measures, the funds and materials, the people responsible, the
# deadline, and the safety measures and contingency plan for the time until it is fixed.
# Field names of worksafe.rectification, in the order the plan lists them.
MAJOR_PLAN_ITEMS = ("plan_goal", "plan_measures", "plan_resources", "plan_people",
                    "plan_deadline", "plan_contingency")


def missing_plan_items(severity: str, plan: dict) -> list[str]:
    """The plan items (names from MAJOR_PLAN_ITEMS) still empty for a rectification of
    `severity`, given `plan` (item name -> value).

    Why: a general hazard (一般隐患) is fixed at once or soon by the people on site and needs no
    plan; a major hazard (重大隐患) may only be worked on, and declared fixed, against a written
    plan with every item of the regulation, because the work itself is dangerous and takes
    time: blank text ("   ") counts as missing.
    """
    if severity != "major":
        return []
    missing = []
    for item in MAJOR_PLAN_ITEMS:
        value = plan.get(item)
        if isinstance(value, str):
            value = value.strip()
        if not value:
            missing.append(item)
    return missing


def verifier_problem(verifier_id: int, done_by_id: int | None, owner_id: int | None):
    """Why `verifier_id` may not verify a rectification done by `done_by_id` and owned by
    `owner_id`: "doer", "owner" or None when they may.

    Why: a verification is worth something only as a second pair of eyes (four-eyes
    principle, OCA nonconformity's separate "verified by"); the person who did the work and
    the person answerable for it both have an interest in it passing.
    """
    if done_by_id and verifier_id == done_by_id:
        return "doer"
    if owner_id and verifier_id == owner_id:
        return "owner"
    return None


@dataclass(frozen=True)
class Rung:
    """One rung of the escalation ladder: `offset_days` from the deadline (-1 = the day
    before, 0 = the day itself, +3 three days late), identified by `key` (its record id)."""

    key: int
    offset_days: int


def rung_date(deadline: date, rung: Rung) -> date:
    """The day `rung` is due for a rectification with `deadline`."""
    return deadline + timedelta(days=rung.offset_days)


def rungs_to_send(deadline: date, today: date, rungs, sent_keys):
    """Which rungs to send today, and which to mark as passed without sending.

    Returns (send, skip): two lists of Rung. Only rungs due by `today` (deadline + offset)
    and not yet in `sent_keys` are considered. Of those, the latest-due rungs are sent; the
    earlier ones are skipped (remembered as done, never sent).

    Why: each rung is a separate notice (industry ladders: RiskWare, IndustrySafe 1st/2nd/3rd
    notice), sent once. When the cron has not run for days, or a rectification is raised with
    a deadline already near or past, a burst of stale notices ("due tomorrow" on the day it is
    three days late) would be wrong and noisy: only the notice that fits today goes out, and
    the people it names hear about the lateness as it stands.
    """
    sent = set(sent_keys)
    due = sorted((r for r in rungs if r.key not in sent and rung_date(deadline, r) <= today),
                 key=lambda r: (r.offset_days, r.key))
    if not due:
        return [], []
    latest = due[-1].offset_days
    return ([r for r in due if r.offset_days == latest],
            [r for r in due if r.offset_days != latest])


def days_overdue(deadline: date | None, today: date, finished: bool) -> int:
    """Whole days past `deadline` for work not finished yet; 0 when finished or not late.

    Why: "overdue" is about the owner's work: once it is done (waiting for verification) the
    owner is no longer late, whatever the verifier does.
    """
    if finished or not deadline or today <= deadline:
        return 0
    return (today - deadline).days


def finished_on_time(deadline: date | None, done_on: date | None) -> bool | None:
    """Whether the work was done by its deadline (the on-time closure rate counts these);
    None while not done.

    Why: the goal figure (≥90 % closed on time, next-modules.md B) measures the owner's
    timeliness, so it is fixed when the work is marked done, not when verified.
    """
    if not done_on:
        return None
    if not deadline:
        return True
    return done_on <= deadline
