from odoo import models
from odoo.exceptions import UserError


class WorksafePermitDraftLine(models.AbstractModel):
    """A line decided while its permit is a draft and fixed from submission on."""

    _name = "worksafe.permit.draft.line"
    _inherit = ["worksafe.permit.line"]
    _description = "Line of a permit fixed at submission"

    def _frozen_message(self):
        return self.env._("This part of the permit is fixed once it is submitted.")

    def _guard_is_frozen(self):
        return self.permit_id.state != "draft"

    def _guard_is_deletable(self):
        return self.permit_id.state == "draft"

    def _guard_frozen_message(self):
        return self._frozen_message()

    def _guard_delete_message(self):
        return self._frozen_message()

    def _guard_check_created(self):
        if any(line.permit_id.state != "draft" for line in self):
            raise UserError(self._frozen_message())
