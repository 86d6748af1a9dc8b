from odoo import api, models


class WorksafePermitConflict(models.Model):
    _inherit = "worksafe.permit.conflict"

    @api.model_create_multi
    def create(self, vals_list):
        conflicts = super().create(vals_list)
        self.env["worksafe.board"]._touch(conflicts.permit_id.company_id)
        return conflicts

    def write(self, vals):
        result = super().write(vals)
        self.env["worksafe.board"]._touch(self.permit_id.company_id)
        return result

    @api.ondelete(at_uninstall=False)
    def _board_touch_on_delete(self):
        self.env["worksafe.board"]._touch(self.permit_id.company_id)
