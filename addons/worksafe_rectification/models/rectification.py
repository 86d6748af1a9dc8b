from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from ..rules import rectification as rules

SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"
APPROVER = "worksafe_permit.group_worksafe_approver"

STATES = [
    ("open", "Open"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("verified", "Verified"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]

# transition name -> (states it may start from, state it leads to)
TRANSITIONS = {
    "start": ({"open"}, "in_progress"),
    "done": ({"in_progress"}, "done"),
    "verify": ({"done"}, "verified"),
    "fail": ({"done"}, "in_progress"),  # failed verification: the work reopens
    "close": ({"verified"}, "closed"),
    "cancel": ({"open", "in_progress", "done"}, "cancelled"),
}

# Not verified yet: a permit with such a rectification cannot close.
UNVERIFIED_STATES = ("open", "in_progress", "done")
# The owner's work is still to do (overdue and escalation are about these).
WORKING_STATES = ("open", "in_progress")
# The work is done (on-time closure counts these).
FINISHED_STATES = ("done", "verified", "closed")

SEVERITIES = [("general", "General hazard"), ("major", "Major hazard")]
SOURCE_TYPES = [
    ("acceptance", "Acceptance"),
    ("inspection", "Inspection"),
    ("alarm", "Alarm"),
    ("violation", "Violation"),
    ("drill", "Drill"),
    ("emergency", "Emergency"),
    ("other", "Other"),
]

# Written only by the actions (worksafe.guarded.mixin).
SYSTEM_FIELDS = frozenset({
    "name", "state", "done_by_id", "done_at", "verified_by_id", "verified_at", "closed_at",
    "cancel_reason", "failed_reason", "fail_count", "escalation_sent_ids", "on_time",
})
# Where it came from: set when it is raised, then never changed.
CREATE_FIELDS = frozenset({"company_id", "source_type", "res_model", "res_id", "permit_id"})
# What must be done and by whom: a safety officer's (or the record's manager's).
OFFICE_FIELDS = frozenset({"requirement", "severity", "owner_id", "manager_id", "deadline",
                           "equipment_id", "area_id", "contractor_id"})
# The major hazard's plan (隐患排查治理规定).
PLAN_FIELDS = frozenset(rules.MAJOR_PLAN_ITEMS)
# What the owner shows when marking the work done.
EVIDENCE_FIELDS = frozenset({"done_note", "evidence_attachment_ids"})

DEFAULT_DAYS_PARAM = "worksafe_rectification.default_deadline_days"


class WorksafeRectification(models.Model):
    """A finding to fix (整改 / CAPA): what must be done, by whom and by when; done with
    evidence, verified by someone else, then closed. Raised from any record (a permit's
    acceptance, an inspection, an alarm …) through `_open_from`."""

    _name = "worksafe.rectification"
    _description = "Rectification"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin"]
    _order = "deadline, id desc"
    _check_company_auto = True

    name = fields.Char("Number", readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    requirement = fields.Text(required=True, tracking=True, help="What must be done.")
    severity = fields.Selection(SEVERITIES, required=True, default="general", tracking=True,
                                index=True,
                                help="General hazard (一般隐患): fixed at once or soon. "
                                "Major hazard (重大隐患): needs a written plan.")
    source_type = fields.Selection(SOURCE_TYPES, "Source", required=True, default="other",
                                   index=True)
    res_model = fields.Char("Source model", index=True)
    res_id = fields.Many2oneReference("Source record", model_field="res_model", index=True)
    source_name = fields.Char("Raised from", compute="_compute_source_name")
    permit_id = fields.Many2one("worksafe.permit", "Permit", index=True, check_company=True,
                                ondelete="restrict")
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", index=True,
                                   check_company=True, tracking=True)
    area_id = fields.Many2one("worksafe.area", "Area", index=True, check_company=True,
                              tracking=True)
    contractor_id = fields.Many2one("res.partner", "Contractor", index=True,
                                    domain="[('is_company', '=', True)]", tracking=True)
    owner_id = fields.Many2one("res.users", "Owner", required=True, index=True, tracking=True,
                               default=lambda s: s.env.user, help="Who fixes it.")
    manager_id = fields.Many2one("res.users", "Manager", index=True, tracking=True,
                                 help="Told when the work is late; may verify.")
    deadline = fields.Date(required=True, tracking=True, index=True,
                           default=lambda s: s._default_deadline())
    state = fields.Selection(STATES, default="open", required=True, readonly=True, copy=False,
                             index=True, tracking=True)
    color = fields.Integer(compute="_compute_color")

    # --- the major hazard's plan
    plan_goal = fields.Text("Goal and tasks")
    plan_measures = fields.Text("Measures")
    plan_resources = fields.Text("Funds and materials")
    plan_people = fields.Text("People responsible")
    plan_deadline = fields.Date("Plan deadline")
    plan_contingency = fields.Text("Safety measures and contingency plan",
                                   help="What keeps people safe until the hazard is removed.")
    plan_missing = fields.Char("Plan items missing", compute="_compute_plan_missing")

    # --- done, verified, closed
    done_note = fields.Text("What was done")
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment", "worksafe_rectification_evidence_rel", "rectification_id",
        "attachment_id", string="Photos and evidence")
    done_by_id = fields.Many2one("res.users", "Done by", readonly=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    on_time = fields.Float("Done on time (%)", readonly=True, copy=False, aggregator="avg",
                           help="100 when the work was done by its deadline, 0 when late; "
                           "averaged over finished rectifications it is the on-time rate.")
    verified_by_id = fields.Many2one("res.users", "Verified by", readonly=True, copy=False)
    verified_at = fields.Datetime(readonly=True, copy=False)
    failed_reason = fields.Text("Last failed verification", readonly=True, copy=False)
    fail_count = fields.Integer("Failed verifications", readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)

    # --- what the current user may do (buttons)
    can_work = fields.Boolean(compute="_compute_can", help="Owner or safety officer.")
    can_verify = fields.Boolean(compute="_compute_can",
                                help="May verify: not the owner nor the doer.")
    can_close = fields.Boolean(compute="_compute_can")

    # --- lateness
    is_overdue = fields.Boolean("Overdue", compute="_compute_overdue",
                                search="_search_is_overdue")
    days_overdue = fields.Integer(compute="_compute_overdue")
    escalation_sent_ids = fields.Many2many(
        "worksafe.rectification.escalation", "worksafe_rectification_escalation_sent_rel",
        "rectification_id", "escalation_id", string="Escalations sent", readonly=True,
        copy=False)

    # ------------------------------------------------------------------ guard
    _guard_system_fields = SYSTEM_FIELDS
    _guard_create_fields = CREATE_FIELDS
    _guard_draft_fields = OFFICE_FIELDS | PLAN_FIELDS | EVIDENCE_FIELDS
    _guard_open_states = frozenset(WORKING_STATES)
    _guard_frozen_states = frozenset({"verified", "closed", "cancelled"})
    _guard_deletable_states = frozenset()  # kept: cancelled with a reason instead

    def _guard_action_message(self, names):
        return self.env._("Rectification %(name)s: %(fields)s change only through its actions "
                          "(start, done, verify, close, cancel).",
                          name=self.name if len(self) == 1 else "",
                          fields=self._guard_labels(names))

    def _guard_frozen_message(self):
        return self.env._("Rectification %(name)s is over: it is kept as it is.",
                          name=self.name)

    def _guard_closed_message(self, names):
        return self.env._("Rectification %(name)s is done: %(fields)s can no longer change.",
                          name=self.name, fields=self._guard_labels(names))

    def _guard_delete_message(self):
        return self.env._("Rectification %(name)s is kept for the record: cancel it instead.",
                          name=self.name)

    def _guard_attachment_locked(self, res_field=False):
        """Evidence is locked once the work is declared done: what the verifier checks is
        what stays on record."""
        self.ensure_one()
        if not self.env.su and self.state not in WORKING_STATES:
            return True
        return super()._guard_attachment_locked(res_field)

    def _is_officer(self, user=None):
        return (user or self.env.user).has_group(SAFETY_OFFICER)

    def _guard_check_create(self, vals_list):
        """A safety officer raises a rectification about anything; anyone else with WorkSafe
        access raises one from a permit (or another source) they can see."""
        if self._is_officer():
            sources_only = False
        else:
            sources_only = True
        for vals in vals_list:
            permit_id = vals.get("permit_id")
            if permit_id:
                self.env["worksafe.permit"].browse(permit_id).check_access("read")
            if vals.get("res_model") or vals.get("res_id"):
                self._check_source(vals.get("res_model"), vals.get("res_id"))
            if sources_only and not permit_id:
                raise AccessError(self.env._(
                    "Only a safety officer raises a rectification that is not about a permit."))

    @api.model
    def _check_source(self, res_model, res_id):
        """The record a rectification comes from exists and the person may read it."""
        if not res_model or not res_id or res_model not in self.env \
                or not isinstance(res_id, int) or isinstance(res_id, bool):
            raise ValidationError(self.env._(
                "A rectification's source is a model and the id of one of its records."))
        source = self.env[res_model].browse(res_id)
        if not source.sudo().exists():
            raise ValidationError(self.env._("The source record of the rectification does not "
                                             "exist."))
        source.check_access("read")

    def _guard_check_write(self, changes):
        """What must be done and by whom is for safety officers and the record's manager; the
        plan and the evidence also for the owner."""
        user = self.env.user
        for rec in self:
            office = rec._is_officer(user) or rec.manager_id == user
            if changes & OFFICE_FIELDS and not office:
                raise AccessError(self.env._(
                    "Only a safety officer or the manager changes what rectification %(name)s "
                    "requires, of whom and by when.", name=rec.name))
            if changes & (PLAN_FIELDS | EVIDENCE_FIELDS) and not (office or rec.owner_id == user):
                raise AccessError(self.env._(
                    "Only the owner of rectification %(name)s, its manager or a safety officer "
                    "records its plan and evidence.", name=rec.name))

    # ------------------------------------------------------------------ defaults, computes
    @api.model
    def _default_deadline(self):
        days = int(self.env["ir.config_parameter"].sudo().get_param(DEFAULT_DAYS_PARAM, 7))
        return fields.Date.context_today(self) + timedelta(days=days)

    @api.depends("res_model", "res_id")
    def _compute_source_name(self):
        for rec in self:
            name = False
            if rec.res_model and rec.res_id and rec.res_model in self.env:
                source = self.env[rec.res_model].sudo().browse(rec.res_id).exists()
                name = source.display_name if source else False
            rec.source_name = name

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for rec in self:
            days = rules.days_overdue(rec.deadline, today, rec.state not in WORKING_STATES)
            rec.days_overdue = days
            rec.is_overdue = days > 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("state", "in", WORKING_STATES) & Domain(
            "deadline", "<", fields.Date.context_today(self))
        wanted = True in value
        if operator == "not in":
            wanted = not wanted
        return overdue if wanted else ~overdue

    @api.depends("state", "deadline")
    def _compute_color(self):
        for rec in self:
            rec.color = 1 if rec.is_overdue else {"done": 3, "verified": 10, "closed": 10,
                                                  "cancelled": 0}.get(rec.state, 0)

    @api.depends_context("uid")
    @api.depends("owner_id", "manager_id", "done_by_id", "verified_by_id")
    def _compute_can(self):
        user = self.env.user
        officer = self._is_officer(user)
        approver = user.has_group(APPROVER)
        for rec in self:
            rec.can_work = officer or rec.owner_id == user
            rec.can_verify = (approver or rec.manager_id == user) and not rules.verifier_problem(
                user.id, rec.done_by_id.id, rec.owner_id.id)
            rec.can_close = officer or rec.manager_id == user or rec.verified_by_id == user

    @api.depends(*rules.MAJOR_PLAN_ITEMS, "severity")
    def _compute_plan_missing(self):
        for rec in self:
            rec.plan_missing = ", ".join(
                rec._fields[name]._description_string(self.env)
                for name in rec._missing_plan_items()) or False

    def _missing_plan_items(self):
        self.ensure_one()
        return rules.missing_plan_items(
            self.severity, {name: self[name] for name in rules.MAJOR_PLAN_ITEMS})

    # ------------------------------------------------------------------ the API others call
    @api.model
    def _unverified_domain(self):
        """Rectifications not verified yet (open, in progress, done): they keep a permit
        from closing."""
        return Domain("state", "in", UNVERIFIED_STATES)

    @api.model
    def _open_from(self, record, requirement, owner=None, deadline=None, severity="general",
                   source_type="other", **extra_vals):
        """Raise a rectification about `record` (a permit, an acceptance item, an alarm …):
        the permit, equipment, area, company and contractor are taken from the record (or its
        permit) when it has them; `extra_vals` override anything. The acting user must be able
        to read `record`. Returns the new rectification."""
        record.ensure_one()
        if not self.env.su:
            record.with_env(self.env).check_access("read")
        source = record.sudo()
        permit = self.env["worksafe.permit"]
        if source._name == "worksafe.permit":
            permit = source
        elif "permit_id" in source._fields and \
                source._fields["permit_id"].comodel_name == "worksafe.permit":
            permit = source.permit_id

        def pick(fname, comodel):
            if source._name == comodel:
                return source
            field = source._fields.get(fname)
            if field is not None and field.type == "many2one" \
                    and field.comodel_name == comodel and source[fname]:
                return source[fname]
            if permit and fname in permit._fields:
                return permit[fname]
            return False

        equipment = pick("equipment_id", "maintenance.equipment")
        if not equipment and permit and len(permit.equipment_ids) == 1:
            equipment = permit.equipment_ids
        company = pick("company_id", "res.company") or self.env.company
        vals = {
            "requirement": requirement,
            "severity": severity,
            "source_type": source_type,
            "res_model": source._name,
            "res_id": source.id,
            "permit_id": permit.id or False,
            "equipment_id": equipment.id if equipment else False,
            "area_id": (pick("area_id", "worksafe.area") or self.env["worksafe.area"]).id,
            "contractor_id": (pick("contractor_id", "res.partner")
                              or self.env["res.partner"]).id,
            "company_id": company.id,
            "owner_id": (owner or (permit.performing_authority_id.user_id if permit else False)
                         or self.env.user).id,
        }
        if deadline:
            vals["deadline"] = deadline
        vals.update(extra_vals)
        for fname in SYSTEM_FIELDS.intersection(vals):
            raise AccessError(self._guard_action_message({fname}))
        for fname, value in vals.items():
            self._guard_check_value(fname, value)
        return self.sudo().create(vals).with_env(self.env)

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        sequence = self.env["ir.sequence"].sudo()
        for rec in records:
            if rec.name == "/":
                rec._system_write({"name": sequence.next_by_code("worksafe.rectification")})
            rec._follow_people()
            rec._schedule_owner_activity()
            rec._audit("rectification.open", self.env._(
                "Rectification %(name)s raised", name=rec.name), rec._audit_values())
        return records

    def _check_own_evidence(self, attachments):
        """Evidence is uploaded to the rectification itself: an attachment of another record,
        of another company or already evidence elsewhere cannot be passed off as its photo."""
        self.ensure_one()
        if self.env.su or not attachments:
            return
        foreign = attachments.sudo().filtered(
            lambda a: a.res_model != self._name or a.res_id != self.id or a.res_field
            or (a.company_id and a.company_id != self.company_id))
        if foreign:
            raise AccessError(self.env._(
                "Evidence of rectification %(name)s is uploaded to it: %(files)s belong to "
                "other records.", name=self.name, files=", ".join(foreign.mapped("name"))))

    def write(self, vals):
        before = {rec.id: rec.deadline for rec in self} if "deadline" in vals else {}
        if "evidence_attachment_ids" in vals and not self.env.su:
            evidence_before = {rec.id: set(rec.evidence_attachment_ids.ids) for rec in self}
        else:
            evidence_before = None
        result = super().write(vals)
        if evidence_before is not None:
            for rec in self:
                rec._check_own_evidence(rec.evidence_attachment_ids.filtered(
                    lambda a, rec=rec: a.id not in evidence_before[rec.id]))
        if before:
            for rec in self.filtered(lambda r: before[r.id] != r.deadline):
                # a new deadline starts the escalation ladder again
                rec.sudo().escalation_sent_ids = [Command.clear()]
                rec._audit("rectification.deadline", self.env._(
                    "Deadline of %(name)s moved", name=rec.name),
                    {"from": fields.Date.to_string(before[rec.id]),
                     "to": fields.Date.to_string(rec.deadline)})
                rec._schedule_owner_activity()
        if "owner_id" in vals or "manager_id" in vals:
            self._follow_people()
            if "owner_id" in vals:
                self._schedule_owner_activity()
        return result

    def _audit_values(self):
        self.ensure_one()
        return {"name": self.name, "state": self.state, "severity": self.severity,
                "requirement": self.requirement, "owner": self.owner_id.id,
                "deadline": fields.Date.to_string(self.deadline),
                "source": [self.res_model or False, self.res_id or False],
                "permit": self.permit_id.id or False}

    def _follow_people(self):
        for rec in self:
            partners = (rec.owner_id | rec.manager_id).partner_id
            if partners:
                rec.sudo().message_subscribe(partner_ids=partners.ids)

    def _schedule_owner_activity(self):
        """One to-do for the owner, due on the deadline, while the work is to be done."""
        activity_type = "worksafe_rectification.mail_activity_rectification"
        for rec in self:
            rec.sudo().activity_unlink([activity_type])
            if rec.state in WORKING_STATES:
                rec.sudo().activity_schedule(
                    activity_type, date_deadline=rec.deadline, user_id=rec.owner_id.id,
                    summary=self.env._("Fix: %(requirement)s",
                                       requirement=(rec.requirement or "")[:80]))

    # ------------------------------------------------------------------ transitions
    def _transition_labels(self):
        _ = self.env._
        return {"start": _("started"), "done": _("marked done"), "verify": _("verified"),
                "fail": _("sent back"), "close": _("closed"), "cancel": _("cancelled")}

    def _check_state(self, transition):
        sources = TRANSITIONS[transition][0]
        labels = dict(self._fields["state"]._description_selection(self.env))
        for rec in self:
            if rec.state not in sources:
                raise UserError(self.env._(
                    "Rectification %(name)s is %(state)s: it cannot be %(transition)s now.",
                    name=rec.name, state=labels[rec.state],
                    transition=self._transition_labels()[transition]))

    def _transition(self, transition, summary, extra_values=None, audit_values=None):
        """The only place where a rectification changes state: checked against TRANSITIONS,
        written as the system, appended to the audit chain and posted in the chatter."""
        self._check_state(transition)
        target = TRANSITIONS[transition][1]
        for rec in self:
            previous = rec.state
            rec._system_write(dict(extra_values or {}, state=target))
            rec._audit(f"rectification.{transition}", summary,
                       dict(audit_values or {}, **{"from": previous, "to": target,
                                                   "name": rec.name}))
            rec.message_post(body=summary, subtype_xmlid="mail.mt_note")
        return True

    def _check_owner_or_officer(self, transition):
        user = self.env.user
        for rec in self:
            if not (rec.owner_id == user or rec._is_officer(user)):
                message = self.env._(
                    "Only the owner of rectification %(name)s or a safety officer starts the "
                    "work.", name=rec.name) if transition == "start" else self.env._(
                    "Only the owner of rectification %(name)s or a safety officer marks the "
                    "work done.", name=rec.name)
                raise AccessError(message)

    def _check_plan(self):
        for rec in self:
            if rec._missing_plan_items():
                raise ValidationError(self.env._(
                    "Rectification %(name)s is a major hazard: complete its plan first "
                    "(%(items)s).", name=rec.name, items=rec.plan_missing))

    def action_start(self):
        self._check_owner_or_officer("start")
        self._check_state("start")
        self._check_plan()
        for rec in self:
            rec._transition("start", self.env._("Rectification %(name)s: work started",
                                                 name=rec.name))
        return True

    def action_done(self):
        self._check_owner_or_officer("done")
        self._check_state("done")
        self._check_plan()
        now = fields.Datetime.now()
        for rec in self:
            if not (rec.done_note or "").strip() or not rec.evidence_attachment_ids:
                raise ValidationError(self.env._(
                    "Rectification %(name)s: say what was done and add at least one photo or "
                    "document as evidence.", name=rec.name))
            on_time = rules.finished_on_time(rec.deadline, fields.Date.context_today(rec, now))
            rec._transition(
                "done", self.env._("Rectification %(name)s done: %(note)s", name=rec.name,
                                   note=rec.done_note),
                {"done_by_id": self.env.uid, "done_at": now, "on_time": 100 if on_time else 0,
                 "verified_by_id": False, "verified_at": False},
                {"note": rec.done_note, "on_time": bool(on_time),
                 "evidence": [{"id": a.id, "name": a.name, "sha1": a.checksum}
                              for a in rec.evidence_attachment_ids]})
            rec.sudo().activity_unlink(["worksafe_rectification.mail_activity_rectification"])
            rec._schedule_verification_activity()
        return True

    def _schedule_verification_activity(self):
        for rec in self:
            if rec.manager_id and rec.manager_id not in (rec.owner_id | rec.done_by_id):
                rec.sudo().activity_schedule(
                    "worksafe_rectification.mail_activity_rectification_verify",
                    user_id=rec.manager_id.id)

    def _check_verifier(self):
        """Someone other than the doer and the owner; an area authority, a safety officer or
        the rectification's manager (a worker never verifies)."""
        user = self.env.user
        for rec in self:
            if not (user.has_group(APPROVER) or rec.manager_id == user):
                raise AccessError(self.env._(
                    "Rectification %(name)s is verified by an area authority, a safety officer "
                    "or its manager.", name=rec.name))
            problem = rules.verifier_problem(user.id, rec.done_by_id.id, rec.owner_id.id)
            if problem:
                raise AccessError(self.env._(
                    "Rectification %(name)s must be verified by someone other than the person "
                    "who did the work and its owner.", name=rec.name))

    def action_verify(self):
        """The verification passed."""
        self._check_state("verify")
        self._check_verifier()
        for rec in self:
            rec._transition("verify", self.env._("Rectification %(name)s verified",
                                                  name=rec.name),
                            {"verified_by_id": self.env.uid,
                             "verified_at": fields.Datetime.now()})
            rec.sudo().activity_unlink(
                ["worksafe_rectification.mail_activity_rectification_verify"])
        return True

    def action_fail_verification(self, reason):
        """The verification failed: the work goes back to the owner, with the reason."""
        reason = (reason or "").strip() if isinstance(reason, str) else reason
        if not reason or not isinstance(reason, str):
            raise ValidationError(self.env._("Say why the verification failed."))
        self._check_state("fail")
        self._check_verifier()
        for rec in self:
            rec._transition(
                "fail", self.env._("Rectification %(name)s failed verification: %(reason)s",
                                   name=rec.name, reason=reason),
                {"failed_reason": reason, "fail_count": rec.fail_count + 1,
                 "done_by_id": False, "done_at": False, "on_time": 0},
                {"reason": reason})
            rec.sudo().activity_unlink(
                ["worksafe_rectification.mail_activity_rectification_verify"])
            rec._schedule_owner_activity()
        return True

    def action_close(self):
        user = self.env.user
        for rec in self:
            if not (rec._is_officer(user) or rec.manager_id == user
                    or rec.verified_by_id == user):
                raise AccessError(self.env._(
                    "Rectification %(name)s is closed by a safety officer, its manager or its "
                    "verifier.", name=rec.name))
        self._check_state("close")
        for rec in self:
            rec._transition("close", self.env._("Rectification %(name)s closed", name=rec.name),
                            {"closed_at": fields.Datetime.now()})
        return True

    def action_cancel(self, reason):
        if not self._is_officer():
            raise AccessError(self.env._("Only a safety officer cancels a rectification."))
        reason = reason.strip() if isinstance(reason, str) else False
        if not reason:
            raise ValidationError(self.env._("Give the reason for the cancellation."))
        self._check_state("cancel")
        for rec in self:
            rec._transition("cancel", self.env._("Rectification %(name)s cancelled: "
                                                  "%(reason)s", name=rec.name, reason=reason),
                            {"cancel_reason": reason}, {"reason": reason})
            rec.sudo().activity_unlink([
                "worksafe_rectification.mail_activity_rectification",
                "worksafe_rectification.mail_activity_rectification_verify"])
        return True

    def action_open_reason_wizard(self):
        """The form's "Fail verification" and "Cancel" buttons ask for the reason."""
        self.ensure_one()
        action = self.env.context.get("rectification_action")
        if action not in ("fail", "cancel"):
            raise UserError(self.env._("Unknown action."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "worksafe.rectification.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_rectification_id": self.id, "default_action": action},
        }

    def action_view_source(self):
        self.ensure_one()
        if not (self.res_model and self.res_id and self.res_model in self.env):
            raise UserError(self.env._("This rectification has no source record."))
        source = self.env[self.res_model].browse(self.res_id)
        source.check_access("read")
        return {"type": "ir.actions.act_window", "res_model": self.res_model,
                "res_id": self.res_id, "view_mode": "form"}

    # ------------------------------------------------------------------ escalation
    @api.model
    def _cron_escalate(self, today=None):
        """Send the escalation ladder's rungs due today, each once per rectification."""
        today = today or fields.Date.context_today(self)
        ladder = self.env["worksafe.rectification.escalation"].sudo().search(
            [("active", "=", True)])
        if not ladder:
            return True
        earliest = min(ladder.mapped("offset_days"))
        candidates = self.sudo().search([
            ("state", "in", WORKING_STATES),
            ("deadline", "<=", today - timedelta(days=earliest)),
        ])
        for rec in candidates:
            rungs_here = ladder.filtered(lambda r, rec=rec: not r.company_id
                                         or r.company_id == rec.company_id)
            send, skip = rules.rungs_to_send(
                rec.deadline, today, [rules.Rung(r.id, r.offset_days) for r in rungs_here],
                rec.escalation_sent_ids.ids)
            if not (send or skip):
                continue
            sent = ladder.browse([r.key for r in send])
            for rung in sent:
                rung._notify(rec, today)
            rec.escalation_sent_ids = [Command.link(r.key) for r in send + skip]
            if sent:
                rec._audit("rectification.escalation", self.env._(
                    "Rectification %(name)s escalated: %(rungs)s", name=rec.name,
                    rungs=", ".join(sent.mapped("name"))),
                    {"rungs": sent.ids, "skipped": [r.key for r in skip],
                     "day": fields.Date.to_string(today)})
        return True
