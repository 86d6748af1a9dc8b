"""What the summary of a closed permit lists as deviations.

Why: a summary that only retells the happy path teaches nothing. The safety officer reviewing
a closed job wants what departed from the plan, each with when it happened: exceptions granted
to the rules (qualification exceptions), simultaneous operations the coordinator accepted,
things done late (a signature after the work had started, a hand-back after the permit's
validity), and starts the system refused. They come from the audit trail and the permit's own
records, so the list is the same whoever prints it and whenever.

Kinds are stable codes; the summary translates them for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Deviation", "classify_event", "late_items", "sort_deviations"]

EXCEPTION = "exception"
SIMOPS = "simops"
LATE = "late"
REFUSED = "refused"
KINDS = (EXCEPTION, SIMOPS, LATE, REFUSED)

# Audit event types that are deviations in themselves.
EVENT_KINDS = {
    "qualification.exception_requested": EXCEPTION,
    "qualification.exception_approved": EXCEPTION,
    "qualification.exception_refused": EXCEPTION,
    "simops.acknowledged": SIMOPS,
}

# What can be late, with the time it is judged against.
LATE_APPROVAL = "approval"          # decided after the work had started (after the fact)
LATE_SIGNATURE = "signature"        # a briefing signed after the work had started
LATE_STEP = "step"                  # a step of the work done after the permit's validity
LATE_HAND_BACK = "hand_back"        # the work handed back after the permit's validity


@dataclass(frozen=True)
class Deviation:
    kind: str
    at: datetime | None
    what: str          # a code for late items, the audit event type otherwise
    detail: str        # the event's summary, or the name of the late item


def classify_event(event_type):
    """The deviation kind of an audit event type, or None.

    Besides the listed types, any event an addon records as a refusal (its type ends with
    "refused", e.g. a start refused on site) counts as a refused start or action."""
    if event_type in EVENT_KINDS:
        return EVENT_KINDS[event_type]
    if event_type.endswith("refused"):
        return REFUSED
    return None


def late_items(actual_start, planned_end, approvals=(), signatures=(), steps=(),
               hand_back_at=None):
    """Deviations for what was done too late.

    approvals, signatures: (name, decided/signed at) — late when after `actual_start`, the
    moment work began: a signature after the fact.
    steps: (name, phase, done at) — preparation and execution steps done after `planned_end`.
    hand_back_at: late when after `planned_end`.
    """
    found = []
    if actual_start:
        found += [Deviation(LATE, at, LATE_APPROVAL, name)
                  for name, at in approvals if at and at > actual_start]
        found += [Deviation(LATE, at, LATE_SIGNATURE, name)
                  for name, at in signatures if at and at > actual_start]
    if planned_end:
        found += [Deviation(LATE, at, LATE_STEP, name)
                  for name, phase, at in steps
                  if at and phase in ("preparation", "execution") and at > planned_end]
        if hand_back_at and hand_back_at > planned_end:
            found.append(Deviation(LATE, hand_back_at, LATE_HAND_BACK, ""))
    return found


def sort_deviations(deviations):
    """In time order (undated last), then by kind, for a stable report."""
    return sorted(deviations, key=lambda d: (d.at is None, d.at or datetime.min,
                                             KINDS.index(d.kind), d.what, d.detail))
