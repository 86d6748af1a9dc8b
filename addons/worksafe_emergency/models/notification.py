from odoo import fields, models
from odoo.exceptions import AccessError

from .plan_role import ROLES


class WorksafeEmergencyNotification(models.Model):
    """A responder called for an event: when, how often, acknowledged when."""

    _name = "worksafe.emergency.notification"
    _description = "Emergency responder notification"
    _order = "event_id, is_deputy, id"

    event_id = fields.Many2one("worksafe.emergency.event", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    user_id = fields.Many2one("res.users", "Responder", required=True, index=True)
    role = fields.Selection(ROLES)
    deputy_id = fields.Many2one("res.users", "Deputy")
    is_deputy = fields.Boolean("Called as deputy", readonly=True)
    deputy_of_id = fields.Many2one("worksafe.emergency.notification", "Deputy of",
                                   readonly=True)
    notified_at = fields.Datetime(readonly=True)
    renotified_at = fields.Datetime("Called again at", readonly=True)
    escalated_at = fields.Datetime("Deputy called at", readonly=True)
    acked_at = fields.Datetime("Acknowledged at", readonly=True)
    send_count = fields.Integer("Calls", readonly=True)
    state = fields.Selection([("waiting", "Waiting"), ("acked", "Acknowledged")],
                             compute="_compute_state")

    _event_user_unique = models.UniqueIndex("(event_id, user_id)")

    def _compute_state(self):
        for notification in self:
            notification.state = "acked" if notification.acked_at else "waiting"

    def _done_codes(self):
        self.ensure_one()
        done = set()
        if self.renotified_at:
            done.add("renotify")
        if self.escalated_at or not self.deputy_id:
            done.add("deputy")
        return done

    def _message(self):
        event = self.event_id
        return self.env._("EMERGENCY %(event)s%(drill)s: %(what)s at %(where)s. Open the "
                          "event and acknowledge.", event=event.name,
                          drill=self.env._(" (DRILL)") if event.is_drill else "",
                          what=event.scenario_id.name, where=event.area_id.complete_name)

    def _send(self, first=False):
        """Bus (every open tab), then on the first call one mail for all and one activity
        each (created in one batch, without an assignment mail each: the mail above is the
        notice), and the SMS/voice gateway in one batch. The bus goes first: it is the
        fastest channel and the floor of the goal "responders notified within 10 s"."""
        if not self:
            return
        for event in self.event_id:
            mine = self.filtered(lambda n, e=event: n.event_id == e)
            body = mine[:1]._message()
            mine.user_id.partner_id._bus_send("simple_notification", {
                "type": "danger", "title": self.env._("WorkSafe emergency"), "message": body,
                "sticky": True})
            if first:
                event.sudo().message_notify(partner_ids=mine.user_id.partner_id.ids,
                                            body=body, subject=body[:120])
                activity_type = self.env.ref("worksafe_emergency.mail_activity_emergency_ack")
                self.env["mail.activity"].sudo().with_context(
                    mail_activity_quick_update=True).create([{
                        "res_model_id": self.env["ir.model"]._get_id(event._name),
                        "res_id": event.id, "activity_type_id": activity_type.id,
                        "user_id": n.user_id.id, "summary": body[:250],
                        "date_deadline": fields.Date.context_today(self)} for n in mine])
            self.env["worksafe.emergency.gateway"]._gateway()._send_messages([
                {"event_id": event.id, "user_id": n.user_id.id,
                 "number": n.user_id.partner_id.phone or False,
                 "channel": "voice" if n.send_count else "sms", "body": body}
                for n in mine])
        for count in set(self.mapped("send_count")):
            self.filtered(lambda n, c=count: n.send_count == c).sudo().write(
                {"send_count": count + 1})

    def _escalate(self, code, now):
        self.ensure_one()
        event = self.event_id
        if code == "renotify":
            self.sudo().write({"renotified_at": now})
            self._send()
            event._audit("emergency.renotify", self.env._("%(user)s called again",
                                                          user=self.user_id.name),
                         {"user": self.user_id.id})
        elif code == "deputy" and self.deputy_id:
            self.sudo().write({"escalated_at": now})
            deputy = self.search([("event_id", "=", event.id),
                                  ("user_id", "=", self.deputy_id.id)])
            if not deputy:
                deputy = self.sudo().create({
                    "event_id": event.id, "user_id": self.deputy_id.id, "role": self.role,
                    "is_deputy": True, "deputy_of_id": self.id, "notified_at": now})
                deputy._send(first=True)
            event._audit("emergency.escalate", self.env._("%(user)s did not answer: deputy "
                                                          "%(deputy)s called",
                                                          user=self.user_id.name,
                                                          deputy=self.deputy_id.name),
                         {"user": self.user_id.id, "deputy": self.deputy_id.id})

    def action_acknowledge(self, now=None):
        for notification in self:
            if notification.user_id != self.env.user and not self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer"):
                raise AccessError(self.env._("Only the responder acknowledges their call."))
            if notification.acked_at:
                continue
            notification.sudo().write({"acked_at": now or fields.Datetime.now()})
            event = notification.event_id.sudo()
            event.activity_ids.filtered(
                lambda a, u=notification.user_id: a.user_id == u).unlink()
            notification.event_id._audit("emergency.ack", self.env._(
                "%(user)s acknowledged", user=notification.user_id.name),
                {"user": notification.user_id.id})
        return True
