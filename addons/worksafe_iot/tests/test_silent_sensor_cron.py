from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from .common import IotCase


class TestSilentSensorCron(IotCase):
    """The silent-sensor cron survives a failing device and retries it."""

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
