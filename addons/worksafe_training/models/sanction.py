

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .authorisation import SAFETY_OFFICER


class WorksafeSanction(models.Model):
    """A recorded consequence of a violation: a warning, or suspending or revoking an
    authorisation, always with its reason."""

    _name = "worksafe.sanction"
    _description = "Sanction"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "date_from desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True,
                                  ondelete="restrict")
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    authorisation_id = fields.Many2one(
        "worksafe.authorisation", index=True, ondelete="restrict",
        domain="[('employee_id', '=', employee_id)]")
    violation_id = fields.Many2one("worksafe.violation", ondelete="set null")
    kind = fields.Selection([("warning", "Warning"), ("suspension", "Suspend authorisation"),
                             ("revocation", "Revoke authorisation")], required=True,
                            default="warning")
    reason = fields.Text(required=True)
    date_from = fields.Datetime("From", required=True, default=fields.Datetime.now)
    date_to = fields.Datetime("Until", help="End of a suspension; empty = until lifted.")
    state = fields.Selection([("active", "In force"), ("lifted", "Lifted")], default="active",
                             required=True, readonly=True)
    issued_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)
    lifted_by_id = fields.Many2one("res.users", readonly=True)
    lifted_at = fields.Datetime(readonly=True)

    def _suspends_at(self, moment):
        self.ensure_one()
        return (self.kind == "suspension" and self.state == "active"
                and self.date_from <= moment and (not self.date_to or moment < self.date_to))

    @api.constrains("kind", "authorisation_id", "date_from", "date_to")
    def _check_sanction(self):
        for sanction in self:
            if sanction.kind != "warning" and not sanction.authorisation_id:
                raise ValidationError(self.env._("Name the authorisation to suspend or revoke."))
            if sanction.authorisation_id and \
                    sanction.authorisation_id.employee_id != sanction.employee_id:
                raise ValidationError(self.env._("The authorisation is not this person's."))
            if sanction.date_to and sanction.date_to <= sanction.date_from:
                raise ValidationError(self.env._("A suspension ends after it starts."))

    # A sanction is a record: recorded in force, lifted with its action, never edited.
    _guard_system_fields = frozenset({"state", "issued_by_id", "lifted_by_id", "lifted_at"})
    _guard_user_fields = frozenset()
    _guard_deletable_states = frozenset()

    def _guard_action_message(self, names):
        return self.env._("A sanction is a record: lift it and record a new one instead of "
                          "editing it.")

    def _guard_delete_message(self):
        return self.env._("Sanctions are kept for the record: lift them instead.")

    def _guard_check_create(self, vals_list):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer records sanctions."))

    @api.model_create_multi
    def create(self, vals_list):
        sanctions = super().create(vals_list)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for sanction in sanctions:
            if sanction.kind == "revocation":
                sanction.authorisation_id._system_write({"state": "revoked"})
            summary = self.env._("%(kind)s for %(name)s: %(reason)s", kind=kinds[sanction.kind],
                                 name=sanction.employee_id.name, reason=sanction.reason)
            sanction._audit("sanction.create", summary, {
                "employee": sanction.employee_id.id, "kind": sanction.kind,
                "authorisation": sanction.authorisation_id.id or False,
                "reason": sanction.reason,
                "from": fields.Datetime.to_string(sanction.date_from),
                "to": fields.Datetime.to_string(sanction.date_to) if sanction.date_to else False,
            })
            if sanction.authorisation_id:
                sanction.authorisation_id.message_post(body=summary)
        return sanctions

    def action_lift(self):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer lifts sanctions."))
        for sanction in self.filtered(lambda s: s.state == "active"):
            if sanction.kind == "revocation":
                raise ValidationError(self.env._(
                    "A revocation cannot be lifted: grant a new authorisation after training."))
            sanction._system_write({"state": "lifted", "lifted_by_id": self.env.uid,
                                   "lifted_at": fields.Datetime.now()})
            sanction._audit("sanction.lift", self.env._("Sanction lifted for %(name)s",
                                                        name=sanction.employee_id.name),
                            {"sanction": sanction.id})
        return True
