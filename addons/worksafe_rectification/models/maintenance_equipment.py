from odoo import api, fields, models
from odoo.fields import Domain


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    worksafe_rectification_ids = fields.One2many(
        "worksafe.rectification", "equipment_id", "Rectifications")
    worksafe_rectification_open_count = fields.Integer(
        "Unverified rectifications", compute="_compute_worksafe_rectification_open_count")

    @api.depends("worksafe_rectification_ids.state")
    def _compute_worksafe_rectification_open_count(self):
        Rect = self.env["worksafe.rectification"].sudo()
        counts = dict(Rect._read_group(
            Rect._unverified_domain() & Domain("equipment_id", "in", self.ids), ["equipment_id"],
            ["__count"]))
        for equipment in self:
            equipment.worksafe_rectification_open_count = counts.get(equipment, 0)

    def action_view_worksafe_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_rectification.action_worksafe_rectification")
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {"default_equipment_id": self.id}
        return action
