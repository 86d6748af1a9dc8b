"""An alarm storm: trips and readings keep flowing, nothing is lost, every trip is
recorded once in Odoo, even when the bridge's HTTP timeout fires while Odoo still works
on a batch and the batch is sent again.  Real Mosquitto, bridge, Odoo's test server.

(The full-rate storm, 100 trips/s with 1,000 readings/s for 30 s, with stall durations,
is tests/benchmarks/bench_iot.py --storm; this is the same path at a rate a shared test
server takes.)"""

import json
import threading
import time

from .mqtt_broker import reading, wait_for
from .mqtt_common import IotMqttCase

# methane beyond the permit's 0.5 %vol limit, then clean air: every pair is one trip
METHANE = [("t_ch4", 0.8, "%vol"), ("t_o2", 20.9, "%vol")]
AIR = [("t_ch4", 0.0, "%vol"), ("t_o2", 20.9, "%vol")]


class TestAlarmStormKeepsFlowing(IotMqttCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.detector.reporting_interval = 600
        cls.background = cls.env["worksafe.iot.device"].create({
            "name": "Background", "code": "T-BG-1", "kind": "gas_fixed",
            "reporting_interval": 600, "calibration_due": "2099-01-01",
            "bump_test_due": "2099-01-01"})

    def test_trips_and_readings_through_timeouts_and_resends(self):
        permit = self.active_permit()
        trips, readings = 60, 1500
        with self.serve():
            # a first timeout far below what a batch takes: Odoo is still storing a batch
            # when the bridge gives up on it and sends it again (then the lanes adapt)
            bridge = self.bridge(http_timeout_s=0.05, http_timeout_max_s=30,
                                 event_batch_size=40, retry_max_s=0.3)
            reasons = []
            bodies = []
            bridge.trip_listeners.append(
                lambda _actuator, body: (reasons.append(json.loads(body)["reason"]),
                                         bodies.append(json.loads(body))))
            sensor, noise = self.client(), self.client()
            stop = threading.Event()

            def background():
                for seq in range(1, readings + 1):
                    noise.publish(self.topic(self.background),
                                  reading("T-BG-1", seq, AIR), wait=False)
                    if seq % 100 == 0:
                        time.sleep(0.05)
                stop.set()
            thread = threading.Thread(target=background)
            thread.start()
            seq = 0
            for _ in range(trips):  # normal, then critical: every pair is one trip
                for values in (AIR, METHANE):
                    seq += 1
                    sensor.publish(self.topic(self.detector), reading("T-GD-1", seq, values),
                                   wait=False)
                time.sleep(0.01)
            thread.join()
            wait_for(lambda: bridge.stats["received"] >= readings + 2 * trips, timeout=60,
                     message="every message received")
            methane = [r for r in reasons if r.startswith("t_ch4")]
            self.assertEqual(len(methane), trips, reasons)
            wait_for(lambda: self.count("T-BG-1")[0] == readings, timeout=120,
                     message="every background reading")
            wait_for(lambda: bridge.spool.pending() == 0, timeout=120,
                     message="every event stored")
            self.assertEqual(self.count("T-BG-1"), (readings, readings))
            self.assertEqual(self.count("T-GD-1"), (2 * trips, 2 * trips))
            with self.db() as env:
                interlocks = env["worksafe.iot.interlock"].search(
                    [("actuator_id", "=", self.relay.id)])
                # every methane trip has its interlock record (demo sensors going stale
                # during a long run may add "sensor fault" trips of other permits)
                recorded = set(interlocks.mapped("cmd_id"))
                self.assertEqual([b["cmd_id"] for b in bodies
                                  if b["reason"].startswith("t_ch4")
                                  and b["cmd_id"] not in recorded], [])
                alarm = permit.iot_alarm_ids.filtered(lambda a: a.code == "t_ch4")
                self.assertEqual(alarm.raise_count, trips)  # each raise applied once
                audited = env["worksafe.audit.event"].search(
                    [("event_type", "=", "iot.alarm"), ("res_id", "in", alarm.ids)])
                self.assertEqual(sum(len(json.loads(a.payload_json)["values"]["raises"])
                                     for a in audited), trips)
                self.assertLess(len(audited), trips)  # batched: not one entry per raise
                self.assertEqual(permit.state, "suspended")
            self.assertEqual((bridge.stats["refused"], bridge.spool.dead_count()), (0, 0))
            self.assertGreater(bridge.stats["odoo_timeouts"], 0)  # resends did happen
