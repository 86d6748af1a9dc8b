from odoo import models

from ..rules import board as board_rules

# what a board shows of a permit
BOARD_FIELDS = frozenset({"state", "watcher_on_site_id", "area_id", "planned_end",
                          "variant_id", "suspension_reason"})


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    def write(self, vals):
        shown = self.filtered(lambda p: p.state in board_rules.BOARD_STATES) \
            if BOARD_FIELDS.intersection(vals) else self.browse()
        result = super().write(vals)
        if shown or (BOARD_FIELDS.intersection(vals) and vals.get("state") in
                     board_rules.BOARD_STATES):
            self.env["worksafe.board"]._touch((shown | self).company_id)
        return result
