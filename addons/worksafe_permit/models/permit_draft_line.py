from odoo import api, models
from odoo.exceptions import UserError


class WorksafePermitDraftLine(models.AbstractModel):
    """A line decided while its permit is a draft and fixed from submission on."""

    _name = "worksafe.permit.draft.line"
    _inherit = ["worksafe.permit.line"]
    _description = "Line of a permit fixed at submission"

    def _frozen_message(self):
        return self.env._("This part of the permit is fixed once it is submitted.")

    def _check_draft(self):
        if not self.env.su and any(line.permit_id.state != "draft" for line in self):
            raise UserError(self._frozen_message())

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_draft()
        return lines

    def write(self, vals):
        self._check_draft()
        result = super().write(vals)
        if "permit_id" in vals:
            self._check_draft()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self._check_draft()
