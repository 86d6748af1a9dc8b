from odoo import api, models

# what the board counts of a roll-call line
BOARD_FIELDS = frozenset({"status", "muster_point_id", "event_id"})


class WorksafeEmergencyMusterLine(models.Model):
    _inherit = "worksafe.emergency.muster.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["worksafe.board"]._touch(lines.event_id.company_id)
        return lines

    def write(self, vals):
        result = super().write(vals)
        if BOARD_FIELDS.intersection(vals):
            self.env["worksafe.board"]._touch(self.event_id.company_id)
        return result
