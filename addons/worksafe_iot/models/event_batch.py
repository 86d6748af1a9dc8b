"""What the events of one ingest batch leave to be recorded once per batch (not a model).

Why: in an alarm storm a flapping sensor re-raises the same alarm, and the bridge trips
the interlock, many times a second.  Each raise and each trip is kept (counted on the
alarm with its first and last times and listed in the audit entry; one interlock record
per command), and the permit is suspended at the first live critical raise, at once.
What costs a transaction a tenth of a second each — the hash-chained audit entry, the
chatter message — is written once per alarm (or actuator) and batch, summarising every
raise or trip of the batch; the people hear once per permit and batch (one notification
naming its alarms; one to-do per person and alarm, not re-scheduled while open)."""


class EventBatch:
    def __init__(self):
        # ("raise", alarm id, event) / ("trip", interlock id, event) / ("track", alarm id,
        # its tracked values before the event) / ("notify", alarm id, raises recorded), in
        # event order
        self.entries = []

    def mark(self):
        return len(self.entries)

    def rollback(self, mark):
        """Forget what an event added before its savepoint was rolled back."""
        del self.entries[mark:]

    def add(self, kind, record_id, event):
        self.entries.append((kind, record_id, event))

    def grouped(self, kind):
        """{record id: [events]} of ``kind``, records in the order first seen."""
        groups = {}
        for entry_kind, record_id, event in self.entries:
            if entry_kind == kind:
                groups.setdefault(record_id, []).append(event)
        return groups

    def flush(self, env):
        """Write the per-batch records (audit, chatter, notifications), then forget."""
        raises, trips = self.grouped("raise"), self.grouped("trip")
        # the alarms' values before the batch's first change (tracked once per batch)
        initial = {alarm_id: values[0] for alarm_id, values in self.grouped("track").items()}
        Alarm = env["worksafe.iot.alarm"].sudo()
        self.entries = [entry for entry in self.entries if entry[0] == "notify"]
        if initial:
            Alarm.browse(list(initial))._message_track(["level", "state"], initial)
        for alarm_id, events in raises.items():
            Alarm.browse(alarm_id)._record_raises(events, self)
        if trips:
            env["worksafe.iot.interlock"].sudo().browse(list(trips))._record_trips()
        # the people: once per permit, for every alarm of it the batch raised
        counts = {}
        for alarm_id, added in self.grouped("notify").items():
            counts[alarm_id] = sum(added)
        self.entries = []
        by_permit = {}
        for alarm in Alarm.browse(list(counts)):
            by_permit.setdefault(alarm.permit_id.id, Alarm)
            by_permit[alarm.permit_id.id] |= alarm
        for alarms in by_permit.values():
            alarms._notify(counts)
