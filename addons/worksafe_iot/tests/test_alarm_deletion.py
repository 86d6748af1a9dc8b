from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import IotCase


class TestAlarmDeletion(IotCase):
    """Alarms are evidence: nobody deletes them, a manager neither."""

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
