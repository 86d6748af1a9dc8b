from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import IotCase


class TestDeviceBinding(IotCase):
    """A device serving a permit stays where it is; changes of its calibration dates are audited."""

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
