"""Acceptance of work at hand-back, as pure functions.

Why: GB 30871 ends every special operation with a completion acceptance (完工验收): the site
is inspected, safety facilities are restored, tools, scaffolding and temporary power are
removed, the site is cleaned and, after hot work, no residual fire is left. HSG250 gives the
acceptor (the issuing side) the final word at hand-back. The evidence the crew leaves (photos,
test-run values, answers) gives a *preliminary* verdict per criterion; the acceptor then
checks each item on site. Keeping these judgements here, free of the ORM, lets a safety
engineer read them and the tests check every branch.

Verdicts:
- "pass": the evidence meets the criterion;
- "fail": the evidence shows the criterion is not met (a value out of its bounds, a
  checklist item answered "no") - only a rectification can mend it;
- "incomplete": evidence is missing (too few photos, no value, no answer) - the crew
  completes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PASS = "pass"
FAIL = "fail"
INCOMPLETE = "incomplete"
VERDICTS = (PASS, FAIL, INCOMPLETE)

# criterion kinds
PHOTO = "photo"  # photos of a subject, at least photo_count
MEASUREMENT = "measurement"  # a test-run value with its unit, within bounds
CHECK = "check"  # a yes/no checklist item, "yes" meets it
KINDS = (PHOTO, MEASUREMENT, CHECK)

# bounds of a measurement (inclusive: "at least 0.5 MOhm" accepts 0.5)
AT_LEAST = "min"
AT_MOST = "max"
BETWEEN = "range"
BOUNDS = (AT_LEAST, AT_MOST, BETWEEN)

# why an item is not a pass (stable codes: tests and screens act on them)
PHOTOS_MISSING = "photos_missing"
VALUE_MISSING = "value_missing"
VALUE_BELOW_MIN = "value_below_min"
VALUE_ABOVE_MAX = "value_above_max"
UNANSWERED = "unanswered"
ANSWERED_NO = "answered_no"
FAILING = frozenset({VALUE_BELOW_MIN, VALUE_ABOVE_MAX, ANSWERED_NO})

# state of the acceptor's site check over a permit's items
NOT_REQUIRED = "none"  # the permit has no acceptance criteria
PENDING = "pending"  # an item has not been checked on site yet
PASSED = "passed"
FAILED = "failed"

# --- blocker codes of worksafe_acceptance (rules.blockers of worksafe_permit lists its own)
# closing a permit
ACCEPTANCE_PENDING = "acceptance.pending"
FAILED_WITHOUT_RECTIFICATION = "acceptance.failed_without_rectification"
# the acceptor's site check
ACCEPTOR_IS_PERFORMER = "acceptance.acceptor_is_performer"
ACCEPTOR_ROLE_MISSING = "acceptance.acceptor_role_missing"
PERMIT_NOT_HANDED_BACK = "acceptance.permit_not_handed_back"
ALREADY_DECIDED = "acceptance.already_decided"
EVIDENCE_NOT_PASSING = "acceptance.evidence_not_passing"
FAIL_NOTE_MISSING = "acceptance.fail_note_missing"
FAIL_PHOTO_MISSING = "acceptance.fail_photo_missing"


@dataclass(frozen=True)
class Criterion:
    """What an item asks for. `photo_count` applies to every kind (a checklist item may ask
    for a photo too); the bounds only to measurements."""

    kind: str
    photo_count: int = 0
    bound: str | None = None
    value_min: float = 0.0
    value_max: float = 0.0


@dataclass(frozen=True)
class Evidence:
    """What the crew left: photos taken, the measured value (None: not measured), the
    answer (None: unanswered, True: yes, False: no)."""

    photos: int = 0
    value: float | None = None
    answer: bool | None = None


def check_criterion(criterion: Criterion) -> None:
    """Raise ValueError when a criterion cannot be judged: why a safety manager's typing
    error must be refused when the template is saved, not discovered at hand-back."""
    if criterion.kind not in KINDS:
        raise ValueError(f"unknown kind {criterion.kind!r}")
    if criterion.photo_count < 0:
        raise ValueError("negative photo count")
    if criterion.kind == PHOTO and criterion.photo_count < 1:
        raise ValueError("a photo criterion asks for at least one photo")
    if criterion.kind == MEASUREMENT:
        if criterion.bound not in BOUNDS:
            raise ValueError("a measurement needs its bound")
        for value in (criterion.value_min, criterion.value_max):
            if not math.isfinite(value):
                raise ValueError("bounds are finite numbers")
        if criterion.bound == BETWEEN and criterion.value_min > criterion.value_max:
            raise ValueError("the minimum is above the maximum")


def value_problem(criterion: Criterion, value: float | None) -> str | None:
    """Why a measured value does not meet the criterion's bounds (inclusive), or None."""
    if value is None or not math.isfinite(value):
        return VALUE_MISSING
    if criterion.bound in (AT_LEAST, BETWEEN) and value < criterion.value_min:
        return VALUE_BELOW_MIN
    if criterion.bound in (AT_MOST, BETWEEN) and value > criterion.value_max:
        return VALUE_ABOVE_MAX
    return None


