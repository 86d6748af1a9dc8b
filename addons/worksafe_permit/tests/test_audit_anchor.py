import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import config

from ..models.audit_anchor import ANCHOR_EMAIL, ANCHOR_FILE, ANCHOR_WEBHOOK
from .common import WorksafeCase


class _Receiver(BaseHTTPRequestHandler):
    """A webhook receiver on loopback that keeps what it is sent."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append((self.headers.get("Content-Type"), body))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


class TestAuditAnchor(WorksafeCase):
    def setUp(self):
        super().setUp()
        self.permit = self.issued_permit()
        self.Event = self.env["worksafe.audit.event"]
        self.Anchor = self.env["worksafe.audit.anchor"]
        self.params = self.env["ir.config_parameter"].sudo()
        for key in (ANCHOR_FILE, ANCHOR_EMAIL, ANCHOR_WEBHOOK):
            self.params.set_param(key, False)
        self.manager = new_test_user(self.env, login="ws_anchor_manager",
                                     groups="worksafe_permit.group_worksafe_manager")

    def receiver(self, status=200):
        server = HTTPServer(("127.0.0.1", 0), _Receiver)
        server.received, server.status = [], status
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return server, f"http://127.0.0.1:{server.server_address[1]}/anchors"

    def anchor_file(self):
        handle, path = tempfile.mkstemp(prefix="worksafe-anchor-", suffix=".jsonl")
        os.close(handle)
        self.addCleanup(os.unlink, path)
        return path

    def test_scheduled_job_records_the_head(self):
        cron = self.env.ref("worksafe_permit.ir_cron_audit_anchor")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "worksafe.audit.anchor")
        count, seq, head = self.Event._chain_head()
        cron.ir_actions_server_id.with_user(cron.user_id).run()
        anchor = self.Anchor.search([], limit=1)
        self.assertEqual((anchor.seq, anchor.hash, anchor.event_count, anchor.origin,
                          anchor.state), (seq, head, count, "cron", "local"))
        self.assertEqual(anchor.anchor, f"{seq}:{head}")

    def test_anchor_appended_to_a_file(self):
        path = self.anchor_file()
        self.params.set_param(ANCHOR_FILE, path)
        first = self.Anchor._cron_take_anchor()
        self.Event._append("test.more", self.permit, "one more event")
        second = self.Anchor._cron_take_anchor()
        with open(path, encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle]
        self.assertEqual([(line["seq"], line["hash"]) for line in lines],
                         [(first.seq, first.hash), (second.seq, second.hash)])
        self.assertEqual(lines[-1]["anchor"], second.anchor)
        self.assertEqual(lines[-1]["database"], self.env.cr.dbname)
        self.assertEqual((first.state, second.state, second.file_path), ("sent", "sent", path))

    def test_anchor_mailed(self):
        self.params.set_param(ANCHOR_EMAIL, "evidence@example.com")
        anchor = self.Anchor._cron_take_anchor()
        mail = self.env["mail.mail"].search([("email_to", "=", "evidence@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn(anchor.hash, str(mail.body_html))
        self.assertEqual((anchor.state, anchor.email_to), ("sent", "evidence@example.com"))

    def test_anchor_posted_to_a_webhook(self):
        server, url = self.receiver()
        self.params.set_param(ANCHOR_WEBHOOK, url)
        anchor = self.Anchor._cron_take_anchor()
        self.assertEqual(len(server.received), 1)
        content_type, body = server.received[0]
        self.assertEqual(content_type, "application/json")
        sent = json.loads(body)
        self.assertEqual((sent["seq"], sent["hash"], sent["anchor"]),
                         (anchor.seq, anchor.hash, anchor.anchor))
        self.assertEqual((anchor.state, anchor.webhook_url), ("sent", url))

    def test_a_failing_destination_does_not_stop_the_others(self):
        server, url = self.receiver(status=500)
        path = self.anchor_file()
        self.params.set_param(ANCHOR_WEBHOOK, url)
        self.params.set_param(ANCHOR_FILE, path)
        anchor = self.Anchor._cron_take_anchor()
        self.assertEqual(anchor.state, "partial")
        self.assertEqual(len(server.received), 1)
        with open(path, encoding="utf-8") as handle:
            self.assertEqual(json.loads(handle.readline())["hash"], anchor.hash)

    def test_unusable_destinations_are_recorded_not_raised(self):
        self.params.set_param(ANCHOR_FILE, "relative/anchors.jsonl")
        self.params.set_param(ANCHOR_EMAIL, "not an address")
        self.params.set_param(ANCHOR_WEBHOOK, "ftp://example.com/anchors")
        anchor = self.Anchor._cron_take_anchor()
        self.assertEqual(anchor.state, "failed")
        self.assertEqual(len(anchor.delivery_log.splitlines()), 3)
        self.assertFalse(os.path.exists("relative/anchors.jsonl"))

    def test_verify_against_an_anchor_finds_a_removed_tail(self):
        anchor = self.Anchor._cron_take_anchor()
        self.assertEqual(anchor.action_verify_against_anchor()["params"]["type"], "success")
        self.env.cr.execute("ALTER TABLE worksafe_audit_event "
                            "DISABLE TRIGGER worksafe_audit_event_guard")
        self.env.cr.execute("DELETE FROM worksafe_audit_event WHERE seq >= %s",
                            [anchor.seq - 1])
        self.assertIsNone(self.Event._verify_chain())  # a shorter chain still verifies
        broken = self.Event._verify_anchor(anchor.seq, anchor.hash)
        self.assertEqual((broken.seq, broken.reason), (anchor.seq, "anchor_missing"))
        result = anchor.with_user(self.officer).action_verify_against_anchor()
        self.assertEqual(result["params"]["type"], "danger")

    def test_verify_against_an_anchor_finds_a_rebuilt_chain(self):
        _count, seq, head = self.Event._chain_head()
        broken = self.Event._verify_anchor(seq, "f" * 64)
        self.assertEqual((broken.seq, broken.reason, broken.found),
                         (seq, "anchor_mismatch", head))
        self.assertIsNone(self.Event._verify_anchor(seq, head))

    def test_verify_a_pasted_anchor(self):
        _count, seq, head = self.Event._chain_head()
        Wizard = self.env["worksafe.audit.anchor.verify"].with_user(self.officer)
        result = Wizard.create({"anchor": f"{seq}:{head}"}).action_verify()
        self.assertEqual(result["params"]["type"], "success")
        result = Wizard.create({"anchor": f"{seq + 1}:{head}"}).action_verify()
        self.assertEqual(result["params"]["type"], "danger")
        for malformed in ("12", f"x:{head}", f"{seq}:{head[:20]}"):
            with self.subTest(anchor=malformed), self.assertRaises(UserError):
                Wizard.create({"anchor": malformed}).action_verify()

    def test_anchors_are_read_only(self):
        anchor = self.Anchor._cron_take_anchor()
        self.assertEqual(self.Anchor.with_user(self.officer).search([("id", "=", anchor.id)]),
                         anchor)
        with self.assertRaises(AccessError):
            self.Anchor.with_user(self.applicant).search([])
        for env in (self.env(user=self.manager), self.env(su=True)):
            with self.assertRaises(AccessError):
                env["worksafe.audit.anchor"].browse(anchor.id).write({"hash": "0" * 64})
            with self.assertRaises(AccessError):
                env["worksafe.audit.anchor"].browse(anchor.id).unlink()
            with self.assertRaises(AccessError):
                env["worksafe.audit.anchor"].create({"seq": 1, "hash": "0" * 64,
                                                     "taken_at": self.now(),
                                                     "origin": "manual", "state": "local"})

    def test_managers_take_an_anchor_by_hand(self):
        with self.assertRaises(AccessError):
            self.Anchor.with_user(self.officer).action_take_anchor()
        action = self.Anchor.with_user(self.manager).action_take_anchor()
        anchor = self.Anchor.browse(action["res_id"])
        self.assertEqual((anchor.origin, anchor.taken_by_id), ("manual", self.manager))

    def test_settings_are_database_wide(self):
        settings = self.env["res.config.settings"].create({
            "worksafe_audit_anchor_file": "/var/lib/worksafe/anchors.jsonl",
            "worksafe_audit_anchor_email": "evidence@example.com",
            "worksafe_audit_anchor_webhook": "https://evidence.example.com/anchors",
        })
        settings.execute()
        self.assertEqual(
            [self.params.get_param(key) for key in (ANCHOR_FILE, ANCHOR_EMAIL, ANCHOR_WEBHOOK)],
            ["/var/lib/worksafe/anchors.jsonl", "evidence@example.com",
             "https://evidence.example.com/anchors"])


class TestAuditAnchorCommandLine(WorksafeCase):
    """`odoo-bin worksafe_audit --anchor` on the committed chain of the test database."""

    def cli(self, *args):
        addons_path = config["addons_path"]
        if not isinstance(addons_path, str):
            addons_path = ",".join(addons_path)
        return subprocess.run(
            [sys.executable, "-m", "odoo", f"--addons-path={addons_path}", "worksafe_audit",
             "-c", config["config"], "-d", self.env.cr.dbname, "--log-level=warn", *args],
            capture_output=True, text=True, timeout=300, check=False)

    def committed_head(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT seq, hash FROM worksafe_audit_event ORDER BY seq DESC LIMIT 1")
            return cr.fetchone()

    def test_malformed_anchors_are_usage_errors(self):
        for anchor in ("abc:def", "12", "0:" + "a" * 64, "3:" + "z" * 64, "3:abc"):
            with self.subTest(anchor=anchor):
                result = self.cli("--anchor", anchor)
                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertIn("--anchor", result.stderr)
                self.assertNotIn("Traceback", result.stderr)

    def test_anchor_with_another_hash_is_broken(self):
        result = self.cli("--anchor", "1:" + "f" * 64)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("BROKEN at event 1", result.stdout)

    def test_anchor_of_the_committed_head_passes_also_from_a_file(self):
        head = self.committed_head()
        if not head:
            self.skipTest("the test database has no committed audit event")
        result = self.cli("--anchor", f"{head[0]}:{head[1].upper()}")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn(f"head {head[0]}:{head[1]}", result.stdout)
        handle, path = tempfile.mkstemp(suffix=".jsonl")
        self.addCleanup(os.unlink, path)
        with os.fdopen(handle, "w") as anchors:
            anchors.write(json.dumps({"anchor": f"{head[0]}:{head[1]}"}) + "\n")
        result = self.cli("--anchor-file", path)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
