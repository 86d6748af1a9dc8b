from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


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

    _guard_system_fields = frozenset({"outgoing_signed_at", "incoming_signed_at", "state"})
    _guard_create_fields = frozenset({"permit_id", "outgoing_id"})
    _guard_deletable_states = frozenset({"open"})

    def _guard_is_frozen(self):
        return bool(self.outgoing_signed_at or self.incoming_signed_at)

    def _guard_frozen_message(self):
        return self.env._("A signed handover cannot change.")

    def _guard_action_message(self, names):
        return self.env._("Each lead signs with the 'Sign' action.")

    def _guard_check_created(self):
        self._check_outgoing_is_lead()

    def _check_outgoing_is_lead(self):
        """Only the current lead (the permit's performing authority) hands the work over."""
        for handover in self:
            if handover.outgoing_id != handover.permit_id.performing_authority_id:
                raise ValidationError(self.env._(
                    "%(name)s is not the current lead of %(permit)s: only %(lead)s hands "
                    "over.", name=handover.outgoing_id.name, permit=handover.permit_id.name,
                    lead=handover.permit_id.performing_authority_id.name))

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
                handover._system_write({"outgoing_signed_at": fields.Datetime.now()})
                side = "outgoing"
            elif user == handover.incoming_id.user_id and not handover.incoming_signed_at:
                handover._system_write({"incoming_signed_at": fields.Datetime.now()})
                side = "incoming"
            else:
                raise AccessError(_("Only the outgoing or the incoming lead signs, each once."))
            summary = (_("Handover signed by the outgoing lead") if side == "outgoing"
                       else _("Handover signed by the incoming lead"))
            handover._audit("handover.signed", summary,
                            {"side": side, "employee": (handover.outgoing_id if side == "outgoing"
                                                        else handover.incoming_id).id})
            if handover.outgoing_signed_at and handover.incoming_signed_at:
                handover._check_outgoing_is_lead()
                handover._system_write({"state": "done"})
                handover.permit_id._system_write(
                    {"performing_authority_id": handover.incoming_id.id})
                handover.permit_id.message_post(body=_(
                    "Shift handed over from %(out)s to %(in)s.",
                    out=handover.outgoing_id.name, **{"in": handover.incoming_id.name}))
        return True
