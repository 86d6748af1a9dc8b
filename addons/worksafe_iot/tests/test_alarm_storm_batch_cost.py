"""What a storm batch costs Odoo does not grow with its trips: the level reports of an
alarm are folded in memory and written once, the batch's interlock commands inserted
together, their acknowledgements stamped by one statement, and the records of the
batch (audit entry, chatter, notifications) written once per alarm, actuator and
permit.  (The benchmark, tests/benchmarks/bench_iot.py, measures the trips/s.)"""

import time
from unittest.mock import patch

from .common import IotCase

# statements of a batch of a flapping alarm on one permit, whatever its number of trips
# (measured 73 for 5 and for 100 trips with their acknowledgements; before the fold
# 110 for 5 and 966 for 100)
BATCH_QUERIES = 80


class TestAlarmStormBatchCost(IotCase):
    def trips(self, permit, start, count, acks=False):
        now = time.time()
        events = []
        for i in range(start, start + count):
            common = {"device": "T-GD-1", "code": "t_ch4", "permit": permit.id,
                      "unit": "%vol", "limit": 0.5}
            events.append(dict(common, type="level", level="normal", value=0.0, ts=now,
                               received=now, id=f"q-n{i}"))
            events.append(dict(common, type="level", level="critical", value=0.8, ts=now,
                               received=now, id=f"q-c{i}"))
            events.append({"type": "interlock", "actuator": "T-RL-1", "cmd_id": f"q-{i}",
                           "state": "trip", "permits": [permit.id], "reason": "t_ch4 0.8",
                           "ts": now, "id": f"q-t{i}"})
            if acks:
                events.append({"type": "ack", "device": "T-RL-1", "cmd_id": f"q-{i}",
                               "state": "trip", "ts": now, "id": f"q-a{i}"})
        return events

    def test_a_batch_costs_the_same_for_5_or_100_trips(self):
        permit = self.active_permit()
        self.ingest(events=self.trips(permit, 0, 3))  # the first raise suspends
        self.assertEqual(permit.state, "suspended")
        self.env.flush_all()
        self.env.invalidate_all()
        for start, count in ((100, 5), (200, 100)):
            events = self.trips(permit, start, count, acks=True)
            with self.assertQueryCount(BATCH_QUERIES):
                answer = self.ingest(events=events)
                self.env.flush_all()
            self.env.invalidate_all()
            self.assertEqual((answer["events"], answer["rejected"]), (4 * count, 0))
        alarm = permit.iot_alarm_ids
        self.assertEqual(alarm.raise_count, 3 + 5 + 100)
        interlocks = self.env["worksafe.iot.interlock"].search(
            [("actuator_id", "=", self.relay.id)])
        self.assertEqual(len(interlocks), 108)
        acked = interlocks.filtered("acked_at")
        self.assertEqual(len(acked), 105)
        self.assertEqual(set(acked.mapped("state")), {"acked"})
        self.assertEqual(set(interlocks.mapped("alarm_id")), {alarm})
        self.assertEqual(len(self.env["worksafe.audit.event"].search(
            [("event_type", "=", "permit.suspend"), ("permit_id", "=", permit.id)])), 1)
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())

    def test_people_hear_once_per_permit_and_batch(self):
        """Two alarms of one permit raised many times in a batch: one notification per
        person naming both, one to-do per person and alarm."""
        permit = self.active_permit()
        now = time.time()
        events = []
        for i in range(20):
            for code in ("t_ch4", "t_h2s"):
                common = {"type": "level", "device": "T-GD-1", "code": code,
                          "permit": permit.id, "unit": "ppm", "limit": 0.5, "ts": now,
                          "received": now}
                events.append(dict(common, level="normal", value=0.0, id=f"p-{code}-n{i}"))
                events.append(dict(common, level="critical", value=0.8, id=f"p-{code}-c{i}"))
        Partner = type(self.env["res.partner"])
        sent = []
        original = Partner._bus_send

        def record(partners, kind, payload, **kwargs):
            if kind == "simple_notification":
                sent.extend((partner.id, payload["message"]) for partner in partners)
            return original(partners, kind, payload, **kwargs)

        with patch.object(Partner, "_bus_send", record):
            answer = self.ingest(events=events)
        self.assertEqual((answer["events"], answer["rejected"]), (len(events), 0))
        alarms = permit.iot_alarm_ids
        self.assertEqual(sorted(alarms.mapped("raise_count")), [20, 20])
        watcher = self.watcher_user.partner_id.id
        self.assertEqual([p for p, _m in sent].count(watcher), 1)
        self.assertEqual(len(sent), len({p for p, _m in sent}))  # nobody twice
        for alarm in alarms:
            self.assertEqual(len(alarm.activity_ids.filtered(
                lambda a: a.user_id == self.watcher_user)), 1)
