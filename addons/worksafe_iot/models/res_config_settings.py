from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    worksafe_iot_site = fields.Char(related="company_id.worksafe_iot_site", readonly=False)
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
