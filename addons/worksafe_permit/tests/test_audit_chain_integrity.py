import psycopg2

from ..rules import audit as audit_rules
from .common import AuditCase


class TestAuditChainIntegrity(AuditCase):
    """Rows of the chain that verify must not miss: numbers below 1, the permit link, a
    truncated table; and the company an event belongs to."""

    def forge_event(self, seq, permit):
        """An event that hashes correctly on its own, numbered `seq`, in `permit`'s timeline."""
        payload = audit_rules.canonical_json({"type": "permit.approval", "summary": "forged",
                                              "permit_id": permit.id, "permit": permit.name})
        self.env.cr.execute(
            "INSERT INTO worksafe_audit_event (seq, timestamp, event_type, permit_id, permit_ref,"
            " summary, payload_json, prev_hash, hash)"
            " VALUES (%s, now() at time zone 'utc', 'permit.approval', %s, %s, 'forged', %s,"
            " %s, %s)",
            [seq, permit.id, permit.name, payload, audit_rules.GENESIS,
             audit_rules.chain_hash(audit_rules.GENESIS, seq, payload)])

    def test_events_numbered_zero_or_below_are_breaks(self):
        self.assertIsNone(self.Event._verify_chain())
        for seq in (0, -7):
            with self.subTest(seq=seq), self.env.cr.savepoint(flush=False) as savepoint:
                self.as_attacker()
                self.forge_event(seq, self.permit)
                broken = self.Event._verify_chain()
                self.assertEqual((broken.seq, broken.reason), (seq, "seq_not_positive"))
                savepoint.close(rollback=True)

    def test_database_refuses_events_numbered_below_one(self):
        with self.assertRaises(psycopg2.errors.CheckViolation), self.env.cr.savepoint():
            self.forge_event(0, self.permit)

    def test_event_moved_to_another_permit_is_found(self):
        other = self.make_permit(description="Another job")
        event = self.Event.search([("permit_id", "=", self.permit.id),
                                   ("event_type", "=", "permit.submit")])
        self.as_attacker()
        self.env.cr.execute("UPDATE worksafe_audit_event SET permit_id = %s WHERE id = %s",
                            [other.id, event.id])
        broken = self.Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason, broken.found),
                         (event.seq, "column_mismatch", "permit_id"))

    def test_database_refuses_to_hide_an_event_of_an_existing_permit(self):
        event = self.Event.search([("permit_id", "=", self.permit.id)], limit=1)
        with self.assertRaisesRegex(Exception, "cannot be changed"), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE worksafe_audit_event SET permit_id = NULL WHERE id = %s", [event.id])

    def test_event_hidden_from_its_timeline_is_found(self):
        event = self.Event.search([("permit_id", "=", self.permit.id),
                                   ("event_type", "=", "permit.submit")])
        self.as_attacker()
        self.env.cr.execute("UPDATE worksafe_audit_event SET permit_id = NULL WHERE id = %s",
                            [event.id])
        self.assertNotIn(event, self.Event.search([("permit_id", "=", self.permit.id)]))
        broken = self.Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason, broken.found),
                         (event.seq, "column_mismatch", "permit_id"))

    def test_deleting_a_draft_permit_clears_its_link_and_keeps_the_chain_intact(self):
        draft = self.make_permit(description="Never mind")
        draft_id = draft.id
        events = self.Event.search([("permit_id", "=", draft_id)])
        self.assertTrue(events)
        draft.unlink()
        self.env.flush_all()
        self.assertFalse(self.Event.search([("permit_id", "=", draft_id)]))
        self.assertTrue(all(audit_rules.linked_id(e.payload_json, "permit_id") == draft_id
                            for e in events))
        self.assertIsNone(self.Event._verify_chain())

    def test_truncate_is_refused_and_drop_still_works(self):
        with self.assertRaisesRegex(Exception, "cannot be truncated"), self.env.cr.savepoint():
            self.env.cr.execute("TRUNCATE worksafe_audit_event")
        self.assertTrue(self.Event.search_count([]))
        # uninstalling the module drops the table: that must stay possible
        with self.env.cr.savepoint(flush=False) as savepoint:
            self.env.cr.execute("DROP TABLE worksafe_audit_event CASCADE")
            savepoint.close(rollback=True)
        self.assertTrue(self.Event.search_count([]))

    def test_event_of_a_record_without_permit_takes_the_records_company(self):
        area = self.env["worksafe.area"].create({"name": "Other plant's unit",
                                                 "company_id": self.other_company.id})
        self.assertNotEqual(self.env.company, self.other_company)
        event = self.Event._append("area.test", area, "An event about another plant's area")
        self.assertEqual(event.company_id, self.other_company)
        self.assertIn(f'"company_id":{self.other_company.id}', event.payload_json)
        # the event belongs to that company: the acting user's company does not see it
        self.assertFalse(self.Event.with_user(self.officer).search([("id", "=", event.id)]))
        self.assertIsNone(self.Event._verify_chain())

    def test_event_of_a_permit_takes_the_permits_company(self):
        event = self.Event.search([("permit_id", "=", self.permit.id)], limit=1)
        self.assertEqual(event.company_id, self.permit.company_id)
