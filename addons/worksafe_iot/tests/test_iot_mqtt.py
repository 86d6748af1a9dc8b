"""End-to-end tests against a REAL Mosquitto, the real bridge and Odoo's test HTTP server
(see mqtt_common.IotMqttCase)."""

import json
import time
import urllib.error
import urllib.request

from .mqtt_broker import free_port, reading, wait_for
from .mqtt_common import IotMqttCase


class TestIotMqtt(IotMqttCase):
    def test_bearer_authentication(self):
        with self.serve():
            url = self.base_url() + "/worksafe/iot/v1/config"
            with self.assertRaises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url, timeout=10)
            self.assertEqual(error.exception.code, 401)
            with self.db():
                other_key = self.env["res.users.apikeys"].with_user(self.officer).sudo()\
                    ._generate(None, "not a bridge", None)
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {other_key}"})
            with self.assertRaises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(request, timeout=10)
            self.assertEqual(error.exception.code, 403)
            self.assertIn("devices", self.sink().get_config())

    def test_breach_trips_interlock_and_suspends_with_hysteresis_and_latching(self):
        permit = self.active_permit()
        with self.serve():
            bridge = self.bridge()
            relay = self.client(subscribe=[self.topic(self.relay, "cmd")])
            device = self.client()
            ch4 = [0.3, 0.45, 0.35, 0.3, 0.1]  # warning, alarm, alarm (held), warning, normal

            def publish(values, first):
                for seq, value in enumerate(values, start=first):
                    device.publish(self.topic(self.detector),
                                   reading("T-GD-1", seq, [("t_ch4", value, "%vol"),
                                                           ("t_o2", 20.9, "%vol")]))
                wait_for(lambda: self.count()[0] == first + len(values) - 1
                         and bridge.spool.pending() == 0, message="readings and events in Odoo")

            publish(ch4[:3], 1)
            with self.db():
                # the alarm rung held at 0.35 (> 80 % of 0.4): still an alarm, not a warning
                self.assertEqual((permit.iot_alarm_ids.level, permit.iot_alarm_ids.peak_level),
                                 ("alarm", "alarm"))
            publish(ch4[3:], 4)

            def alarm_history():
                with self.db():
                    alarm = permit.iot_alarm_ids
                    return alarm and alarm.state == "unacked_normal" and alarm

            alarm = wait_for(alarm_history, message="the ch4 alarm back to normal")
            with self.db():
                self.assertEqual((alarm.peak_level, alarm.level), ("alarm", "normal"))
                self.assertEqual(alarm.raise_count, 2)  # warning, then escalated to alarm
                # the level history is tracked in the chatter (once per ingest batch)
                levels = alarm.sudo().message_ids.sorted("id").tracking_value_ids.filtered(
                    lambda v: v.field_id.name == "level").mapped("new_value_char")
                self.assertIn("Normal", levels)
            self.assertEqual(self.permit_state(permit), "active")
            self.assertFalse(relay.received("/cmd"))

            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 6, [("t_ch4", 0.0, "%vol"), ("t_o2", 18.0, "%vol")]))
            (_at, _topic, body, _retain), = wait_for(lambda: relay.received("/cmd"),
                                                     message="the interlock command")
            command = json.loads(body)
            self.assertEqual((command["state"], command["permits"]), ("trip", [permit.id]))
            relay.publish(self.topic(self.relay, "ack"),
                          {"cmd_id": command["cmd_id"], "state": "trip"})
            wait_for(lambda: self.permit_state(permit) == "suspended",
                     message="the permit suspended")

            def acked():
                with self.db() as env:
                    return env["worksafe.iot.interlock"].search(
                        [("cmd_id", "=", command["cmd_id"]), ("state", "=", "acked")])
            wait_for(acked, message="the trip acknowledged in Odoo")
            # a reconnecting relay re-syncs: the desired state is retained
            late = self.client(subscribe=[self.topic(self.relay, "cmd")])
            wait_for(lambda: late.received("/cmd"), message="the retained command")
            self.assertTrue(late.received("/cmd")[0][3])

    def test_stale_sensor_and_last_will_are_faults(self):
        permit = self.active_permit()
        with self.db():
            self.detector.reporting_interval = 1
            self.company.worksafe_iot_fault_action = "notify"
        with self.serve():
            bridge = self.bridge()
            device = self.client(client_id="T-GD-1",
                                 will=(self.topic(self.detector, "status"), b'{"online": false}'))
            device.publish(self.topic(self.detector, "status"), {"online": True}, retain=True)
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 1, [("t_o2", 20.9, "%vol")]))
            wait_for(lambda: self.count()[0] == 1, message="the first reading")
            device.drop_connection()  # power loss: the broker publishes the last will

            def fault(reason):
                def check():
                    with self.db() as env:
                        return env["worksafe.iot.alarm"].search(
                            [("permit_id", "=", permit.id), ("kind", "=", "fault"),
                             ("reasons", "ilike", reason)])
                return check
            wait_for(fault("offline"), timeout=10, message="the last-will fault")
            # silent past 3 * its 1-s interval on the bridge's own clock: stale too
            wait_for(fault("stale"), timeout=10, message="the stale fault")
            self.assertEqual(self.permit_state(permit), "active")  # fault_action = notify
            self.assertEqual(bridge.stats["callback_errors"], 0)

    def test_bad_payloads_are_dead_lettered_and_the_bridge_survives(self):
        with self.serve():
            bridge = self.bridge()
            watcher = self.client(subscribe=["worksafe/_deadletter/#"])
            device = self.client()
            for bad in (b"\xff\xfe garbage", b"[]", b'{"device": "T-GD-1", "seq": "x"}',
                        json.dumps({"device": "T-GD-1", "seq": 1, "m": [{"k": "o2", "v": "NaN"}]})):
                device.publish(self.topic(self.detector), bad)
            device.publish(self.topic(self.detector, "event"), b'{"event": "dance"}')
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 2, [("t_o2", 20.9, "%vol")]))
            wait_for(lambda: len(watcher.received("_deadletter")) == 5, message="5 dead letters")
            wait_for(lambda: self.count()[0] == 1, message="the good reading")
            self.assertEqual(bridge.stats["dead_letters"], 5)
            self.assertEqual(bridge.spool.dead_count(), 5)
            self.assertTrue(bridge.client._thread.is_alive())
            letter = json.loads(watcher.received("_deadletter")[1][2])
            self.assertIn("not a JSON object", letter["error"])

    def test_odoo_down_then_every_reading_arrives_exactly_once(self):
        down = f"http://127.0.0.1:{free_port()}"
        with self.serve():
            bridge = self.bridge(sink=self.sink(down))
            device = self.client()
            for seq in range(1, 501):
                device.publish(self.topic(self.detector),
                               reading("T-GD-1", seq, [("t_ch4", 0.01, "%vol")]), wait=False)
            wait_for(lambda: bridge.stats["stored"] >= 500, message="500 readings spooled")
            self.assertEqual(self.count()[0], 0)
            self.assertFalse(bridge.odoo_up)
            # the device resends part of its buffer (at-least-once upstream)
            for seq in range(450, 501):
                device.publish(self.topic(self.detector),
                               reading("T-GD-1", seq, [("t_ch4", 0.01, "%vol")]), wait=False)
            wait_for(lambda: bridge.stats["stored"] >= 551, message="duplicates spooled")
            bridge.sink.url = self.base_url()  # Odoo is back
            wait_for(lambda: bridge.spool.pending() == 0, timeout=30, message="spool drained")
            self.assertEqual(self.count(), (500, 500))

    def test_broker_restart_loses_nothing(self):
        with self.serve():
            bridge = self.bridge(bridge_id="restart")
            device = self.client()
            for seq in range(1, 101):
                device.publish(self.topic(self.detector),
                               reading("T-GD-1", seq, [("t_ch4", 0.0, "%vol")]), wait=False)
            wait_for(lambda: self.count()[0] == 100, message="first 100 readings")
            bridge.stop()
            self.bridges.remove(bridge)
            device.close()
            self.clients.remove(device)
            # the bridge is away: its persistent session queues at the broker...
            device = self.client()
            for seq in range(101, 401):
                device.publish(self.topic(self.detector),
                               reading("T-GD-1", seq, [("t_ch4", 0.0, "%vol")]))
            device.close()
            self.clients.remove(device)
            # ...and survives a broker restart (persistence)
            self.broker.restart()
            self.bridge(bridge_id="restart")
            wait_for(lambda: self.count()[0] == 400, timeout=30, message="all 400 readings")
            self.assertEqual(self.count(), (400, 400))

    def test_replayed_data_never_trips_the_interlock(self):
        permit = self.active_permit()
        with self.serve():
            device = self.client()
            low_o2 = [("t_o2", 17.0, "%vol")]
            # retained before the bridge subscribes: it arrives flagged "retained", i.e. old
            device.publish(self.topic(self.detector), reading("T-GD-1", 12, low_o2), retain=True)
            bridge = self.bridge()
            relay = self.client(subscribe=[self.topic(self.relay, "cmd")])
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 10, low_o2, historical=True))
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 11, low_o2, ts=time.time() - 600))
            device.publish(self.topic(self.detector),
                           reading("T-GD-1", 30, [("t_o2", 20.9, "%vol")]))
            device.publish(self.topic(self.detector), reading("T-GD-1", 20, low_o2))  # older seq
            wait_for(lambda: self.count()[0] == 5, message="the 5 readings stored")
            self.assertEqual(bridge.stats["interlocks"], 0)
            self.assertFalse(relay.received("/cmd"))
            self.assertEqual(self.permit_state(permit), "active")
            with self.db() as env:
                env.cr.execute("SELECT seq FROM worksafe_iot_reading WHERE historical ORDER BY seq")
                self.assertEqual([r[0] for r in env.cr.fetchall()], [10, 11, 12, 20])
            device.publish(self.topic(self.detector), "", retain=True)  # clear the retained one
