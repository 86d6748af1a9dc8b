"""The level reports, interlock trips and trip acknowledgements of one ingest batch,
applied in memory and written in bulk (not a model).

Why: in an alarm storm a batch carries, per trip, a normal and a critical report of the
same alarm, the interlock command the bridge published, and often the relay's
acknowledgement.  Applied one by one through the ORM that is a search, two writes and a
create per trip (about 45 ms a trip on a loaded machine: Odoo recorded 22 trips/s while
the bridge published 100).  Here the reports of each alarm are folded in memory with
``rules.alarm.apply_level`` (the same decisions, report by report) and the record is
written once; the batch's commands are inserted by one ``create`` of all of them and
their acknowledgements by one ``UPDATE … FROM (VALUES …)``.  The statements of a batch
grow with the number of alarms, actuators and permits it touches, not with its events.

What each report decides is kept: every raise is counted and listed (EventBatch), the
first live critical raise suspends the permit (once: a suspended permit is no longer
active), every command gets its interlock record, linked to the alarm that was open and
critical when the command came, as when applied one by one."""

from psycopg2.extras import execute_values

from odoo import fields

from ..rules import alarm as alarm_rules
from .alarm import FAULT_CHANNEL, _dt

ALARM_FIELDS = ("level", "peak_level", "state", "peak_value", "device_id", "code",
                "permit_id", "company_id")


class _Open:
    """One alarm record touched by the batch: its latch in memory and what to write."""

    __slots__ = ("alarm_id", "initial", "key", "permit_id", "raises", "record", "suspend",
                 "vals")

    def __init__(self, alarm_id, key, permit_id, record):
        self.alarm_id = alarm_id
        self.key = key
        self.permit_id = permit_id
        self.record = record
        self.initial = {"level": record.level, "state": record.state}
        self.vals = {}
        self.raises = []
        self.suspend = False


