"""What keeps a permit from moving on, as data.

Why: the preconditions of submission, issue, start, resume and approval used to travel as
translated sentences, so the screens could only print them, other addons could only append
more sentences, and tests could only match English text. A Blocker carries a stable code
(tests, the phone scan page and other addons act on it), the sentence for people, and what
clears it: a link the phone scan page shows as a button next to the missing item.

The codes of worksafe_permit are listed here once; an addon that adds its own checks defines
its codes next to them, in its own rules module, with its own prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["STAGES", "Blocker", "codes"]

# submit: draft -> submitted; issue: approved -> issued; start: issued -> active;
# resume: suspended -> active; approve: one approval step, judged per user;
# close: handed back -> closed.
STAGES = ("submit", "issue", "start", "resume", "approve", "close")

# --- any stage
STATE = "state"  # the permit is not in a state this stage starts from

# --- submission
NO_LEVEL = "level.none"
WINDOW_TOO_LONG = "window.too_long"
WINDOW_INVALID = "window.invalid"
WATCHERS_TOO_FEW = "people.watchers_too_few"
NO_WORKERS = "people.no_workers"
WRITTEN_PLAN_MISSING = "plan.written_plan_missing"
MEASURES_UNANSWERED = "measures.unanswered"
RISK_EMPTY = "risk.empty"
NO_APPROVAL_CHAIN = "approval.no_chain"
COORDINATOR_INVALID = "simops.coordinator_invalid"
COORDINATOR_MISSING = "simops.coordinator_missing"

# --- issue
MEASURES_UNCONFIRMED = "measures.unconfirmed"

# --- issue, start and resume
WINDOW_NOT_STARTED = "window.not_started"
WINDOW_ENDED = "window.ended"

# --- start and resume
GAS_TEST_MISSING = "gas.missing"
GAS_TEST_FAILED = "gas.failed"
GAS_TEST_STALE = "gas.stale"
GAS_RETEST_AFTER_BREAK = "gas.retest_after_break"
BRIEFING_MISSING = "briefing.missing"
BRIEFING_UNSIGNED = "briefing.unsigned"
WATCHER_NOT_ON_SITE = "watcher.not_on_site"
STEP_NOT_DONE = "step.not_done"
LINKED_NOT_ACTIVE = "linked.not_active"

# --- standards' inputs (GB 30871): wind at submission, temporary power at submission and start
WIND_FORCE = "conditions.wind_force"
TEMP_POWER_WINDOW = "temp_power.window"
TEMP_POWER_GAS = "temp_power.gas"

# --- submission, start and resume (simultaneous operations)
SIMOPS_FORBIDDEN = "simops.forbidden"
SIMOPS_NOT_ACKNOWLEDGED = "simops.not_acknowledged"

# --- close
CLOSE_STEPS = "close.steps"

# --- approval (judged for one user)
OWN_PERMIT = "approval.own_permit"
SAME_APPROVER = "approval.same_approver"
ROLE_MISSING = "approval.role_missing"
NOT_AREA_AUTHORITY = "approval.not_area_authority"
NO_PENDING_STEP = "approval.no_pending_step"


@dataclass(frozen=True)
class Blocker:
    """One missing precondition.

    code:    stable identifier (one of the constants above, or an addon's own)
    message: the sentence for people, already translated
    url:     where the person who can clear it does so (a relative web address), if any
    label:   the text of the button or link to `url`
    user_id: for the approve stage, the user it concerns; None when it concerns everyone
    """

    code: str
    message: str
    url: str | None = None
    label: str | None = None
    user_id: int | None = None


def codes(blockers) -> list[str]:
    """The codes of `blockers`, in order (what tests and callers compare)."""
    return [blocker.code for blocker in blockers]
