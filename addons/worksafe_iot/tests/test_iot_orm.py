"""ORM tests: bridge configuration, lean ingest with deduplication, alarm latching in Odoo,
automatic suspension, interlock records and their release, restart preconditions, helmet
events, faults, export."""

import io
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from ..models.permit import (
    BLOCKER_ALARM_OPEN,
    BLOCKER_RETEST_AFTER_ALARM,
    BLOCKER_SENSOR_FAULT,
)
from .common import IotCase, start_codes


class TestIotOrm(IotCase):
    def test_bridge_config_has_the_active_permits_limits(self):
        permit = self.active_permit()
        config = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._bridge_config()
        device = config["devices"]["T-GD-1"]
        self.assertEqual(device["permits"], [permit.id])
        self.assertEqual(device["kind"], "gas_portable")
        limits = config["permits"][str(permit.id)]["limits"]
        o2 = next(lim for lim in limits if lim["gas"] == "t_o2")
        self.assertEqual((o2["min"], o2["max"], o2["kind"]), (19.5, 21.0, "oxygen"))
        h2s = next(lim for lim in limits if lim["gas"] == "t_h2s")
        self.assertEqual(h2s["stel"], 15.0)
        self.assertEqual(config["permits"][str(permit.id)]["actuators"], ["T-RL-1"])
        self.assertEqual(config["actuators"]["T-RL-1"]["topic"], self.relay.topic_base)
        self.assertEqual(config["gases"]["t_ch4"]["rule"], "combustible")
        self.assertEqual(config["settings"]["warning_ratio"], 0.5)
        # the helmet follows its worker onto the permit
        self.assertEqual(config["devices"]["T-HM-1"]["permits"], [permit.id])

    def test_ingest_is_lean_and_deduplicated(self):
        rows = [self.row("T-GD-1", seq, [("t_ch4", 0.01 * seq, "%vol")], battery=90)
                for seq in range(1, 4)]
        rows[-1]["pos"] = {"x": 3.0, "y": 4.0}
        result = self.ingest(rows)
        self.assertEqual((result["stored"], result["duplicates"]), (3, 0))
        result = self.ingest(rows[1:] + [self.row("T-GD-1", 4, [("t_ch4", 0.0, "%vol")]),
                                         self.row("T-GD-1", 1, [("t_ch4", 0.0, "%vol")], boot=2),
                                         {"d": "T-GD-1", "s": "bad"}])
        self.assertEqual((result["stored"], result["duplicates"], result["rejected"]),
                         (2, 2, 1))
        readings = self.env["worksafe.iot.reading"].search([("device_code", "=", "T-GD-1")])
        self.assertEqual(len(readings), 5)
        self.assertEqual(readings.device_id, self.detector)
        self.assertEqual(self.detector.last_values[0][0], "t_ch4")
        self.assertTrue(self.detector.has_position)
        # unknown devices are stored too (not lost), without a device link
        self.ingest([self.row("NOBODY", 1, [("t_ch4", 0.0, "%vol")])])
        self.assertFalse(self.env["worksafe.iot.reading"].search(
            [("device_code", "=", "NOBODY")]).device_id)

    def test_critical_alarm_suspends_latches_and_blocks_restart(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.8)])
        alarm = permit.iot_alarm_ids
        self.assertEqual((alarm.state, alarm.level, alarm.peak_level),
                         ("active", "critical", "critical"))
        self.assertEqual(permit.state, "suspended")
        self.assertIn(alarm.name, permit.suspension_reason)
        self.assertEqual(alarm.suspended_permit_ids, permit)
        # audit trail: the alarm and the suspension, in the tamper-evident chain
        types = self.env["worksafe.audit.event"].search(
            [("permit_id", "=", permit.id)]).mapped("event_type")
        self.assertIn("iot.alarm", types)
        self.assertIn("permit.suspend", types)
        # the watcher has an activity, the chatter says it
        self.assertIn(self.watcher_user, alarm.activity_ids.user_id)
        self.assertTrue(any("Sensor alarm" in (m.body or "") for m in permit.message_ids))
        # the bridge's trip is recorded; it cannot be released while the alarm is open
        self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1", "cmd_id": "c-1",
                             "state": "trip", "permits": [permit.id], "reason": "ch4",
                             "ts": 0}])
        self.ingest(events=[{"type": "ack", "device": "T-RL-1", "cmd_id": "c-1",
                             "state": "trip", "ts": 0}])
        interlock = self.env["worksafe.iot.interlock"].search([("cmd_id", "=", "c-1")])
        self.assertEqual((interlock.state, interlock.alarm_id), ("acked", alarm))
        with self.assertRaises(ValidationError):
            interlock.with_user(self.officer).action_release()
        # hysteresis is the bridge's; Odoo latches: back to normal is not enough
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "normal", 0.05)])
        self.assertEqual(alarm.state, "unacked_normal")
        self.assertIn(BLOCKER_ALARM_OPEN, start_codes(permit))
        with self.assertRaises(AccessError):
            interlock.with_user(self.worker_user).action_release()
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.assertEqual((alarm.state, alarm.acked_by_id), ("closed", self.watcher_user))
        self.assertTrue(alarm.acked_at)
        interlock.with_user(self.officer).action_release()
        self.assertEqual(interlock.state, "release_requested")
        config = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._bridge_config()
        self.assertEqual(config["interlocks"]["T-RL-1"],
                         {"state": "release", "cmd_id": "rel-c-1", "after": "c-1",
                          "permits": [permit.id]})
        self.ingest(events=[{"type": "ack", "device": "T-RL-1", "cmd_id": "rel-c-1",
                             "state": "release", "ts": 0}])
        self.assertEqual(interlock.state, "released")
        # never automatic: a new passing gas test after the alarm, then the normal start
        blockers = start_codes(permit)
        self.assertIn(BLOCKER_RETEST_AFTER_ALARM, blockers)
        self.gas_test(permit, minutes_ago=0)
        self.check_in_again(permit)
        self.assertFalse(start_codes(permit))
        self.start(permit)
        self.assertEqual(permit.state, "active")

    def test_ack_while_active_then_normal_closes(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        alarm = permit.iot_alarm_ids
        self.assertEqual(permit.state, "active")  # a warning does not stop the work
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.assertEqual(alarm.state, "acknowledged")
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "alarm", 0.45)])
        self.assertEqual((alarm.state, alarm.peak_level), ("active", "alarm"))
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "normal", 0.0)])
        self.assertEqual(alarm.state, "closed")
        self.assertEqual(permit.state, "active")

    def test_replayed_alarm_never_suspends(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.8,
                                       historical=True)])
        self.assertEqual(permit.state, "active")
        self.assertTrue(permit.iot_alarm_ids.historical)

    def check_in_again(self, permit):
        """A suspension sends the watcher's check-in away: the watcher checks in anew."""
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(
            permit._start_token())

    def test_area_rule_suspends_every_permit_of_the_area(self):
        permit = self.active_permit()
        neighbour = self.active_permit()
        self.detector.permit_id = permit
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9)])
        self.assertEqual((permit.state, neighbour.state), ("suspended", "active"))
        self.company.worksafe_iot_suspend_area = True
        self.gas_test(permit, minutes_ago=0)
        alarm = permit.iot_alarm_ids
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "normal", 0.0)])
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.check_in_again(permit)
        self.start(permit)
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9)])
        self.assertEqual((permit.state, neighbour.state), ("suspended", "suspended"))

    def test_sensor_fault_is_unsafe(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "_fault", permit, "fault",
                                       reasons=["stale"])])
        alarm = permit.iot_alarm_ids
        self.assertEqual((alarm.kind, alarm.reasons), ("fault", "stale"))
        self.assertEqual(permit.state, "suspended")  # fault_action defaults to suspend

    def test_overdue_or_silent_sensor_blocks_start(self):
        permit, _token = self.ready_to_start()
        self.assertFalse(start_codes(permit))
        self.detector.calibration_due = fields.Date.today() - timedelta(days=1)
        blockers = start_codes(permit)
        self.assertIn(BLOCKER_SENSOR_FAULT, blockers)
        self.detector.calibration_due = "2099-01-01"
        self.detector.write({"last_seen": fields.Datetime.now() - timedelta(minutes=5)})
        blockers = start_codes(permit)
        self.assertIn(BLOCKER_SENSOR_FAULT, blockers)

    def test_cron_backstop_when_the_bridge_is_gone(self):
        permit = self.active_permit()
        self.detector.write({"last_seen": fields.Datetime.now() - timedelta(minutes=5)})
        self.env["worksafe.iot.device"]._cron_check_silent()
        self.assertEqual(permit.iot_alarm_ids.kind, "fault")
        self.assertEqual(permit.state, "suspended")

    def test_helmet_event_is_an_alarm_of_the_worker_and_permit(self):
        permit = self.active_permit()
        self.ingest(events=[{"type": "device_event", "device": "T-HM-1", "kind": "fall",
                             "level": "critical", "permits": [], "ts": 0, "received": 0,
                             "pos": {"lat": 31.2, "lon": 121.5}}])
        alarm = permit.iot_alarm_ids
        self.assertEqual((alarm.kind, alarm.event_kind, alarm.worker_id),
                         ("wearable", "fall", self.worker))
        self.assertAlmostEqual(alarm.position_lat, 31.2)
        self.assertEqual(permit.state, "suspended")
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.assertEqual(alarm.state, "closed")
        self.ingest([self.row("T-HM-1", 1, [("hr", 80, "bpm")], pos={"x": 5.0, "y": 6.0})])
        self.assertEqual(permit.iot_wearable_ids, self.helmet)
        self.assertEqual((self.helmet.position_x, self.helmet.position_y), (5.0, 6.0))

    def test_alarm_history_exports_to_xlsx(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        data = permit.iot_alarm_ids.with_user(self.officer)._xlsx_content()
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            sheet = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("T-GD-1", sheet)
        self.assertIn(permit.name, sheet)

    def test_ingest_needs_the_bridge_group_in_http_only(self):
        # the ORM service is guarded by the controller; the alarm model is read-only to
        # workers and its history cannot be deleted
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        with self.assertRaises(AccessError):
            permit.iot_alarm_ids.with_user(self.worker_user).write({"level": "normal"})
        with self.assertRaises(AccessError):
            permit.iot_alarm_ids.with_user(self.officer).unlink()
