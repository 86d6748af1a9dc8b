import itertools

from odoo.exceptions import AccessError

from .common import AuditCase, WorksafeCase


class TestAuditTrail(AuditCase):

    def test_sql_updates_and_deletes_are_refused_by_the_database(self):
        event = self.Event.search([], limit=1)
        for query in ("UPDATE worksafe_audit_event SET summary = 'x' WHERE id = %s",
                      "DELETE FROM worksafe_audit_event WHERE id = %s"):
            with self.assertRaisesRegex(Exception, "cannot be"), self.env.cr.savepoint():
                self.env.cr.execute(query, [event.id])

    def test_edit_of_a_shown_column_is_found(self):
        event = self.Event.search([("event_type", "=", "permit.submit")], limit=1)
        self.as_attacker()
        self.env.cr.execute("UPDATE worksafe_audit_event SET summary = 'Nothing happened', "
                            "user_id = %s WHERE id = %s", [self.officer.id, event.id])
        broken = self.Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason), (event.seq, "column_mismatch"))

    def test_chain_is_intact_and_ordered(self):
        self.assertIsNone(self.Event._verify_chain())
        events = self.Event.search([], order="seq")
        self.assertEqual(events.mapped("seq"), list(range(1, len(events) + 1)))
        for previous, event in itertools.pairwise(events):
            self.assertEqual(event.prev_hash, previous.hash)

    def test_nobody_edits_or_deletes_events_through_odoo(self):
        event = self.Event.search([("permit_id", "=", self.permit.id)], limit=1)
        admin_env = self.env(user=self.env.ref("base.user_admin"))
        for env in (self.env, admin_env, self.env(su=True)):
            with self.assertRaises(AccessError):
                env["worksafe.audit.event"].browse(event.id).write({"summary": "nothing"})
            with self.assertRaises(AccessError):
                env["worksafe.audit.event"].browse(event.id).unlink()
            with self.assertRaises(AccessError):
                env["worksafe.audit.event"].create({"seq": 10**6, "event_type": "x",
                                                    "timestamp": self.now()})

    def test_sql_edit_is_found(self):
        self.as_attacker()
        event = self.Event.search([("event_type", "=", "permit.submit")], limit=1)
        self.env.cr.execute(
            "UPDATE worksafe_audit_event SET payload_json = replace(payload_json, "
            "'Replace a valve', 'Inspect a valve') WHERE id = %s", [event.id])
        broken = self.Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason), (event.seq, "hash_mismatch"))

    def test_sql_rehash_is_found_at_the_next_link(self):
        self.as_attacker()
        event = self.Event.search([("event_type", "=", "permit.submit")], limit=1)
        from ..rules import audit
        payload = event.payload_json.replace("Replace a valve", "Inspect a valve")
        self.env.cr.execute(
            "UPDATE worksafe_audit_event SET payload_json = %s, hash = %s WHERE id = %s",
            [payload, audit.chain_hash(event.prev_hash, event.seq, payload), event.id])
        broken = self.Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason), (event.seq + 1, "prev_mismatch"))

    def test_sql_deletion_is_found(self):
        self.as_attacker()
        event = self.Event.search([("event_type", "=", "permit.approval")], limit=1)
        self.env.cr.execute("DELETE FROM worksafe_audit_event WHERE id = %s", [event.id])
        broken = self.Event._verify_chain()
        self.assertEqual(broken.seq, event.seq)
        self.assertEqual(broken.reason, "gap")

    def test_verify_action_reports(self):
        self.as_attacker()
        result = self.Event.action_verify_chain()
        self.assertEqual(result["params"]["type"], "success")
        self.env.cr.execute("UPDATE worksafe_audit_event SET summary = 'x', "
                            "payload_json = payload_json || ' ' WHERE seq = 2")
        result = self.Event.action_verify_chain()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("event 2", result["params"]["message"])

    def test_timeline_by_number_and_period(self):
        found = self.Event._search_by_reference_or_period(
            reference=self.permit.name)
        self.assertTrue(found)
        self.assertEqual(set(found.mapped("permit_ref")), {self.permit.name})
        self.assertEqual(found.mapped("seq"), sorted(found.mapped("seq")))
        later = self.Event._search_by_reference_or_period(
            date_from=found[-1].timestamp.replace(year=2100))
        self.assertFalse(later)

    def test_events_cover_the_content(self):
        event = self.Event.search([("permit_id", "=", self.permit.id),
                                   ("event_type", "=", "permit.create")])
        self.assertIn("Replace a valve", event.payload_json)
        self.assertIn(self.applicant.login, event.payload_json)


class TestAuditCommandLine(WorksafeCase):
    """`odoo-bin worksafe_audit` on the committed chain of the test database."""

    def test_cli_reports_an_intact_chain(self):
        import subprocess
        import sys

        from odoo.tools import config

        addons_path = config["addons_path"]
        if not isinstance(addons_path, str):
            addons_path = ",".join(addons_path)
        result = subprocess.run(
            [sys.executable, "-m", "odoo", f"--addons-path={addons_path}", "worksafe_audit",
             "-c", config.rcfile, "-d", self.env.cr.dbname, "--log-level=warn"],
            capture_output=True, text=True, timeout=300, check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("intact:", result.stdout)
