from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    worksafe_request_ids = fields.One2many(
        "maintenance.request", compute="_compute_worksafe_request_ids",
        string="Requests from permits",
        help="Maintenance requests of this equipment that work permits wrote to.")
    worksafe_request_count = fields.Integer("Permit request count",
                                            compute="_compute_worksafe_request_ids")

    @api.depends("maintenance_ids.worksafe_permit_ids")
    def _compute_worksafe_request_ids(self):
        requests = self.env["maintenance.request"].search(
            [("equipment_id", "in", self.ids), ("worksafe_permit_ids", "!=", False)])
        for equipment in self:
            mine = requests.filtered(lambda r, e=equipment: r.equipment_id == e)
            equipment.worksafe_request_ids = mine
            equipment.worksafe_request_count = len(mine)

    def action_view_worksafe_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action")
        action["domain"] = [("equipment_id", "=", self.id), ("worksafe_permit_ids", "!=", False)]
        action["context"] = {"default_equipment_id": self.id}
        return action
