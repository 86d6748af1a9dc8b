from odoo import api, fields, models


class WorksafePermitApproveWizard(models.TransientModel):
    _name = "worksafe.permit.approve.wizard"
    _description = "Approve a permit step"

    permit_id = fields.Many2one("worksafe.permit", required=True)
    step_name = fields.Char(related="permit_id.current_approval_id.name")
    site_check = fields.Boolean(related="permit_id.current_approval_id.site_check")
    site_checked = fields.Boolean("I inspected the site in person")
    comment = fields.Text()
    refusal = fields.Text("Why you cannot decide this step", compute="_compute_refusal")

    @api.depends("permit_id")
    @api.depends_context("uid")
    def _compute_refusal(self):
        """Told before trying: why this user may not decide the step, and who can."""
        for wizard in self:
            current = wizard.permit_id._current_approval() if wizard.permit_id else None
            blockers = current._refusals(self.env.user) if current else []
            if not blockers:
                wizard.refusal = False
                continue
            lines = [b.message for b in blockers]
            candidates = current._candidates()
            if candidates:
                lines.append(self.env._("Who can decide step '%(step)s': %(names)s.",
                                        step=current.name,
                                        names=", ".join(candidates.mapped("name"))))
            wizard.refusal = "\n".join(lines)

    def action_confirm(self):
        self.ensure_one()
        self.permit_id._approve_step(comment=self.comment, site_checked=self.site_checked)
        return {"type": "ir.actions.act_window_close"}


class WorksafePermitReasonWizard(models.TransientModel):
    _name = "worksafe.permit.reason.wizard"
    _description = "Reject, suspend or withdraw a permit"

    permit_id = fields.Many2one("worksafe.permit", required=True)
    action = fields.Selection(
        [("reject", "Reject"), ("suspend", "Suspend"), ("withdraw", "Withdraw")], required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        permit = self.permit_id
        if self.action == "reject":
            permit._reject(self.reason)
        elif self.action == "suspend":
            permit._check_can_stop_work()
            permit._suspend(self.reason)
        else:
            permit._withdraw(self.reason)
        return {"type": "ir.actions.act_window_close"}
