from markupsafe import Markup, escape

from odoo import fields, models

from ..rules import history as history_rules

# Permits that still hold the work of their request: another permit of the same request in
# one of these states keeps the request out of its done stage when this one closes.
WORK_PENDING_STATES = ("submitted", "approved", "issued", "active", "suspended", "handed_back")


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    def _transition(self, transition, summary, extra_values=None, audit_values=None):
        """Once the permit has changed state, its equipment's history follows: hand-back and
        close write to the maintenance request, cancel / withdraw / expire leave a note."""
        result = super()._transition(transition, summary, extra_values, audit_values)
        if transition in (history_rules.HAND_BACK, history_rules.CLOSE,
                          *history_rules.ENDED_UNDONE):
            self._maintenance_record(transition)
        return result

    # ------------------------------------------------------------------ the request
    def _maintenance_choice(self):
        """The request this permit writes to (rules.history.choose_request)."""
        self.ensure_one()
        permit = self.sudo()
        linked = None
        if permit.maintenance_request_id:
            linked = (permit.maintenance_request_id.id,
                      permit.maintenance_request_id.equipment_id.id or None)
        open_requests = {}
        if permit.equipment_ids and not linked:
            requests = self.env["maintenance.request"].sudo().search_fetch(
                [("equipment_id", "in", permit.equipment_ids.ids),
                 ("company_id", "=", permit.company_id.id),
                 ("stage_id.done", "=", False), ("archive", "=", False)],
                ["equipment_id", "request_date"])
            for request in requests:
                open_requests.setdefault(request.equipment_id.id, []).append(
                    (request.id, request.request_date.isoformat() if request.request_date
                     else None))
        equipment = [history_rules.EquipmentInfo(e.id, e.name or "",
                                                 tuple(open_requests.get(e.id, ())))
                     for e in permit.equipment_ids]
        return history_rules.choose_request(linked, equipment)

    def _maintenance_request(self, choice):
        """The request of `choice`, created (in the permit's company) when it is new, and
        linked to the permit."""
        self.ensure_one()
        permit = self.sudo()
        Request = self.env["maintenance.request"].sudo().with_company(permit.company_id)
        if choice.request_id:
            request = Request.browse(choice.request_id)
        else:
            equipment = self.env["maintenance.equipment"].sudo().browse(choice.equipment_id)
            team = equipment.maintenance_team_id
            if team.company_id and team.company_id != permit.company_id:
                team = team.browse()
            Team = self.env["maintenance.team"].sudo()
            team = team or Team.search([("company_id", "in", [permit.company_id.id, False])],
                                       order="company_id, id", limit=1)
            # Maintenance falls back on any company's team, which its own company check
            # then refuses: a company without a team gets one.
            team = team or Team.create({"name": self.env._("Internal Maintenance"),
                                        "company_id": permit.company_id.id})
            request = Request.create({
                "name": self.env._("%(equipment)s: %(permit)s %(work_type)s",
                                   equipment=equipment.name, permit=permit.name,
                                   work_type=permit.work_type_id.name),
                "equipment_id": equipment.id,
                "company_id": permit.company_id.id,
                "owner_user_id": permit.applicant_id.id,
                "maintenance_type": "corrective",
                "request_date": (permit.actual_start or fields.Datetime.now()).date(),
                "schedule_date": permit.actual_start or permit.planned_start,
                "description": Markup("<p>%s</p>") % (permit.description or ""),
                "maintenance_team_id": team.id,
            })
        if permit.maintenance_request_id != request:
            permit._system_write({"maintenance_request_id": request.id})
        return request

    def _maintenance_stage(self, transition, request):
        """The stage `request` moves to for `transition` (rules.history.target_stage)."""
        self.ensure_one()
        stages = self.env["maintenance.stage"].sudo().search_fetch([], ["sequence", "done"])
        infos = {s.id: history_rules.StageInfo(s.id, s.sequence, s.done) for s in stages}
        others_open = bool(self.sudo().search_count([
            ("maintenance_request_id", "=", request.id), ("id", "!=", self.id),
            ("state", "in", WORK_PENDING_STATES)], limit=1))
        target = history_rules.target_stage(transition, infos.get(request.stage_id.id),
                                            list(infos.values()), others_open)
        return stages.browse(target.id) if target else stages.browse()

    def _maintenance_record(self, transition):
        """Write each permit's `transition` to its equipment's history; returns the requests
        written to."""
        requests = self.env["maintenance.request"]
        for permit in self.sudo():
            requests |= permit._maintenance_record_one(transition)
        return requests

    def _maintenance_record_one(self, transition):
        self.ensure_one()
        permit = self
        author = self.env.user.partner_id.id
        if transition in history_rules.ENDED_UNDONE:
            request = permit.maintenance_request_id
            if request:
                request.message_post(body=permit._maintenance_note(transition, None),
                                     subtype_xmlid="mail.mt_note", author_id=author)
            return request
        choice = permit._maintenance_choice()
        if choice is None:
            return self.env["maintenance.request"]
        request = permit._maintenance_request(choice)
        stage = permit._maintenance_stage(transition, request)
        if stage:
            request.write({"stage_id": stage.id})
        request.message_post(body=permit._maintenance_note(transition, choice),
                             subtype_xmlid="mail.mt_note", author_id=author)
        return request

    # ------------------------------------------------------------------ the note
    def _maintenance_findings(self):
        """What the work found, as plain sentences: notes of the closure steps, stops of the
        work, its rectifications with their state."""
        self.ensure_one()
        _ = self.env._
        findings = [_("%(step)s: %(note)s", step=step.name, note=step.note)
                    for step in self.step_ids if step.note]
        stops = self.env["worksafe.audit.event"].sudo().search_count(
            [("permit_id", "=", self.id), ("event_type", "=", "permit.suspend")])
        if stops:
            findings.append(_("Work stopped %(count)s time(s); last reason: %(reason)s",
                              count=stops, reason=self.suspension_reason or "-"))
        states = dict(self.env["worksafe.rectification"]._fields["state"]._description_selection(
            self.env))
        findings += [_("Rectification %(name)s (%(state)s): %(requirement)s", name=rect.name,
                       state=states[rect.state], requirement=rect.requirement)
                     for rect in self.rectification_ids]
        return findings

    def _maintenance_note(self, transition, choice):
        """The note the request gets (HTML, escaped)."""
        self.ensure_one()
        _ = self.env._
        link = self.name
        headline = {
            history_rules.HAND_BACK: _("Work handed back under permit %(permit)s.",
                                       permit=link),
            history_rules.CLOSE: _("Permit %(permit)s closed: the area was inspected and the "
                                   "work is complete.", permit=link),
            "cancel": _("Permit %(permit)s was cancelled: the work was not done under it.",
                        permit=link),
            "withdraw": _("Permit %(permit)s was withdrawn: the work was stopped before it was "
                          "completed.", permit=link),
            "expire": _("Permit %(permit)s expired before its work was handed back.",
                        permit=link),
        }[transition]
        parts = [Markup("<p>%s</p>") % headline]
        if transition in (history_rules.HAND_BACK, history_rules.CLOSE):
            rows = [(_("Work type"), self.work_type_id.name),
                    (_("Work done"), self.description),
                    (_("Started"), self._format_dt(self.actual_start) if self.actual_start
                     else "-"),
                    (_("Ended"), self._format_dt(self.actual_end) if self.actual_end else "-")]
            if choice and choice.reason == history_rules.CREATED:
                rows.append((_("Request"), _("created for the permit's main equipment")))
            parts.append(Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li><b>%s</b>: %s</li>") % (label, value or "-")
                for label, value in rows))
            findings = self._maintenance_findings()
            if findings:
                parts.append(Markup("<p><b>%s</b></p><ul>%s</ul>") % (
                    _("Findings"),
                    Markup("").join(Markup("<li>%s</li>") % escape(f) for f in findings)))
        return Markup("").join(parts)
