import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..rules import audit as audit_rules

_logger = logging.getLogger(__name__)

# One chain for the whole database: a single advisory lock serialises appends so that
# two transactions can never both link to the same previous event.
_AUDIT_LOCK_KEY = 7_305_119_001


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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("worksafe_audit_append"):
            raise AccessError(self.env._("Audit events are only written by WorkSafe itself."))
        return super().create(vals_list)

    def write(self, vals):
        raise AccessError(self.env._("Audit events cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("Audit events cannot be deleted."))

    @api.model
    def _append(self, event_type, record, summary, values=None, permit=None):
        """Append one event to the chain. `values` is the content the hash covers."""
        permit = permit if permit is not None else (
            record if record._name == "worksafe.permit" else self.env["worksafe.permit"]
        )
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])
        self.env.cr.execute(
            "SELECT seq, hash FROM worksafe_audit_event ORDER BY seq DESC LIMIT 1"
        )
        last = self.env.cr.fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, audit_rules.GENESIS)
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
            "company_id": (permit.company_id or self.env.company).id,
            "summary": summary,
            "values": values or {},
        }
        payload_json = audit_rules.canonical_json(payload)
        return (
            self.sudo()
            .with_context(worksafe_audit_append=True)
            .create(
                {
                    "seq": seq,
                    "timestamp": now,
                    "event_type": event_type,
                    "permit_id": permit.id,
                    "permit_ref": permit.name,
                    "company_id": (permit.company_id or self.env.company).id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "user_id": self.env.uid,
                    "summary": summary,
                    "payload_json": payload_json,
                    "prev_hash": prev_hash,
                    "hash": audit_rules.chain_hash(prev_hash, seq, payload_json),
                }
            )
        )

    def init(self):
        # Below the ORM too: rows of the chain are never updated or deleted, whoever asks.
        # Only the permit link may be cleared, when a draft permit is deleted.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION worksafe_audit_event_guard() RETURNS trigger AS $$
            BEGIN
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
                THEN
                    RAISE EXCEPTION 'WorkSafe audit events cannot be changed';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS worksafe_audit_event_guard ON worksafe_audit_event;
            CREATE TRIGGER worksafe_audit_event_guard BEFORE UPDATE OR DELETE
                ON worksafe_audit_event FOR EACH ROW EXECUTE FUNCTION worksafe_audit_event_guard();
        """)

    @api.model
    def _verify_chain(self, batch_size=5000):
        """Return the first broken link (a ChainBreak) or None, streaming the chain from SQL
        so that edits made behind the ORM's back are seen: the hash chain itself, and the
        columns people read, which must say what the hashed content says."""
        cr = self.env.cr
        column_break = []

        def rows():
            last_seq = 0
            while True:
                cr.execute(
                    "SELECT seq, prev_hash, hash, payload_json, event_type, timestamp, user_id,"
                    " summary, permit_ref, company_id, res_model, res_id"
                    " FROM worksafe_audit_event WHERE seq > %s ORDER BY seq LIMIT %s",
                    [last_seq, batch_size],
                )
                batch = cr.fetchall()
                if not batch:
                    return
                for row in batch:
                    if not column_break:
                        field = audit_rules.shown_column_mismatch(row[3], {
                            "type": row[4], "at": fields.Datetime.to_string(row[5]),
                            "user_id": row[6], "summary": row[7], "permit": row[8],
                            "company_id": row[9], "model": row[10], "res_id": row[11],
                        })
                        if field:
                            column_break.append(audit_rules.ChainBreak(
                                seq=row[0], reason="column_mismatch", expected="payload",
                                found=field))
                    yield row[:4]
                last_seq = batch[-1][0]

        broken = audit_rules.verify_chain(rows())
        candidates = [b for b in (broken, *column_break) if b]
        return min(candidates, key=lambda b: b.seq) if candidates else None

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
        broken = self._verify_chain()
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
