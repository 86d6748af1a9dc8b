import re

from odoo.tests import HttpCase, tagged

from ..rules import blockers as b
from .common import WorksafeCase


@tagged("post_install", "-at_install")
class TestScanPage(HttpCase, WorksafeCase):
    """The phone flow over real HTTP: scan the QR URL, check in, start."""

    def test_scan_check_in_and_start(self):
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.gas_test(permit)
        self.brief(permit)
        url = permit._scan_url()
        path = url[url.index("/worksafe/scan/"):]

        self.authenticate("ws_watcher", "ws_watcher")
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn(permit.name, page.text)
        self.assertIn('data-code="watcher.not_on_site"', page.text)
        page = self.url_open(path + "/checkin", data={"csrf_token": self._csrf(path)})
        self.assertIn("checked in as the watcher", page.text)

        self.authenticate("ws_applicant", "ws_applicant")
        page = self.url_open(path + "/start", data={"csrf_token": self._csrf(path)})
        self.assertIn("Work started", page.text)
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "active")

    def test_each_missing_item_links_to_what_clears_it(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")[:1]
        path = permit._scan_url()
        path = path[path.index("/worksafe/scan/"):]
        self.authenticate("ws_watcher", "ws_watcher")
        page = self.url_open(path).text
        base = f"/odoo/worksafe.permit/{permit.id}"
        action = f"{base}/action-worksafe_permit.action_worksafe_scan_"
        for code, link in (
                (b.GAS_TEST_MISSING, f"{action}gas_test"),
                (b.BRIEFING_MISSING, f"{action}briefing"),
                (b.STEP_NOT_DONE, f"{base}/worksafe.permit.step/{step.id}"),
                (b.WATCHER_NOT_ON_SITE, "#checkin")):
            self.assertIn(f'data-code="{code}"', page)
            self.assertIn(f'href="{link}"', page)
        self.assertIn('id="checkin"', page)

        # a refused start leaves nothing behind and the page still lists what is missing
        # (only the record of the refusal itself, which worksafe_analytics appends)
        self.authenticate("ws_applicant", "ws_applicant")
        events = self.env["worksafe.audit.event"].search_count(
            [("permit_id", "=", permit.id), ("event_type", "!=", "permit.start_refused")])
        page = self.url_open(path + "/start", data={"csrf_token": self._csrf(path)}).text
        self.assertIn(f'data-code="{b.GAS_TEST_MISSING}"', page)
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "issued")
        self.assertEqual(self.env["worksafe.audit.event"].search_count(
            [("permit_id", "=", permit.id), ("event_type", "!=", "permit.start_refused")]),
            events)

    def test_scan_refuses_a_tampered_code(self):
        permit = self.issued_permit()
        path = permit._scan_url()
        path = path[path.index("/worksafe/scan/"):]
        self.authenticate("ws_applicant", "ws_applicant")
        page = self.url_open(path[:-3] + "abc")
        self.assertIn("altered", page.text)
        page = self.url_open(path[:-3] + "abc/start", data={"csrf_token": self._csrf(path)})
        self.assertIn("altered", page.text)
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "issued")

    def test_scan_needs_login(self):
        permit = self.issued_permit()
        path = permit._scan_url()
        path = path[path.index("/worksafe/scan/"):]
        response = self.url_open(path, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def _csrf(self, path):
        page = self.url_open(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        return match.group(1) if match else ""
