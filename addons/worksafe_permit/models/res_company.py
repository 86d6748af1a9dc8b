from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

from .template import INDUSTRIES


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
