from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .template import STEP_ROLES


class WorksafePermitStepCheck(models.Model):
    _name = "worksafe.permit.step.check"
    _description = "Checklist item of a permit step"
    _order = "sequence, id"

    step_id = fields.Many2one("worksafe.permit.step", required=True, ondelete="cascade",
                              index=True)
    company_id = fields.Many2one(related="step_id.company_id", store=True)
    sequence = fields.Integer()
    name = fields.Char(required=True, readonly=True)
    checked = fields.Boolean()

    def write(self, vals):
        if any(check.step_id.state == "done" for check in self):
            raise UserError(self.env._("The checklist of a completed step cannot change."))
        if not self.env.su:
            if set(vals) - {"checked"}:
                raise AccessError(self.env._("Checklist items come from the template."))
            for check in self:
                step = check.step_id
                if not step._role_allows(self.env.user) or \
                        step.permit_id.state not in step._allowed_states():
                    raise AccessError(self.env._(
                        "Only the %(role)s ticks the checklist of '%(step)s', while the step is "
                        "open.", role=dict(STEP_ROLES)[step.role], step=step.name))
        return super().write(vals)
