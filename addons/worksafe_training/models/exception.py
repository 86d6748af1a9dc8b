from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .authorisation import SAFETY_OFFICER


class WorksafeQualificationException(models.Model):
    """The only way around a failed qualification check: requested with a reason, approved by a
    safety officer other than the requester, valid for one permit, recorded in the audit
    trail."""

    _name = "worksafe.qualification.exception"
    _description = "Qualification exception"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "create_date desc, id desc"

    permit_id = fields.Many2one("worksafe.permit", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="permit_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True,
                                  ondelete="restrict")
    requirement_id = fields.Many2one(
        "worksafe.qualification.requirement", "Requirement waived", ondelete="restrict",
        help="Leave empty to waive every requirement of this person on this permit.")
    reason = fields.Text(required=True)
    compensating_measures = fields.Text(
        help="What replaces the missing qualification (e.g. a qualified person alongside).")
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested", required=True, readonly=True, tracking=True, index=True)
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)
    decided_by_id = fields.Many2one("res.users", "Decided by", readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_note = fields.Text(readonly=True)

    DECISION_FIELDS = frozenset({"state", "decided_by_id", "decided_at", "decision_note",
                                 "requested_by_id"})
    _guard_system_fields = DECISION_FIELDS
    _guard_create_fields = frozenset({"permit_id", "employee_id"})
    _guard_user_fields = frozenset({"requirement_id", "reason", "compensating_measures"})
    _guard_deletable_states = frozenset({"requested"})

    def _guard_is_frozen(self):
        return self.state != "requested"

    def _guard_action_message(self, names):
        return self.env._("An exception is requested first, then decided by another safety "
                          "officer with the 'Approve' or 'Refuse' action.")

    def _guard_frozen_message(self):
        return self.env._("A decided exception cannot change.")

    def _guard_delete_message(self):
        return self.env._("A decided exception is kept for the record.")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            record._audit("qualification.exception_requested", self.env._(
                "Qualification exception requested for %(name)s", name=record.employee_id.name),
                record._audit_values())
        return records

    def _audit_values(self):
        self.ensure_one()
        return {"employee": self.employee_id.id,
                "requirement": self.requirement_id.id or False,
                "reason": self.reason, "measures": self.compensating_measures or False,
                "state": self.state}

    def _decide(self, state, note=False):
        user = self.env.user
        if not user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer decides on exceptions."))
        for record in self:
            if record.state != "requested":
                raise UserError(self.env._("This exception was already decided."))
            if record.requested_by_id == user:
                raise AccessError(self.env._(
                    "Another safety officer must decide on an exception you requested."))
            if record.employee_id.user_id == user:
                raise AccessError(self.env._(
                    "Another safety officer must decide on an exception that names you."))
            record._system_write({"state": state, "decided_by_id": user.id,
                                 "decided_at": fields.Datetime.now(), "decision_note": note})
            name = record.employee_id.name
            summary = (self.env._("Qualification exception approved for %(name)s", name=name)
                       if state == "approved" else
                       self.env._("Qualification exception refused for %(name)s", name=name))
            record._audit(f"qualification.exception_{state}", summary, record._audit_values())
            record.permit_id.message_post(body=summary)
        return True

    def action_approve(self):
        return self._decide("approved")

    def action_refuse(self):
        return self._decide("refused")

    @api.constrains("requirement_id", "permit_id")
    def _check_requirement(self):
        for record in self:
            if record.requirement_id and \
                    record.requirement_id.work_type_id != record.permit_id.work_type_id:
                raise ValidationError(self.env._(
                    "The requirement waived must be one of the permit's work type."))
