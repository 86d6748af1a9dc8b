from odoo import api, fields, models
from odoo.exceptions import UserError


class WorksafePermitBriefing(models.Model):
    _name = "worksafe.permit.briefing"
    _description = "Safety briefing (安全交底)"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "briefing_time desc, id desc"

    briefer_id = fields.Many2one("hr.employee", "Briefer", required=True)
    briefing_time = fields.Datetime(default=fields.Datetime.now, required=True)
    content = fields.Text("Points covered", required=True)
    signature_ids = fields.One2many("worksafe.permit.briefing.signature", "briefing_id",
                                    "Signatures")
    complete = fields.Boolean(compute="_compute_complete", store=True)

    @api.depends("signature_ids.signed_at", "briefer_id", "permit_id.worker_ids",
                 "permit_id.watcher_ids")
    def _compute_complete(self):
        for briefing in self:
            signed = briefing.signature_ids.filtered("signed_at")
            briefer_signed = bool(signed.filtered(
                lambda s: s.role == "briefer" and s.employee_id == briefing.briefer_id))
            needed = briefing.permit_id.worker_ids | briefing.permit_id.watcher_ids
            recipients = signed.filtered(lambda s: s.role == "recipient").employee_id
            briefing.complete = briefer_signed and not (needed - recipients)

    # The signature lines are the system's; once anyone signed, the briefing is evidence.
    _guard_system_fields = frozenset({"signature_ids"})

    def _guard_is_frozen(self):
        return bool(self.signature_ids.filtered("signed_at"))

    def _guard_frozen_message(self):
        return self.env._("A signed briefing cannot change: hold a new one.")

    def _guard_check_created(self):
        for briefing in self:
            briefing.permit_id._check_can_brief()

    def _guard_check_write(self, changes):
        for briefing in self:
            briefing.permit_id._check_can_brief()

    def _guard_action_message(self, names):
        if names == {"permit_id"}:
            return self.env._("A briefing belongs to the permit it was held for.")
        return super()._guard_action_message(names)

    @api.model_create_multi
    def create(self, vals_list):
        briefings = super().create(vals_list)
        for briefing in briefings:
            if briefing.permit_id.state not in ("approved", "issued", "active", "suspended"):
                raise UserError(self.env._("Brief the crew once the permit is approved."))
            people = briefing.permit_id.worker_ids | briefing.permit_id.watcher_ids
            briefing._system_write({"signature_ids": [
                fields.Command.create({"employee_id": briefing.briefer_id.id, "role": "briefer"})
            ] + [fields.Command.create({"employee_id": e.id, "role": "recipient"})
                 for e in people]})
            briefing._audit("briefing.create", self.env._("Safety briefing held"),
                            {"briefer": briefing.briefer_id.id, "content": briefing.content})
        return briefings
