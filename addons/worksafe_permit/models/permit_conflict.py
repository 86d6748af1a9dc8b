from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class WorksafePermitConflict(models.Model):
    _name = "worksafe.permit.conflict"
    _description = "Simultaneous operations conflict"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "action, id"

    # Found by the SIMOPS check, acknowledged with its action.
    _guard_system_fields = frozenset({"other_permit_id", "rule_id", "action", "distance_m",
                                      "acknowledged_by_id", "acknowledged_at"})
    _guard_user_fields = frozenset()

    other_permit_id = fields.Many2one("worksafe.permit", required=True, ondelete="cascade")
    other_state = fields.Selection(related="other_permit_id.state")
    rule_id = fields.Many2one("worksafe.simops.rule", required=True, ondelete="cascade")
    action = fields.Selection([("block", "Forbidden"), ("coordinate", "Coordinate")],
                              required=True)
    distance_m = fields.Float("Distance (m)")
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    acknowledged_at = fields.Datetime(readonly=True)

    def action_acknowledge(self):
        for conflict in self:
            if conflict.action != "coordinate":
                raise UserError(self.env._("Forbidden combinations cannot be acknowledged."))
            if self.env.user != conflict.permit_id.coordinator_id:
                raise AccessError(self.env._("Only the named coordinator %(name)s acknowledges.",
                                             name=conflict.permit_id.coordinator_id.name or "-"))
            conflict._system_write({"acknowledged_by_id": self.env.uid,
                                   "acknowledged_at": fields.Datetime.now()})
            conflict._audit("simops.acknowledged", self.env._(
                "Coordinator acknowledged %(rule)s with %(other)s",
                rule=conflict.rule_id.name, other=conflict.other_permit_id.name),
                {"rule": conflict.rule_id.id, "other": conflict.other_permit_id.id})
        return True
