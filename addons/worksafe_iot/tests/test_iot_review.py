"""Regression tests of the review findings: replayed vs live raises, area suspensions and
restart, bad rows in a batch, what an event may reach, interlock release scope, alarm
deletion, device binding and calibration dates, the silent-sensor cron."""


from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from ..models.permit import (
    BLOCKER_ALARM_OPEN,
    BLOCKER_RETEST_AFTER_ALARM,
)
from .common import IotCase
from odoo.addons.worksafe_permit.rules.blockers import codes


def start_codes(permit):
    """The codes of what keeps `permit` from starting (or resuming) now."""
    return codes(permit._get_blockers(permit._start_stage(), fields.Datetime.now()))


class TestIotReview(IotCase):
    # 1 ---------------------------------------------------------------- replayed raises
    def test_live_critical_after_replayed_warning_suspends(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "warning", 0.3,
                                       historical=True)])
        alarm = permit.iot_alarm_ids
        self.assertTrue(alarm.historical)
        self.assertEqual(permit.state, "active")
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9)])
        self.assertEqual(permit.iot_alarm_ids, alarm)
        self.assertEqual(permit.state, "suspended")
        self.assertFalse(alarm.historical)

    def test_replayed_escalation_of_a_live_alarm_does_not_suspend(self):
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        alarm = permit.iot_alarm_ids
        self.assertFalse(alarm.historical)
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9,
                                       historical=True)])
        self.assertEqual((alarm.peak_level, alarm.historical), ("critical", True))
        self.assertEqual(permit.state, "active")

    # 2 ---------------------------------------------------------------- area rule restart
    def test_permit_suspended_by_the_area_rule_needs_reset_and_gas_test(self):
        permit = self.active_permit()
        neighbour = self.active_permit()
        self.detector.permit_id = permit
        self.company.worksafe_iot_suspend_area = True
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9)])
        self.assertEqual((permit.state, neighbour.state), ("suspended", "suspended"))
        alarm = permit.iot_alarm_ids
        self.assertIn(neighbour, alarm.suspended_permit_ids)
        blockers = start_codes(neighbour)
        self.assertIn(BLOCKER_ALARM_OPEN, blockers)
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "normal", 0.0)])
        alarm.with_user(self.watcher_user).action_acknowledge()
        blockers = start_codes(neighbour)
        self.assertNotIn(BLOCKER_ALARM_OPEN, blockers)
        self.assertIn(BLOCKER_RETEST_AFTER_ALARM, blockers)
        self.gas_test(neighbour, minutes_ago=0)
        blockers = start_codes(neighbour)
        self.assertNotIn(BLOCKER_RETEST_AFTER_ALARM, blockers)

    # 3 ---------------------------------------------------------------- bad rows
    def test_bad_rows_and_events_are_rejected_not_fatal(self):
        permit = self.active_permit()
        good = self.row("T-GD-1", 1, [("t_ch4", 0.01, "%vol")], bat=80)
        bad = [
            self.row("T-GD-1", 2, [("t_ch4", 0.01, "%vol")], ts="nan"),
            self.row("T-GD-1", 3, [("t_ch4", 0.01, "%vol")], ts=1e20),
            self.row("T-GD-1", 4, [("t_ch4", 0.01, "%vol")], pos=[1, 2]),
            self.row("T-GD-1", 5, [("t_ch4", 0.01, "%vol")], pos={"x": "left"}),
            self.row("T-GD-1", 6, [("t_ch4", 0.01, "%vol")], bat="full"),
            self.row("T-GD-1", 2 ** 63, [("t_ch4", 0.01, "%vol")]),
            self.row("T-GD-1", -1, [("t_ch4", 0.01, "%vol")]),
            self.row("T-GD-1", 7, [("t_ch4", 0.01, "%vol")], boot=2 ** 40),
            "not a row", None, {"d": ["T-GD-1"], "m": []},
        ]
        result = self.ingest(
            [good, *bad],
            events=["not an event", 42,
                    self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        self.assertEqual((result["stored"], result["events"]), (1, 1), result)
        self.assertEqual(result["rejected"], len(bad) + 2, result)
        # the bridge keeps exactly these (as dead letters), by their index in the batch
        self.assertEqual(result["rejected_readings"], list(range(1, len(bad) + 1)))
        self.assertEqual(result["rejected_events"], [0, 1])
        self.assertEqual(self.detector.battery, 80.0)
        self.assertEqual(permit.iot_alarm_ids.level, "warning")
        # a non-finite measurement is stored as null, not lost
        nan_value = self.row("T-GD-1", 8, [("t_ch4", float("nan"), "%vol")])
        self.assertEqual(self.ingest([nan_value])["stored"], 1)
        # a batch that is not even a list is rejected, not a crash
        result = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._ingest(
            {"readings": {"a": 1}, "events": "x"})
        self.assertEqual(result["rejected"], 2)

    # 4 ---------------------------------------------------------------- event scope
    def test_events_only_reach_the_devices_own_live_permits(self):
        permit = self.active_permit()
        neighbour = self.active_permit()
        draft = self.make_permit()
        self.detector.permit_id = permit
        # a level event naming a permit the detector does not serve suspends nothing
        self.ingest(events=[self.level("T-GD-1", "t_ch4", neighbour, "critical", 0.9)])
        self.assertEqual(neighbour.state, "active")
        self.assertFalse(neighbour.iot_alarm_ids)
        alarm = self.env["worksafe.iot.alarm"].search([("device_id", "=", self.detector.id)])
        self.assertEqual((len(alarm), alarm.permit_id.id), (1, False))
        # a helmet event naming a draft permit falls back to the worker's live permits
        self.ingest(events=[{"type": "device_event", "device": "T-HM-1", "kind": "sos",
                             "level": "critical", "permits": [draft.id], "ts": 0,
                             "received": 0}])
        self.assertFalse(draft.iot_alarm_ids)
        # a trip naming a permit the relay does not serve is refused
        self.relay.permit_id = permit
        result = self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1",
                                      "cmd_id": "x-1", "permits": [neighbour.id],
                                      "reason": "x", "ts": 0}])
        self.assertEqual(result["rejected"], 1)
        Interlock = self.env["worksafe.iot.interlock"]
        self.assertFalse(Interlock.search([("cmd_id", "=", "x-1")]))

    def test_ack_counts_only_from_the_commanded_actuator(self):
        permit = self.active_permit()
        self.env["worksafe.iot.device"].create({"name": "Relay 2", "code": "T-RL-2",
                                                "kind": "relay", "area_id": self.area.id})
        self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1", "cmd_id": "c-9",
                             "permits": [permit.id], "reason": "x", "ts": 0}])
        interlock = self.env["worksafe.iot.interlock"].search([("cmd_id", "=", "c-9")])
        self.assertEqual(interlock.state, "sent")
        self.ingest(events=[{"type": "ack", "device": "T-RL-2", "cmd_id": "c-9", "ts": 0}])
        self.assertEqual(interlock.state, "sent")
        self.ingest(events=[{"type": "ack", "device": "T-RL-1", "cmd_id": "c-9", "ts": 0}])
        self.assertEqual(interlock.state, "acked")

    # 5 ---------------------------------------------------------------- release scope
    def test_release_refused_while_an_area_alarm_is_open(self):
        permit = self.active_permit()
        result = self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1",
                                      "cmd_id": "n-1", "permits": [], "ts": 0}])
        self.assertEqual(result["rejected"], 1)
        self.assertFalse(self.env["worksafe.iot.interlock"].search([("cmd_id", "=", "n-1")]))
        self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1", "cmd_id": "a-1",
                             "permits": [permit.id], "reason": "x", "ts": 0}])
        interlock = self.env["worksafe.iot.interlock"].search([("cmd_id", "=", "a-1")])
        # a critical alarm of the area, bound to no permit
        self.ingest(events=[dict(self.level("T-GD-1", "t_ch4", permit, "critical", 0.9),
                                 permit=None)])
        area_alarm = self.env["worksafe.iot.alarm"].search(
            [("device_id", "=", self.detector.id), ("permit_id", "=", False)])
        self.assertEqual(area_alarm.area_id, self.area)
        with self.assertRaises(ValidationError):
            interlock.with_user(self.officer).action_release()
        self.ingest(events=[dict(self.level("T-GD-1", "t_ch4", permit, "normal", 0.0),
                                 permit=None)])
        area_alarm.with_user(self.watcher_user).action_acknowledge()
        interlock.with_user(self.officer).action_release()
        self.assertEqual(interlock.state, "release_requested")

    # 6 ---------------------------------------------------------------- no deletion
    def test_alarms_cannot_be_deleted_even_by_a_manager(self):
        manager = new_test_user(self.env, login="ws_iot_manager",
                                groups="worksafe_permit.group_worksafe_manager")
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.9)])
        alarm = permit.iot_alarm_ids
        with self.assertRaises(AccessError):
            alarm.with_user(manager).unlink()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "normal", 0.0)])
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.assertEqual(alarm.state, "closed")
        with self.assertRaises(AccessError):
            alarm.with_user(manager).unlink()
        self.assertTrue(alarm.exists())

    # 7 ---------------------------------------------------------------- device binding
    def test_device_serving_a_permit_cannot_be_rebound_or_archived(self):
        other_area = self.env["worksafe.area"].create({"name": "Elsewhere",
                                                       "authority_id": self.approver_1.id})
        detector = self.detector.with_user(self.officer)
        # free device: the officer may move it
        detector.write({"area_id": other_area.id})
        detector.write({"area_id": self.area.id})
        permit, _token = self.ready_to_start()  # issued: the start checks look at it
        for vals in ({"active": False}, {"area_id": other_area.id}, {"kind": "relay"},
                     {"permit_id": permit.id}):
            with self.assertRaises(UserError):
                detector.write(vals)
        with self.assertRaises(UserError):
            detector.unlink()
        self.assertTrue(self.detector.active)
        # same value: no change, no refusal
        detector.write({"area_id": self.area.id})

    def test_calibration_dates_changes_are_audited(self):
        self.active_permit()
        detector = self.detector.with_user(self.officer)
        detector.write({"calibration_due": fields.Date.today() + timedelta(days=30)})
        detector.action_record_calibration()
        events = self.env["worksafe.audit.event"].search(
            [("event_type", "=", "iot.device.dates"), ("res_id", "=", self.detector.id)])
        self.assertEqual(len(events), 2)
        self.assertEqual(events.user_id, self.officer)
        self.assertIn("calibration_due", events[0].payload_json)

    # 8 ---------------------------------------------------------------- cron
    def test_silent_cron_survives_a_failing_device(self):
        permit = self.active_permit()
        self.detector.write({"last_seen": fields.Datetime.now() - timedelta(minutes=5)})
        Alarm = type(self.env["worksafe.iot.alarm"])
        with patch.object(Alarm, "_apply_level", side_effect=RuntimeError("boom")), \
                self.assertLogs("odoo.addons.worksafe_iot.models.device", "ERROR"):
            self.assertTrue(self.env["worksafe.iot.device"]._cron_check_silent())
        self.assertEqual(permit.state, "active")
        self.env["worksafe.iot.device"]._cron_check_silent()
        self.assertEqual(permit.state, "suspended")
