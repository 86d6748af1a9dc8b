from ..models.permit import BLOCKER_ALARM_OPEN, BLOCKER_RETEST_AFTER_ALARM
from .common import IotCase, start_codes


class TestAreaSuspensionRestart(IotCase):
    """A permit suspended by another permit's alarm in its area restarts only after the
    alarm is reset and acknowledged and a new gas test passes."""

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
