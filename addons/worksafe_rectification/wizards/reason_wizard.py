from odoo import fields, models


class WorksafeRectificationReasonWizard(models.TransientModel):
    """Asks for the reason of a failed verification or of a cancellation."""

    _name = "worksafe.rectification.reason.wizard"
    _description = "Rectification: reason"

    rectification_id = fields.Many2one("worksafe.rectification", required=True,
                                       ondelete="cascade")
    action = fields.Selection([("fail", "Verification failed"), ("cancel", "Cancel")],
                              required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        rectification = self.rectification_id
        if self.action == "fail":
            rectification.action_fail_verification(self.reason)
        else:
            rectification.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
