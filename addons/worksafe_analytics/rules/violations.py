"""Which audit events make a violation.

Why: history must count from day one, so violations are read from the hash-chained audit
trail that every permit already writes rather than from new bookkeeping. One event may
reveal several violations (a refused start with a stale gas test is a refused start AND a
stale gas test); each is a (type, event) pair so a pivot can count them per type.

``classify`` is the reference: the SQL in worksafe.analytics.refresh does the same over
millions of rows, and a test checks both agree on real permits.

Events are dicts with ``seq``, ``type`` (event_type), ``at`` (timestamp), ``values``
(the hashed ``values`` of the payload) and ``res_model``/``res_id``; a permit's events are
given in chain order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "GAS_CODES",
    "STEP_CODES",
    "TYPES",
    "WATCHER_CODES",
    "Violation",
    "classify",
]

# Violation type codes (worksafe.analytics.violation.type records carry the same codes).
STALE_GAS = "stale_gas"
MISSING_EVIDENCE = "missing_evidence"
START_REFUSED = "start_refused"
WATCHER_ABSENT = "watcher_absent"
LATE_SIGNATURE = "late_signature"
EXPIRED_PERMIT = "expired_permit"
ALARM = "alarm"
TYPES = (STALE_GAS, MISSING_EVIDENCE, START_REFUSED, WATCHER_ABSENT, LATE_SIGNATURE,
         EXPIRED_PERMIT, ALARM)

# Blocker codes of worksafe_permit (rules/blockers.py) that name each cause of a refusal.
GAS_CODES = frozenset({"gas.missing", "gas.failed", "gas.stale", "gas.retest_after_break"})
WATCHER_CODES = frozenset({"watcher.not_on_site"})
STEP_CODES = frozenset({"step.not_done", "briefing.missing", "briefing.unsigned"})

START_REFUSED_EVENT = "permit.start_refused"


@dataclass(frozen=True)
class Violation:
    type: str
    seq: int


def classify(events: Iterable[Mapping]) -> list[Violation]:
    """The violations a permit's events show, in chain order.

    - a refused start on site (``permit.start_refused``) is a violation: someone tried to
      work without the preconditions; its blocker codes add the causes: a gas test missing,
      failed or stale (stale gas test), no watcher on site (watcher absent), preparation
      steps or the briefing not done (missing evidence);
    - the watcher leaving while work is in progress (``permit.watcher_out`` when the last
      transition made the permit active): work without a watcher, however briefly;
    - a briefing signature after work started (``briefing.signed`` after the first
      ``permit.start``): an after-the-fact signature;
    - the permit expiring (``permit.expire``): the work overran its validity instead of
      being handed back or extended by a new permit;
    - a sensor alarm on the permit (``iot.alarm``, written by worksafe_iot when installed).
    Steps never done although their phase ended are found from the steps themselves
    (see ``step_missed``), not from events.
    """
    found: list[Violation] = []
    state = None
    started = False
    for event in events:
        kind = event["type"]
        seq = event["seq"]
        values = event.get("values") or {}
        if kind == START_REFUSED_EVENT:
            codes = set(values.get("codes") or ())
            found.append(Violation(START_REFUSED, seq))
            if codes & GAS_CODES:
                found.append(Violation(STALE_GAS, seq))
            if codes & WATCHER_CODES:
                found.append(Violation(WATCHER_ABSENT, seq))
            if codes & STEP_CODES:
                found.append(Violation(MISSING_EVIDENCE, seq))
        elif kind == "permit.watcher_out" and state == "active":
            found.append(Violation(WATCHER_ABSENT, seq))
        elif kind == "briefing.signed" and started:
            found.append(Violation(LATE_SIGNATURE, seq))
        elif kind == "permit.expire":
            found.append(Violation(EXPIRED_PERMIT, seq))
        elif kind == "iot.alarm":
            found.append(Violation(ALARM, seq))
        if kind.startswith("permit.") and values.get("to"):
            state = values["to"]
            if state == "active":
                started = True
    return found


# The transition that ends each step phase: a step of that phase still to do afterwards was
# skipped. Preparation ends when work starts, execution at hand-back, closure at close;
# any phase ends when the permit ends early (expired, withdrawn, cancelled).
PHASE_BEGIN = {
    "preparation": "approve",
    "execution": "start",
    "closure": "hand_back",
}
PHASE_END = {
    "preparation": "start",
    "execution": "hand_back",
    "closure": "close",
}
EARLY_END = frozenset({"expire", "withdraw", "cancel"})


def step_missed(phase: str, done: bool, transitions: Iterable[str]) -> bool:
    """A step is missed when it was never done although its phase began and ended.

    Why: evidence that was never recorded is the "missing evidence" of the analytics and the
    figure the "make this step blocking" suggestion reads; a step of a permit that is still
    in its phase is only pending. ``transitions`` are the permit's transition names
    (``start``, ``hand_back`` …) in order.
    """
    if done:
        return False
    seen = set(transitions)
    if PHASE_BEGIN.get(phase) not in seen:
        return False
    return PHASE_END.get(phase) in seen or bool(seen & EARLY_END)
