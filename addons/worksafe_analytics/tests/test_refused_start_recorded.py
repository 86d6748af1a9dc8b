import json
import re

from odoo.tests import HttpCase, tagged

from odoo.addons.worksafe_permit.tests.common import WorksafeCase


@tagged("post_install", "-at_install")
class TestRefusedStartRecorded(HttpCase, WorksafeCase):
    """A start refused on the scan page is appended to the audit trail with its causes;
    the analytics count it as a refused start with a missing gas test."""

    def _csrf(self, path):
        page = self.url_open(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        return match.group(1) if match else ""

    def test_refused_start_is_one_audit_event_with_its_codes(self):
        permit = self.issued_permit()
        path = permit._scan_url()
        path = path[path.index("/worksafe/scan/"):]
        self.authenticate("ws_applicant", "ws_applicant")
        self.url_open(path + "/start", data={"csrf_token": self._csrf(path)})
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "issued")
        refused = self.env["worksafe.audit.event"].search(
            [("permit_id", "=", permit.id), ("event_type", "=", "permit.start_refused")])
        self.assertEqual(len(refused), 1)
        codes = json.loads(refused.payload_json)["values"]["codes"]
        self.assertIn("gas.missing", codes)
        self.assertIn("watcher.not_on_site", codes)
        self.env["worksafe.analytics.engine"]._refresh()
        found = self.env["worksafe.analytics.violation"].search(
            [("permit_id", "=", permit.id)]).mapped("type_code")
        self.assertLessEqual({"start_refused", "stale_gas", "watcher_absent"}, set(found))
