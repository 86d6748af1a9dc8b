from odoo import api, models

BOARD_FIELDS = frozenset({"state", "level", "peak_level", "area_id", "permit_id"})


class WorksafeIotAlarm(models.Model):
    _inherit = "worksafe.iot.alarm"

    @api.model_create_multi
    def create(self, vals_list):
        alarms = super().create(vals_list)
        self.env["worksafe.board"]._touch(alarms.company_id)
        return alarms

    def write(self, vals):
        result = super().write(vals)
        if BOARD_FIELDS.intersection(vals):
            self.env["worksafe.board"]._touch(self.company_id)
        return result
