from odoo import api, fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    worksafe_permit_ids = fields.One2many("worksafe.permit", "maintenance_request_id",
                                          "Work permits")
    worksafe_permit_count = fields.Integer("Permit count",
                                           compute="_compute_worksafe_permit_count")

    @api.depends("worksafe_permit_ids")
    def _compute_worksafe_permit_count(self):
        data = dict(self.env["worksafe.permit"]._read_group(
            [("maintenance_request_id", "in", self.ids)], ["maintenance_request_id"],
            ["__count"]))
        for request in self:
            request.worksafe_permit_count = data.get(request, 0)

    def action_view_worksafe_permits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_permit.action_worksafe_permit")
        action["domain"] = [("maintenance_request_id", "=", self.id)]
        action["context"] = {}
        return action
