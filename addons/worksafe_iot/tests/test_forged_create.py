"""Devices, alarms and interlocks: what the sensors report and what the actions decide
cannot be forged when created."""
from odoo.exceptions import ValidationError

from .common import IotCase
from odoo.addons.worksafe_permit.tests.forged_create import ForgedCreateMixin


class TestIotForgedCreate(ForgedCreateMixin, IotCase):
    MODULE = "worksafe_iot"

    def makers(self):
        return {
            "worksafe.iot.device": (self.officer, lambda: {
                "name": "Forged detector", "code": "GD-FORGED", "area_id": self.area.id}),
        }

    def test_no_system_field_is_forged_on_create(self):
        self.assertGreater(self._check_forged_creates(), 5)

    def test_device_refuses_impossible_values(self):
        Device = self.env["worksafe.iot.device"].with_user(self.officer)
        for vals in ({"reporting_interval": -10}, {"calibration_due": "9999-01-01"},
                     {"area_id": "everywhere"}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Device.create(dict({"name": "Bad", "code": "GD-BAD"}, **vals))
