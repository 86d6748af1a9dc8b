"""Which maintenance request a permit writes its history to, and which stage it moves it to.

Why: the maintenance team reads an equipment's life in Maintenance, not in WorkSafe. A permit
on equipment is the record that the work was done safely, so when the work is handed back and
when the permit closes, the equipment's request must say so. Two things must be unambiguous
for the team and for an auditor: one request per permit (never a new request at every step),
and a stage that only says "done" when the work really is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EquipmentInfo", "RequestChoice", "StageInfo", "choose_request", "target_stage"]

# Why the request was chosen (stored in the note and asserted by the tests).
LINKED = "linked"          # the permit named its request itself
OPEN_REQUEST = "open"      # an open request of its equipment: the job the permit is for
CREATED = "created"        # none: a new request for its main equipment

# Transitions of the permit that write to the history, and those that only leave a note.
HAND_BACK = "hand_back"
CLOSE = "close"
ENDED_UNDONE = ("cancel", "withdraw", "expire")


@dataclass(frozen=True)
class EquipmentInfo:
    """One piece of equipment of the permit.

    open_requests: (request id, request date or None) of its requests in the permit's company
    that are not done and not archived."""

    id: int
    name: str
    open_requests: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class RequestChoice:
    request_id: int | None   # None: create one for `equipment_id`
    equipment_id: int | None
    reason: str


def choose_request(linked_request, equipment):
    """The request a permit writes to, and its main equipment.

    1. The request the permit names (`linked_request`: (request id, equipment id)) is its
       request, whatever else it names: the applicant chose it.
    2. Otherwise the oldest open request of the permit's equipment (the fault the work is for),
       which also makes that equipment the main one.
    3. Otherwise a new request for the main equipment: the first of the permit's equipment by
       name (then id), the order in which people read the permit's list.

    `equipment`: EquipmentInfo items. Returns None when the permit names no equipment and no
    request (nothing to write to).
    """
    if linked_request:
        request_id, equipment_id = linked_request
        return RequestChoice(request_id, equipment_id, LINKED)
    if not equipment:
        return None
    candidates = [
        ((date is None, date or "", request_id), request_id, item.id)
        for item in equipment for request_id, date in item.open_requests
    ]
    if candidates:
        _key, request_id, equipment_id = min(candidates)
        return RequestChoice(request_id, equipment_id, OPEN_REQUEST)
    main = min(equipment, key=lambda item: ((item.name or "").casefold(), item.id))
    return RequestChoice(None, main.id, CREATED)


@dataclass(frozen=True)
class StageInfo:
    id: int
    sequence: int
    done: bool


def _ordered(stages):
    return sorted(stages, key=lambda s: (s.sequence, s.id))


def target_stage(transition, current, stages, other_permits_open=False):
    """The stage (a StageInfo) the request moves to, or None to leave it where it is.

    - close: the first stage flagged "Request Done" (by sequence), unless the request is
      already in a done stage (the team may have scrapped or repaired it already), and not
      while another permit of the same request is still open: that work is not finished.
    - hand_back: the last stage before the done ones ("In progress" in the standard
      pipeline), never backwards and never out of a done stage.
    - cancel, withdraw, expire and anything else: no move. A permit that ended without its
      work being handed back says nothing about the equipment being repaired.

    `current`: the request's StageInfo (or None); `stages`: every StageInfo.
    """
    ordered = _ordered(stages)
    if current is not None and current.done:
        return None
    if transition == CLOSE:
        if other_permits_open:
            transition = HAND_BACK
        else:
            done = [s for s in ordered if s.done]
            return done[0] if done else None
    if transition == HAND_BACK:
        open_stages = [s for s in ordered if not s.done]
        if not open_stages:
            return None
        target = open_stages[-1]
        if current is not None and (current.sequence, current.id) >= (target.sequence,
                                                                        target.id):
            return None
        return target
    return None
