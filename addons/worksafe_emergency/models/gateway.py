from odoo import api, models

GATEWAY_PARAM = "worksafe_emergency.gateway_model"
DEFAULT_GATEWAY = "worksafe.emergency.gateway.log"


class WorksafeEmergencyGateway(models.AbstractModel):
    """The SMS/voice gateway contract. Web push is unreliable in mainland China (Chrome needs
    Google FCM) and Odoo SMS goes through paid IAP: a site plugs its own provider by
    inheriting this model and naming it in the system parameter
    ``worksafe_emergency.gateway_model``. The default implementation only records the
    messages (worksafe.emergency.gateway.log): no external call."""

    _name = "worksafe.emergency.gateway"
    _description = "Emergency SMS/voice gateway"

    @api.model
    def _send_messages(self, messages):
        """Send `messages`: dicts with number, body, channel ("sms" or "voice"), user_id,
        event_id. Returns the number sent. Must not raise for one bad number."""
        raise NotImplementedError

    @api.model
    def _gateway(self):
        name = self.env["ir.config_parameter"].sudo().get_param(GATEWAY_PARAM) \
            or DEFAULT_GATEWAY
        if name not in self.env or not issubclass(type(self.env[name]), type(self)):
            name = DEFAULT_GATEWAY
        return self.env[name].sudo()
