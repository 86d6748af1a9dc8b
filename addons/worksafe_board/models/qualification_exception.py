from odoo import api, models


class WorksafeQualificationException(models.Model):
    _inherit = "worksafe.qualification.exception"

    @api.model_create_multi
    def create(self, vals_list):
        exceptions = super().create(vals_list)
        self.env["worksafe.board"]._touch(exceptions.company_id)
        return exceptions

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            self.env["worksafe.board"]._touch(self.company_id)
        return result
