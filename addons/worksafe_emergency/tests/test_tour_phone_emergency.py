from odoo.tests import tagged

from odoo.addons.worksafe_permit.tests.tour_common import WorksafeTourCase


@tagged("post_install", "-at_install")
class TestTourPhoneEmergency(WorksafeTourCase):
    """On a 390 px phone with touch, Yang Bo (performing authority, ws_worker1) scans his
    issued hot-work permit, presses the fire alarm, reads the emergency card and checks in
    at muster point A."""

    browser_size = "390x844"
    touch_enabled = True

    def test_alarm_card_and_check_in(self):
        permit = self.issued_hot_work()
        self.start_tour(self.scan_path(permit), "worksafe_emergency_phone_tour",
                        login="ws_worker1")
        event = self.env["worksafe.emergency.event"].search(
            [("source", "=", "scan"), ("source_ref", "=", permit.name)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.reporter_id, self.user["worker1"])
        self.assertEqual(event.area_id, self.area)
        self.assertIn(permit, event.permit_ids)
        line = event.muster_line_ids.filtered(
            lambda m: m.employee_id == self.employee["worker1"])
        self.assertEqual(line.status, "accounted")
        self.assertEqual(line.method, "phone")
        self.assertEqual(line.muster_point_id,
                         self.env.ref("worksafe_emergency.demo_muster_a"))
