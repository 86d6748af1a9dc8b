from odoo import models


class WorksafePermitGasLimit(models.Model):
    _name = "worksafe.permit.gas.limit"
    _inherit = ["worksafe.gas.limit.mixin", "worksafe.permit.draft.line"]
    _description = "Permit gas limit"

    def _frozen_message(self):
        # Gas tests are judged against these limits: they are the permit's as submitted.
        return self.env._("The gas limits of a submitted permit cannot change.")
