from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .template import STEP_PHASES, STEP_ROLES

# What people may write on a step themselves, until it is done: the rest is the template's
# or the system's. The checklist's items guard their own ticks.
USER_STEP_FIELDS = frozenset({"note", "attachment_ids", "signature", "check_ids"})


class WorksafePermitStep(models.Model):
    _name = "worksafe.permit.step"
    _description = "Permit step"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "permit_id, sequence, id"

    permit_state = fields.Selection(related="permit_id.state", string="Permit state")
    sequence = fields.Integer(readonly=True)
    name = fields.Char(required=True, readonly=True)
    instructions = fields.Text(readonly=True)
    condition = fields.Char(readonly=True)
    phase = fields.Selection(STEP_PHASES, required=True, readonly=True)
    role = fields.Selection(STEP_ROLES, required=True, readonly=True)
    blocking = fields.Boolean(readonly=True)
    photo_count = fields.Integer("Photos required", readonly=True)
    photo_subject = fields.Char("Photo of", readonly=True)
    gas_test_required = fields.Boolean(readonly=True)
    signature_required = fields.Boolean(readonly=True)
    check_ids = fields.One2many("worksafe.permit.step.check", "step_id", "Checklist")
    attachment_ids = fields.Many2many("ir.attachment", string="Photos and evidence")
    photo_done = fields.Integer("Photos taken", compute="_compute_photo_done")
    gas_test_id = fields.Many2one("worksafe.gas.test", readonly=True)
    signature = fields.Binary(copy=False)
    state = fields.Selection([("todo", "To do"), ("done", "Done")], default="todo",
                             required=True, readonly=True)
    done_by_id = fields.Many2one("res.users", "Done by", readonly=True)
    done_at = fields.Datetime(readonly=True)
    note = fields.Text()

    @api.depends("attachment_ids.mimetype")
    def _compute_photo_done(self):
        for step in self:
            step.photo_done = len(step.attachment_ids.filtered(
                lambda a: (a.mimetype or "").startswith("image/")))

    _guard_system_fields = frozenset({"state", "done_by_id", "done_at", "gas_test_id"})
    _guard_user_fields = USER_STEP_FIELDS
    _guard_frozen_states = frozenset({"done"})
    _guard_attachments_are_evidence = True

    def _guard_check_write(self, changes):
        """Notes, photos, signature and ticks are the step's person's, while the permit is in
        the step's phase (like the checklist's items)."""
        for step in self:
            if not step._role_allows(self.env.user) or \
                    step.permit_id.state not in step._allowed_states():
                raise AccessError(self.env._(
                    "Only the %(role)s records '%(step)s', while the step is open.",
                    role=dict(STEP_ROLES)[step.role], step=step.name))

    def _guard_action_message(self, names):
        return self.env._("A step is completed with its 'Done' action; its definition comes "
                          "from the template.")

    def _guard_frozen_message(self):
        return self.env._("Evidence of a completed step cannot change.")

    def _check_own_evidence(self, attachments):
        """Evidence is uploaded to the step itself, by the person recording it: attachments
        of other records, of other companies, of other people or already evidence of another
        step cannot be passed off as this step's photos. Nobody can move an attachment onto a
        step (ir.attachment), so one that belongs to it was created on it."""
        foreign = self._guard_foreign_evidence(attachments)
        if foreign:
            raise AccessError(self.env._(
                "Evidence of step '%(step)s' is uploaded to the step itself: %(files)s "
                "belong to other records.", step=self.name,
                files=", ".join(foreign.mapped("name"))))

    def write(self, vals):
        vals, changed = self._guard_effective_vals(vals)
        if "attachment_ids" in changed:
            before = {step.id: set(step.attachment_ids.ids) for step in self}
        result = super().write(vals)
        if "attachment_ids" in changed:
            for step in self:
                added = step.attachment_ids.filtered(lambda a: a.id not in before[step.id])
                step._check_own_evidence(added)
                if added:
                    step._audit("step.evidence", self.env._("Evidence added to %(step)s",
                                                            step=step.name),
                                {"attachments": [{"id": a.id, "name": a.name,
                                                  "sha1": a.checksum} for a in added]})
        return result

    def _role_allows(self, user):
        permit = self.permit_id
        role = self.role
        if role == "applicant":
            return user == permit.applicant_id
        if role == "performing":
            return permit._is_performing(user) or bool(permit.worker_ids.user_id & user)
        if role == "watcher":
            return permit._is_watcher(user)
        if role == "analyst":
            return user.has_group("worksafe_permit.group_worksafe_watcher")
        if role == "approver":
            return user.has_group("worksafe_permit.group_worksafe_approver")
        if role == "safety_officer":
            return user.has_group("worksafe_permit.group_worksafe_safety_officer")
        return False

    def _allowed_states(self):
        return {
            "preparation": ("approved", "issued", "suspended"),
            "execution": ("active",),
            "closure": ("active", "handed_back"),
        }[self.phase]

    def _missing_evidence(self):
        self.ensure_one()
        _ = self.env._
        missing = []
        if self.photo_done < self.photo_count:
            missing.append(_("%(count)s photo(s) of %(subject)s (have %(done)s)",
                             count=self.photo_count, subject=self.photo_subject or _("the work"),
                             done=self.photo_done))
        unchecked = self.check_ids.filtered(lambda c: not c.checked)
        if unchecked:
            missing.append(_("checklist: %(items)s", items=", ".join(unchecked.mapped("name"))))
        if self.gas_test_required:
            last = self.permit_id.last_gas_test_id
            window = self.permit_id._effective_gas_window()
            from ..rules.validity import gas_test_is_fresh

            if not (last and last.passed
                    and gas_test_is_fresh(last.sample_time, fields.Datetime.now(), window)):
                missing.append(_("a passing gas test from the last %(minutes)s minutes",
                                 minutes=window))
        if self.signature_required and not self.signature:
            missing.append(_("a signature"))
        return missing

    def action_done(self):
        _ = self.env._
        for step in self:
            if step.state == "done":
                continue
            if step.permit_id.state not in step._allowed_states():
                raise UserError(_("Step '%(step)s' cannot be done while the permit is %(state)s.",
                                  step=step.name, state=step.permit_id.state))
            if not step._role_allows(self.env.user):
                raise AccessError(_("Step '%(step)s' is for the %(role)s.", step=step.name,
                                    role=dict(STEP_ROLES)[step.role]))
            earlier = step.permit_id.step_ids.filtered(
                lambda s: s.blocking and s.state != "done"
                and (s.sequence, s.id) < (step.sequence, step.id))
            if earlier:
                raise UserError(_("Do '%(earlier)s' first: steps are done in order.",
                                  earlier=earlier[0].name))
            missing = step._missing_evidence()
            if missing:
                raise ValidationError(_("Step '%(step)s' still needs: %(missing)s.",
                                        step=step.name, missing="; ".join(missing)))
            gas_test = step.permit_id.last_gas_test_id if step.gas_test_required else False
            step._system_write({"state": "done", "done_by_id": self.env.uid,
                                "done_at": fields.Datetime.now(),
                                "gas_test_id": gas_test.id if gas_test else False})
            step._audit("step.done", _("Step done: %(step)s", step=step.name), {
                "step": step.name, "sequence": step.sequence,
                "checks": step.check_ids.filtered("checked").mapped("name"),
                "photos": [a.checksum for a in step.attachment_ids],
                "gas_test": gas_test.id if gas_test else False,
                "signed": bool(step.signature),
            })
        return True
