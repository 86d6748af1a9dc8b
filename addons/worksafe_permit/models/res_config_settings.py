

from odoo import api, fields, models

from .audit_anchor import ANCHOR_EMAIL, ANCHOR_FILE, ANCHOR_WEBHOOK

NIGHT_START = "worksafe_permit.night_start_hour"
NIGHT_END = "worksafe_permit.night_end_hour"
REST_WEEKDAYS = "worksafe_permit.rest_weekdays"
# Shipped as a data record (GBZ 159: 20 °C, 101.3 kPa -> 24.04 L/mol), edited in the settings.
MOLAR_VOLUME = "worksafe_permit.molar_volume"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Company settings: GB 30871 raises hot work one level "at night" and on rest days
    # without defining the hours, so each company sets them.
    worksafe_night_start_hour = fields.Float(
        "Night starts at", config_parameter=NIGHT_START, default=18.0)
    worksafe_night_end_hour = fields.Float(
        "Night ends at", config_parameter=NIGHT_END, default=8.0)
    worksafe_industry = fields.Selection(related="company_id.worksafe_industry",
                                         readonly=False)
    worksafe_rest_weekdays = fields.Char(
        "Rest days", config_parameter=REST_WEEKDAYS, default="5,6",
        help="Weekday numbers, Monday = 0 (5,6 = Saturday and Sunday).")
    # Database-wide, as the audit chain is one chain for the whole database.
    worksafe_audit_anchor_file = fields.Char(
        "Anchor file", config_parameter=ANCHOR_FILE,
        help="Absolute path of a file on the server (ideally on another disk or a mounted "
        "share) to which each anchor is appended as one JSON line.")
    worksafe_audit_anchor_email = fields.Char(
        "Anchor e-mail", config_parameter=ANCHOR_EMAIL,
        help="Address that receives each anchor by e-mail.")
    worksafe_audit_anchor_webhook = fields.Char(
        "Anchor webhook", config_parameter=ANCHOR_WEBHOOK,
        help="URL that receives each anchor as a JSON POST.")

    worksafe_molar_volume = fields.Float(
        "Molar volume for ppm ↔ mg/m³ (L/mol)", config_parameter=MOLAR_VOLUME, digits=(6, 3),
        help="Reference conditions of the mg/m³ gas limits. GBZ 2.1 limits refer to GBZ 159's "
        "standard sampling volume, 20 °C and 101.3 kPa: 24.04 L/mol (25 °C would be 24.45). "
        "Readings in ppm are compared with mg/m³ limits (and back) with this value; left empty, "
        "such readings count as not comparable.")

    @api.model
    def _worksafe_molar_volume(self):
        """The configured molar volume, or None when unset or unusable: a reading that needs
        it then counts as not comparable (a failed test), never as converted with a guess."""
        value = self.env["ir.config_parameter"].sudo().get_param(MOLAR_VOLUME)
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        return value if value > 0 else None

    @api.model
    def _worksafe_calendar_settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        weekdays = {int(x) for x in (get(REST_WEEKDAYS) or "5,6").split(",") if x.strip()}
        return {
            "night_start": float(get(NIGHT_START) or 18.0),
            "night_end": float(get(NIGHT_END) or 8.0),
            "rest_weekdays": weekdays,
        }

    @api.model
    def _worksafe_timezone(self, company):
        # Never the reader's own time zone: a stored level must not depend on who computed it.
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"
