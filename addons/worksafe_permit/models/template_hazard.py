from odoo import api, fields, models

from .template import LIKELIHOOD, SEVERITY


class WorksafeTemplateHazard(models.Model):
    _name = "worksafe.template.hazard"
    _description = "Hazard of a work type"
    _order = "sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Hazard", required=True, translate=True)
    likelihood = fields.Selection(LIKELIHOOD, required=True, default="3")
    severity = fields.Selection(SEVERITY, required=True, default="3")
    control = fields.Char("Control", translate=True)

    @api.model
    def _risk_values(self):
        return [
            {"source": "work_type", "name": hazard.name, "likelihood": hazard.likelihood,
             "severity": hazard.severity, "control": hazard.control}
            for hazard in self
        ]
