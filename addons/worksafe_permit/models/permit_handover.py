from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class WorksafePermitHandover(models.Model):
    _name = "worksafe.permit.handover"
    _description = "Shift handover"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "create_date desc, id desc"

    outgoing_id = fields.Many2one("hr.employee", "Outgoing lead", required=True)
    incoming_id = fields.Many2one("hr.employee", "Incoming lead", required=True)
    notes = fields.Text("Status handed over", required=True)
    outgoing_signed_at = fields.Datetime(readonly=True)
    incoming_signed_at = fields.Datetime(readonly=True)
    state = fields.Selection([("open", "Waiting for signatures"), ("done", "Handed over")],
                             default="open", required=True, readonly=True)

    def write(self, vals):
        if not self.env.su:
            if {"outgoing_signed_at", "incoming_signed_at", "state"} & set(vals):
                raise AccessError(self.env._("Each lead signs with the 'Sign' action."))
            if {"permit_id", "outgoing_id", "incoming_id", "notes"} & set(vals) and any(
                    h.outgoing_signed_at or h.incoming_signed_at for h in self):
                raise UserError(self.env._("A signed handover cannot change."))
        return super().write(vals)

    @api.constrains("outgoing_id", "incoming_id")
    def _check_people(self):
        for handover in self:
            if handover.outgoing_id == handover.incoming_id:
                raise ValidationError(self.env._("A handover needs two different people."))
            if handover.permit_id.state not in ("active", "suspended"):
                raise ValidationError(self.env._("Shifts are handed over on a started permit."))

    def action_sign(self):
        _ = self.env._
        for handover in self:
            user = self.env.user
            if user == handover.outgoing_id.user_id and not handover.outgoing_signed_at:
                handover.sudo().outgoing_signed_at = fields.Datetime.now()
                side = "outgoing"
            elif user == handover.incoming_id.user_id and not handover.incoming_signed_at:
                handover.sudo().incoming_signed_at = fields.Datetime.now()
                side = "incoming"
            else:
                raise AccessError(_("Only the outgoing or the incoming lead signs, each once."))
            summary = (_("Handover signed by the outgoing lead") if side == "outgoing"
                       else _("Handover signed by the incoming lead"))
            handover._audit("handover.signed", summary,
                            {"side": side, "employee": (handover.outgoing_id if side == "outgoing"
                                                        else handover.incoming_id).id})
            if handover.outgoing_signed_at and handover.incoming_signed_at:
                handover.sudo().state = "done"
                handover.permit_id.sudo().write(
                    {"performing_authority_id": handover.incoming_id.id})
                handover.permit_id.message_post(body=_(
                    "Shift handed over from %(out)s to %(in)s.",
                    out=handover.outgoing_id.name, **{"in": handover.incoming_id.name}))
        return True
