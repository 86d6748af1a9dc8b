import json

from odoo import api, models

# Audit events the printed permit reads its history from (the permit keeps only the last
# suspension reason; the audit trail keeps every one, with who and when).
STOP_EVENTS = ("permit.suspend", "permit.withdraw")
RESUME_EVENT = "permit.start"
CLOSURE_EVENTS = ("permit.hand_back", "permit.close")


def stop_periods(events):
    """Pair each stop of the work with the restart that ended it.

    Why: a paper permit lists every interruption (GB 30871 asks for work to stop and the
    permit to be re-checked before it goes on), but the permit record keeps only the last
    reason. `events` are (type, at, user, reason) in chain order; the result is one dict per
    stop: {type, at, user, reason, resumed_at, resumed_by}, resumed_* None while stopped.
    """
    periods = []
    for kind, at, user, reason in events:
        if kind in STOP_EVENTS:
            periods.append({"type": kind, "at": at, "user": user, "reason": reason,
                            "resumed_at": None, "resumed_by": None})
        elif kind == RESUME_EVENT and periods and periods[-1]["resumed_at"] is None \
                and periods[-1]["type"] == "permit.suspend":
            periods[-1].update(resumed_at=at, resumed_by=user)
    return periods


class ReportPermitDocument(models.AbstractModel):
    _name = "report.worksafe_permit.report_permit_document"
    _description = "Printed work permit"

    @api.model
    def _get_report_values(self, docids, data=None):
        permits = self.env["worksafe.permit"].browse(docids)
        permits.check_access("read")
        events = self.env["worksafe.audit.event"].sudo().search_fetch(
            [("permit_id", "in", permits.ids),
             ("event_type", "in", (*STOP_EVENTS, RESUME_EVENT, *CLOSURE_EVENTS))],
            ["permit_id", "event_type", "timestamp", "user_id", "payload_json"], order="seq")
        by_permit = {permit.id: [] for permit in permits}
        closure = {permit.id: {} for permit in permits}
        for event in events:
            permit_id = event.permit_id.id
            if event.event_type in CLOSURE_EVENTS:
                closure[permit_id][event.event_type.split(".")[1]] = {
                    "at": event.timestamp, "user": event.user_id}
                continue
            values = json.loads(event.payload_json or "{}").get("values") or {}
            by_permit[permit_id].append((event.event_type, event.timestamp, event.user_id,
                                         values.get("reason")))
        return {
            "doc_ids": docids,
            "doc_model": "worksafe.permit",
            "docs": permits,
            "data": data,
            "stops": {pid: stop_periods(rows) for pid, rows in by_permit.items()},
            "closure": closure,
        }
