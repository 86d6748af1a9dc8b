from .common import IotCase


class TestReplayedAlarms(IotCase):
    """A replayed (historical) alarm never suspends work; a live raise of the same alarm does."""

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
