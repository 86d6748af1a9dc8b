from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import risk as risk_rules
from .template import LIKELIHOOD, SEVERITY, STEP_PHASES, STEP_ROLES

RISK_BANDS_PARAM = "worksafe_permit.risk_bands"
# What people may write on a step themselves: the rest is the template's or the system's.
USER_STEP_FIELDS = frozenset({"note", "attachment_ids", "signature"})
DEFAULT_RISK_BANDS = "4:low,9:medium,15:high,25:critical"


class WorksafePermitApproval(models.Model):
    _name = "worksafe.permit.approval"
    _description = "Permit approval step"
    _inherit = ["worksafe.permit.line"]
    _order = "permit_id, sequence, id"

    sequence = fields.Integer(readonly=True)
    name = fields.Char("Step", required=True, readonly=True)
    group_id = fields.Many2one("res.groups", "Role", readonly=True)
    area_authority = fields.Boolean(readonly=True)
    site_check = fields.Boolean("Site check required", readonly=True)
    site_checked = fields.Boolean("Site inspected", readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="pending", required=True, readonly=True,
    )
    user_id = fields.Many2one("res.users", "Decided by", readonly=True)
    date = fields.Datetime("Decided at", readonly=True)
    comment = fields.Text(readonly=True)


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

    def write(self, vals):
        if not self.env.su and set(vals) - USER_STEP_FIELDS:
            raise AccessError(self.env._("A step is completed with its 'Done' action; its "
                                         "definition comes from the template."))
        if "attachment_ids" in vals or "signature" in vals:
            if any(step.state == "done" for step in self):
                raise UserError(self.env._("Evidence of a completed step cannot change."))
            before = {step.id: set(step.attachment_ids.ids) for step in self}
        result = super().write(vals)
        if "attachment_ids" in vals:
            for step in self:
                added = step.attachment_ids.filtered(lambda a: a.id not in before[step.id])
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
            step.sudo().write({"state": "done", "done_by_id": self.env.uid,
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


class WorksafePermitStepCheck(models.Model):
    _name = "worksafe.permit.step.check"
    _description = "Checklist item of a permit step"
    _order = "sequence, id"

    step_id = fields.Many2one("worksafe.permit.step", required=True, ondelete="cascade",
                              index=True)
    company_id = fields.Many2one(related="step_id.company_id", store=True)
    sequence = fields.Integer()
    name = fields.Char(required=True, readonly=True)
    checked = fields.Boolean()

    def write(self, vals):
        if any(check.step_id.state == "done" for check in self):
            raise UserError(self.env._("The checklist of a completed step cannot change."))
        if not self.env.su:
            if set(vals) - {"checked"}:
                raise AccessError(self.env._("Checklist items come from the template."))
            for check in self:
                step = check.step_id
                if not step._role_allows(self.env.user) or \
                        step.permit_id.state not in step._allowed_states():
                    raise AccessError(self.env._(
                        "Only the %(role)s ticks the checklist of '%(step)s', while the step is "
                        "open.", role=dict(STEP_ROLES)[step.role], step=step.name))
        return super().write(vals)


class WorksafePermitMeasure(models.Model):
    _name = "worksafe.permit.measure"
    _description = "Permit control measure"
    _inherit = ["worksafe.permit.draft.line", "worksafe.audit.mixin"]
    _order = "permit_id, sequence, id"

    sequence = fields.Integer()
    name = fields.Char("Measure", required=True)
    applies = fields.Selection([("yes", "Applies"), ("no", "Does not apply")])
    confirmed_by_id = fields.Many2one("res.users", "Confirmed by", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)

    def _frozen_message(self):
        return self.env._("Control measures are decided in the draft.")

    def write(self, vals):
        if not self.env.su and {"confirmed_by_id", "confirmed_at", "permit_id"} & set(vals):
            raise AccessError(self.env._("A measure is confirmed with its 'Confirm' action."))
        return super().write(vals)

    def action_confirm(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_approver"):
            raise AccessError(self.env._("Control measures are confirmed by an approver."))
        for measure in self:
            if self.env.user in (measure.permit_id.applicant_id
                                 | measure.permit_id.submitted_by_id):
                raise AccessError(self.env._("The applicant cannot confirm their own measures."))
            if measure.permit_id.state not in ("submitted", "approved"):
                raise UserError(self.env._("Measures are confirmed between submission and "
                                           "issue."))
            if measure.applies != "yes":
                raise UserError(self.env._("Only applicable measures are confirmed."))
            measure.sudo().write({"confirmed_by_id": self.env.uid,
                                  "confirmed_at": fields.Datetime.now()})
            measure._audit("measure.confirmed", self.env._("Measure confirmed: %(name)s",
                                                           name=measure.name))
        return True


class WorksafePermitRisk(models.Model):
    _name = "worksafe.permit.risk"
    _description = "Risk assessment line"
    _inherit = ["worksafe.permit.draft.line"]
    _order = "permit_id, score desc, id"

    source = fields.Selection(
        [("work_type", "Work type"), ("site", "Site"), ("equipment", "Equipment"),
         ("people", "People"), ("manual", "Added by hand")],
        default="manual", required=True,
    )
    name = fields.Char("Hazard", required=True)
    likelihood = fields.Selection(LIKELIHOOD, required=True, default="3")
    severity = fields.Selection(SEVERITY, required=True, default="3")
    score = fields.Integer(compute="_compute_score", store=True)
    rating = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
        compute="_compute_score", store=True,
    )
    control = fields.Char("Control")

    @api.depends("likelihood", "severity")
    def _compute_score(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(
            RISK_BANDS_PARAM, DEFAULT_RISK_BANDS)
        bands = sorted((int(upper), rating) for upper, rating in
                       (part.split(":") for part in raw.split(",")))
        for line in self:
            line.score = risk_rules.risk_score(int(line.likelihood), int(line.severity))
            line.rating = risk_rules.risk_rating(line.score, bands)

    def _frozen_message(self):
        return self.env._("The risk assessment is fixed once submitted.")


class WorksafePermitBriefing(models.Model):
    _name = "worksafe.permit.briefing"
    _description = "Safety briefing (安全交底)"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "briefing_time desc, id desc"

    briefer_id = fields.Many2one("hr.employee", "Briefer", required=True)
    briefing_time = fields.Datetime(default=fields.Datetime.now, required=True)
    content = fields.Text("Points covered", required=True)
    signature_ids = fields.One2many("worksafe.permit.briefing.signature", "briefing_id",
                                    "Signatures")
    complete = fields.Boolean(compute="_compute_complete", store=True)

    @api.depends("signature_ids.signed_at", "briefer_id", "permit_id.worker_ids",
                 "permit_id.watcher_ids")
    def _compute_complete(self):
        for briefing in self:
            signed = briefing.signature_ids.filtered("signed_at")
            briefer_signed = bool(signed.filtered(
                lambda s: s.role == "briefer" and s.employee_id == briefing.briefer_id))
            needed = briefing.permit_id.worker_ids | briefing.permit_id.watcher_ids
            recipients = signed.filtered(lambda s: s.role == "recipient").employee_id
            briefing.complete = briefer_signed and not (needed - recipients)

    def write(self, vals):
        if not self.env.su:
            if "permit_id" in vals:
                raise UserError(self.env._("A briefing belongs to the permit it was held for."))
            if {"content", "briefer_id", "briefing_time"} & set(vals) and \
                    self.signature_ids.filtered("signed_at"):
                raise UserError(self.env._("A signed briefing cannot change: hold a new one."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        briefings = super().create(vals_list)
        for briefing in briefings:
            if briefing.permit_id.state not in ("approved", "issued", "active", "suspended"):
                raise UserError(self.env._("Brief the crew once the permit is approved."))
            people = briefing.permit_id.worker_ids | briefing.permit_id.watcher_ids
            briefing.sudo().signature_ids = [
                fields.Command.create({"employee_id": briefing.briefer_id.id, "role": "briefer"})
            ] + [fields.Command.create({"employee_id": e.id, "role": "recipient"})
                 for e in people]
            briefing._audit("briefing.create", self.env._("Safety briefing held"),
                            {"briefer": briefing.briefer_id.id, "content": briefing.content})
        return briefings


class WorksafePermitBriefingSignature(models.Model):
    _name = "worksafe.permit.briefing.signature"
    _description = "Briefing signature"
    _inherit = ["worksafe.audit.mixin"]
    _order = "role, id"

    briefing_id = fields.Many2one("worksafe.permit.briefing", required=True, ondelete="cascade",
                                  index=True)
    permit_id = fields.Many2one(related="briefing_id.permit_id", store=True)
    company_id = fields.Many2one(related="briefing_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, readonly=True)
    role = fields.Selection([("briefer", "Briefer"), ("recipient", "Recipient")],
                            required=True, readonly=True)
    signed_at = fields.Datetime(readonly=True)
    signed_by_id = fields.Many2one("res.users", readonly=True)

    def action_sign(self):
        for line in self:
            # Signing for somebody else is exactly what paper permits could not prevent.
            if line.employee_id.user_id != self.env.user:
                raise AccessError(self.env._("Only %(name)s can sign for %(name)s.",
                                             name=line.employee_id.name))
            if line.signed_at:
                continue
            line.sudo().write({"signed_at": fields.Datetime.now(), "signed_by_id": self.env.uid})
            line._audit("briefing.signed", self.env._("%(name)s signed the briefing as %(role)s",
                                                      name=line.employee_id.name,
                                                      role=line.role),
                        {"employee": line.employee_id.id, "role": line.role})
        return True


class WorksafePermitHandover(models.Model):
    _name = "worksafe.permit.handover"
    _description = "Shift handover"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "create_date desc, id desc"

    outgoing_id = fields.Many2one("hr.employee", "Outgoing lead", required=True)
    incoming_id = fields.Many2one("hr.employee", "Incoming lead", required=True)
    notes = fields.Text("Status handed over", required=True)
    outgoing_signed_at = fields.Datetime(readonly=True)
    incoming_signed_at = fields.Datetime(readonly=True)
    state = fields.Selection([("open", "Waiting for signatures"), ("done", "Handed over")],
                             default="open", required=True, readonly=True)

    def write(self, vals):
        if not self.env.su:
            if {"outgoing_signed_at", "incoming_signed_at", "state"} & set(vals):
                raise AccessError(self.env._("Each lead signs with the 'Sign' action."))
            if {"permit_id", "outgoing_id", "incoming_id", "notes"} & set(vals) and any(
                    h.outgoing_signed_at or h.incoming_signed_at for h in self):
                raise UserError(self.env._("A signed handover cannot change."))
        return super().write(vals)

    @api.constrains("outgoing_id", "incoming_id")
    def _check_people(self):
        for handover in self:
            if handover.outgoing_id == handover.incoming_id:
                raise ValidationError(self.env._("A handover needs two different people."))
            if handover.permit_id.state not in ("active", "suspended"):
                raise ValidationError(self.env._("Shifts are handed over on a started permit."))

    def action_sign(self):
        _ = self.env._
        for handover in self:
            user = self.env.user
            if user == handover.outgoing_id.user_id and not handover.outgoing_signed_at:
                handover.sudo().outgoing_signed_at = fields.Datetime.now()
                side = "outgoing"
            elif user == handover.incoming_id.user_id and not handover.incoming_signed_at:
                handover.sudo().incoming_signed_at = fields.Datetime.now()
                side = "incoming"
            else:
                raise AccessError(_("Only the outgoing or the incoming lead signs, each once."))
            summary = (_("Handover signed by the outgoing lead") if side == "outgoing"
                       else _("Handover signed by the incoming lead"))
            handover._audit("handover.signed", summary,
                            {"side": side, "employee": (handover.outgoing_id if side == "outgoing"
                                                        else handover.incoming_id).id})
            if handover.outgoing_signed_at and handover.incoming_signed_at:
                handover.sudo().state = "done"
                handover.permit_id.sudo().write(
                    {"performing_authority_id": handover.incoming_id.id})
                handover.permit_id.message_post(body=_(
                    "Shift handed over from %(out)s to %(in)s.",
                    out=handover.outgoing_id.name, **{"in": handover.incoming_id.name}))
        return True


class WorksafePermitConflict(models.Model):
    _name = "worksafe.permit.conflict"
    _description = "Simultaneous operations conflict"
    _inherit = ["worksafe.permit.line", "worksafe.audit.mixin"]
    _order = "action, id"

    other_permit_id = fields.Many2one("worksafe.permit", required=True, ondelete="cascade")
    other_state = fields.Selection(related="other_permit_id.state")
    rule_id = fields.Many2one("worksafe.simops.rule", required=True, ondelete="cascade")
    action = fields.Selection([("block", "Forbidden"), ("coordinate", "Coordinate")],
                              required=True)
    distance_m = fields.Float("Distance (m)")
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    acknowledged_at = fields.Datetime(readonly=True)

    def action_acknowledge(self):
        for conflict in self:
            if conflict.action != "coordinate":
                raise UserError(self.env._("Forbidden combinations cannot be acknowledged."))
            if self.env.user != conflict.permit_id.coordinator_id:
                raise AccessError(self.env._("Only the named coordinator %(name)s acknowledges.",
                                             name=conflict.permit_id.coordinator_id.name or "-"))
            conflict.sudo().write({"acknowledged_by_id": self.env.uid,
                                   "acknowledged_at": fields.Datetime.now()})
            conflict._audit("simops.acknowledged", self.env._(
                "Coordinator acknowledged %(rule)s with %(other)s",
                rule=conflict.rule_id.name, other=conflict.other_permit_id.name),
                {"rule": conflict.rule_id.id, "other": conflict.other_permit_id.id})
        return True
