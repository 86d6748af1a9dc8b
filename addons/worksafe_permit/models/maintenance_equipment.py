from odoo import fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    worksafe_area_id = fields.Many2one("worksafe.area", "Work area", check_company=True)
    worksafe_energy_sources = fields.Char(
        "Energy sources", help="Stored energy to isolate (electric, pressure, gravity …).")
    worksafe_permit_ids = fields.Many2many("worksafe.permit", "worksafe_permit_equipment_rel",
                                           "equipment_id", "permit_id", "Permits")
    worksafe_permit_count = fields.Integer(compute="_compute_worksafe_permit_count")

    def _compute_worksafe_permit_count(self):
        for equipment in self:
            equipment.worksafe_permit_count = len(equipment.worksafe_permit_ids)

    def action_view_worksafe_permits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_permit.action_worksafe_permit")
        action["domain"] = [("equipment_ids", "in", self.id)]
        return action
