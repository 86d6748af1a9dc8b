from odoo import fields, models

from .authorisation import REMINDER_DAYS, TEMP_MAX_DAYS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    worksafe_reminder_days = fields.Integer(
        "Remind of expiries within (days)", config_parameter=REMINDER_DAYS, default=30,
        help="Certificates and authorisations expiring within this horizon raise an activity "
        "and a mail to the contractor company.")
    worksafe_temporary_max_days = fields.Integer(
        "Temporary authorisations last at most (days)", config_parameter=TEMP_MAX_DAYS,
        default=7)
