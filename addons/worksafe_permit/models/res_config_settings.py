from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from .template import INDUSTRIES

NIGHT_START = "worksafe_permit.night_start_hour"
NIGHT_END = "worksafe_permit.night_end_hour"
REST_WEEKDAYS = "worksafe_permit.rest_weekdays"


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


class ResCompany(models.Model):
    _inherit = "res.company"

    worksafe_industry = fields.Selection(
        INDUSTRIES, "Industry", default="general",
        help="New permits take this industry's template when one exists.")

    def _worksafe_holidays(self, date_from, date_to):
        """Public holidays of the company's working calendar that fall in the range."""
        self.ensure_one()
        leaves = self.env["resource.calendar.leaves"].sudo().search([
            ("resource_id", "=", False),
            ("company_id", "in", [False, self.id]),
            ("calendar_id", "in", [False, self.resource_calendar_id.id]),
            # a day of margin on each side covers any time zone
            ("date_from", "<=", datetime.combine(date_to, time.max) + timedelta(days=1)),
            ("date_to", ">=", datetime.combine(date_from, time.min) - timedelta(days=1)),
        ])
        tz = pytz.timezone(self.env["res.config.settings"]._worksafe_timezone(self))
        days = set()
        for leave in leaves:
            # Leaves are stored in UTC: a holiday starting at 00:00 in Shanghai starts at 16:00
            # the day before in UTC.
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                days.add(day)
                day = day.fromordinal(day.toordinal() + 1)
        return days
