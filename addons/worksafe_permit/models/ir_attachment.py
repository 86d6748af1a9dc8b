"""Attachments of guarded WorkSafe records are as guarded as the records.

Core ``ir.attachment`` lets anyone who may write the record (access rights and record rules)
change, move or delete its attachments: it never asks the record's guard. A completed step's
photo or signature, a decided certificate submission's scans or an issued permit's written plan
would then change behind the guard's back. Here, for a person (never for superuser, which is
how WorkSafe's own actions and the ORM's binary fields write):

- changing an attachment's content or what it belongs to, or deleting it, is refused when the
  record it belongs to says so (``_guard_attachment_locked``);
- evidence linked to a step cannot change at all;
- an attachment is never moved onto a record whose attachments are evidence (a step): evidence
  is uploaded to the step itself;
- a binary field's attachment (``res_field``) or evidence is created only where the person may
  change that field or add evidence.
"""
from odoo import api, models
from odoo.exceptions import AccessError

# What an attachment is: its content and the record (and binary field) it belongs to.
CONTENT_FIELDS = frozenset({"datas", "raw", "db_datas", "store_fname", "url", "type",
                            "checksum", "file_size", "mimetype", "name", "company_id"})
LINK_FIELDS = frozenset({"res_model", "res_id", "res_field"})


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _worksafe_target(self, res_model, res_id):
        """The record an attachment belongs to, if it is one whose guard has a say."""
        if not res_model or not res_id or res_model not in self.env:
            return None
        model = self.env[res_model]
        if not hasattr(model, "_guard_attachment_locked"):
            return None
        record = model.sudo().browse(res_id).exists()
        return record.with_env(self.env) if record else None

    def _worksafe_locked_message(self, attachment_name):
        return self.env._("%(file)s is evidence of a WorkSafe record and cannot be changed, "
                          "moved or deleted here.", file=attachment_name)

    def _worksafe_check_unlocked(self):
        """Refuse when any of these attachments is locked by its record or is step evidence."""
        if self.env.su or not self:
            return
        attachments = self.sudo()
        linked = self.env["worksafe.permit.step"].sudo().search(
            [("attachment_ids", "in", attachments.ids)]).attachment_ids
        for attachment in attachments:
            record = self._worksafe_target(attachment.res_model, attachment.res_id)
            if attachment in linked or (
                    record and record._guard_attachment_locked(attachment.res_field)):
                raise AccessError(self._worksafe_locked_message(attachment.name))

    @api.model
    def _worksafe_check_target(self, vals, name):
        """May the person attach (create or move) an attachment to the record in `vals`?"""
        record = self._worksafe_target(vals.get("res_model"), vals.get("res_id"))
        if record is None:
            return
        if record._guard_attachments_are_evidence and not vals.get("res_field"):
            # evidence is created on its record, never moved there
            raise AccessError(self._worksafe_locked_message(name))
        if record._guard_attachment_locked(vals.get("res_field")):
            raise AccessError(self._worksafe_locked_message(name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                record = self._worksafe_target(vals.get("res_model"), vals.get("res_id"))
                if record is not None and (vals.get("res_field")
                                           or record._guard_attachments_are_evidence) \
                        and record._guard_attachment_locked(vals.get("res_field")):
                    raise AccessError(self._worksafe_locked_message(vals.get("name")))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self and (CONTENT_FIELDS | LINK_FIELDS).intersection(vals):
            self._worksafe_check_unlocked()
            if LINK_FIELDS.intersection(vals):
                for attachment in self.sudo():
                    target = {
                        "res_model": vals.get("res_model", attachment.res_model),
                        "res_id": vals.get("res_id", attachment.res_id),
                        "res_field": vals.get("res_field", attachment.res_field),
                    }
                    if (target["res_model"], target["res_id"]) != \
                            (attachment.res_model, attachment.res_id):
                        self._worksafe_check_target(target, attachment.name)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_worksafe_evidence(self):
        self._worksafe_check_unlocked()
