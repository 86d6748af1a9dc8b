from odoo.exceptions import ValidationError

from .common import IotCase


class TestInterlockReleaseScope(IotCase):
    """An interlock trip names its permits; its release waits for every open alarm of the area."""

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
