import logging
import os

import requests
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.mail import email_normalize

from ..rules import audit as audit_rules

_logger = logging.getLogger(__name__)

# Where the scheduled job sends the chain head: database-wide settings, because the audit
# chain is one chain for the whole database (see audit.py).
ANCHOR_FILE = "worksafe_permit.audit_anchor_file"
ANCHOR_EMAIL = "worksafe_permit.audit_anchor_email"
ANCHOR_WEBHOOK = "worksafe_permit.audit_anchor_webhook"
WEBHOOK_TIMEOUT = 10  # seconds: the job must not hang on an unreachable receiver
MANAGER = "worksafe_permit.group_worksafe_manager"


class WorksafeAuditAnchor(models.Model):
    """A head of the audit chain (event number and hash) recorded outside the database.

    Removing the newest events leaves a shorter chain that still verifies; comparing the chain
    with a head recorded earlier elsewhere (a file on another disk, a mailbox, a webhook
    receiver) shows it. Each anchor taken is kept here with where it was sent and how that
    went; it can be verified against from its form, or from the command line with
    `odoo-bin worksafe_audit --anchor SEQ:HASH`."""

    _name = "worksafe.audit.anchor"
    _description = "WorkSafe audit chain anchor"
    _order = "id desc"
    _rec_name = "anchor"

    seq = fields.Integer("Head event", required=True, readonly=True)
    hash = fields.Char("Head hash", required=True, readonly=True)
    anchor = fields.Char(compute="_compute_anchor", help="SEQ:HASH, as the command line takes it.")
    event_count = fields.Integer("Events", readonly=True)
    taken_at = fields.Datetime(required=True, readonly=True)
    taken_by_id = fields.Many2one("res.users", "Taken by", readonly=True)
    origin = fields.Selection([("cron", "Scheduled"), ("manual", "By hand")], readonly=True,
                              required=True)
    file_path = fields.Char("Written to file", readonly=True)
    email_to = fields.Char("Mailed to", readonly=True)
    webhook_url = fields.Char("Posted to", readonly=True)
    state = fields.Selection([
        ("local", "Kept in the database only"),
        ("sent", "Sent"),
        ("partial", "Partly sent"),
        ("failed", "Not sent"),
    ], readonly=True, required=True)
    delivery_log = fields.Text("Delivery", readonly=True)

    @api.depends("seq", "hash")
    def _compute_anchor(self):
        for anchor in self:
            anchor.anchor = f"{anchor.seq}:{anchor.hash}"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("worksafe_anchor_take"):
            raise AccessError(self.env._("Anchors are only taken by WorkSafe itself."))
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise AccessError(self.env._("Anchors cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("Anchors cannot be deleted."))

    # ------------------------------------------------------------------ taking
    @api.model
    def _cron_take_anchor(self):
        return self._take("cron")

    @api.model
    def action_take_anchor(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only WorkSafe managers take audit anchors."))
        anchor = self._take("manual")
        if not anchor:
            return self.env["worksafe.audit.event"].action_verify_chain()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": anchor.id,
                "view_mode": "form", "target": "current"}

    def _take(self, origin):
        """Record the committed head where the settings say; an empty chain has no head."""
        count, last_seq, head = self.env["worksafe.audit.event"]._chain_head()
        if not last_seq:
            return self.browse()
        now = fields.Datetime.now()
        document = {"database": self.env.cr.dbname, "seq": last_seq, "hash": head,
                    "anchor": f"{last_seq}:{head}", "events": count,
                    "taken_at": fields.Datetime.to_string(now)}
        get = self.env["ir.config_parameter"].sudo().get_param
        targets = {"file": (get(ANCHOR_FILE) or "").strip(),
                   "email": (get(ANCHOR_EMAIL) or "").strip(),
                   "webhook": (get(ANCHOR_WEBHOOK) or "").strip()}
        log, failures = [], 0
        for kind, target in targets.items():
            if not target:
                continue
            error = getattr(self, f"_deliver_{kind}")(target, document)
            failures += bool(error)
            log.append(f"{kind} {target}: {error or 'ok'}")
            if error:
                _logger.warning("WorkSafe audit anchor %s:%s not delivered to %s: %s",
                                last_seq, head, target, error)
        tried = len(log)
        state = ("local" if not tried else "sent" if not failures
                 else "failed" if failures == tried else "partial")
        return self.sudo().with_context(worksafe_anchor_take=True).create({
            "seq": last_seq, "hash": head, "event_count": count, "taken_at": now,
            "taken_by_id": self.env.uid, "origin": origin, "state": state,
            "file_path": targets["file"] or False, "email_to": targets["email"] or False,
            "webhook_url": targets["webhook"] or False, "delivery_log": "\n".join(log) or False,
        })

    # Each delivery returns None when done, or a short error text: one failing destination
    # must not keep the anchor from the others, nor fail the scheduled job.
    def _deliver_file(self, path, document):
        if not os.path.isabs(path):
            return self.env._("the file path must be absolute")
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(audit_rules.canonical_json(document) + "\n")
        except OSError as error:
            return error.strerror or str(error)
        return None

    def _deliver_email(self, address, document):
        if not email_normalize(address):
            return self.env._("not an e-mail address")
        lines = Markup("").join(
            Markup("<li>%s: <code>%s</code></li>") % (key, value)
            for key, value in sorted(document.items()))
        self.env["mail.mail"].sudo().create({
            "subject": self.env._("WorkSafe audit anchor %(anchor)s",
                                  anchor=f"{document['database']} #{document['seq']}"),
            "email_to": address,
            "body_html": Markup("<p>%s</p><ul>%s</ul>") % (escape(self.env._(
                "Keep this message: it lets you verify later that no audit event up to this "
                "one was removed.")), lines),
            "auto_delete": False,
        })
        return None

    def _deliver_webhook(self, url, document):
        if not url.lower().startswith(("http://", "https://")):
            return self.env._("the URL must start with http:// or https://")
        try:
            response = requests.post(url, json=document, timeout=WEBHOOK_TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as error:
            return str(error)[:500]
        return None

    # ------------------------------------------------------------------ verifying
    def action_verify_against_anchor(self):
        self.ensure_one()
        events = self.env["worksafe.audit.event"]
        return events._verification_notification(
            events._verify_anchor(self.seq, self.hash), anchor_seq=self.seq)
