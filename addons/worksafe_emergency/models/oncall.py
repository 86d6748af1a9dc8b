from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .plan_role import ROLES


class WorksafeEmergencyOncall(models.Model):
    """Who is on call for a role in a period: notified with the plan's holders."""

    _name = "worksafe.emergency.oncall"
    _description = "On-call roster entry"
    _order = "date_from desc"

    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    role = fields.Selection(ROLES, required=True)
    user_id = fields.Many2one("res.users", required=True)
    deputy_id = fields.Many2one("res.users", "Deputy")
    date_from = fields.Datetime(required=True)
    date_to = fields.Datetime(required=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for entry in self:
            if entry.date_to <= entry.date_from:
                raise ValidationError(self.env._("An on-call period ends after it starts."))

    @api.model
    def _on_call(self, company, now):
        return self.sudo().search([("company_id", "=", company.id), ("date_from", "<=", now),
                                   ("date_to", ">", now)])
