from odoo import api, fields, models
from odoo.fields import Domain

from ..rules import blockers as rect_blockers


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    rectification_ids = fields.One2many("worksafe.rectification", "permit_id",
                                        "Rectifications")
    rectification_open_count = fields.Integer(
        "Unverified rectifications", compute="_compute_rectification_open_count",
        help="Rectifications of this permit not verified yet (open, in progress or done).")
    rectification_count = fields.Integer(compute="_compute_rectification_open_count")

    @api.depends("rectification_ids.state")
    def _compute_rectification_open_count(self):
        Rect = self.env["worksafe.rectification"].sudo()
        total = dict(Rect._read_group([("permit_id", "in", self.ids)], ["permit_id"],
                                      ["__count"]))
        open_ = dict(Rect._read_group(
            Rect._unverified_domain() & Domain("permit_id", "in", self.ids), ["permit_id"],
            ["__count"]))
        for permit in self:
            permit.rectification_count = total.get(permit, 0)
            permit.rectification_open_count = open_.get(permit, 0)

    def _get_blockers(self, stage, now=None, **options):
        blockers = super()._get_blockers(stage, now, **options)
        if stage == "close":
            Rect = self.env["worksafe.rectification"].sudo()
            unverified = Rect.search(
                Rect._unverified_domain() & Domain("permit_id", "in", self.ids))
            if unverified:
                blockers.append(self._blocker(
                    rect_blockers.UNVERIFIED,
                    self.env._("Rectifications not verified yet: %(names)s.",
                               names=", ".join(unverified.mapped("name"))),
                    url=self._blocker_url("action-worksafe_rectification."
                                          "action_worksafe_rectification_permit"),
                    label=self.env._("See the rectifications")))
        return blockers

    def action_view_rectifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_rectification.action_worksafe_rectification")
        action["domain"] = [("permit_id", "=", self.id)]
        action["context"] = {"default_permit_id": self.id,
                             "default_res_model": self._name, "default_res_id": self.id,
                             "default_source_type": "acceptance"}
        return action
