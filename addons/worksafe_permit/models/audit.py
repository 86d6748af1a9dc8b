import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..rules import audit as audit_rules

_logger = logging.getLogger(__name__)

# One chain for the whole database: a single advisory lock serialises appends so that
# two transactions can never both link to the same previous event. It is a transaction
# lock (a link may only name a committed predecessor), so it is taken as late as possible:
# everything that does not depend on the predecessor is computed before it.
_AUDIT_LOCK_KEY = 7_305_119_001
# Sorts before any seq an int4 column can hold, so that verify reads every row.
_BEFORE_ANY_SEQ = -(2**31) - 1


class WorksafeAuditEvent(models.Model):
    _name = "worksafe.audit.event"
    _description = "WorkSafe audit event"
    _order = "seq desc"
    _rec_name = "seq"

    seq = fields.Integer(required=True, readonly=True, index=True)
    timestamp = fields.Datetime(required=True, readonly=True, index=True)
    event_type = fields.Char(required=True, readonly=True, index=True)
    permit_id = fields.Many2one(
        "worksafe.permit", readonly=True, index=True, ondelete="set null"
    )
    permit_ref = fields.Char("Permit number", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    res_model = fields.Char("Document model", readonly=True)
    res_id = fields.Integer("Document ID", readonly=True)
    user_id = fields.Many2one("res.users", "Done by", readonly=True)
    summary = fields.Char(readonly=True)
    payload_json = fields.Text("Content", readonly=True)
    prev_hash = fields.Char("Previous hash", readonly=True)
    hash = fields.Char(readonly=True, index=True)

    _seq_unique = models.UniqueIndex("(seq)")
    _seq_positive = models.Constraint("CHECK (seq > 0)", "An audit chain starts at event 1.")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("worksafe_audit_append"):
            raise AccessError(self.env._("Audit events are only written by WorkSafe itself."))
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise AccessError(self.env._("Audit events cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("Audit events cannot be deleted."))

    @api.model
    def _append(self, event_type, record, summary, values=None, permit=None):
        """Append one event to the chain. `values` is the content the hash covers.

        The event belongs to the company of its permit, else of the record itself, and only
        for records without a company to the acting user's current company."""
        permit = permit if permit is not None else (
            record if record._name == "worksafe.permit" else self.env["worksafe.permit"]
        )
        company = permit.sudo().company_id
        if not company and "company_id" in record._fields:
            company = record.sudo().company_id
        company = company or self.env.company
        now = fields.Datetime.now()
        payload = {
            "type": event_type,
            "at": fields.Datetime.to_string(now),
            "user": self.env.user.login,
            "user_id": self.env.uid,
            "model": record._name,
            "res_id": record.id,
            "permit": permit.name or False,
            "permit_id": permit.id or False,
            "company_id": company.id,
            "summary": summary,
            "values": values or {},
        }
        payload_json = audit_rules.canonical_json(payload)
        vals = {
            "timestamp": now,
            "event_type": event_type,
            "permit_id": permit.id,
            "permit_ref": permit.name,
            "company_id": company.id,
            "res_model": record._name,
            "res_id": record.id,
            "user_id": self.env.uid,
            "summary": summary,
            "payload_json": payload_json,
        }
        # Only the link to the predecessor is computed under the lock.
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])
        self.env.cr.execute(
            "SELECT seq, hash FROM worksafe_audit_event ORDER BY seq DESC LIMIT 1"
        )
        last = self.env.cr.fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, audit_rules.GENESIS)
        vals.update(seq=seq, prev_hash=prev_hash,
                    hash=audit_rules.chain_hash(prev_hash, seq, payload_json))
        return self.sudo().with_context(worksafe_audit_append=True).create(vals)

    def init(self):
        # Below the ORM too: rows of the chain are never updated, deleted or truncated,
        # whoever asks. Only the permit link may be cleared, and only once the permit is gone
        # (a draft permit deleted). DROP TABLE stays possible, so the module uninstalls.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION worksafe_audit_event_guard() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    RAISE EXCEPTION 'WorkSafe audit events cannot be truncated';
                END IF;
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'WorkSafe audit events cannot be deleted';
                END IF;
                IF (NEW.seq, NEW.prev_hash, NEW.hash, NEW.payload_json, NEW.event_type,
                    NEW.timestamp, NEW.user_id, NEW.summary, NEW.permit_ref, NEW.company_id,
                    NEW.res_model, NEW.res_id)
                   IS DISTINCT FROM
                   (OLD.seq, OLD.prev_hash, OLD.hash, OLD.payload_json, OLD.event_type,
                    OLD.timestamp, OLD.user_id, OLD.summary, OLD.permit_ref, OLD.company_id,
                    OLD.res_model, OLD.res_id)
                   OR (NEW.permit_id IS NOT NULL AND NEW.permit_id IS DISTINCT FROM OLD.permit_id)
                   OR (NEW.permit_id IS NULL AND OLD.permit_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM worksafe_permit WHERE id = OLD.permit_id))
                THEN
                    RAISE EXCEPTION 'WorkSafe audit events cannot be changed';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS worksafe_audit_event_guard ON worksafe_audit_event;
            CREATE TRIGGER worksafe_audit_event_guard BEFORE UPDATE OR DELETE
                ON worksafe_audit_event FOR EACH ROW EXECUTE FUNCTION worksafe_audit_event_guard();
            DROP TRIGGER IF EXISTS worksafe_audit_event_no_truncate ON worksafe_audit_event;
            CREATE TRIGGER worksafe_audit_event_no_truncate BEFORE TRUNCATE
                ON worksafe_audit_event FOR EACH STATEMENT
                EXECUTE FUNCTION worksafe_audit_event_guard();
        """)

    @api.model
    def _verify_chain(self, batch_size=5000):
        """Return the first broken link (a ChainBreak) or None, streaming the chain from SQL
        so that edits made behind the ORM's back are seen: every row whatever its number,
        the hash chain itself, and the columns people read (the permit link included), which
        must say what the hashed content says."""
        cr = self.env.cr
        column_break = []

        def cleared_links(batch):
            """Rows whose permit link is empty although their content names a permit: fine
            when that permit was deleted, else the event was hidden from its timeline."""
            named = {row[0]: audit_rules.linked_id(row[3], "permit_id")
                     for row in batch if row[12] is None}
            named = {seq: permit_id for seq, permit_id in named.items() if permit_id}
            if not named:
                return {}
            cr.execute("SELECT id FROM worksafe_permit WHERE id = ANY(%s)",
                       [list(set(named.values()))])
            existing = {row[0] for row in cr.fetchall()}
            return {seq: permit_id for seq, permit_id in named.items()
                    if permit_id not in existing}

        def rows():
            last_seq = _BEFORE_ANY_SEQ
            while True:
                cr.execute(
                    "SELECT seq, prev_hash, hash, payload_json, event_type, timestamp, user_id,"
                    " summary, permit_ref, company_id, res_model, res_id, permit_id"
                    " FROM worksafe_audit_event WHERE seq > %s ORDER BY seq LIMIT %s",
                    [last_seq, batch_size],
                )
                batch = cr.fetchall()
                if not batch:
                    return
                deleted = cleared_links(batch) if not column_break else {}
                for row in batch:
                    if not column_break:
                        field = audit_rules.shown_column_mismatch(row[3], {
                            "type": row[4], "at": fields.Datetime.to_string(row[5]),
                            "user_id": row[6], "summary": row[7], "permit": row[8],
                            "company_id": row[9], "model": row[10], "res_id": row[11],
                            "permit_id": deleted.get(row[0], row[12]),
                        })
                        if field:
                            column_break.append(audit_rules.ChainBreak(
                                seq=row[0], reason="column_mismatch", expected="payload",
                                found=field))
                    yield row[:4]
                last_seq = batch[-1][0]

        broken = audit_rules.verify_chain(rows())
        # A row without a number (its NOT NULL dropped behind WorkSafe's back) is never read
        # by `seq > …`: every row must have been counted.
        cr.execute("SELECT count(*) FROM worksafe_audit_event WHERE seq IS NULL")
        unnumbered = cr.fetchone()[0]
        if unnumbered:
            column_break.append(audit_rules.ChainBreak(
                seq=0, reason="unnumbered", expected="0", found=str(unnumbered)))
        candidates = [b for b in (broken, *column_break) if b]
        return min(candidates, key=lambda b: b.seq) if candidates else None

    @api.model
    def _verify_anchor(self, seq, anchored_hash):
        """The chain checked as `_verify_chain` does, then against an anchor (`seq` and its
        hash recorded outside earlier): the first break, or None."""
        broken = self._verify_chain()
        if broken:
            return broken
        self.env.cr.execute("SELECT hash FROM worksafe_audit_event WHERE seq = %s", [seq])
        row = self.env.cr.fetchone()
        return audit_rules.check_anchor(seq, anchored_hash, row[0] if row else None)

    @api.model
    def _chain_head(self):
        self.env.cr.execute(
            "SELECT count(*), max(seq) FROM worksafe_audit_event"
        )
        count, last_seq = self.env.cr.fetchone()
        self.env.cr.execute("SELECT hash FROM worksafe_audit_event WHERE seq = %s", [last_seq])
        row = self.env.cr.fetchone()
        return count, last_seq or 0, row[0] if row else audit_rules.GENESIS

    def action_verify_chain(self):
        return self._verification_notification(self._verify_chain())

    @api.model
    def _verification_notification(self, broken, anchor_seq=None):
        """The client notification for a verification result (with or without an anchor)."""
        count, last_seq, head = self._chain_head()
        if broken:
            message = self.env._(
                "Audit trail BROKEN at event %(seq)s (%(reason)s). Events after it cannot be "
                "trusted.",
                seq=broken.seq,
                reason=broken.reason,
            )
            kind = "danger"
            _logger.warning("WorkSafe audit chain broken at seq %s: %s", broken.seq, broken.reason)
        elif anchor_seq:
            message = self.env._(
                "Audit trail intact and still holds anchored event %(anchor)s: %(count)s "
                "events, head %(seq)s, hash %(hash)s.",
                anchor=anchor_seq,
                count=count,
                seq=last_seq,
                hash=head,
            )
            kind = "success"
        else:
            message = self.env._(
                "Audit trail intact: %(count)s events, head %(seq)s, hash %(hash)s.",
                count=count,
                seq=last_seq,
                hash=head,
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": self.env._("Audit trail"), "message": message, "type": kind,
                       "sticky": bool(broken)},
        }

    @api.model
    def _search_by_reference_or_period(self, reference=None, date_from=None, date_to=None):
        """The timeline of a permit number and/or a period, in chain order (CLI)."""
        domain = []
        if reference:
            domain.append(("permit_ref", "ilike", reference))
        if date_from:
            domain.append(("timestamp", ">=", date_from))
        if date_to:
            domain.append(("timestamp", "<=", date_to))
        return self.search(domain, order="seq")
