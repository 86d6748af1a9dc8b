from odoo import models


class WorksafePermitGasLimit(models.Model):
    _name = "worksafe.permit.gas.limit"
    _inherit = ["worksafe.gas.limit.mixin", "worksafe.permit.draft.line"]
    _description = "Permit gas limit"

    # Copied from the template when the draft is built: a gas limit's values and switches
    # (has_min, has_max, required …) decide whether a gas test passes, so nobody edits them
    # on the permit (a safety manager edits the template).
    _guard_system_only = True

    def _guard_is_deletable(self):
        return False

    def _guard_action_message(self, names):
        return self.env._("A permit's gas limits come from its template.")

    def _frozen_message(self):
        # Gas tests are judged against these limits: they are the permit's as submitted.
        return self.env._("The gas limits of a submitted permit cannot change.")
