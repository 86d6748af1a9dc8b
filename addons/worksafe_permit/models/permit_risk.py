from odoo import api, fields, models
from odoo.fields import Command

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

    # ------------------------------------------------------------------ generation
    @api.model
    def _generate_for(self, permit):
        """(Re)build the generated lines of `permit`'s assessment: the template's hazards, the
        site, the equipment and the people (`permit._people_risks()`, a hook other addons
        extend). Lines added by hand stay."""
        permit.ensure_one()
        permit.risk_ids.filtered(lambda r: r.source != "manual").unlink()
        values = permit.template_id.hazard_ids._risk_values()
        values += self._site_values(permit) + self._equipment_values(permit)
        values += permit._people_risks()
        permit.risk_ids = [Command.create(v) for v in values]

    @api.model
    def _site_values(self, permit):
        _ = self.env._
        area = permit.area_id
        risks = []
        if area.fire_explosion_zone:
            risks.append({"source": "site", "likelihood": "3", "severity": "5",
                          "name": _("Flammable atmosphere possible in %(area)s",
                                    area=area.complete_name),
                          "control": _("Gas test at every point within 10 m; isolate sources")})
        if area.toxic_area:
            risks.append({"source": "site", "likelihood": "3", "severity": "5",
                          "name": _("Toxic gas may be present in %(area)s",
                                    area=area.complete_name),
                          "control": _("Toxic gas test; respiratory protection at hand")})
        if area.hazard_note:
            risks.append({"source": "site", "likelihood": "3", "severity": "3",
                          "name": area.hazard_note[:250], "control": False})
        return risks

    @api.model
    def _equipment_values(self, permit):
        _ = self.env._
        risks = []
        if not permit.equipment_ids:
            return risks
        open_requests = self.env["maintenance.request"].sudo().search([
            ("equipment_id", "in", permit.equipment_ids.ids), ("stage_id.done", "=", False),
        ])
        for equipment in permit.equipment_ids:
            if equipment.worksafe_energy_sources:
                risks.append({
                    "source": "equipment", "likelihood": "3", "severity": "4",
                    "name": _("Stored energy in %(equipment)s: %(energy)s",
                              equipment=equipment.name,
                              energy=equipment.worksafe_energy_sources),
                    "control": _("Lock out, tag out and verify zero energy"),
                })
            if equipment in open_requests.equipment_id:
                risks.append({
                    "source": "equipment", "likelihood": "3", "severity": "3",
                    "name": _("%(equipment)s has an open maintenance request",
                              equipment=equipment.name),
                    "control": _("Confirm its state with maintenance before work"),
                })
        return risks
