from odoo import fields, models


class WorksafePermitApproveWizard(models.TransientModel):
    _name = "worksafe.permit.approve.wizard"
    _description = "Approve a permit step"

    permit_id = fields.Many2one("worksafe.permit", required=True)
    step_name = fields.Char(related="permit_id.current_approval_id.name")
    site_check = fields.Boolean(related="permit_id.current_approval_id.site_check")
    site_checked = fields.Boolean("I inspected the site in person")
    comment = fields.Text()

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
