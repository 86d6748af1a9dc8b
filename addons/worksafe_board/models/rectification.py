from odoo import api, models

BOARD_FIELDS = frozenset({"state", "deadline", "area_id", "permit_id", "owner_id",
                          "severity"})


class WorksafeRectification(models.Model):
    _inherit = "worksafe.rectification"

    @api.model_create_multi
    def create(self, vals_list):
        rectifications = super().create(vals_list)
        self.env["worksafe.board"]._touch(rectifications.company_id)
        return rectifications

    def write(self, vals):
        result = super().write(vals)
        if BOARD_FIELDS.intersection(vals):
            self.env["worksafe.board"]._touch(self.company_id)
        return result
