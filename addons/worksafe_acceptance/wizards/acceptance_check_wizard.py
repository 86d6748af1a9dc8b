from odoo import fields, models

from ..rules import acceptance as rules


class WorksafeAcceptanceCheckWizard(models.TransientModel):
    """The acceptor's decision on one acceptance item, on site: pass, or fail with a note and
    a photo of what is wrong."""

    _name = "worksafe.acceptance.check.wizard"
    _description = "Acceptance site check"

    item_id = fields.Many2one("worksafe.permit.acceptance.item", required=True,
                              ondelete="cascade")
    permit_id = fields.Many2one(related="item_id.permit_id")
    item_name = fields.Char(related="item_id.name")
    requirement = fields.Char(related="item_id.requirement")
    preliminary = fields.Selection(related="item_id.preliminary")
    preliminary_reasons = fields.Char(related="item_id.preliminary_reasons")
    result = fields.Selection([(rules.PASS, "Pass"), (rules.FAIL, "Fail")], required=True,
                              default=rules.PASS)
    note = fields.Text()
    photo = fields.Binary("Photo of what is wrong")

    def _check_values(self):
        """Values the site check records beyond the result (rectification addons add theirs)."""
        self.ensure_one()
        return {}

    def action_confirm(self):
        self.ensure_one()
        self.item_id._site_check(self.result, note=self.note, photo=self.photo,
                                 **self._check_values())
        return {"type": "ir.actions.act_window_close"}
