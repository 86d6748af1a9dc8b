from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hr_skill_type import HR_OFFICER


class HrEmployeeSkill(models.Model):
    _inherit = "hr.employee.skill"

    worksafe_number = fields.Char("Certificate number")
    worksafe_issuer = fields.Char("Issued by")
    worksafe_scan_ids = fields.Many2many(
        "ir.attachment", "worksafe_employee_skill_scan_rel", "skill_id", "attachment_id",
        "Scans", help="Scans or photos of the certificate.")
    worksafe_verified_by_id = fields.Many2one("res.users", "Verified by", readonly=True)
    worksafe_reminder_sent = fields.Date("Expiry reminder sent", readonly=True)
    worksafe_contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id",
                                             store=True, string="Contractor")

    def _get_passive_fields(self):
        # kept when hr_skills versions a certificate (a new record on each core change)
        return super()._get_passive_fields() + [
            "worksafe_number", "worksafe_issuer", "worksafe_scan_ids", "worksafe_verified_by_id",
        ]

    def _worksafe_check_hr(self, skill_types):
        if self.env.su or self.env.user.has_group(HR_OFFICER):
            return
        if skill_types.filtered("worksafe_kind"):
            raise AccessError(self.env._(
                "Only HR officers record WorkSafe certificates: upload a scan of the certificate "
                "for verification instead."))

    @api.model_create_multi
    def create(self, vals_list):
        types = self.env["hr.skill.type"].browse(
            [v["skill_type_id"] for v in vals_list if v.get("skill_type_id")])
        skills = self.env["hr.skill"].browse([v["skill_id"] for v in vals_list
                                             if v.get("skill_id")])
        self._worksafe_check_hr(types | skills.skill_type_id)
        records = super().create(vals_list)
        # the certificate may come from defaults (default_skill_type_id in the context)
        records._worksafe_check_hr(records.skill_type_id | records.skill_id.skill_type_id)
        return records

    def write(self, vals):
        types = self.skill_type_id
        if vals.get("skill_type_id"):
            types |= self.env["hr.skill.type"].browse(vals["skill_type_id"])
        self._worksafe_check_hr(types)
        return super().write(vals)

    def _guard_attachment_locked(self, res_field=False):
        """Scans of a WorkSafe certificate change only by HR (worksafe_permit's ir.attachment
        asks this, as it asks guarded records)."""
        self.ensure_one()
        return not self.env.su and bool(self.skill_type_id.worksafe_kind) \
            and not self.env.user.has_group(HR_OFFICER)

    _guard_attachments_are_evidence = False

    @api.ondelete(at_uninstall=False)
    def _unlink_worksafe_only_by_hr(self):
        self._worksafe_check_hr(self.skill_type_id)
