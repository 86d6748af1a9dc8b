from odoo.tests import HttpCase, tagged

from .common import EmergencyCase


@tagged("post_install", "-at_install")
class TestPhoneAlarmHttp(EmergencyCase, HttpCase):
    """The phone: the scan page's alarm button, the home-screen page and its manifest, the
    check-in and acknowledgement forms."""

    def post(self, url, data):
        data = dict(data, csrf_token=self.csrf_token())
        return self.url_open(url, data=data)

    def csrf_token(self):
        page = self.url_open("/worksafe/emergency")
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start:page.text.index('"', start)]

    def test_scan_page_has_the_alarm_of_the_permits_area(self):
        permit = self.active_permit()
        self.authenticate("ws_worker", "ws_worker")
        page = self.url_open(f"/worksafe/scan/{permit._start_token()}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_ws_scan_alarm", page.text)
        self.assertIn(f'name="area_id" value="{self.area.id}"', page.text)
        response = self.post("/worksafe/emergency/raise", {
            "scenario_id": self.fire.id, "area_id": self.area.id, "source": "scan",
            "source_ref": permit.name})
        self.assertEqual(response.status_code, 200)
        event = self.Event.search([("source", "=", "scan")])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.reporter_id, self.worker_user)
        self.assertEqual(event.source_ref, permit.name)
        self.assertTrue(response.url.endswith(f"/worksafe/emergency/{event.id}"))
        self.assertEqual(event.pending_permit_ids, permit)  # the cron woken by the click
        self.finish_suspensions()
        self.assertEqual(permit.state, "suspended")

    def test_home_page_manifest_and_bad_input(self):
        self.authenticate("ws_worker", "ws_worker")
        page = self.url_open("/worksafe/emergency")
        self.assertIn('rel="manifest"', page.text)
        manifest = self.url_open("/worksafe/emergency/manifest.webmanifest").json()
        self.assertEqual(manifest["start_url"], "/worksafe/emergency")
        response = self.post("/worksafe/emergency/raise", {"scenario_id": "x", "area_id": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-danger", response.text)
        self.assertFalse(self.Event.search([]).filtered(lambda e: e.reporter_id ==
                                                        self.worker_user))

    def test_check_in_and_acknowledge_by_phone(self):
        self.active_permit()
        event = self.raise_alarm()
        self.authenticate("ws_worker", "ws_worker")
        page = self.url_open(f"/worksafe/emergency/{event.id}")
        self.assertIn("o_ws_checkin", page.text)
        self.post(f"/worksafe/emergency/{event.id}/checkin",
                  {"point_id": self.point.id, "status": "accounted"})
        line = event.muster_line_ids.filtered(lambda m: m.employee_id == self.worker)
        self.assertEqual(line.status, "accounted")
        self.assertEqual(line.muster_point_id, self.point)
        self.authenticate("ws_em_commander", "ws_em_commander")
        self.post(f"/worksafe/emergency/{event.id}/ack", {})
        call = event.notification_ids.filtered(lambda n: n.user_id == self.commander)
        self.assertTrue(call.acked_at)

    def test_warden_reads_badges_others_cannot(self):
        self.active_permit()
        event = self.raise_alarm()
        self.performer.sudo().barcode = "B2002"
        self.authenticate("ws_worker", "ws_worker")
        self.post(f"/worksafe/emergency/{event.id}/badge",
                  {"badge": "B2002", "point_id": self.point.id})
        line = event.muster_line_ids.filtered(lambda m: m.employee_id == self.performer)
        self.assertEqual(line.status, "unknown")
        self.authenticate("ws_watcher", "ws_watcher")
        self.post(f"/worksafe/emergency/{event.id}/badge",
                  {"badge": "B2002", "point_id": self.point.id})
        self.assertEqual(line.status, "accounted")
        self.assertEqual(line.method, "badge")

    def test_event_of_another_company_is_not_shown(self):
        event = self.raise_alarm()
        self.authenticate("ws_foreign_worker", "ws_foreign_worker")
        response = self.url_open(f"/worksafe/emergency/{event.id}")
        self.assertNotEqual(response.status_code, 200)
