from odoo import fields, models
from odoo.exceptions import UserError

from ..rules import audit as audit_rules


class WorksafeAuditAnchorVerify(models.TransientModel):
    """Verify the chain against an anchor kept outside Odoo (from the anchor file, mail or
    webhook receiver): the anchors listed in Odoo could have been removed with the events."""

    _name = "worksafe.audit.anchor.verify"
    _description = "Verify the audit trail against an anchor"

    anchor = fields.Char(required=True, help="SEQ:HASH, as the anchor job records it.")

    def action_verify(self):
        self.ensure_one()
        try:
            seq, digest = audit_rules.parse_anchor(self.anchor or "")
        except ValueError:
            raise UserError(self.env._(
                "Enter the anchor as the event number, a colon and the 64-character hash "
                "(SEQ:HASH), as the anchor file, mail or webhook shows it.")) from None
        events = self.env["worksafe.audit.event"]
        return events._verification_notification(events._verify_anchor(seq, digest),
                                                 anchor_seq=seq)
