from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class WorksafePermitMeasure(models.Model):
    _name = "worksafe.permit.measure"
    _description = "Permit control measure"
    _inherit = ["worksafe.permit.draft.line", "worksafe.audit.mixin"]
    _order = "permit_id, sequence, id"

    sequence = fields.Integer()
    name = fields.Char("Measure", required=True)
    applies = fields.Selection([("yes", "Applies"), ("no", "Does not apply")])
    confirmed_by_id = fields.Many2one("res.users", "Confirmed by", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)

    _guard_system_fields = frozenset({"confirmed_by_id", "confirmed_at"})

    def _frozen_message(self):
        return self.env._("Control measures are decided in the draft.")

    def _guard_action_message(self, names):
        return self.env._("A measure is confirmed with its 'Confirm' action.")

    def action_confirm(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_approver"):
            raise AccessError(self.env._("Control measures are confirmed by an approver."))
        for measure in self:
            if self.env.user in (measure.permit_id.applicant_id
                                 | measure.permit_id.submitted_by_id):
                raise AccessError(self.env._("The applicant cannot confirm their own measures."))
            if measure.permit_id.state not in ("submitted", "approved"):
                raise UserError(self.env._("Measures are confirmed between submission and "
                                           "issue."))
            if measure.applies != "yes":
                raise UserError(self.env._("Only applicable measures are confirmed."))
            measure._system_write({"confirmed_by_id": self.env.uid,
                                  "confirmed_at": fields.Datetime.now()})
            measure._audit("measure.confirmed", self.env._("Measure confirmed: %(name)s",
                                                           name=measure.name))
        return True
