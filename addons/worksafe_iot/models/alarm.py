import io
from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..rules import alarm as alarm_rules
from ..rules import payload as payload_rules

LEVELS = [("normal", "Normal"), ("warning", "Warning"), ("alarm", "Alarm"),
          ("critical", "Critical"), ("fault", "Fault")]
STATES = [("active", "Active, not acknowledged"), ("acknowledged", "Acknowledged"),
          ("unacked_normal", "Back to normal, not acknowledged"), ("closed", "Closed")]
KINDS = [("measurement", "Measurement"), ("fault", "Sensor fault"),
         ("wearable", "Wearable event")]
FAULT_CHANNEL = "_fault"


def _dt(epoch):
    if not epoch:
        return fields.Datetime.now()
    # whole seconds, like every Odoo datetime (a gas test taken in the same second as the
    # alarm counts as after it)
    return datetime.fromtimestamp(float(epoch), timezone.utc).replace(tzinfo=None,
                                                                       microsecond=0)


class WorksafeIotAlarm(models.Model):
    _name = "worksafe.iot.alarm"
    _description = "Sensor alarm"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin"]
    _order = "raised_at desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(KINDS, required=True, default="measurement", index=True)
    device_id = fields.Many2one("worksafe.iot.device", "Device", index=True, ondelete="restrict")
    code = fields.Char("Measurement", index=True)
    event_kind = fields.Selection(
        [("helmet_off", "Helmet off"), ("harness_unclipped", "Harness not clipped"),
         ("fall", "Fall"), ("sos", "SOS"), ("no_motion", "No motion"),
         ("low_battery", "Low battery"), ("gas_alarm", "Detector gas alarm"),
         ("bump_test", "Bump test"), ("calibration", "Calibration")], "Event")
    permit_id = fields.Many2one("worksafe.permit", "Permit", index=True, ondelete="cascade")
    worker_id = fields.Many2one("hr.employee", "Worker", index=True)
    area_id = fields.Many2one("worksafe.area", "Area", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    level = fields.Selection(LEVELS, "Current level", required=True, default="normal",
                             tracking=True)
    peak_level = fields.Selection(LEVELS, "Worst level", required=True, default="normal",
                                  index=True)
    state = fields.Selection(STATES, required=True, default="active", index=True,
                             tracking=True)
    value = fields.Float(digits=(12, 4))
    unit = fields.Char()
    limit_value = fields.Float("Limit", digits=(12, 4))
    peak_value = fields.Float("Worst value", digits=(12, 4))
    reasons = fields.Char("Fault reasons")
    detail = fields.Char()
    raised_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    raise_count = fields.Integer("Raises", readonly=True,
                                 help="How many times the sensors raised this alarm (a "
                                      "flapping sensor re-raises it until it is reset).")
    last_raised_at = fields.Datetime("Last raised at", readonly=True)
    device_time = fields.Datetime("Measured at")
    normal_at = fields.Datetime("Back to normal at")
    acked_by_id = fields.Many2one("res.users", "Acknowledged by", readonly=True)
    acked_at = fields.Datetime("Acknowledged at", readonly=True)
    closed_at = fields.Datetime(readonly=True)
    historical = fields.Boolean("From replayed data")
    suspended_permit_ids = fields.Many2many("worksafe.permit", string="Permits suspended")
    interlock_ids = fields.One2many("worksafe.iot.interlock", "alarm_id", "Interlocks")
    position_x = fields.Float()
    position_y = fields.Float()
    position_lat = fields.Float("Latitude", digits=(10, 7))
    position_lon = fields.Float("Longitude", digits=(10, 7))
    color = fields.Integer(compute="_compute_color")

    @api.depends("code", "kind", "event_kind", "peak_level", "device_id")
    def _compute_name(self):
        levels = dict(LEVELS)
        events = dict(self._fields["event_kind"]._description_selection(self.env))
        for alarm in self:
            what = (events.get(alarm.event_kind) if alarm.kind == "wearable"
                    else self.env._("sensor fault") if alarm.kind == "fault" else alarm.code)
            alarm.name = (f"{levels.get(alarm.peak_level)}: {what or ''} — "
                          f"{alarm.device_id.code or ''}")

    @api.depends("state", "peak_level")
    def _compute_color(self):
        for alarm in self:
            alarm.color = 0 if alarm.state == "closed" else (
                1 if alarm.peak_level in ("critical", "fault") else 2)

    # ------------------------------------------------------------------ latch
    def _latch(self):
        self.ensure_one()
        return alarm_rules.Latch(self.level, self.peak_level,
                                 self.state in ("acknowledged", "closed"))

    def _set_latch(self, latch, event, when):
        vals = {"level": latch.level, "state": latch.state if event != "close" else "closed"}
        if event != "close":  # a closed alarm keeps the worst level it reached
            vals["peak_level"] = alarm_rules.worst(latch.peak, self.peak_level) \
                if event != "raise" or self.state != "closed" else latch.peak
        if event == "close":
            vals.update(level="normal", closed_at=when)
            vals.setdefault("normal_at", when)
        elif event == "normal":
            vals["normal_at"] = when
        self.write(vals)

    # An alarm's life is the bridge's readings and people's acknowledgements, both through
    # WorkSafe's own methods: a client never writes it directly.
    _guard_system_only = True

    def _guard_action_message(self, names):
        return self.env._("Alarms change only through the sensors and the 'Acknowledge' "
                          "action.")

    def action_acknowledge(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_watcher"):
            raise AccessError(self.env._("Alarms are acknowledged by a watcher or a supervisor."))
        for alarm in self:
            if alarm.state not in ("active", "unacked_normal", "acknowledged"):
                continue
            now = fields.Datetime.now()
            alarm._system_write({"acked_by_id": self.env.uid, "acked_at": now})
            latch, event = alarm_rules.latch_ack(alarm._latch())
            if alarm.kind == "wearable":
                latch, event = alarm_rules.Latch(), "close"  # an event has no "normal" reading
            alarm.sudo()._set_latch(latch, event or "ack", now)
            alarm._audit("iot.alarm.ack", self.env._("Alarm acknowledged: %(alarm)s",
                                                     alarm=alarm.name),
                         {"alarm": alarm.id, "state": alarm.state})
            alarm.activity_unlink(["worksafe_iot.mail_activity_iot_alarm"])
            alarm.message_post(body=self.env._("Acknowledged by %(user)s.",
                                               user=self.env.user.name))
        return True

    def _apply_level(self, event, device, permit):
        """A level change of one (device, measurement, permit) outside an ingest batch
        (the silent-sensor cron): the same fold as a batch's reports, recorded at once."""
        from .event_batch import EventBatch  # noqa: PLC0415 - they import this module
        from .event_fold import EventFold  # noqa: PLC0415

        batch = EventBatch()
        fold = EventFold(self.env, batch)
        fold.add_level(event, device, permit or self.env["worksafe.permit"])
        fold.apply()
        batch.flush(self.env)

    def _apply_device_event(self, event, device, permits, batch=None):
        """A wearable event (fall, SOS, helmet off...): one alarm per permit of the worker."""
        level = event.get("level") or payload_rules.EVENT_LEVELS.get(event.get("kind"))
        if not level:
            return self  # bump test / calibration notices are not alarms
        when = _dt(event.get("received") or event.get("ts"))
        pos = event.get("pos") or {}
        alarms = self
        for permit in permits or [self.env["worksafe.permit"]]:
            alarm = self.with_context(mail_create_nosubscribe=True).create({
                "kind": "wearable", "event_kind": event["kind"], "device_id": device.id,
                "code": event["kind"], "permit_id": permit.id or False,
                "worker_id": device.worker_id.id, "area_id": (permit.area_id or
                                                              device.area_id).id,
                "company_id": device.company_id.id, "level": level, "peak_level": level,
                "state": "active", "raised_at": when, "device_time": _dt(event.get("ts")),
                "detail": event.get("detail"), "historical": bool(event.get("historical")),
                "position_x": pos.get("x", 0.0), "position_y": pos.get("y", 0.0),
                "position_lat": pos.get("lat", 0.0), "position_lon": pos.get("lon", 0.0),
            })
            alarm._on_raise(event, batch)
            alarms |= alarm
        return alarms

    # ------------------------------------------------------------------ consequences
    def _on_raise(self, event, batch=None):
        """Consequences of one raise.  Whether it suspends is decided by *this* event
        (replayed or live), not by how the alarm was first opened: a replayed warning must
        not keep a later live critical from suspending, nor the other way round.

        The suspension happens at once; the records of the raise (audit entry, chatter,
        notifications) go to ``batch``, written once per alarm and batch (at once
        without a batch)."""
        self.ensure_one()
        historical = bool(event.get("historical"))
        if self.historical != historical:
            self.write({"historical": historical})  # "the last raise was replayed"
        to_suspend = self._permits_to_suspend() if not historical and self._must_suspend() \
            else self.env["worksafe.permit"]
        if batch is None or to_suspend:
            # the raise that suspends is in the audit chain before the suspension
            self._record_raises([event], batch)
        else:
            batch.add("raise", self.id, event)
        if to_suspend:
            self._suspend_permits(to_suspend)
        if not historical:
            self._on_live_raise()

    def _on_live_raise(self):
        """These alarms were just raised by live (not replayed) data and their records
        written. The hook for addons that act on a live alarm (worksafe_emergency_iot raises
        the emergency); called once per alarm and batch on every path: an ingest batch's
        fold, a wearable event, the silent-sensor cron."""
        return True

    def _record_raises(self, events, batch=None):
        """Record the raises ``events`` of this alarm (one ingest batch): counted on the
        alarm with the last time, each listed (time, level, value, replayed) in ONE
        hash-chained audit entry; one chatter message on the permit.  The people are told
        at once, or, with ``batch`` (an EventBatch), once per permit and batch."""
        self.ensure_one()
        raises = [{"at": fields.Datetime.to_string(_dt(e.get("received") or e.get("ts"))),
                   "level": e.get("level") or e.get("kind") or False,
                   "value": e.get("value") if isinstance(e.get("value"), (int, float))
                   and not isinstance(e.get("value"), bool) else False,
                   "historical": bool(e.get("historical"))} for e in events]
        self.write({"raise_count": self.raise_count + len(raises),
                    "last_raised_at": raises[-1]["at"]})
        self._audit("iot.alarm", self.env._("Sensor alarm: %(alarm)s", alarm=self.name), {
            "alarm": self.id, "device": self.device_id.code, "code": self.code,
            "level": self.level, "value": self.value, "unit": self.unit or False,
            "historical": raises[-1]["historical"], "raises": raises,
        }, permit=self.permit_id)
        if self.permit_id:
            if len(raises) > 1:
                body = self.env._(
                    "Sensor alarm %(alarm)s raised %(count)s times from %(first)s to "
                    "%(last)s; worst value %(peak)s %(unit)s (limit %(limit)s).",
                    alarm=self.name, count=len(raises), first=raises[0]["at"],
                    last=raises[-1]["at"], peak=round(self.peak_value, 4),
                    unit=self.unit or "", limit=round(self.limit_value, 4))
            elif self.kind == "measurement":
                body = self.env._(
                    "Sensor alarm %(alarm)s: %(value)s %(unit)s (limit %(limit)s).",
                    alarm=self.name, value=round(self.value, 4), unit=self.unit or "",
                    limit=round(self.limit_value, 4))
            else:
                body = self.env._("Sensor alarm %(alarm)s %(why)s", alarm=self.name,
                                  why=self.reasons or "")
            self.permit_id.message_post(body=body,
                                        subtype_xmlid="worksafe_iot.mt_permit_iot_alarm")
        if batch is None:
            self._notify({self.id: len(raises)})
        else:
            batch.add("notify", self.id, len(raises))

    def _must_suspend(self):
        if self.level == "critical":
            return True
        return self.level == "fault" and self.company_id.worksafe_iot_fault_action == "suspend"

    def _permits_to_suspend(self):
        permits = self.permit_id
        if self.company_id.worksafe_iot_suspend_area and self.area_id:
            permits |= self.env["worksafe.permit"].sudo().search(
                [("area_id", "=", self.area_id.id), ("state", "=", "active"),
                 ("company_id", "=", self.company_id.id)])
        return permits.sudo().filtered(lambda p: p.state == "active")

    def _suspend_permits(self, permits=None):
        permits = self._permits_to_suspend() if permits is None else permits
        if permits:
            permits._suspend(self.env._("Sensor alarm %(alarm)s (alarm #%(id)s)",
                                        alarm=self.name, id=self.id))
            self.suspended_permit_ids = [fields.Command.link(p.id) for p in permits]

    def _recipients(self):
        """Who must hear at once: the permit's watchers and performing authority, the area
        authority and every user of the company who holds the safety officer role,
        directly or through a role that implies it (managers)."""
        permit = self.permit_id
        users = permit.watcher_ids.user_id | permit.performing_authority_id.user_id
        users |= (self.area_id or permit.area_id).authority_id
        users |= self.worker_id.user_id
        # all_user_ids: holders of the role by implication too (managers imply officers)
        officers = self.env.ref("worksafe_permit.group_worksafe_safety_officer").sudo() \
            .all_user_ids
        users |= officers.filtered(lambda u: self.company_id in u.company_ids and not u.share
                                   and not u._is_superuser())
        return users.filtered("active")

    def _notify(self, counts):
        """Tell the recipients of these alarms (of one permit) at once: ONE notification
        per person, however many alarms and raises (an alarm storm must not bury the
        control room's screens under toasts); one open to-do per person and alarm.
        ``counts``: {alarm id: raises}."""
        users = self.env["res.users"]
        for alarm in self:
            users |= alarm._recipients()
        permit = self.permit_id[:1]
        names = "; ".join(self.mapped("name"))
        raises = sum(counts.get(alarm.id, 1) for alarm in self)
        if raises == 1:
            message = self.env._("%(alarm)s on permit %(permit)s",
                                 alarm=names, permit=permit.name or "-")
        else:
            message = self.env._("%(alarm)s on permit %(permit)s (%(count)s raises)",
                                 alarm=names, permit=permit.name or "-", count=raises)
        sticky = any(level in ("critical", "fault", "alarm") for level in self.mapped("level"))
        for user in users:
            user.partner_id._bus_send("simple_notification", {
                "type": "danger" if sticky else "warning",
                "title": self.env._("WorkSafe sensor alarm"), "message": message,
                "sticky": sticky,
            })
        watchers = (permit.watcher_ids.user_id
                    | permit.performing_authority_id.user_id) or users
        # one open to-do per person and alarm (acknowledging the alarm closes it): a
        # sensor flapping in a storm re-raises the same alarm, it is not re-scheduled
        activity_type = self.env.ref("worksafe_iot.mail_activity_iot_alarm")
        for alarm in self:
            pending = alarm.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type).user_id
            summary = message if len(self) == 1 else self.env._(
                "%(alarm)s on permit %(permit)s", alarm=alarm.name, permit=permit.name or "-")
            for user in watchers[:5] - pending:
                alarm.activity_schedule("worksafe_iot.mail_activity_iot_alarm",
                                        user_id=user.id, summary=summary[:250])

    # ------------------------------------------------------------------ export
    def action_export_xlsx(self):
        attachment = self.env["ir.attachment"].create({
            "name": "worksafe_alarms.xlsx", "raw": self._xlsx_content(),
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{attachment.id}?download=true"}

    def _xlsx_content(self):
        """The history of these alarms (the selected ones) as XLSX bytes."""
        import xlsxwriter

        records = self
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Alarms"))
        bold = book.add_format({"bold": True})
        columns = ["raised_at", "name", "kind", "peak_level", "state", "device_id", "code",
                   "value", "peak_value", "unit", "limit_value", "permit_id", "worker_id",
                   "area_id", "reasons", "acked_by_id", "acked_at", "normal_at", "closed_at",
                   "historical"]
        for col, name in enumerate(columns):
            sheet.write(0, col, self._fields[name]._description_string(self.env), bold)
        for row, alarm in enumerate(records, start=1):
            for col, name in enumerate(columns):
                field = self._fields[name]
                value = alarm[name]
                if field.type == "many2one":
                    value = value.display_name or ""
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value, "")
                elif field.type == "datetime":
                    value = fields.Datetime.to_string(value) if value else ""
                elif value is False and field.type != "boolean":
                    value = ""
                sheet.write(row, col, value)
        book.close()
        return buffer.getvalue()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        # An open alarm blocks a restart and a closed one is the evidence of what happened:
        # nobody deletes either (a draft permit's alarms go with it, by cascade).
        raise AccessError(self.env._("Alarm history cannot be deleted."))
