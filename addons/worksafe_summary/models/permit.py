import base64
import json
import logging

import pytz

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.image import image_process

from ..rules import deviations as deviation_rules
from odoo.addons.worksafe_permit.report.permit_report import RESUME_EVENT, STOP_EVENTS, stop_periods

_logger = logging.getLogger(__name__)

# Evidence thumbnails: small enough that a summary with dozens of photos stays light.
THUMBNAIL_SIZE = (160, 160)


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    summary_lessons = fields.Text(
        "Lessons learned",
        help="What the safety officer learned from this job, written before closing it: it "
        "goes into the permit's summary report.")
    summary_ids = fields.One2many("worksafe.permit.summary", "permit_id", "Summary report")

    def _guard_check_write(self, changes):
        if "summary_lessons" in changes and not self._is_safety_officer():
            raise AccessError(self.env._("The lessons learned are written by a safety officer."))
        return super()._guard_check_write(changes)

    def _transition(self, transition, summary, extra_values=None, audit_values=None):
        """A permit that closes gets its summary report (PDF and XLSX) attached."""
        result = super()._transition(transition, summary, extra_values, audit_values)
        if transition == "close":
            self._summary_generate()
        return result

    def _summary_generate(self):
        """Build (or rebuild) the summary of each permit and attach its files; returns the
        summaries."""
        Summary = self.env["worksafe.permit.summary"].sudo()
        summaries = Summary.browse()
        for permit in self.sudo():
            summary = permit.summary_ids[:1]
            if not summary:
                summary = Summary.create({"permit_id": permit.id,
                                          "lessons_learned": permit.summary_lessons})
            summary._generate(permit._summary_data())
            summaries |= summary
        return summaries

    def action_view_summary(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_summary.action_worksafe_permit_summary")
        summary = self.summary_ids[:1]
        if summary:
            action.update(res_id=summary.id, view_mode="form",
                          views=[(False, "form")])
        else:
            action["domain"] = [("permit_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ the data
    def _summary_data(self):
        """Everything the summary report shows, as plain data (dicts, lists, strings, numbers:
        no records), used by the PDF, the XLSX and the full-text field alike. Times are
        strings in the site's time zone."""
        self.ensure_one()
        permit = self.sudo()
        _ = self.env._
        tz_name = self.env["res.config.settings"]._worksafe_timezone(permit.company_id)
        tz = pytz.timezone(tz_name)

        def fmt(value):
            if not value:
                return ""
            return pytz.utc.localize(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")

        def labels(record, fname):
            return dict(record._fields[fname]._description_selection(self.env))

        events = self.env["worksafe.audit.event"].sudo().search_fetch(
            [("permit_id", "=", permit.id)],
            ["event_type", "timestamp", "user_id", "summary", "payload_json"], order="seq")
        firsts = {}
        stop_rows = []
        for event in events:
            firsts.setdefault(event.event_type, event)
            if event.event_type in (*STOP_EVENTS, RESUME_EVENT):
                values = json.loads(event.payload_json or "{}").get("values") or {}
                stop_rows.append((event.event_type, event.timestamp, event.user_id,
                                  values.get("reason")))
        last_of = {event.event_type: event for event in events}

        def event_at(event_type, last=False):
            event = (last_of if last else firsts).get(event_type)
            return event.timestamp if event else False

        def event_user(event_type, last=False):
            event = (last_of if last else firsts).get(event_type)
            return event.user_id.name if event else ""

        # --- the permit
        info = {
            "id": permit.id, "name": permit.name, "company": permit.company_id.name,
            "work_type": permit.work_type_id.name, "level": permit.variant_id.name or "",
            "area": permit.area_id.complete_name or "",
            "equipment": ", ".join(permit.equipment_ids.mapped("display_name")),
            "contractor": permit.contractor_id.name or "",
            "description": permit.description or "", "method": permit.work_method or "",
            "planned_start": fmt(permit.planned_start), "planned_end": fmt(permit.planned_end),
            "actual_start": fmt(permit.actual_start), "actual_end": fmt(permit.actual_end),
            "state": labels(permit, "state")[permit.state], "timezone": tz_name,
        }
        closure = {
            "hand_back_by": event_user("permit.hand_back", last=True),
            "hand_back_at": fmt(event_at("permit.hand_back", last=True)),
            "closed_by": event_user("permit.close", last=True),
            "closed_at": fmt(event_at("permit.close", last=True)),
        }

        timeline = [{"at": fmt(e.timestamp), "type": e.event_type, "user": e.user_id.name or "",
                     "summary": e.summary or ""} for e in events]

        # --- people, with the times they acted
        briefing = permit.briefing_ids.filtered("complete")[:1] or permit.briefing_ids[:1]
        signed = {s.employee_id.id: s.signed_at for s in briefing.signature_ids if s.signed_at}
        people = [
            {"role": _("Applicant"), "name": permit.applicant_id.name or "",
             "at": fmt(event_at("permit.submit")), "detail": _("submitted")},
            {"role": _("Performing authority"), "name": permit.performing_authority_id.name,
             "at": fmt(event_at("permit.start")), "detail": _("work started")},
        ]
        for role, employees in ((_("Worker"), permit.worker_ids),
                                (_("Watcher"), permit.watcher_ids)):
            people += [{"role": role, "name": e.name,
                        "at": fmt(signed.get(e.id)),
                        "detail": _("briefing signed") if e.id in signed else
                        _("briefing not signed")} for e in employees]
        approval_states = labels(self.env["worksafe.permit.approval"], "state")
        people += [{"role": _("Approver: %(step)s", step=a.name), "name": a.user_id.name or "",
                    "at": fmt(a.date), "detail": approval_states[a.state]
                    + (f" — {a.comment}" if a.comment else "")}
                   for a in permit.approval_ids]
        if permit.issuer_id:
            people.append({"role": _("Issuer"), "name": permit.issuer_id.name,
                           "at": fmt(event_at("permit.issue", last=True)), "detail": ""})
        if closure["closed_by"]:
            people.append({"role": _("Closed by"), "name": closure["closed_by"],
                           "at": closure["closed_at"], "detail": ""})

        # --- gas tests
        gas_tests = [{
            "at": fmt(test.sample_time), "analyst": test.analyst_id.name or "",
            "point": test.sample_point or "",
            "readings": "; ".join(f"{line.gas_id.name} {line.value:g} {line.unit}"
                                  for line in test.line_ids),
            "passed": bool(test.passed), "failure": test.failure_summary or "",
        } for test in permit.gas_test_ids.sorted("sample_time")]

        # --- suspensions (and a withdrawal) and alarms
        stops = [{"at": fmt(p["at"]), "by": p["user"].name or "", "reason": p["reason"] or "",
                  "resumed_at": fmt(p["resumed_at"]),
                  "resumed_by": p["resumed_by"].name if p["resumed_by"] else "",
                  "withdrawn": p["type"] == "permit.withdraw"}
                 for p in stop_periods(stop_rows)]
        alarms_available = "worksafe.iot.alarm" in self.env
        alarms = []
        if alarms_available:
            Alarm = self.env["worksafe.iot.alarm"].sudo()
            found = Alarm.search(["|", ("permit_id", "=", permit.id),
                                  ("suspended_permit_ids", "in", permit.id)], order="raised_at")
            level_labels = labels(Alarm, "peak_level")
            state_labels = labels(Alarm, "state")
            alarms = [{"at": fmt(a.raised_at), "name": a.name or "",
                       "level": level_labels.get(a.peak_level, ""),
                       "value": f"{a.peak_value:g} {a.unit or ''}".strip() if a.unit else "",
                       "state": state_labels.get(a.state, ""),
                       "acknowledged_by": a.acked_by_id.name or "",
                       "acknowledged_at": fmt(a.acked_at)} for a in found]

        # --- evidence
        phase_labels = labels(self.env["worksafe.permit.step"], "phase")
        evidence = []
        for step in permit.step_ids:
            photos = step.attachment_ids.filtered(
                lambda a: (a.mimetype or "").startswith("image/"))
            if not photos and not step.note:
                continue
            evidence.append({
                "step": step.name, "phase": phase_labels[step.phase],
                "done_by": step.done_by_id.name or "", "done_at": fmt(step.done_at),
                "note": step.note or "",
                "photos": [{"name": a.name, "sha1": a.checksum or "",
                            "thumbnail": self._summary_thumbnail(a)} for a in photos],
            })

        # --- deviations
        found = [deviation_rules.Deviation(kind, e.timestamp, e.event_type, e.summary or "")
                 for e in events if (kind := deviation_rules.classify_event(e.event_type))]
        found += deviation_rules.late_items(
            permit.actual_start, permit.planned_end,
            approvals=[(f"{a.name} ({a.user_id.name})", a.date)
                       for a in permit.approval_ids if a.state == "approved"],
            signatures=[(s.employee_id.name, s.signed_at) for s in briefing.signature_ids],
            steps=[(s.name, s.phase, s.done_at) for s in permit.step_ids],
            hand_back_at=event_at("permit.hand_back", last=True) or None)
        kind_labels = self._summary_deviation_labels()
        deviations = [{"kind": d.kind, "kind_label": kind_labels[d.kind][None],
                       "what": kind_labels[d.kind].get(d.what, d.what), "code": d.what,
                       "at": fmt(d.at), "detail": d.detail}
                      for d in deviation_rules.sort_deviations(found)]

        # --- rectifications
        Rect = self.env["worksafe.rectification"]
        rect_states, severities = labels(Rect, "state"), labels(Rect, "severity")
        rectifications = [{
            "name": r.name, "requirement": r.requirement or "",
            "severity": severities[r.severity], "state": rect_states[r.state],
            "state_code": r.state, "owner": r.owner_id.name or "",
            "deadline": fields.Date.to_string(r.deadline) if r.deadline else "",
            "verified_by": r.verified_by_id.name or "", "verified_at": fmt(r.verified_at),
        } for r in permit.rectification_ids.sorted("id")]

        lessons = permit.summary_ids[:1].lessons_learned if permit.summary_ids \
            else permit.summary_lessons
        return {
            "permit": info, "closure": closure, "timeline": timeline, "people": people,
            "gas_tests": gas_tests, "stops": stops, "alarms_available": alarms_available,
            "alarms": alarms, "evidence": evidence, "deviations": deviations,
            "rectifications": rectifications, "lessons": lessons or "",
        }

    def _summary_thumbnail(self, attachment):
        """A small PNG/JPEG of an evidence photo, base64 (str); empty if it is unreadable."""
        try:
            return base64.b64encode(image_process(attachment.raw, size=THUMBNAIL_SIZE)).decode()
        except (UserError, ValueError, OSError) as error:  # not an image Pillow can read
            _logger.info("WorkSafe summary: no thumbnail for attachment %s: %s",
                         attachment.id, error)
            return ""

    def _summary_deviation_labels(self):
        """{kind: {None: kind label, what code: label}} for people."""
        _ = self.env._
        r = deviation_rules
        return {
            r.EXCEPTION: {None: _("Exception"),
                          "qualification.exception_requested": _("Qualification exception "
                                                                 "requested"),
                          "qualification.exception_approved": _("Qualification exception "
                                                                "approved"),
                          "qualification.exception_refused": _("Qualification exception "
                                                               "refused")},
            r.SIMOPS: {None: _("Simultaneous operations"),
                       "simops.acknowledged": _("Conflict acknowledged by the coordinator")},
            r.LATE: {None: _("Late"),
                     r.LATE_APPROVAL: _("Approval decided after the work started"),
                     r.LATE_SIGNATURE: _("Briefing signed after the work started"),
                     r.LATE_STEP: _("Step done after the permit's validity"),
                     r.LATE_HAND_BACK: _("Handed back after the permit's validity")},
            r.REFUSED: {None: _("Refused")},
        }
