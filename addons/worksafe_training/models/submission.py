from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

HR_OFFICER = "hr.group_hr_user"


class WorksafeCertificateSubmission(models.Model):
    """A certificate scan uploaded (from the portal or by the person) for HR to verify. Only a
    verified submission becomes a certificate (an hr.employee.skill) that the checks count."""

    _name = "worksafe.certificate.submission"
    _description = "Certificate submitted for verification"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "create_date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    skill_id = fields.Many2one("hr.skill", "Certificate", required=True,
                               domain="[('skill_type_id.worksafe_kind', '!=', False)]")
    number = fields.Char("Certificate number")
    issuer = fields.Char("Issued by")
    valid_from = fields.Date(required=True)
    valid_to = fields.Date()
    attachment_ids = fields.Many2many("ir.attachment", string="Scans")
    state = fields.Selection([("submitted", "To verify"), ("verified", "Verified"),
                              ("rejected", "Rejected")], default="submitted", required=True,
                             readonly=True, tracking=True)
    rejection_reason = fields.Text(readonly=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)
    employee_skill_id = fields.Many2one("hr.employee.skill", "Certificate recorded",
                                        readonly=True)

    def action_verify(self):
        if not self.env.user.has_group(HR_OFFICER):
            raise AccessError(self.env._("Only HR officers verify certificates."))
        for submission in self:
            if submission.state != "submitted":
                raise UserError(self.env._("Already decided."))
            # scans uploaded by someone else are not readable by the officer's search
            scans = submission.sudo().attachment_ids.filtered(
                lambda a, sub=submission: a.res_model == sub._name and a.res_id == sub.id)
            level = submission.skill_id.skill_type_id.skill_level_ids.sorted(
                lambda lv: -lv.level_progress)[:1]
            skill = self.env["hr.employee.skill"].create({
                "employee_id": submission.employee_id.id,
                "skill_type_id": submission.skill_id.skill_type_id.id,
                "skill_id": submission.skill_id.id,
                "skill_level_id": level.id,
                "valid_from": submission.valid_from,
                "valid_to": submission.valid_to,
                "worksafe_number": submission.number,
                "worksafe_issuer": submission.issuer,
                "worksafe_verified_by_id": self.env.uid,
            })
            # the scans now belong to the certificate (and are readable with it)
            scans.write({"res_model": skill._name, "res_id": skill.id})
            skill.worksafe_scan_ids = [Command.set(scans.ids)]
            submission._system_write({"state": "verified", "employee_skill_id": skill.id})
            submission._audit("certificate.verified", self.env._(
                "Certificate %(cert)s of %(name)s verified", cert=submission.skill_id.name,
                name=submission.employee_id.name), {
                "employee": submission.employee_id.id, "skill": submission.skill_id.id,
                "number": submission.number or False,
                "valid_to": fields.Date.to_string(submission.valid_to)
                if submission.valid_to else False})
        return True

    def action_reject(self, reason=None):
        if not self.env.user.has_group(HR_OFFICER):
            raise AccessError(self.env._("Only HR officers verify certificates."))
        if self.filtered(lambda s: s.state != "submitted"):
            raise UserError(self.env._("Already decided."))
        reason = reason or self.env._("Unreadable or invalid")
        self._system_write({"state": "rejected", "rejection_reason": reason})
        for submission in self:
            submission._audit("certificate.rejected", self.env._(
                "Certificate %(cert)s of %(name)s rejected", cert=submission.skill_id.name,
                name=submission.employee_id.name), {
                "employee": submission.employee_id.id, "skill": submission.skill_id.id,
                "reason": reason})
        return True

    DECISION_FIELDS = frozenset({"state", "rejection_reason", "employee_skill_id",
                                 "submitted_by_id"})

    _guard_system_fields = DECISION_FIELDS
    _guard_frozen_states = frozenset({"verified", "rejected"})

    def _guard_action_message(self, names):
        return self.env._("A certificate is submitted for verification: HR verifies or "
                          "rejects it with its actions.")

    def _guard_frozen_message(self):
        return self.env._("A verified or rejected submission cannot change.")

    def _guard_check_created(self):
        self._check_own_scans()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            record._notify_submitted()
        return records

    def write(self, vals):
        vals, changed = self._guard_effective_vals(vals)
        result = super().write(vals)
        if "attachment_ids" in changed and not self.env.su:
            self._check_own_scans()
        return result

    def _check_own_scans(self):
        """Scans are uploaded for this submission (or freshly by the submitter, not yet
        attached anywhere): another record's or company's files are not evidence of this
        certificate, and verifying would move them to it."""
        for submission in self:
            foreign = submission.sudo().attachment_ids.filtered(
                lambda a, sub=submission: not (
                    (a.res_model == sub._name and a.res_id == sub.id)
                    or (not a.res_id and a.create_uid == self.env.user))
                or (a.company_id and a.company_id != sub.company_id))
            if foreign:
                raise AccessError(self.env._(
                    "%(files)s belong to other records: upload the scans of this certificate.",
                    files=", ".join(foreign.mapped("name"))))

    def _notify_submitted(self):
        self.message_post(body=self.env._("Certificate scan submitted for verification."))
