"""A helmet reaching a muster point accounts its wearer (method "helmet", the point, the
time of the reading), through the roll call's own check-in: through the ingest the bridge
calls, and end to end over a real Mosquitto and the real bridge."""
from odoo.fields import Command

from odoo.addons.worksafe_emergency.tests.common import EmergencyCase
from odoo.addons.worksafe_iot.tests.common import IotCase
from odoo.addons.worksafe_iot.tests.mqtt_broker import reading, wait_for
from odoo.addons.worksafe_iot.tests.mqtt_common import IotMqttCase

# measured with a cold cache, whatever the number of readings in the batch: worksafe_iot's
# ingest of a batch of readings (9) plus the geofence: one query when no emergency is open;
# when one is, helmets x open events, the event, its area path, its points, the roll call
# lines and a savepoint (8)
QUERIES_NO_EMERGENCY = 10
QUERIES_OPEN_EMERGENCY = 17


class GeofenceCase(EmergencyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # site metres, the plane of the helmets' pos.x / pos.y; radius: the default 20 m
        cls.point.write({"position_x": 100.0, "position_y": 50.0})
        cls.point_b = cls.env["worksafe.emergency.muster.point"].create({
            "name": "Gate B", "area_id": cls.area.id, "position_x": 300.0,
            "position_y": 50.0, "warden_ids": [Command.set(cls.watcher_user.ids)]})

    def line_of(self, event, employee=None):
        return event.muster_line_ids.filtered(
            lambda m: m.employee_id == (employee or self.worker))

    def checkins(self, event):
        return event.timeline_ids.filtered(lambda e: e.event_type == "emergency.checkin")


class TestHelmetGeofenceCheckin(IotCase, GeofenceCase):
    def setUp(self):
        super().setUp()
        self.permit = self.active_permit()
        self.seq = 0

    def at(self, x, y, device="T-HM-1", **extra):
        self.seq += 1
        return self.row(device, self.seq, [("hr", 80, "bpm")], pos={"x": x, "y": y}, **extra)

    def test_a_helmet_reaching_the_muster_point_accounts_its_wearer(self):
        self.assertEqual(self.point.geofence_radius, 20.0)
        event = self.raise_alarm()
        line = self.line_of(event)
        self.assertEqual(line.status, "unknown")
        self.ingest([self.at(200.0, 200.0)])  # still in the unit
        self.assertEqual(line.status, "unknown")
        self.ingest([self.at(112.0, 58.0)])   # 14.4 m from Gate A
        self.assertEqual((line.status, line.method, line.muster_point_id),
                         ("accounted", "helmet", self.point))
        self.assertGreaterEqual(line.accounted_at, event.started_at)
        self.assertEqual(line.last_known, self.point.name)
        entry = self.checkins(event)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.bridge_user)
        self.assertEqual(event.muster_accounted, 1)
        self.assertNotIn(self.worker, event._missing_list().employee_id)

    def test_outside_the_radius_until_a_manager_widens_it(self):
        event = self.raise_alarm()
        self.ingest([self.at(125.0, 50.0)])   # 25 m
        self.assertEqual(self.line_of(event).status, "unknown")
        self.point.geofence_radius = 30.0
        self.ingest([self.at(125.0, 50.0)])
        self.assertEqual(self.line_of(event).status, "accounted")

    def test_radius_zero_turns_the_helmet_check_in_off(self):
        event = self.raise_alarm()
        self.point.geofence_radius = 0.0
        self.ingest([self.at(100.0, 50.0)])
        self.assertEqual(self.line_of(event).status, "unknown")

    def test_an_accounted_person_is_not_moved_by_a_helmet_passing_by(self):
        event = self.raise_alarm()
        event.with_user(self.worker_user)._check_in(self.worker, self.point_b,
                                                    now=self.later(event, 60))
        line = self.line_of(event)
        self.ingest([self.at(100.0, 50.0)])   # at Gate A
        self.assertEqual((line.method, line.muster_point_id, line.accounted_at),
                         ("phone", self.point_b, self.later(event, 60)))
        self.assertEqual(len(self.checkins(event)), 1)

    def test_need_help_from_a_warden_is_never_turned_safe_by_a_helmet(self):
        event = self.raise_alarm()
        event.with_user(self.watcher_user)._check_in(
            self.worker, self.point, method="warden", status="need_help",
            reason="Twisted ankle at the gate")
        self.ingest([self.at(100.0, 50.0)])
        line = self.line_of(event)
        self.assertEqual((line.status, line.method), ("need_help", "warden"))
        self.assertIn(self.worker, event._missing_list().employee_id)

    def test_a_drill_accounts_by_the_same_path(self):
        drill = self.env["worksafe.emergency.drill"].with_user(self.officer).create({
            "name": "Muster drill", "plan_id": self.site_plan.id, "scenario_id": self.fire.id,
            "area_id": self.area.id, "planned_at": self.now()})
        drill.action_start()
        self.ingest([self.at(95.0, 45.0)])
        line = self.line_of(drill.event_id)
        self.assertEqual((line.status, line.method), ("accounted", "helmet"))

    def test_a_wearer_not_on_the_roll_call_is_added_accounted(self):
        stranger = self.env["hr.employee"].create({"name": "Helmet only"})
        self.helmet.sudo().worker_id = stranger
        event = self.raise_alarm()
        self.assertFalse(self.line_of(event, stranger))
        self.ingest([self.at(100.0, 50.0)])
        self.assertEqual(self.line_of(event, stranger).status, "accounted")

    def test_replayed_positions_and_closed_events_account_nobody(self):
        event = self.raise_alarm()
        self.ingest([self.at(100.0, 50.0, h=True)])  # spooled data replayed by the bridge
        self.assertEqual(self.line_of(event).status, "unknown")
        event.with_user(self.officer).action_close()
        answer = self.ingest([self.at(100.0, 50.0)])
        self.assertEqual(answer["stored"], 1)
        self.assertEqual(self.line_of(event).status, "unknown")

    def test_the_cost_is_per_batch_not_per_reading(self):
        workers = self.env["hr.employee"].create([{"name": f"W{i}"} for i in range(10)])
        self.env["worksafe.iot.device"].create([{
            "name": f"Helmet {i}", "code": f"T-HM-{i + 10}", "kind": "helmet",
            "worker_id": worker.id} for i, worker in enumerate(workers)])
        codes = [f"T-HM-{i + 10}" for i in range(10)]

        def batch(x, y):
            return [self.at(x + k, y, device=code) for k in range(5) for code in codes]

        self.ingest([self.at(500.0, 500.0)])  # warm the caches as a running bridge has them
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_NO_EMERGENCY):
            self.ingest([self.at(500.0, 500.0)])
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_NO_EMERGENCY):
            self.ingest(batch(500.0, 500.0))
        event = self.raise_alarm()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_OPEN_EMERGENCY):
            self.ingest([self.at(500.0, 500.0)])
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_OPEN_EMERGENCY):
            self.ingest(batch(500.0, 500.0))  # 50 readings of 11 helmets, nobody arrived
        self.ingest(batch(100.0, 50.0))       # they arrive: one check-in each
        self.assertEqual(set(event.muster_line_ids.filtered(
            lambda m: m.method == "helmet").employee_id.ids), set(workers.ids))
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_OPEN_EMERGENCY):
            self.ingest(batch(100.0, 50.0))   # they stay: already accounted, nothing more


class TestHelmetGeofenceOverMqtt(IotMqttCase, GeofenceCase):
    def test_a_helmet_position_over_mosquitto_accounts_its_wearer(self):
        self.active_permit()
        event = self.raise_alarm()
        with self.serve():
            self.bridge()
            helmet = self.client()
            topic = self.topic(self.helmet)
            helmet.publish(topic, reading("T-HM-1", 1, [("hr", 80, "bpm")],
                                          pos={"x": 250.0, "y": 50.0}))
            helmet.publish(topic, reading("T-HM-1", 2, [("hr", 90, "bpm")],
                                          pos={"x": 104.0, "y": 47.0}))

            def accounted():
                with self.db():
                    line = self.line_of(event)
                    return line.status == "accounted" and (line.method,
                                                           line.muster_point_id.id)

            self.assertEqual(wait_for(accounted, message="the wearer accounted"),
                             ("helmet", self.point.id))
        self.assertEqual(len(self.checkins(event)), 1)
