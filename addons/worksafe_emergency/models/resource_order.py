from odoo import api, fields, models
from odoo.exceptions import UserError

# state -> the state it moves to, and the field that records when
NEXT = {"ordered": ("en_route", "en_route_at"), "en_route": ("arrived", "arrived_at")}


class WorksafeEmergencyResourceOrder(models.Model):
    """A resource called for an event (ICS 201: ordered, ETA, arrived)."""

    _name = "worksafe.emergency.resource.order"
    _description = "Resource ordered for an emergency"
    _order = "event_id, ordered_at"

    event_id = fields.Many2one("worksafe.emergency.event", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    resource_id = fields.Many2one("worksafe.emergency.resource")
    name = fields.Char(required=True, compute="_compute_name", store=True, readonly=False)
    quantity = fields.Integer(default=1)
    state = fields.Selection([("ordered", "Ordered"), ("en_route", "En route"),
                              ("arrived", "Arrived")], default="ordered", required=True,
                             readonly=True)
    ordered_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    eta = fields.Datetime("ETA")
    en_route_at = fields.Datetime(readonly=True)
    arrived_at = fields.Datetime(readonly=True)

    @api.depends("resource_id")
    def _compute_name(self):
        for order in self:
            order.name = order.name or order.resource_id.name

    @api.model_create_multi
    def create(self, vals_list):
        self.env["worksafe.emergency.event"]._check_officer()
        orders = super().create(vals_list)
        for order in orders:
            order.event_id._audit("emergency.resource", self.env._(
                "Resource ordered: %(name)s", name=order.name),
                {"order": order.id, "state": "ordered", "quantity": order.quantity})
        return orders

    def _advance(self, now=None):
        self.event_id._check_officer()
        for order in self:
            if order.state not in NEXT:
                raise UserError(self.env._("%(name)s has already arrived.", name=order.name))
            target, stamp = NEXT[order.state]
            order.sudo().write({"state": target, stamp: now or fields.Datetime.now()})
            order.event_id._audit("emergency.resource", self.env._(
                "Resource %(name)s: %(state)s", name=order.name, state=target),
                {"order": order.id, "state": target})
        return True

    def action_en_route(self):
        return self.filtered(lambda o: o.state == "ordered")._advance()

    def action_arrived(self):
        return self.filtered(lambda o: o.state == "en_route")._advance()
