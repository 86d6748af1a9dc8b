from datetime import timedelta

from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    worksafe_rescue = fields.Boolean("Rescue equipment")
    worksafe_last_inspection = fields.Date("Last inspection")
    worksafe_inspection_days = fields.Integer("Inspect every (days)")
    worksafe_next_inspection = fields.Date("Next inspection",
                                           compute="_compute_worksafe_next_inspection",
                                           store=True)
    worksafe_inspection_overdue = fields.Boolean("Inspection overdue",
                                                 compute="_compute_worksafe_overdue")

    @api.depends("worksafe_last_inspection", "worksafe_inspection_days")
    def _compute_worksafe_next_inspection(self):
        for equipment in self:
            equipment.worksafe_next_inspection = (
                equipment.worksafe_last_inspection
                + timedelta(days=equipment.worksafe_inspection_days)) \
                if equipment.worksafe_last_inspection and equipment.worksafe_inspection_days \
                else False

    def _compute_worksafe_overdue(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.worksafe_inspection_overdue = bool(
                equipment.worksafe_next_inspection
                and equipment.worksafe_next_inspection < today)
