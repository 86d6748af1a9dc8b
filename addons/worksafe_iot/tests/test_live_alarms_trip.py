"""Live critical readings trip, whatever the device's boot counter did; replayed ones
never do; one future timestamp does not freeze the exposure windows; absurd timestamps
are dead-lettered at the bridge.  Real Mosquitto, real bridge, Odoo's test server."""

import json
import time

from .mqtt_broker import reading, wait_for
from .mqtt_common import IotMqttCase

LOW_O2 = [("t_o2", 17.0, "%vol")]
AIR = [("t_o2", 20.9, "%vol")]


class TestLiveAlarmsTrip(IotMqttCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.detector.reporting_interval = 600  # no stale fault while a test clock runs

    def trips(self, relay):
        return [json.loads(body) for _at, _topic, body, _retain in relay.received("/cmd")
                if body]

    def test_live_critical_trips_after_the_boot_counter_goes_down(self):
        permit = self.active_permit()
        with self.serve():
            bridge = self.bridge()
            relay = self.client(subscribe=[self.topic(self.relay, "cmd")])
            device = self.client()
            for seq in range(1, 4):
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, AIR, boot=5))
            wait_for(lambda: self.count()[0] == 3, message="3 readings of boot 5")
            # factory reset: the boot counter starts again lower; the atmosphere is bad
            device.publish(self.topic(self.detector), reading("T-GD-1", 1, LOW_O2, boot=2))
            trip, = wait_for(lambda: self.trips(relay), message="the interlock trip")
            self.assertEqual((trip["state"], trip["permits"]), ("trip", [permit.id]))
            wait_for(lambda: self.permit_state(permit) == "suspended",
                     message="the permit suspended")
            self.assertEqual(bridge.stats["replayed"], 0)

    def test_live_critical_trips_across_a_sparkplug_bdseq_wrap(self):
        permit = self.active_permit()
        with self.serve():
            bridge = self.bridge()
            relay = self.client(subscribe=[self.topic(self.relay, "cmd")])
            node = self.client()

            def ddata(bdseq, seq, o2):
                return {"timestamp": int(time.time() * 1000), "seq": seq, "bdSeq": bdseq,
                        "metrics": [{"name": "t_o2", "value": o2,
                                     "properties": {"engUnit": "%vol"}}]}
            topic = "spBv1.0/plant/DDATA/edge1/T-GD-1"
            node.publish(topic, ddata(255, 254, 20.9))
            node.publish(topic, ddata(255, 255, 20.9))
            wait_for(lambda: self.count()[0] == 2, message="2 readings of bdSeq 255")
            node.publish(topic, ddata(0, 0, 17.0))  # the edge node reconnected: bdSeq wraps
            wait_for(lambda: self.trips(relay), message="the interlock trip")
            wait_for(lambda: self.permit_state(permit) == "suspended",
                     message="the permit suspended")
            self.assertEqual(bridge.stats["replayed"], 0)

    def test_historical_no_is_live_and_trips(self):
        permit = self.active_permit()
        with self.serve():
            bridge = self.bridge()
            relay = self.client(subscribe=[self.topic(self.relay, "cmd")])
            device = self.client()
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 1, LOW_O2, historical="no"))
            wait_for(lambda: self.trips(relay), message="the interlock trip")
            wait_for(lambda: self.permit_state(permit) == "suspended",
                     message="the permit suspended")
            self.assertEqual(bridge.stats["replayed"], 0)
            # readings and events travel in separate lanes: the trip may come first
            wait_for(lambda: self.count()[0] == 1, message="the reading stored")
            with self.db() as env:
                env.cr.execute("SELECT historical FROM worksafe_iot_reading"
                               " WHERE device_code = 'T-GD-1'")
                self.assertEqual(env.cr.fetchall(), [(False,)])
            # back to normal air: the low-oxygen alarm clears (the template's band is
            # 19.5-21 %vol: the high setpoint's deadband must not hold a low alarm)
            device.publish(self.topic(self.detector), reading("T-GD-1", 2, AIR))

            def back_to_normal():
                with self.db():
                    alarm = permit.iot_alarm_ids.filtered(lambda a: a.code == "t_o2")
                    return alarm.level == "normal" and alarm.state == "unacked_normal"
            wait_for(back_to_normal, message="the oxygen alarm back to normal")

    def test_future_timestamp_does_not_freeze_the_stel_window(self):
        # STEL 2 mg/m3 over 15 min; 4 mg/m3 stays below the warning rung (5) of the
        # 10 mg/m3 limit: only the running average can alarm, after about 8 minutes
        self.template.gas_limit_ids.filtered(lambda lim: lim.gas_id == self.gas_h2s).write(
            {"has_stel": True, "stel_value": 2.0})
        permit = self.active_permit()
        self.assertIn(2.0, permit.gas_limit_ids.mapped("stel_value"))
        offset = [0.0]

        def clock():  # the bridge's clock: one minute passes per reading
            return time.time() + offset[0]

        h2s = [("t_h2s", 4.0, "mg/m3"), ("t_o2", 20.9, "%vol")]
        with self.serve():
            bridge = self.bridge(clock=clock)
            device = self.client()
            # a device clock an hour ahead, once
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 1, h2s, ts=clock() + 3600))
            for seq in range(2, 22):  # 20 minutes at 4 mg/m3
                offset[0] += 60
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, h2s,
                                                                  ts=clock()))
                wait_for(lambda seq=seq: bridge.stats["received"] >= seq,
                         message=f"reading {seq} received")

            def stel_alarm():
                with self.db() as env:
                    return env["worksafe.iot.alarm"].search(
                        [("permit_id", "=", permit.id), ("code", "=", "t_h2s"),
                         ("peak_level", "=", "alarm")])
            wait_for(stel_alarm, message="the STEL alarm")

    def test_absurd_timestamps_are_dead_lettered_at_the_bridge(self):
        with self.serve():
            bridge = self.bridge()
            device = self.client()
            for seq, ts in enumerate([1000.0, "9999-12-31T23:59:59", time.time() + 5e8,
                                      "0001-01-01T00:00:00"], start=1):
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, AIR, ts=ts))
            device.publish(self.topic(self.detector), reading("T-GD-1", 9, AIR))
            wait_for(lambda: self.count()[0] == 1, message="the good reading")
            wait_for(lambda: bridge.stats["dead_letters"] == 4, message="4 dead letters")
            self.assertEqual(bridge.spool.dead_count(), 4)
            self.assertEqual(bridge.stats["refused"], 0)  # nothing reached Odoo to refuse
            # the dead-letter table is pruned by size and age
            bridge.spool.prune_dead(max_rows=1, max_age_s=3600)
            self.assertEqual(bridge.spool.dead_count(), 1)
            bridge.spool.prune_dead(max_rows=10, max_age_s=3600, now=time.time() + 7200)
            self.assertEqual(bridge.spool.dead_count(), 0)
