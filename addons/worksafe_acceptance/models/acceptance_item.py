from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..exceptions import AcceptorRefused, DecisionRefused
from ..rules import acceptance as rules
from .template_step_criterion import CRITERION_BOUNDS, CRITERION_FIELDS, CRITERION_KINDS

VERDICTS = [(rules.PASS, "Pass"), (rules.FAIL, "Fail"), (rules.INCOMPLETE, "Incomplete")]
RESULTS = [(rules.PASS, "Passed"), (rules.FAIL, "Failed")]
# The evidence the crew leaves, until the item is checked on site.
EVIDENCE_FIELDS = frozenset({"attachment_ids", "measured_value", "answer"})
# The acceptor's decision: written only by the site check (_site_check).
DECISION_FIELDS = frozenset({"result", "site_note", "site_photo", "checked_by_id",
                             "checked_at", "rectification_id"})
# Permit states in which the crew records evidence.
EVIDENCE_STATES = ("active", "handed_back")


class WorksafePermitAcceptanceItem(models.Model):
    """One acceptance criterion of a permit, copied from its template's closure step at
    submission: the crew's evidence, the preliminary verdict it gives, and the acceptor's
    decision on site."""

    _name = "worksafe.permit.acceptance.item"
    _description = "Acceptance item"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "permit_id, step_sequence, sequence, id"

    permit_state = fields.Selection(related="permit_id.state", string="Permit state")
    step_id = fields.Many2one("worksafe.permit.step", "Step", required=True, readonly=True,
                              ondelete="cascade", index=True)
    step_sequence = fields.Integer("Step sequence", related="step_id.sequence", store=True)
    # --- the criterion (from the template)
    sequence = fields.Integer(readonly=True)
    name = fields.Char("Criterion", required=True, readonly=True)
    kind = fields.Selection(CRITERION_KINDS, required=True, readonly=True)
    photo_count = fields.Integer("Photos required", readonly=True)
    photo_subject = fields.Char("Photo of", readonly=True)
    unit = fields.Char(readonly=True)
    bound = fields.Selection(CRITERION_BOUNDS, "Limit", readonly=True)
    value_min = fields.Float("Minimum", digits=(16, 3), readonly=True)
    value_max = fields.Float("Maximum", digits=(16, 3), readonly=True)
    reference = fields.Char(readonly=True)
    requirement = fields.Char("Requirement", compute="_compute_requirement")
    # --- the crew's evidence
    attachment_ids = fields.Many2many("ir.attachment", "worksafe_acceptance_item_attachment_rel",
                                      "item_id", "attachment_id", "Photos")
    photo_done = fields.Integer("Photos taken", compute="_compute_photo_done")
    measured_value = fields.Float("Measured value", digits=(16, 3))
    measured = fields.Boolean("Value entered", readonly=True)
    answer = fields.Selection([("yes", "Yes"), ("no", "No")])
    evidence_user_ids = fields.Many2many("res.users", "worksafe_acceptance_item_evidence_rel",
                                         "item_id", "user_id", "Evidence recorded by",
                                         readonly=True)
    evidence_at = fields.Datetime("Evidence recorded at", readonly=True)
    # --- what the evidence says
    preliminary = fields.Selection(VERDICTS, "Preliminary verdict", compute="_compute_preliminary",
                                   store=True)
    preliminary_reasons = fields.Char("Why", compute="_compute_preliminary", store=True)
    # --- the acceptor's site check
    result = fields.Selection(RESULTS, "Site check", readonly=True, copy=False)
    site_note = fields.Text("Acceptor's note", readonly=True, copy=False)
    site_photo = fields.Binary("Photo of the failure", attachment=True, readonly=True,
                               copy=False)
    checked_by_id = fields.Many2one("res.users", "Checked by", readonly=True, copy=False)
    checked_at = fields.Datetime("Checked at", readonly=True, copy=False)
    # --- what mends a failed item
    rectification_id = fields.Many2one("worksafe.rectification", "Rectification", readonly=True,
                                       copy=False, index="btree_not_null", ondelete="restrict")
    rectification_state = fields.Selection(related="rectification_id.state",
                                           string="Rectification state")
    needs_rectification = fields.Boolean(
        "Needs a rectification", compute="_compute_needs_rectification",
        help="Failed on site and no rectification (other than a cancelled one) mends it.")

    # ------------------------------------------------------------------ computes
    @api.depends("attachment_ids.mimetype")
    def _compute_photo_done(self):
        for item in self:
            item.photo_done = len(item.attachment_ids.filtered(
                lambda a: (a.mimetype or "").startswith("image/")))

    @api.depends("result", "rectification_id.state")
    def _compute_needs_rectification(self):
        for item in self:
            item.needs_rectification = item.result == rules.FAIL and not item._rectified()

    def _rectified(self):
        """A rectification that is not cancelled mends this item (its own verification is
        the rectification addon's rule)."""
        self.ensure_one()
        return bool(self.rectification_id) and self.rectification_id.sudo().state != "cancelled"

    @api.depends("kind", "bound", "value_min", "value_max", "unit", "photo_count",
                 "photo_subject")
    def _compute_requirement(self):
        for item in self:
            item.requirement = item._requirement_text()

    def _requirement_text(self):
        """What the criterion asks, in words ("≥ 0.5 MΩ · 1 photo of the guard")."""
        self.ensure_one()
        _ = self.env._
        parts = []
        unit = f" {self.unit}" if self.unit else ""
        if self.kind == rules.MEASUREMENT:
            low, high = f"{self.value_min:g}{unit}", f"{self.value_max:g}{unit}"
            parts.append({rules.AT_LEAST: f"≥ {low}", rules.AT_MOST: f"≤ {high}",
                          rules.BETWEEN: f"{low} – {high}"}.get(self.bound, ""))
        elif self.kind == rules.CHECK:
            parts.append(_("yes / no"))
        if self.photo_count:
            parts.append(_("%(count)s photo(s) of %(subject)s", count=self.photo_count,
                           subject=self.photo_subject or self.name))
        return " · ".join(p for p in parts if p)

    def _as_criterion(self):
        self.ensure_one()
        return rules.Criterion(kind=self.kind, photo_count=self.photo_count, bound=self.bound,
                               value_min=self.value_min, value_max=self.value_max)

    def _as_evidence(self):
        self.ensure_one()
        return rules.Evidence(
            photos=self.photo_done,
            value=self.measured_value if self.measured else None,
            answer={"yes": True, "no": False}.get(self.answer))

    @api.depends("kind", "photo_count", "bound", "value_min", "value_max",
                 "attachment_ids.mimetype", "measured", "measured_value", "answer")
    def _compute_preliminary(self):
        _ = self.env._
        labels = {
            rules.PHOTOS_MISSING: _("photos missing"),
            rules.VALUE_MISSING: _("no value entered"),
            rules.VALUE_BELOW_MIN: _("value below the minimum"),
            rules.VALUE_ABOVE_MAX: _("value above the maximum"),
            rules.UNANSWERED: _("not answered"),
            rules.ANSWERED_NO: _("answered no"),
        }
        for item in self:
            criterion, evidence = item._as_criterion(), item._as_evidence()
            item.preliminary = rules.item_verdict(criterion, evidence)
            item.preliminary_reasons = ", ".join(
                labels[code] for code in rules.problems(criterion, evidence))

    # ------------------------------------------------------------------ guard
    _guard_system_fields = frozenset(CRITERION_FIELDS) | DECISION_FIELDS | {
        "step_id", "measured", "evidence_user_ids", "evidence_at"}
    _guard_user_fields = EVIDENCE_FIELDS
    _guard_attachments_are_evidence = True

    def _guard_is_frozen(self):
        return bool(self.result) or self.permit_id.state not in EVIDENCE_STATES

    def _guard_frozen_message(self):
        return self.env._("Acceptance item '%(item)s' has been checked on site (or its permit "
                          "is no longer at hand-back): its evidence is kept as it is.",
                          item=self.name)

    def _guard_action_message(self, names):
        return self.env._("An acceptance item's criterion comes from the template and its "
                          "decision from the acceptor's site check: %(fields)s.",
                          fields=self._guard_labels(names))

    def _guard_check_write(self, changes):
        """The evidence is the crew's (performing authority, workers, watchers), or a safety
        officer's, while the permit is at hand-back."""
        user = self.env.user
        officer = user.has_group("worksafe_permit.group_worksafe_safety_officer")
        for item in self:
            if not (officer or item.permit_id._is_on_crew(user)):
                raise AccessError(self.env._(
                    "The evidence of '%(item)s' is recorded by the crew of %(permit)s.",
                    item=item.name, permit=item.permit_id.name))

    def _check_own_evidence(self, attachments):
        """Photos are uploaded to the item itself, by the person recording them: a file of
        another record, company or person is not this item's evidence."""
        foreign = self._guard_foreign_evidence(attachments)
        if foreign:
            raise AccessError(self.env._(
                "Photos of '%(item)s' are uploaded to the item itself: %(files)s belong to "
                "other records.", item=self.name, files=", ".join(foreign.mapped("name"))))

    def write(self, vals):
        # 0.0 is a measurement too: entering it on an unmeasured item is a change, although
        # the column already reads 0.0
        first_entry = self.filtered(lambda i: not i.measured) \
            if "measured_value" in vals and not self.env.su else self.browse()
        vals, changed = self._guard_effective_vals(vals)
        if first_entry and "measured_value" not in changed:
            for item in first_entry:
                if item._guard_is_frozen():
                    raise UserError(item._guard_frozen_message())
            first_entry._guard_check_write({"measured_value"})
            changed.add("measured_value")
        evidence = changed & EVIDENCE_FIELDS
        if "attachment_ids" in evidence:
            before = {item.id: set(item.attachment_ids.ids) for item in self}
        result = super().write(vals)
        if evidence and not self.env.su:
            for item in self:
                added = item.attachment_ids.filtered(lambda a: a.id not in before[item.id]) \
                    if "attachment_ids" in evidence else self.env["ir.attachment"]
                item._check_own_evidence(added)
                item._system_write({
                    "measured": item.measured or "measured_value" in evidence,
                    "evidence_user_ids": [fields.Command.link(self.env.uid)],
                    "evidence_at": fields.Datetime.now(),
                })
                item._audit("acceptance.evidence", self.env._(
                    "Acceptance evidence: %(item)s", item=item.name), {
                    "item": item.id, "fields": sorted(evidence),
                    "value": item.measured_value if item.measured else None,
                    "answer": item.answer or None,
                    "photos": [{"id": a.id, "sha1": a.checksum} for a in added],
                    "preliminary": item.preliminary,
                })
        return result

    # ------------------------------------------------------------------ site check
    def _is_performer(self, user):
        """Who did the work or recorded this item's evidence: never its acceptor."""
        self.ensure_one()
        permit = self.permit_id
        return permit._is_performing(user) or bool(permit.worker_ids.user_id & user) \
            or user in self.evidence_user_ids

    def _acceptor_blockers(self, user):
        """Why `user` may not check this item on site (rules.blockers.Blocker items)."""
        self.ensure_one()
        _ = self.env._
        permit = self.permit_id
        has_role = user.has_group("worksafe_permit.group_worksafe_safety_officer") \
            or user in permit._area_authorities()
        messages = {
            rules.ACCEPTOR_IS_PERFORMER: _(
                "%(user)s did the work of %(permit)s or recorded the evidence of '%(item)s': "
                "another person accepts it.", user=user.name, permit=permit.name,
                item=self.name),
            rules.ACCEPTOR_ROLE_MISSING: _(
                "Work is accepted by a safety officer or the authority of %(area)s.",
                area=permit.area_id.complete_name),
        }
        return [permit._blocker(code, messages[code]) for code in rules.acceptor_refusals(
            is_performer=self._is_performer(user), has_role=has_role)]

    def _decision_blockers(self, result, note, photo):
        self.ensure_one()
        _ = self.env._
        messages = {
            rules.PERMIT_NOT_HANDED_BACK: _(
                "%(permit)s has not been handed back: work is accepted after hand-back.",
                permit=self.permit_id.name),
            rules.ALREADY_DECIDED: _("'%(item)s' has already been checked on site.",
                                     item=self.name),
            rules.EVIDENCE_NOT_PASSING: _(
                "The evidence of '%(item)s' does not pass (%(why)s): the crew completes it, or "
                "the item fails.", item=self.name, why=self.preliminary_reasons or "-"),
            rules.FAIL_NOTE_MISSING: _("Say what is wrong with '%(item)s'.", item=self.name),
            rules.FAIL_PHOTO_MISSING: _("Take a photo of what is wrong with '%(item)s'.",
                                        item=self.name),
        }
        codes = rules.decision_refusals(
            result, self.preliminary, decided=bool(self.result),
            handed_back=self.permit_id.state == "handed_back",
            has_note=bool(note and note.strip()), has_photo=bool(photo))
        return [self.permit_id._blocker(code, messages[code]) for code in codes]

    def _site_check(self, result, note=False, photo=False, rectification=None):
        """The acceptor's decision on one item, as the current user; locks the item. A failed
        item opens its rectification when `rectification` gives its values (requirement,
        owner, deadline, severity: see `_open_rectification`)."""
        _ = self.env._
        user = self.env.user
        for item in self:
            blockers = item._acceptor_blockers(user)
            if blockers:
                raise AcceptorRefused(_("You cannot accept this work:") + "\n• " + "\n• ".join(
                    b.message for b in blockers), blockers)
            blockers = item._decision_blockers(result, note, photo)
            if blockers:
                raise DecisionRefused(
                    _("This result cannot be recorded:") + "\n• " + "\n• ".join(
                        b.message for b in blockers), blockers)
            now = fields.Datetime.now()
            item._system_write({"result": result, "site_note": note or False,
                                "site_photo": photo or False, "checked_by_id": user.id,
                                "checked_at": now})
            passed = result == rules.PASS
            summary = (_("Accepted on site: %(item)s", item=item.name) if passed
                       else _("Failed on site: %(item)s", item=item.name))
            item._audit(f"acceptance.{result}", summary, {
                "item": item.id, "criterion": item.name, "result": result,
                "preliminary": item.preliminary, "note": note or None,
                "photo": item.sudo().with_context(bin_size=False)._site_photo_checksum(),
            })
            body = summary if not note else _("%(summary)s (%(note)s)", summary=summary,
                                                 note=note)
            item.permit_id.message_post(body=body)
            if result == rules.FAIL and rectification:
                item._open_rectification(**rectification)
            item.permit_id._acceptance_after_check()
        return True

    def _check_can_rectify(self):
        """A failed item's rectification is opened by its acceptor or a safety officer."""
        user = self.env.user
        for item in self:
            if item.result != rules.FAIL:
                raise UserError(self.env._(
                    "'%(item)s' has not failed its site check: there is nothing to rectify.",
                    item=item.name))
            if item._rectified():
                raise UserError(self.env._(
                    "'%(item)s' is already being rectified (%(rect)s).", item=item.name,
                    rect=item.rectification_id.name))
            if not (item.checked_by_id == user
                    or user.has_group("worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(self.env._(
                    "The rectification of '%(item)s' is opened by its acceptor or a safety "
                    "officer.", item=item.name))

    def _open_rectification(self, requirement=None, owner=None, deadline=None,
                            severity="general"):
        """Open the rectification of this failed item (worksafe_rectification's
        `_open_from`), owned by `owner` (by default the performing authority) by `deadline`."""
        self.ensure_one()
        self._check_can_rectify()
        requirement = (requirement or "").strip() or self.env._(
            "Rectify '%(item)s': %(note)s", item=self.name, note=self.site_note or "")
        rect = self.env["worksafe.rectification"]._open_from(
            self, requirement, owner=owner or None, deadline=deadline or None,
            severity=severity or "general", source_type="acceptance")
        self._system_write({"rectification_id": rect.id})
        self._audit("acceptance.rectification", self.env._(
            "Rectification %(rect)s opened for %(item)s", rect=rect.name, item=self.name), {
            "item": self.id, "rectification": rect.id, "name": rect.name,
            "owner": rect.owner_id.id, "deadline": fields.Date.to_string(rect.deadline),
            "severity": rect.severity})
        self.permit_id.message_post(body=self.env._(
            "Rectification %(rect)s opened for '%(item)s', owner %(owner)s, due %(deadline)s.",
            rect=rect.name, item=self.name, owner=rect.owner_id.name,
            deadline=fields.Date.to_string(rect.deadline)))
        return rect

    def action_open_rectification_wizard(self):
        self.ensure_one()
        self._check_can_rectify()
        return {
            "type": "ir.actions.act_window", "res_model": "worksafe.acceptance.check.wizard",
            "name": self.env._("Open a rectification"), "view_mode": "form", "target": "new",
            "context": {"default_item_id": self.id, "default_result": rules.FAIL},
        }

    def action_view_rectification(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.rectification",
                "res_id": self.rectification_id.id, "view_mode": "form"}

    def _site_photo_checksum(self):
        attachment = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("res_field", "=", "site_photo")], limit=1)
        return attachment.checksum or None

    def action_open_check_wizard(self):
        self.ensure_one()
        result = self.env.context.get("acceptance_result", rules.PASS)
        return {
            "type": "ir.actions.act_window", "res_model": "worksafe.acceptance.check.wizard",
            "name": self.env._("Accept on site") if result == rules.PASS
            else self.env._("Fail on site"),
            "view_mode": "form", "target": "new",
            "context": {"default_item_id": self.id, "default_result": result},
        }
