from odoo import fields, models
from odoo.exceptions import AccessError

from .template import STEP_ROLES


class WorksafePermitStepCheck(models.Model):
    _name = "worksafe.permit.step.check"
    _inherit = ["worksafe.guarded.mixin"]
    _description = "Checklist item of a permit step"
    _order = "sequence, id"

    step_id = fields.Many2one("worksafe.permit.step", required=True, ondelete="cascade",
                              index=True)
    company_id = fields.Many2one(related="step_id.company_id", store=True)
    sequence = fields.Integer()
    name = fields.Char(required=True, readonly=True)
    checked = fields.Boolean()

    # The items come from the template; the step's person ticks them while the step is open.
    _guard_system_fields = frozenset({"step_id", "sequence", "name"})
    _guard_user_fields = frozenset({"checked"})

    def _guard_is_frozen(self):
        return self.step_id.state == "done"

    def _guard_frozen_message(self):
        return self.env._("The checklist of a completed step cannot change.")

    def _guard_action_message(self, names):
        return self.env._("Checklist items come from the template.")

    def _guard_check_write(self, changes):
        for check in self:
            step = check.step_id
            if not step._role_allows(self.env.user) or \
                    step.permit_id.state not in step._allowed_states():
                raise AccessError(self.env._(
                    "Only the %(role)s ticks the checklist of '%(step)s', while the step is "
                    "open.", role=dict(STEP_ROLES)[step.role], step=step.name))
