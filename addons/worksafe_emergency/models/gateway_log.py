from odoo import api, fields, models


class WorksafeEmergencyGatewayLog(models.Model):
    """The test double of the SMS/voice gateway: every message is a row here."""

    _name = "worksafe.emergency.gateway.log"
    _inherit = ["worksafe.emergency.gateway"]
    _description = "Emergency message (recorded, not sent)"
    _order = "id desc"

    event_id = fields.Many2one("worksafe.emergency.event", index=True, ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    user_id = fields.Many2one("res.users", "To")
    number = fields.Char()
    channel = fields.Selection([("sms", "SMS"), ("voice", "Voice call")], default="sms")
    body = fields.Text()

    @api.model
    def _send_messages(self, messages):
        self.sudo().create([{key: message.get(key) for key in
                             ("event_id", "user_id", "number", "channel", "body")}
                            for message in messages])
        return len(messages)