def problems(criterion: Criterion, evidence: Evidence) -> list[str]:
    """Every reason the evidence does not (yet) meet the criterion, in a stable order."""
    found = []
    if evidence.photos < criterion.photo_count:
        found.append(PHOTOS_MISSING)
    if criterion.kind == MEASUREMENT:
        problem = value_problem(criterion, evidence.value)
        if problem:
            found.append(problem)
    elif criterion.kind == CHECK:
        if evidence.answer is None:
            found.append(UNANSWERED)
        elif evidence.answer is False:
            found.append(ANSWERED_NO)
    return found


def item_verdict(criterion: Criterion, evidence: Evidence) -> str:
    """The preliminary verdict of one item: a failing fact outweighs missing evidence (a
    value out of range fails even if a photo is still missing), missing evidence leaves the
    item incomplete."""
    found = problems(criterion, evidence)
    if FAILING.intersection(found):
        return FAIL
    if found:
        return INCOMPLETE
    return PASS


def overall_verdict(verdicts) -> str:
    """The preliminary verdict of the whole acceptance: one failing item fails it, one
    incomplete item leaves it incomplete; no items at all is a pass (nothing to accept)."""
    verdicts = list(verdicts)
    if FAIL in verdicts:
        return FAIL
    if INCOMPLETE in verdicts:
        return INCOMPLETE
    return PASS


def site_check_state(results) -> str:
    """Where the acceptor's site check stands over all items (`results`: "pass", "fail" or
    None for an item not checked yet). Pending until every item is decided, so that a failed
    item never hides unchecked ones."""
    results = list(results)
    if not results:
        return NOT_REQUIRED
    if any(result is None for result in results):
        return PENDING
    return FAILED if FAIL in results else PASSED


def acceptor_refusals(*, is_performer: bool, has_role: bool) -> list[str]:
    """Why a person may not check items on site. Why: acceptance is the second pair of eyes
    (HSG250: the issuing side accepts what the performing side hands back); the people who
    did the work or recorded its evidence cannot accept it, and only a safety officer or the
    authority of the area may."""
    refusals = []
    if is_performer:
        refusals.append(ACCEPTOR_IS_PERFORMER)
    if not has_role:
        refusals.append(ACCEPTOR_ROLE_MISSING)
    return refusals


def decision_refusals(result: str, preliminary: str, *, decided: bool, handed_back: bool,
                      has_note: bool, has_photo: bool) -> list[str]:
    """Why the acceptor's `result` ("pass" or "fail") cannot be recorded on an item.

    Why each: the check happens once the work is handed back and once per item (a decision is
    evidence and is locked); an item passes only when its evidence passes (the acceptor does
    not wave through a missing photo or an out-of-range value: the crew completes it, or the
    item fails and is rectified); a failure says what is wrong, with a photo of it.
    """
    if result not in (PASS, FAIL):
        raise ValueError(f"unknown result {result!r}")
    refusals = []
    if not handed_back:
        refusals.append(PERMIT_NOT_HANDED_BACK)
    if decided:
        refusals.append(ALREADY_DECIDED)
    if result == PASS and preliminary != PASS:
        refusals.append(EVIDENCE_NOT_PASSING)
    if result == FAIL:
        if not has_note:
            refusals.append(FAIL_NOTE_MISSING)
        if not has_photo:
            refusals.append(FAIL_PHOTO_MISSING)
    return refusals


def close_blockers(items) -> list[str]:
    """What the acceptance says against closing the permit (`items`: (result, has a
    rectification) per item). Why: GB 30871 closes a permit only after the completion
    acceptance; a failed item is closed only through its rectification (whose own
    verification the rectification addon enforces)."""
    items = list(items)
    found = []
    if any(result is None for result, _rect in items):
        found.append(ACCEPTANCE_PENDING)
    if any(result == FAIL and not rect for result, rect in items):
        found.append(FAILED_WITHOUT_RECTIFICATION)
    return found
