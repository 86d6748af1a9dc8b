"""The IoT path with a real Mosquitto: sensor alarms raise the emergency, the emergency trips
the area's interlocks on the actuators' MQTT topics, a drill never does."""
import json
import time

from odoo.exceptions import ValidationError

from odoo.addons.worksafe_emergency.tests.common import EmergencyCase
from odoo.addons.worksafe_iot.models.permit import MQTT_HOST, MQTT_PORT
from odoo.addons.worksafe_iot.tests.common import IotCase
from odoo.addons.worksafe_iot.tests.mqtt_broker import Broker, Client, wait_for


class TestIotRaisesEmergency(IotCase, EmergencyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.broker = Broker().start()
        cls.addClassCleanup(cls.broker.close)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param(MQTT_HOST, "127.0.0.1")
        params.set_param(MQTT_PORT, str(cls.broker.port))

    def setUp(self):
        super().setUp()
        self.cmd_topic = f"{self.relay.topic_base}/cmd"
        self.relay_client = Client(self.broker.port, subscribe=[self.cmd_topic])
        self.addCleanup(self.relay_client.close)
        self.addCleanup(self.clear_retained)

    def clear_retained(self):
        cleaner = Client(self.broker.port)
        cleaner.publish(self.cmd_topic, b"", retain=True)
        cleaner.close()

    def commit_hooks(self):
        """What the commit would run: the publication of the commands."""
        self.env.flush_all()
        self.env.cr.postcommit.run()

    def trips(self):
        return [json.loads(body) for _at, _topic, body, _retain in
                self.relay_client.received("/cmd") if body]

    def critical_gas(self, permit, code="t_o2", **extra):
        answer = self.ingest(events=[self.level("T-GD-1", code, permit, "critical",
                                                value=17.0, **extra)])
        self.raise_pending()
        return answer

    def helmet_event(self, kind="sos", **extra):
        answer = self.ingest(events=[dict({"type": "device_event", "device": "T-HM-1",
                                           "kind": kind, "level": "critical", "permits": [],
                                           "ts": 0, "received": 0}, **extra)])
        self.raise_pending()
        return answer

    def raise_pending(self):
        """What the cron woken by the ingest does at once."""
        self.env["worksafe.iot.alarm"]._cron_raise_emergencies()

    # ------------------------------------------------------------------ drills
    def test_a_drill_never_publishes_an_interlock_command(self):
        permit = self.active_permit()
        drill = self.env["worksafe.emergency.drill"].with_user(self.officer).create({
            "name": "Gas drill", "plan_id": self.site_plan.id, "scenario_id": self.toxic.id,
            "area_id": self.area.id, "planned_at": self.now()})
        drill.action_start()
        self.commit_hooks()
        time.sleep(1.0)  # what the broker would have delivered by now
        self.assertEqual(self.trips(), [])
        self.assertFalse(drill.event_id.interlock_ids)
        self.assertFalse(self.env["worksafe.iot.interlock"].search(
            [("actuator_id", "=", self.relay.id)]))
        self.assertEqual(permit.state, "active")
        self.assertIn("emergency.drill_no_interlock",
                      drill.event_id.timeline_ids.mapped("event_type"))
        # the same path, for real, does publish: the silence above was the drill's
        event = self.raise_alarm(self.toxic)
        self.commit_hooks()
        trip, = wait_for(self.trips, message="the real trip")
        self.assertEqual(trip["cmd_id"], event.interlock_ids.cmd_id)

    # ------------------------------------------------------------------ real alarm
    def test_one_click_trips_the_area_interlocks_on_mosquitto(self):
        permit = self.active_permit()
        event = self.raise_alarm()
        interlock = event.interlock_ids
        self.assertEqual(interlock.actuator_id, self.relay)
        self.assertEqual(interlock.permit_ids, permit)
        self.assertEqual(self.trips(), [], "nothing goes out before the commit")
        self.commit_hooks()
        trip, = wait_for(self.trips, message="the interlock trip on the relay's cmd topic")
        self.assertEqual((trip["state"], trip["cmd_id"], trip["permits"]),
                         ("trip", interlock.cmd_id, [permit.id]))
        self.assertIn("emergency.interlock", event.timeline_ids.mapped("event_type"))
        # the actuator's acknowledgement is matched as for any trip
        self.ingest(events=[{"type": "ack", "device": "T-RL-1", "cmd_id": interlock.cmd_id,
                             "state": "tripped", "ts": time.time()}])
        self.assertEqual(interlock.state, "acked")

    def test_the_interlock_command_leaves_before_the_permits_are_suspended(self):
        """The click's commit publishes the trip; the permits' suspension is the cron's job
        after it, so the relay has its command while the permit is still queued."""
        permit = self.active_permit()
        event = self.raise_alarm(suspend=False)
        self.commit_hooks()  # the click's commit
        trip, = wait_for(self.trips, message="the trip, before any suspension")
        self.assertEqual(trip["cmd_id"], event.interlock_ids.cmd_id)
        self.assertEqual(permit.state, "active")
        self.assertEqual(event.pending_permit_ids, permit)
        self.finish_suspensions()  # the cron woken by the click
        self.assertEqual(permit.state, "suspended")
        types = event.timeline_ids.mapped("event_type")
        self.assertLess(types.index("emergency.interlock"),
                        types.index("emergency.permits_suspended"))

    def test_no_release_while_the_emergency_is_open(self):
        self.active_permit()
        event = self.raise_alarm()
        with self.assertRaises(ValidationError):
            event.interlock_ids.with_user(self.officer).action_release()
        event.with_user(self.officer).action_close()
        event.interlock_ids.with_user(self.officer).action_release()
        self.assertEqual(event.interlock_ids.state, "release_requested")

    # ------------------------------------------------------------------ from the sensors
    def test_the_ingest_only_marks_the_alarm_and_wakes_the_cron(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_o2", permit, "critical", value=17.0)])
        alarm = permit.iot_alarm_ids
        self.assertEqual(alarm.emergency_trigger_id,
                         self.env.ref("worksafe_emergency_iot.trigger_gas_critical"))
        self.assertFalse(alarm.emergency_event_id)
        cron = self.env.ref("worksafe_emergency_iot.ir_cron_raise_emergencies")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        self.raise_pending()
        self.assertTrue(alarm.emergency_event_id)
        self.assertEqual(alarm.emergency_event_id.started_at, alarm.raised_at)

    def test_critical_gas_alarm_raises_the_emergency(self):
        permit = self.active_permit()
        self.critical_gas(permit)
        alarm = permit.iot_alarm_ids
        event = alarm.emergency_event_id
        self.assertTrue(event)
        self.assertEqual((event.source, event.scenario_id, event.area_id),
                         ("iot", self.toxic, self.area))
        self.assertEqual(event.source_ref, alarm.name[:64])
        self.assertEqual(permit.state, "suspended")
        self.assertTrue(event.notification_ids)
        self.commit_hooks()
        trips = wait_for(lambda: [t for t in self.trips() if t["cmd_id"].startswith("emg")],
                         message="the emergency's trip")
        self.assertEqual(trips[0]["cmd_id"], event.interlock_ids.cmd_id)

    def test_a_second_alarm_joins_the_open_emergency(self):
        permit = self.active_permit()
        self.critical_gas(permit)
        self.helmet_event()
        self.critical_gas(permit, "t_h2s", unit="mg/m3")
        events = self.Event.search([("source", "=", "iot")])
        self.assertEqual(events.scenario_id, self.toxic | self.injury)
        gas_event = events.filtered(lambda e: e.scenario_id == self.toxic)
        self.assertEqual(len(gas_event.iot_alarm_ids), 2)
        self.assertIn("emergency.iot_alarm", gas_event.timeline_ids.mapped("event_type"))

    def test_replayed_critical_raises_nothing(self):
        permit = self.active_permit()
        self.critical_gas(permit, historical=True)
        self.assertFalse(self.Event.search([("source", "=", "iot")]))

    def test_helmet_sos_raises_an_injury_with_the_helmet_on_the_roll_call(self):
        permit = self.active_permit()
        self.helmet.sudo().write({"has_position": True, "position_x": 12.5,
                                  "position_y": 3.0})
        self.helmet_event(pos={"x": 12.5, "y": 3.0})
        event = permit.iot_alarm_ids.emergency_event_id
        self.assertEqual(event.scenario_id, self.injury)
        line = event.muster_line_ids.filtered(lambda m: m.employee_id == self.worker)
        self.assertIn("T-HM-1", line.last_known)
        self.assertIn("12.5", line.last_known)

    def test_helmet_in_the_area_counts_as_on_site(self):
        stranger = self.env["hr.employee"].create({"name": "Helmet only"})
        self.helmet.sudo().write({"worker_id": stranger.id, "area_id": self.sub_area.id})
        event = self.raise_alarm()
        line = event.muster_line_ids.filtered(lambda m: m.employee_id == stranger)
        self.assertEqual(line.source, "helmet")
