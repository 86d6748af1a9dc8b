from ..rules import audit as audit_rules
from .common import WorksafeCase


class TestAuditUnnumberedRows(WorksafeCase):
    """A row without a number (NOT NULL dropped behind WorkSafe's back) is never read by the
    numbered walk: verify counts such rows and reports them."""

    def test_row_without_number_is_a_break(self):
        permit = self.issued_permit()
        Event = self.env["worksafe.audit.event"]
        self.assertIsNone(Event._verify_chain())
        cr = self.env.cr
        cr.execute("ALTER TABLE worksafe_audit_event DISABLE TRIGGER worksafe_audit_event_guard")
        cr.execute("ALTER TABLE worksafe_audit_event ALTER COLUMN seq DROP NOT NULL")
        payload = audit_rules.canonical_json({"type": "permit.approval", "summary": "forged",
                                              "permit_id": permit.id, "permit": permit.name})
        cr.execute(
            "INSERT INTO worksafe_audit_event (seq, timestamp, event_type, permit_id, permit_ref,"
            " summary, payload_json, prev_hash, hash)"
            " VALUES (NULL, now() at time zone 'utc', 'permit.approval', %s, %s, 'forged', %s,"
            " %s, %s)",
            [permit.id, permit.name, payload, audit_rules.GENESIS,
             audit_rules.chain_hash(audit_rules.GENESIS, 1, payload)])
        broken = Event._verify_chain()
        self.assertEqual((broken.seq, broken.reason, broken.found), (0, "unnumbered", "1"))
