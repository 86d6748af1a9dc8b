from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..rules import simops as simops_rules

# Permits that still occupy their area and window for simultaneous-operations checks.
OCCUPYING_STATES = ("submitted", "approved", "issued", "active", "suspended")


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

    # ------------------------------------------------------------------ finding conflicts
    @api.model
    def _find_for(self, permit):
        """The conflicts (rules.simops.Conflict) of `permit` with the other work that occupies
        its area and window now, whoever can read that work."""
        permit.ensure_one()
        others = permit.sudo().search([
            ("id", "!=", permit.id), ("company_id", "=", permit.company_id.id),
            ("state", "in", OCCUPYING_STATES),
            ("planned_start", "<", permit.planned_end),
            ("planned_end", ">", permit.planned_start),
        ])
        rules = self.env["worksafe.simops.rule"].sudo().search(
            [("company_id", "in", [False, permit.company_id.id])])
        return simops_rules.find_conflicts(
            permit._footprint(), [other._footprint() for other in others], rules._as_rule())

    @api.model
    def _refresh_for(self, permits):
        """Record the current conflicts of `permits`, keeping the acknowledgements of those
        that persist. Returns the conflicts found (of the last permit: callers pass one)."""
        found_list = []
        for permit in permits:
            found_list = self._find_for(permit)
            found = {(c.other_id, c.rule_id): c for c in found_list}
            existing = {(c.other_permit_id.id, c.rule_id.id): c for c in permit.conflict_ids}
            permit.conflict_ids.filtered(
                lambda c, found=found: (c.other_permit_id.id, c.rule_id.id) not in found
            ).sudo().unlink()
            new = [Command.create({"other_permit_id": key[0], "rule_id": key[1],
                                   "action": c.action, "distance_m": c.distance_m or 0.0})
                   for key, c in found.items() if key not in existing]
            if new:
                permit._system_write({"conflict_ids": new})
        return found_list
