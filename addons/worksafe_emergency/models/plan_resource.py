from odoo import api, fields, models


class WorksafeEmergencyResource(models.Model):
    """An entry of the plan's equipment/material register, a team or an outside contact
    (GB/T 29639-2020 annexes)."""

    _name = "worksafe.emergency.resource"
    _description = "Emergency resource"
    _order = "plan_id, kind, name"
    _check_company_auto = True

    plan_id = fields.Many2one("worksafe.emergency.plan", required=True, index=True,
                              ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    kind = fields.Selection([("equipment", "Rescue equipment"), ("material", "Material"),
                             ("team", "Team"), ("contact", "Outside contact")],
                            required=True, default="equipment")
    name = fields.Char(required=True, translate=True)
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", check_company=True)
    model = fields.Char()
    performance = fields.Char()
    quantity = fields.Integer(default=1)
    location = fields.Char()
    conditions = fields.Char("Transport and use conditions")
    custodian_id = fields.Many2one("res.users", "Custodian")
    phone = fields.Char()
    next_inspection = fields.Date(related="equipment_id.worksafe_next_inspection")
    inspection_overdue = fields.Boolean(related="equipment_id.worksafe_inspection_overdue")

    @api.model_create_multi
    def create(self, vals_list):
        resources = super().create(vals_list)
        resources._resource_changed()
        return resources

    @api.ondelete(at_uninstall=False)
    def _revision_on_removal(self):
        self._resource_changed()

    def _resource_changed(self):
        """应急条例 Art. 6: a change of the resources of an approved plan opens a revision."""
        for plan in self.plan_id.filtered(lambda p: p.state == "approved"):
            plan._open_revision("resource", self.env._("Resources of the plan changed."))
