from odoo import fields, models
from odoo.exceptions import UserError

from ..rules import payload as payload_rules
from .permit import MQTT_PREFIX, mqtt_prefix


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    worksafe_iot_site = fields.Char(related="company_id.worksafe_iot_site", readonly=False)
    worksafe_iot_mqtt_prefix = fields.Char(
        "MQTT topic prefix", config_parameter=MQTT_PREFIX,
        default=payload_rules.DEFAULT_PREFIX,
        help="First level of every WorkSafe topic, for Odoo and the bridges alike (the "
        "bridges take it from their configuration).")
    worksafe_iot_warning_ratio = fields.Float(related="company_id.worksafe_iot_warning_ratio",
                                              readonly=False)
    worksafe_iot_alarm_ratio = fields.Float(related="company_id.worksafe_iot_alarm_ratio",
                                            readonly=False)
    worksafe_iot_deadband = fields.Float(related="company_id.worksafe_iot_deadband",
                                         readonly=False)
    worksafe_iot_deadband_low = fields.Float(related="company_id.worksafe_iot_deadband_low",
                                             readonly=False)
    worksafe_iot_stale_factor = fields.Float(related="company_id.worksafe_iot_stale_factor",
                                             readonly=False)
    worksafe_iot_historical_age = fields.Integer(
        related="company_id.worksafe_iot_historical_age", readonly=False)
    worksafe_iot_suspend_area = fields.Boolean(related="company_id.worksafe_iot_suspend_area",
                                               readonly=False)
    worksafe_iot_fault_action = fields.Selection(
        related="company_id.worksafe_iot_fault_action", readonly=False)

    def set_values(self):
        prefix = self.worksafe_iot_mqtt_prefix
        if prefix and not payload_rules.valid_prefix(prefix):
            raise UserError(self.env._(
                "The MQTT topic prefix %(prefix)s is not one topic level: no spaces around "
                "it, no '/', '+', '#' and not 'spBv1.0'.", prefix=prefix))
        before = mqtt_prefix(self.env)
        result = super().set_values()
        if mqtt_prefix(self.env) != before:
            # every device's topics carry the prefix: all of them, archived ones included
            # pylint: disable-next=no-search-all
            devices = self.env["worksafe.iot.device"].sudo().with_context(
                active_test=False).search([])
            self.env.add_to_compute(devices._fields["topic_base"], devices)
            devices.flush_recordset(["topic_base"])
            self.env["worksafe.permit"]._iot_config_changed()
        return result