class EventFold:
    """Collects (in event order) level reports, trips and acknowledgements, then
    ``apply()`` writes them.  ``rejected`` events raise before anything is written."""

    def __init__(self, env, batch):
        self.env = env
        self.batch = batch
        self.items = []  # ("level", event, device, permit) / ("trip", event, actuator,
        #                  permits), in event order
        self.acks = []   # (event, actuator)

    def __bool__(self):
        return bool(self.items or self.acks)

    def add_level(self, event, device, permit):
        self.items.append(("level", event, device, permit))

    def add_trip(self, event, actuator, permits):
        self.items.append(("trip", event, actuator, permits))

    def add_ack(self, event, actuator):
        self.acks.append((event, actuator))

    def clear(self):
        """Forget what an event added before its savepoint was rolled back."""
        self.items, self.acks = [], []

    # ------------------------------------------------------------------ apply
    def apply(self):
        if not self:
            return
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        # every open alarm the batch may change or link a command to, in one search
        devices = {device.id for kind, _e, device, _p in self.items if kind == "level"}
        permits = {pid for kind, _e, _a, permits in self.items if kind == "trip"
                   for pid in permits.ids}
        known = {}    # alarm id -> _Open (state in memory)
        by_key = {}   # (device, code, permit) -> open _Open
        if devices or permits:
            domain = [("state", "!=", "closed")]
            if devices and permits:
                domain += ["|", ("device_id", "in", list(devices)),
                           ("permit_id", "in", list(permits))]
            elif devices:
                domain.append(("device_id", "in", list(devices)))
            else:
                domain.append(("permit_id", "in", list(permits)))
            for row in Alarm.search_fetch(domain, ALARM_FIELDS, order="id"):
                key = (row.device_id.id, row.code or False, row.permit_id.id or False)
                entry = _Open(row.id, key, row.permit_id.id, alarm_rules.AlarmRecord(
                    row.level, row.peak_level, row.state, row.peak_value))
                known[row.id] = entry
                by_key[key] = entry  # ascending ids: the newest open one of its key wins
        trip_vals, trip_events = [], []
        existing = self._existing_commands(
            [item[1]["cmd_id"] for item in self.items if item[0] == "trip"])
        for kind, event, device, permits in self.items:
            if kind == "level":
                self._fold_level(Alarm, event, device, permits, known, by_key)
            else:
                actuator = device
                if event["cmd_id"] in existing:
                    continue  # recorded before (another event id for the same command)
                existing.add(event["cmd_id"])
                trip_vals.append({
                    "actuator_id": actuator.id,
                    "permit_ids": [fields.Command.set(permits.ids)],
                    "alarm_id": self._trip_alarm(known, set(permits.ids)),
                    "cmd_id": event["cmd_id"], "reason": event.get("reason"),
                    "sent_at": _dt(event.get("ts")),
                })
                trip_events.append(event)
        self._write_alarms(Alarm, known)
        if trip_vals:
            interlocks = self.env["worksafe.iot.interlock"].sudo().create(trip_vals)
            for interlock, event in zip(interlocks, trip_events, strict=True):
                self.batch.add("trip", interlock.id, event)
        if self.acks:
            self._apply_acks()
        self.items, self.acks = [], []

    def _existing_commands(self, cmd_ids):
        if not cmd_ids:
            return set()
        self.env.cr.execute("SELECT cmd_id FROM worksafe_iot_interlock WHERE cmd_id = ANY(%s)",
                            [list(set(cmd_ids))])
        return {row[0] for row in self.env.cr.fetchall()}

    def _fold_level(self, Alarm, event, device, permit, known, by_key):
        code = event.get("code")
        level = event.get("level") or "normal"
        key = (device.id, code or False, permit.id or False)
        entry = by_key.get(key)
        if entry is None or entry.record.state == "closed":
            if level == "normal":
                return
            # a new alarm: created closed at normal, then raised (as one by one)
            when = _dt(event.get("received") or event.get("ts"))
            alarm = Alarm.with_context(mail_create_nosubscribe=True).create({
                "kind": "fault" if code == FAULT_CHANNEL else "measurement",
                "device_id": device.id, "code": code, "permit_id": permit.id or False,
                "area_id": device.area_id.id, "worker_id": device.worker_id.id,
                "company_id": device.company_id.id, "level": "normal",
                "peak_level": "normal", "state": "closed", "raised_at": when,
                "device_time": _dt(event.get("ts")), "unit": event.get("unit"),
                "historical": bool(event.get("historical")),
            })
            entry = _Open(alarm.id, key, permit.id, alarm_rules.AlarmRecord())
            known[alarm.id] = entry
            by_key[key] = entry
        value = event.get("value")
        record, change = alarm_rules.apply_level(entry.record, level, value)
        entry.record = record
        vals = entry.vals
        if value is not None:
            vals["value"] = value
            vals["peak_value"] = record.peak_value
        if event.get("limit") is not None:
            vals["limit_value"] = event["limit"]
        if event.get("reasons"):
            vals["reasons"] = ", ".join(event["reasons"])
        if change:
            when = _dt(event.get("received") or event.get("ts"))
            vals.update(level=record.level, state=record.state, peak_level=record.peak)
            if change in ("normal", "close"):
                vals["normal_at"] = when
            if change == "close":
                vals["closed_at"] = when
        if change == "raise":
            historical = bool(event.get("historical"))
            vals["historical"] = historical  # "the last raise was replayed"
            entry.raises.append(event)
            if not historical and self._suspends(device, record.level):
                entry.suspend = True

    def _suspends(self, device, level):
        if level == "critical":
            return True
        return level == "fault" and device.company_id.worksafe_iot_fault_action == "suspend"

    @staticmethod
    def _trip_alarm(known, permit_ids):
        """The newest open critical alarm (or fault) of these permits at this point of
        the batch: what made the bridge trip."""
        ids = [alarm_id for alarm_id, entry in known.items()
               if entry.permit_id in permit_ids and entry.record.state != "closed"
               and entry.record.level in ("critical", "fault")]
        return max(ids) if ids else False

    def _write_alarms(self, Alarm, known):
        batch = self.batch
        live = [entry.alarm_id for entry in known.values()
                if any(not event.get("historical") for event in entry.raises)]
        for entry in known.values():
            if not entry.vals:
                continue
            alarm = Alarm.browse(entry.alarm_id)
            batch.add("track", alarm.id, entry.initial)
            alarm.with_context(mail_notrack=True).write(entry.vals)
            if entry.suspend:
                to_suspend = alarm._permits_to_suspend()
                if to_suspend:
                    # the raises that suspend are in the audit chain before the suspension
                    alarm._record_raises(entry.raises, batch)
                    alarm._suspend_permits(to_suspend)
                    continue
            for event in entry.raises:
                batch.add("raise", alarm.id, event)
        if live:
            Alarm.browse(live)._on_live_raise()

    def _apply_acks(self):
        """Acknowledgements: a command's first one stamps it (one UPDATE for all); a
        release's closes the release (audited, as one by one).  An acknowledgement counts
        only for a command sent to the actuator that sends it."""
        Interlock = self.env["worksafe.iot.interlock"].sudo()
        actuators = list({actuator.id for _e, actuator in self.acks})
        cmds = list({event["cmd_id"] for event, _a in self.acks})
        records = Interlock.search_fetch(
            [("actuator_id", "in", actuators), "|", ("cmd_id", "in", cmds),
             ("release_cmd_id", "in", cmds)],
            ["actuator_id", "cmd_id", "release_cmd_id", "acked_at", "state"])
        trips = {(r.actuator_id.id, r.cmd_id): r for r in records}
        releases = {(r.actuator_id.id, r.release_cmd_id): r for r in records
                    if r.release_cmd_id}
        stamped = {}
        for event, actuator in self.acks:
            key = (actuator.id, event["cmd_id"])
            trip = trips.get(key)
            if trip is not None:
                if not trip.acked_at and trip.id not in stamped:
                    stamped[trip.id] = (trip.id, _dt(event.get("ts")),
                                        "acked" if trip.state == "sent" else trip.state)
                continue
            release = releases.get(key)
            if release is not None:
                Interlock._record_ack(event, actuator)
        if stamped:
            execute_values(self.env.cr, """
                UPDATE worksafe_iot_interlock i SET acked_at = v.at, state = v.state,
                       write_date = now() at time zone 'UTC', write_uid = v.uid
                  FROM (VALUES %s) AS v(id, at, state, uid)
                 WHERE i.id = v.id AND i.acked_at IS NULL""",
                [(*row, self.env.uid) for row in stamped.values()],
                template="(%s, %s::timestamp, %s, %s)")
            Interlock.invalidate_model(["acked_at", "state", "write_date", "write_uid"])
