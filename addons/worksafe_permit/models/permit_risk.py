from odoo import api, fields, models

from ..rules import risk as risk_rules
from .template import LIKELIHOOD, SEVERITY

RISK_BANDS_PARAM = "worksafe_permit.risk_bands"
DEFAULT_RISK_BANDS = "4:low,9:medium,15:high,25:critical"


class WorksafePermitRisk(models.Model):
    _name = "worksafe.permit.risk"
    _description = "Risk assessment line"
    _inherit = ["worksafe.permit.draft.line"]
    _order = "permit_id, score desc, id"

    source = fields.Selection(
        [("work_type", "Work type"), ("site", "Site"), ("equipment", "Equipment"),
         ("people", "People"), ("manual", "Added by hand")],
        default="manual", required=True,
    )
    name = fields.Char("Hazard", required=True)
    likelihood = fields.Selection(LIKELIHOOD, required=True, default="3")
    severity = fields.Selection(SEVERITY, required=True, default="3")
    score = fields.Integer(compute="_compute_score", store=True)
    rating = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
        compute="_compute_score", store=True,
    )
    control = fields.Char("Control")

    @api.depends("likelihood", "severity")
    def _compute_score(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(
            RISK_BANDS_PARAM, DEFAULT_RISK_BANDS)
        bands = sorted((int(upper), rating) for upper, rating in
                       (part.split(":") for part in raw.split(",")))
        for line in self:
            line.score = risk_rules.risk_score(int(line.likelihood), int(line.severity))
            line.rating = risk_rules.risk_rating(line.score, bands)

    def _frozen_message(self):
        return self.env._("The risk assessment is fixed once submitted.")
