import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..rules import accident as accident_rules
from ..rules import escalation as escalation_rules
from ..rules import muster as muster_rules
from odoo.addons.worksafe_permit.models.permit import LIVE_STATES

_logger = logging.getLogger(__name__)

SOURCES = [("backoffice", "Back office"), ("phone", "Phone"), ("scan", "Permit scan page"),
           ("iot", "Sensor / helmet"), ("drill", "Drill")]
# 应急条例 Art. 17: what the unit does at once after an accident (a checklist on the event).
ARTICLE_17 = [
    ("control", "Control the source and rescue the injured"),
    ("evacuate", "Evacuate and organise the people in danger"),
    ("notify", "Notify the units and people who may be affected"),
    ("prevent", "Prevent escalation and secondary events"),
    ("request", "Request neighbouring teams, hand them the technical data"),
    ("scene", "Secure the scene and the evidence"),
]
# event state -> (states it may come from) per action
TRANSITIONS = {
    "close": ({"active"}, "closed"),
    "cancel": ({"active"}, "cancelled"),
}
WORKER = "worksafe_permit.group_worksafe_worker"
OFFICER = "worksafe_permit.group_worksafe_safety_officer"


class WorksafeEmergencyEvent(models.Model):
    _name = "worksafe.emergency.event"
    _description = "Emergency event"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin"]
    _order = "started_at desc, id desc"
    _check_company_auto = True

    name = fields.Char("Number", readonly=True, default="/", copy=False)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    state = fields.Selection([("active", "Active"), ("closed", "Closed"),
                              ("cancelled", "Cancelled (false alarm)")], default="active",
                             required=True, index=True, tracking=True)
    is_drill = fields.Boolean("Drill", readonly=True, index=True,
                              help="A drill: nothing real is stopped or tripped.")
    drill_id = fields.Many2one("worksafe.emergency.drill", "Drill record", readonly=True,
                               index=True)
    scenario_id = fields.Many2one("worksafe.emergency.scenario", "Type", required=True)
    area_id = fields.Many2one("worksafe.area", "Place", required=True, check_company=True,
                              index=True)
    reporter_id = fields.Many2one("res.users", "Reported by", readonly=True)
    started_at = fields.Datetime("Alarm at", readonly=True, index=True)
    closed_at = fields.Datetime(readonly=True)
    source = fields.Selection(SOURCES, readonly=True, default="backoffice")
    source_ref = fields.Char("Raised by", readonly=True,
                             help="The permit or the sensor alarm the alarm came from.")
    description = fields.Text("Situation", tracking=True)
    objectives = fields.Text("Objectives")
    close_reason = fields.Text(readonly=True)
    plan_id = fields.Many2one("worksafe.emergency.plan", "Plan", readonly=True)
    level_id = fields.Many2one("worksafe.emergency.response.level", "Response level",
                               domain="[('plan_id', '=', plan_id)]")
    affected_area_ids = fields.Many2many("worksafe.area", "worksafe_emergency_event_area_rel",
                                         "event_id", "area_id", "Affected areas", readonly=True)
    permit_ids = fields.Many2many("worksafe.permit", "worksafe_emergency_event_permit_rel",
                                  "event_id", "permit_id", "Live permits", readonly=True)
    suspended_permit_ids = fields.Many2many(
        "worksafe.permit", "worksafe_emergency_event_suspended_rel", "event_id", "permit_id",
        "Permits suspended", readonly=True)
    pending_permit_ids = fields.Many2many(
        "worksafe.permit", "worksafe_emergency_event_pending_rel", "event_id", "permit_id",
        "Permits to suspend", readonly=True,
        help="Active permits of the affected areas whose suspension is still under way: the "
        "alarm commits first (interlocks and responders), then a job suspends these.")
    card_ids = fields.Many2many("worksafe.emergency.card", compute="_compute_card_ids",
                                string="Emergency cards")
    action_ids = fields.One2many("worksafe.emergency.event.action", "event_id",
                                 "Immediate actions (Art. 17)")
    notification_ids = fields.One2many("worksafe.emergency.notification", "event_id",
                                       "Responders")
    muster_line_ids = fields.One2many("worksafe.emergency.muster.line", "event_id", "Roll call")
    resource_order_ids = fields.One2many("worksafe.emergency.resource.order", "event_id",
                                         "Resources")
    report_ids = fields.One2many("worksafe.emergency.report", "event_id",
                                 "Reports to the authorities")
    timeline_ids = fields.Many2many("worksafe.audit.event", compute="_compute_timeline_ids",
                                    string="Timeline")

    # roll call figures (rules.muster)
    muster_population = fields.Integer("On site", compute="_compute_muster")
    muster_accounted = fields.Integer("Accounted", compute="_compute_muster")
    muster_need_help = fields.Integer("Need help", compute="_compute_muster")
    muster_missing = fields.Integer("Missing", compute="_compute_muster")
    muster_percent = fields.Float("Accounted (%)", compute="_compute_muster")
    seconds_to_90 = fields.Float("Time to 90 % accounted (s)", compute="_compute_muster")
    seconds_to_100 = fields.Float("Time to 100 % accounted (s)", compute="_compute_muster")
    seconds_to_all_acked = fields.Float("Time to all responders acknowledged (s)",
                                        compute="_compute_muster")
    responders_unacked = fields.Integer("Not acknowledged", compute="_compute_muster")
    followups_owed = fields.Integer(
        "Follow-up reports owed", compute="_compute_followups_owed",
        help="Follow-up reports to the authorities due by now and not yet submitted (once or "
        "twice a day by accident level, for the casualty-change period).")

    _guard_system_only = False
    _guard_system_fields = frozenset({
        "name", "state", "is_drill", "drill_id", "reporter_id", "started_at", "closed_at",
        "source", "source_ref", "close_reason", "plan_id", "affected_area_ids", "permit_ids",
        "suspended_permit_ids", "pending_permit_ids",
    })
    _guard_create_fields = frozenset({"scenario_id", "area_id", "company_id"})
    _guard_frozen_states = frozenset({"closed", "cancelled"})
    _guard_deletable_states = frozenset()

    def _guard_check_create(self, vals_list):
        raise AccessError(self.env._("An emergency starts with the alarm button, which also "
                                     "stops the permits and calls the responders."))

    def _guard_action_message(self, names):
        return self.env._("%(fields)s of an emergency are recorded by WorkSafe itself.",
                          fields=self._guard_labels(names))

    # ------------------------------------------------------------------ computes
    @api.depends("plan_id", "area_id", "scenario_id")
    def _compute_card_ids(self):
        Card = self.env["worksafe.emergency.card"]
        for event in self:
            if not event.area_id:
                event.card_ids = Card
                continue
            path = list(event.area_id._area_path())
            event.card_ids = Card.search([
                ("company_id", "=", event.company_id.id), "|", "|",
                ("plan_id", "=", event.plan_id.id or 0), ("area_id", "in", path),
                "&", ("area_id", "=", False), ("scenario_ids", "in", event.scenario_id.ids)])

    def _compute_timeline_ids(self):
        Audit = self.env["worksafe.audit.event"]
        for event in self:
            event.timeline_ids = Audit.search([("res_model", "=", self._name),
                                               ("res_id", "=", event.id)], order="seq") \
                if event.id else Audit

    @api.depends("muster_line_ids.status", "muster_line_ids.accounted_at",
                 "notification_ids.acked_at")
    def _compute_muster(self):
        for event in self:
            lines = event.muster_line_ids
            tally = muster_rules.counts(lines.mapped("status"))
            event.muster_population = tally.population
            event.muster_accounted = tally.accounted
            event.muster_need_help = tally.need_help
            event.muster_missing = tally.missing
            event.muster_percent = tally.percent
            times = lines.filtered(lambda line: line.status == "accounted").mapped(
                "accounted_at")
            start = event.started_at
            to_90 = muster_rules.seconds_to_fraction(start, times, tally.population, 0.9) \
                if start else None
            to_100 = muster_rules.seconds_to_fraction(start, times, tally.population, 1.0) \
                if start else None
            event.seconds_to_90 = to_90 if to_90 is not None else -1
            event.seconds_to_100 = to_100 if to_100 is not None else -1
            primary = event.notification_ids.filtered(lambda n: not n.is_deputy)
            acked = escalation_rules.seconds_to_all_acked(
                start, primary.mapped(lambda n: n.acked_at or None)) \
                if start and primary else None
            event.seconds_to_all_acked = acked if acked is not None else -1
            event.responders_unacked = len(primary.filtered(lambda n: not n.acked_at))

    @api.depends("report_ids.state", "report_ids.level_id", "report_ids.kind")
    def _compute_followups_owed(self):
        now = fields.Datetime.now()
        days = self.env["worksafe.emergency.figure"]._value("casualty_change_days")
        for event in self:
            submitted = event.report_ids.filtered(lambda r: r.state == "submitted")
            if not submitted or event.is_drill:
                event.followups_owed = 0
                continue
            level = submitted.level_id.sorted("rank", reverse=True)[:1]
            followups = submitted.filtered(lambda r: r.kind in ("followup", "casualty_change"))
            event.followups_owed = accident_rules.followups_due(
                event.started_at, level._as_rule()[0] if level else None,
                followups.mapped("submitted_at"), now, days=int(days))

    # ------------------------------------------------------------------ the alarm
    @api.model
    def _raise_alarm(self, scenario, area, source="backoffice", description=None,
                     source_ref=None, drill=None, now=None):
        """One click: the event, its plan, every live permit of the area (and sub-areas)
        recorded, the roll call opened, the responders called, the interlocks tripped, and
        the active permits queued for suspension. Any WorkSafe user may raise it (九条规定 #7:
        the right to stop and evacuate without approval). In a drill nothing real is stopped
        or tripped.

        Why the suspensions are not in this transaction: the interlock commands and the
        responders' bus messages leave at its commit, and 200 suspensions take seconds. The
        event records the permits still to suspend (``pending_permit_ids``) and wakes the
        cron that suspends them in committed chunks; if the process dies in between, the
        cron's next run finishes them. Meanwhile no permit of the area starts or resumes
        (blocker ``emergency.open``)."""
        if not self.env.user.has_group(WORKER) and not self.env.su:
            raise AccessError(self.env._("Only WorkSafe users raise an emergency alarm."))
        if not scenario or not area:
            raise ValidationError(self.env._("Say what happened and where."))
        area = area.sudo()
        if area.company_id not in self.env.user.company_ids and not self.env.su:
            raise AccessError(self.env._("This area belongs to a company you do not work in."))
        now = now or fields.Datetime.now()
        affected = area.search([("id", "child_of", area.id)])
        permits = self.env["worksafe.permit"].sudo().search(
            [("area_id", "in", affected.ids), ("state", "in", LIVE_STATES),
             ("company_id", "=", area.company_id.id)])
        plan = self.env["worksafe.emergency.plan"]._choose_for(scenario, area)
        event = self.with_context(mail_create_nosubscribe=True)._system_create([{
            "company_id": area.company_id.id, "scenario_id": scenario.id, "area_id": area.id,
            "is_drill": bool(drill), "drill_id": drill.id if drill else False,
            "reporter_id": self.env.uid, "started_at": now, "source": source,
            "source_ref": source_ref, "description": description, "plan_id": plan.id,
            "affected_area_ids": [Command.set(affected.ids)],
            "permit_ids": [Command.set(permits.ids)],
            "pending_permit_ids": [Command.set(
                [] if drill else permits.filtered(lambda p: p.state == "active").ids)],
            "action_ids": [Command.create({"code": code, "sequence": i})
                           for i, (code, _label) in enumerate(ARTICLE_17)],
        }]).with_env(self.env)
        number = self.env["ir.sequence"].with_company(event.company_id).next_by_code(
            "worksafe.emergency.event") or "/"
        event._system_write({"name": number})
        event._audit("emergency.raise", self.env._("Alarm raised: %(what)s at %(where)s",
                                                   what=scenario.name,
                                                   where=area.complete_name), {
            "scenario": scenario.code, "area": area.id, "source": source,
            "source_ref": source_ref or False, "drill": bool(drill), "plan": plan.id,
            "permits": permits.ids, "areas": affected.ids,
        })
        if drill:
            active = permits.filtered(lambda p: p.state == "active")
            event._audit("emergency.drill_no_suspension", self.env._(
                "Drill: %(count)s active permits would have been suspended", count=len(active)),
                {"permits": active.ids})
        event._open_roll_call(permits, now)
        event._dispatch(now)
        event._after_raise()
        if event.pending_permit_ids:
            self.env.ref("worksafe_emergency.ir_cron_emergency_suspend").sudo()._trigger()
        return event

    # permits suspended per committed step of the suspension cron
    _suspension_chunk = 50

    @api.model
    def _cron_finish_suspensions(self):
        """Suspend the permits the alarms have queued, in chunks, each committed when run by
        the cron (a crash loses at most the chunk under way, which the next run redoes)."""
        events = self.sudo().search([("pending_permit_ids", "!=", False)], order="id")
        in_cron = bool(self.env.context.get("cron_id"))
        remaining = sum(len(event.pending_permit_ids) for event in events)
        for event in events:
            # on behalf of whoever raised the alarm: the timeline says who stopped the work
            event = event.with_user(event.reporter_id or self.env.user).with_context(
                lang=event.reporter_id.lang or self.env.context.get("lang")).sudo()
            while event.pending_permit_ids:
                chunk = event.pending_permit_ids[:self._suspension_chunk]
                event._suspend_permits(chunk)
                remaining -= len(chunk)
                if in_cron:
                    self.env["ir.cron"]._commit_progress(len(chunk), remaining=remaining)
        return True

    def _suspend_permits(self, permits):
        """The queued permits that are still active stop now, through the permit's own
        suspension (its audit entry, chatter and dependent permits); all of them leave the
        queue. A drill queues none."""
        self.ensure_one()
        active = permits.sudo().filtered(lambda p: p.state == "active")
        if active:
            active._suspend(self.env._("Emergency %(event)s: %(what)s",
                                       event=self.name, what=self.scenario_id.name))
        self._system_write({
            "suspended_permit_ids": [Command.link(p.id) for p in active],
            "pending_permit_ids": [Command.unlink(p.id) for p in permits],
        })
        self._audit("emergency.permits_suspended", self.env._(
            "%(count)s permits suspended for the emergency", count=len(active)),
            {"permits": active.ids})
        return active

    def _after_raise(self):
        """Hook for the addons that act on an alarm (worksafe_emergency_iot: interlocks)."""
        return True

    # ------------------------------------------------------------------ roll call
    def _people_on_site(self, permits):
        """{employee id: (source, last known position)} of who is in the affected areas:
        the people of the live permits. Addons add theirs (helmets) with super()."""
        people = {}
        for permit in permits:
            where = permit.area_id.complete_name or ""
            for employee in (permit.performing_authority_id | permit.worker_ids
                             | permit.watcher_ids):
                people.setdefault(employee.id, ("permit", self.env._(
                    "%(area)s (permit %(permit)s)", area=where, permit=permit.name)))
        return people

    def _open_roll_call(self, permits, now):
        self.ensure_one()
        people = self._people_on_site(permits)
        self.env["worksafe.emergency.muster.line"].sudo().create([{
            "event_id": self.id, "employee_id": employee_id, "source": source,
            "last_known": where, "last_seen_at": now,
        } for employee_id, (source, where) in people.items()])
        self._audit("emergency.roll_call", self.env._("Roll call opened: %(count)s on site",
                                                      count=len(people)),
                    {"people": sorted(people)})

    def _muster_line_for(self, employee):
        self.ensure_one()
        line = self.muster_line_ids.filtered(lambda m: m.employee_id == employee)[:1]
        if not line:
            line = self.env["worksafe.emergency.muster.line"].sudo().create({
                "event_id": self.id, "employee_id": employee.id, "source": "checkin"})
        return line

    def _check_in(self, employee, point=None, method="phone", status="accounted", reason=None,
                  now=None):
        """One person at a muster point (or marked by a warden). A warden's mark needs a
        reason; only the person, a warden of the point or a safety officer records it."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Emergency %(event)s is over: the roll call is closed.",
                                       event=self.name))
        if status not in muster_rules.STATUSES or status == "unknown":
            raise ValidationError(self.env._("Choose accounted, need help or not on site."))
        user = self.env.user
        is_self = employee.user_id == user
        is_warden = bool(point and user in point.warden_ids)
        if not (is_self or is_warden or self.env.su or user.has_group(OFFICER)):
            raise AccessError(self.env._("Only the person, a warden of the muster point or a "
                                         "safety officer records a check-in."))
        if method == "warden" and not (reason or "").strip():
            raise ValidationError(self.env._("A warden gives the reason of the mark."))
        if employee.company_id and employee.company_id != self.company_id:
            raise ValidationError(self.env._("%(person)s works for another company.",
                                             person=employee.name))
        now = now or fields.Datetime.now()
        line = self._muster_line_for(employee)
        line.sudo().write({
            "status": status, "method": method, "muster_point_id": point.id if point else False,
            "reason": reason or False, "recorded_by_id": self.env.uid,
            "accounted_at": now if status == "accounted" else False,
            "last_known": point.name if point else line.last_known, "last_seen_at": now,
        })
        self._audit("emergency.checkin", self.env._("%(person)s: %(status)s",
                                                     person=employee.name, status=status), {
            "employee": employee.id, "status": status, "method": method,
            "point": point.id if point else False, "reason": reason or False,
        })
        return line

    def _check_in_badge(self, badge, point, now=None):
        """A badge read at a muster point's reader (hr.employee Badge ID)."""
        badge = (badge or "").strip()
        employee = self.env["hr.employee"].sudo().search(
            [("barcode", "=", badge), ("company_id", "in", [self.company_id.id, False])],
            limit=1) if badge else None
        if not employee:
            raise ValidationError(self.env._("Unknown badge %(badge)s.", badge=badge))
        return self.sudo()._check_in(employee, point, method="badge", now=now)

    def _muster_points(self):
        """The muster points of the event: site-wide ones and those serving its area or an
        area above it (what the phone page offers)."""
        self.ensure_one()
        return self.env["worksafe.emergency.muster.point"].search(
            [("company_id", "=", self.company_id.id), "|", ("area_id", "=", False),
             ("area_id", "in", list(self.area_id.sudo()._area_path()))])

    def _missing_list(self):
        """Who is not known to be safe, with where they were last known."""
        self.ensure_one()
        return self.muster_line_ids.filtered(lambda m: m.status in ("unknown", "need_help"))

    # ------------------------------------------------------------------ dispatch
    def _responders(self, now):
        """[(user, role, deputy)] from the plan's roles and the on-call roster."""
        self.ensure_one()
        seen, result = set(), []
        entries = [(r.user_id, r.role, r.deputy_id) for r in self._command_plan().role_ids]
        entries += [(o.user_id, o.role, o.deputy_id)
                    for o in self.env["worksafe.emergency.oncall"]._on_call(self.company_id,
                                                                           now)]
        for user, role, deputy in entries:
            if user and user.id not in seen and user.active:
                seen.add(user.id)
                result.append((user, role, deputy))
        return result

    def _command_plan(self):
        """The plan whose roles respond: the event's plan, or (an on-site plan without its
        own organisation escalates to the unit's) the approved comprehensive plan."""
        plan = self.plan_id.sudo()
        if plan.role_ids:
            return plan
        return self.env["worksafe.emergency.plan"].sudo().search(
            [("state", "=", "approved"), ("kind", "=", "comprehensive"),
             ("company_id", "=", self.company_id.id), ("role_ids", "!=", False)],
            order="id", limit=1) or plan

    def _dispatch(self, now):
        self.ensure_one()
        responders = self._responders(now)
        Notification = self.env["worksafe.emergency.notification"].sudo()
        notifications = Notification.create([{
            "event_id": self.id, "user_id": user.id, "role": role, "deputy_id": deputy.id,
            "notified_at": now} for user, role, deputy in responders])
        notifications._send(first=True)
        self._audit("emergency.dispatch", self.env._("%(count)s responders notified",
                                                     count=len(notifications)),
                    {"users": notifications.user_id.ids})
        cron = self.env.ref("worksafe_emergency.ir_cron_emergency_escalate",
                            raise_if_not_found=False)
        steps = self.env["worksafe.emergency.escalation.step"].sudo().search(
            [("active", "=", True)])
        if cron and notifications and steps:
            cron.sudo()._trigger_list([fields.Datetime.add(now, seconds=s.after_seconds)
                                       for s in steps])
        return notifications

    @api.model
    def _cron_escalate(self, now=None):
        """Call again who has not acknowledged, then their deputy (escalation steps)."""
        now = now or fields.Datetime.now()
        steps = self.env["worksafe.emergency.escalation.step"].sudo().search(
            [("active", "=", True)])._as_rule()
        pending = self.env["worksafe.emergency.notification"].sudo().search(
            [("event_id.state", "=", "active"), ("acked_at", "=", False)])
        for notification in pending:
            for step in escalation_rules.due_steps(notification.notified_at, False,
                                                   notification._done_codes(), steps, now):
                notification._escalate(step.code, now)
        return True

    # ------------------------------------------------------------------ actions
    def _check_officer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only a safety officer commands an emergency."))

    def _transition(self, action, vals, summary, values=None):
        sources, target = TRANSITIONS[action]
        for event in self:
            if event.state not in sources:
                raise UserError(self.env._("Emergency %(event)s is no longer active.",
                                           event=event.name))
            event._system_write(dict(vals, state=target))
            event._audit(f"emergency.{action}", summary, dict(values or {}, to=target))
        return True

    def action_close(self, reason=None):
        self._check_officer()
        now = fields.Datetime.now()
        self._transition("close", {"closed_at": now, "close_reason": reason or False},
                         self.env._("Response terminated"), {"reason": reason or False})
        for event in self:
            event.activity_ids.sudo().unlink()
            if event.plan_id and not event.is_drill:
                event.plan_id._open_revision("event", self.env._(
                    "Review the response to %(event)s.", event=event.name))
        return True

    def action_cancel_false_alarm(self, reason=None):
        self._check_officer()
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give the reason why this was a false alarm."))
        return self._transition("cancel", {"closed_at": fields.Datetime.now(),
                                           "close_reason": reason},
                                self.env._("Cancelled as a false alarm"), {"reason": reason})

    def action_print_summary(self):
        return self.env.ref("worksafe_emergency.action_report_emergency_summary") \
            .report_action(self)

    def action_new_report(self):
        self.ensure_one()
        self._check_officer()
        report = self.env["worksafe.emergency.report"]._draft_for(self)
        return {"type": "ir.actions.act_window", "res_model": report._name,
                "res_id": report.id, "view_mode": "form"}

    # ------------------------------------------------------------------ phone
    @api.model
    def _open_for_user(self):
        """Active events the current user's companies have, newest first."""
        return self.search([("state", "=", "active")], order="started_at desc")
