from odoo import api, fields, models
from odoo.fields import Command

from ..rules import acceptance as rules

ACCEPTANCE_STATES = [
    (rules.NOT_REQUIRED, "No acceptance criteria"),
    (rules.PENDING, "Awaiting acceptance"),
    (rules.PASSED, "Accepted"),
    (rules.FAILED, "Failed acceptance"),
]


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    acceptance_item_ids = fields.One2many("worksafe.permit.acceptance.item", "permit_id",
                                          "Acceptance items", copy=False)
    acceptance_state = fields.Selection(
        ACCEPTANCE_STATES, "Acceptance", compute="_compute_acceptance_state", store=True,
        index=True, help="The acceptor's site check over the acceptance items.")
    acceptance_preliminary = fields.Selection(
        [(rules.PASS, "Pass"), (rules.FAIL, "Fail"), (rules.INCOMPLETE, "Incomplete")],
        "Preliminary verdict", compute="_compute_acceptance_preliminary",
        help="What the crew's evidence says, before the acceptor's site check.")

    @api.depends("acceptance_item_ids.result")
    def _compute_acceptance_state(self):
        for permit in self:
            permit.acceptance_state = rules.site_check_state(
                item.result or None for item in permit.acceptance_item_ids)

    @api.depends("acceptance_item_ids.preliminary")
    def _compute_acceptance_preliminary(self):
        for permit in self:
            items = permit.acceptance_item_ids
            permit.acceptance_preliminary = rules.overall_verdict(
                items.mapped("preliminary")) if items else False

    def _build_steps(self):
        """The closure steps' acceptance criteria come with the steps, frozen at submission."""
        result = super()._build_steps()
        for permit in self:
            template_steps = permit.template_id._steps_for_variant(permit.variant_id)
            # _build_steps creates the steps in the template's order
            commands = []
            for template_step, step in zip(template_steps, permit.step_ids.sorted("id"),
                                           strict=True):
                for criterion in template_step.criterion_ids:
                    commands.append(Command.create(dict(criterion._item_values(),
                                                        step_id=step.id)))
            if commands:
                permit._system_write({"acceptance_item_ids": commands})
        return result

    def _get_blockers(self, stage, now=None, **options):
        """Closing: the acceptance is done, and every failed item has its rectification
        (worksafe_rectification blocks those not verified yet)."""
        blockers = super()._get_blockers(stage, now, **options)
        if stage == "close":
            blockers += self._acceptance_close_blockers()
        return blockers

    def _acceptance_close_blockers(self):
        self.ensure_one()
        _ = self.env._
        items = self.acceptance_item_ids
        codes = rules.close_blockers((item.result or None, item._rectified()) for item in items)
        messages = {
            rules.ACCEPTANCE_PENDING: lambda: _(
                "Acceptance not done: %(items)s still to be checked on site.",
                items=", ".join(items.filtered(lambda i: not i.result).mapped("name"))),
            rules.FAILED_WITHOUT_RECTIFICATION: lambda: _(
                "Failed acceptance items without a rectification: %(items)s.",
                items=", ".join(items.filtered("needs_rectification").mapped("name"))),
        }
        return [self._blocker(code, messages[code](), url=self._blocker_url(),
                              label=_("Open the acceptance")) for code in codes]

    def _acceptance_after_check(self):
        """Once every item is decided, the acceptance is recorded on the permit."""
        self.ensure_one()
        if self.acceptance_state not in (rules.PASSED, rules.FAILED):
            return
        _ = self.env._
        items = self.acceptance_item_ids
        summary = _("Acceptance passed") if self.acceptance_state == rules.PASSED \
            else _("Acceptance failed: %(items)s", items=", ".join(
                items.filtered(lambda i: i.result == rules.FAIL).mapped("name")))
        self._audit("acceptance.done", summary, {
            "state": self.acceptance_state,
            "items": [[item.id, item.result] for item in items],
            "acceptors": sorted(set(items.checked_by_id.ids)),
        })
        self.message_post(body=summary)
