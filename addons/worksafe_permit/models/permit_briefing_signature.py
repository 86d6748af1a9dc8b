from odoo import fields, models
from odoo.exceptions import AccessError


class WorksafePermitBriefingSignature(models.Model):
    _name = "worksafe.permit.briefing.signature"
    _description = "Briefing signature"
    _inherit = ["worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "role, id"

    # Created with the briefing for its people; each signs with the 'Sign' action.
    _guard_system_fields = frozenset({"briefing_id", "employee_id", "role", "signed_at",
                                      "signed_by_id"})
    _guard_user_fields = frozenset()

    briefing_id = fields.Many2one("worksafe.permit.briefing", required=True, ondelete="cascade",
                                  index=True)
    permit_id = fields.Many2one(related="briefing_id.permit_id", store=True)
    company_id = fields.Many2one(related="briefing_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, readonly=True)
    role = fields.Selection([("briefer", "Briefer"), ("recipient", "Recipient")],
                            required=True, readonly=True)
    signed_at = fields.Datetime(readonly=True)
    signed_by_id = fields.Many2one("res.users", readonly=True)

    def action_sign(self):
        for line in self:
            # Signing for somebody else is exactly what paper permits could not prevent.
            if line.employee_id.user_id != self.env.user:
                raise AccessError(self.env._("Only %(name)s can sign for %(name)s.",
                                             name=line.employee_id.name))
            if line.signed_at:
                continue
            line._system_write({"signed_at": fields.Datetime.now(), "signed_by_id": self.env.uid})
            line._audit("briefing.signed", self.env._("%(name)s signed the briefing as %(role)s",
                                                      name=line.employee_id.name,
                                                      role=line.role),
                        {"employee": line.employee_id.id, "role": line.role})
        return True
