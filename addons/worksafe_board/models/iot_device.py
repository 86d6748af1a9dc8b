from odoo import api, models

# what changes a device's place on the board (the positions and last-seen times the ingest
# writes in bulk are not pushed: boards pick them up at their periodic refresh)
BOARD_FIELDS = frozenset({"online", "area_id", "permit_id", "worker_id", "kind", "active",
                          "calibration_due", "bump_test_due"})


class WorksafeIotDevice(models.Model):
    _inherit = "worksafe.iot.device"

    @api.model_create_multi
    def create(self, vals_list):
        devices = super().create(vals_list)
        self.env["worksafe.board"]._touch(devices.company_id)
        return devices

    def write(self, vals):
        result = super().write(vals)
        if BOARD_FIELDS.intersection(vals):
            self.env["worksafe.board"]._touch(self.company_id)
        return result
