from odoo import api, fields, models

from ..rules import acceptance as rules


class WorksafeAcceptanceCheckWizard(models.TransientModel):
    """The acceptor's decision on one acceptance item, on site: pass, or fail with a note, a
    photo of what is wrong and the rectification it needs (requirement, owner, deadline,
    severity). On an item that already failed, it only opens the rectification."""

    _name = "worksafe.acceptance.check.wizard"
    _description = "Acceptance site check"

    item_id = fields.Many2one("worksafe.permit.acceptance.item", required=True,
                              ondelete="cascade")
    permit_id = fields.Many2one(related="item_id.permit_id")
    company_id = fields.Many2one(related="item_id.company_id")
    item_name = fields.Char(related="item_id.name")
    requirement_text = fields.Char(related="item_id.requirement")
    preliminary = fields.Selection(related="item_id.preliminary")
    preliminary_reasons = fields.Char(related="item_id.preliminary_reasons")
    decided = fields.Boolean(compute="_compute_decided")
    result = fields.Selection([(rules.PASS, "Pass"), (rules.FAIL, "Fail")], required=True,
                              default=rules.PASS)
    note = fields.Text()
    photo = fields.Binary("Photo of what is wrong")
    # the rectification of a failure
    rectify = fields.Boolean("Open a rectification", default=True)
    rect_requirement = fields.Text("What must be done")
    owner_id = fields.Many2one("res.users", "Owner", help="Who fixes it.",
                               domain="[('share', '=', False), "
                                      "('company_ids', 'in', company_id)]")
    deadline = fields.Date(default=lambda s: s.env["worksafe.rectification"]._default_deadline())
    severity = fields.Selection(
        [("general", "General hazard"), ("major", "Major hazard")], default="general",
        help="A major hazard (重大隐患) needs a written plan before its work starts.")

    @api.depends("item_id.result")
    def _compute_decided(self):
        for wizard in self:
            wizard.decided = bool(wizard.item_id.result)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        item = self.env["worksafe.permit.acceptance.item"].browse(values.get("item_id"))
        if item.exists() and "owner_id" in fields_list and not values.get("owner_id"):
            values["owner_id"] = item.permit_id.performing_authority_id.user_id.id or False
        return values

    def _rectification_values(self):
        self.ensure_one()
        if self.result != rules.FAIL or not self.rectify:
            return None
        return {"requirement": self.rect_requirement, "owner": self.owner_id,
                "deadline": self.deadline, "severity": self.severity}

    def action_confirm(self):
        self.ensure_one()
        if self.item_id.result:
            self.item_id._open_rectification(**self._rectification_values() or {})
        else:
            self.item_id._site_check(self.result, note=self.note, photo=self.photo,
                                     rectification=self._rectification_values())
        return {"type": "ir.actions.act_window_close"}
