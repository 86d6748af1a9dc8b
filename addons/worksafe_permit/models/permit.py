from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..rules import blockers as blocker_rules
from ..rules import conditions as condition_rules
from ..rules import levels as level_rules
from ..rules import simops as simops_rules
from ..rules import temporary_power as temp_power_rules
from ..rules import validity as validity_rules

PERMIT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("issued", "Issued"),
    ("active", "In progress"),
    ("suspended", "Suspended"),
    ("handed_back", "Handed back"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
    ("withdrawn", "Withdrawn"),
]

# transition name -> (states it may start from, state it leads to)
TRANSITIONS = {
    "submit": ({"draft"}, "submitted"),
    "approve": ({"submitted"}, "approved"),
    "reject": ({"submitted"}, "draft"),
    "issue": ({"approved"}, "issued"),
    "start": ({"issued", "suspended"}, "active"),
    "suspend": ({"active"}, "suspended"),
    "hand_back": ({"active"}, "handed_back"),
    "close": ({"handed_back"}, "closed"),
    "cancel": ({"draft", "submitted", "approved", "issued"}, "cancelled"),
    "expire": ({"issued", "active", "suspended"}, "expired"),
    "withdraw": ({"issued", "active", "suspended"}, "withdrawn"),
}

LIVE_STATES = ("issued", "active", "suspended")

# What the permit says about the work. Once submitted it is frozen: GB 30871 asks for a new
# permit when content, scope, location, conditions or validity change.
CONTENT_FIELDS = frozenset({
    "work_type_id", "template_id", "company_id", "height_m", "objective_hazard",
    "running_equipment", "lifting_mass_t", "depth_m", "area_id", "equipment_ids",
    "pipeline_code", "activity_tag_ids", "contractor_id", "applicant_id",
    "performing_authority_id", "watcher_ids", "worker_ids", "coordinator_id",
    "planned_start", "planned_end", "description", "work_method", "linked_permit_ids",
    "written_plan", "written_plan_name",
    "outdoor", "wind_force", "wind_production_required", "on_pipe_rack", "has_daily_hours",
    "daily_hour_from", "daily_hour_to", "maintenance_request_id",
})

# Written only by WorkSafe itself (as superuser, keeping the acting user for tracking):
# a client that sends them is refused (worksafe.guarded.mixin).
SYSTEM_FIELDS = frozenset({
    "state", "name", "token_version", "issuer_id", "submitted_by_id", "actual_start",
    "actual_end", "break_started", "watcher_on_site_id", "watcher_on_site_since",
    "suspension_reason", "withdrawal_reason", "locked_variant_id", "locked_upgraded",
})


class WorksafePermit(models.Model):
    _name = "worksafe.permit"
    _description = "Work permit"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin", "worksafe.permit.token.mixin",
                "worksafe.permit.preconditions.mixin"]
    _order = "planned_start desc, id desc"
    _check_company_auto = True
    _token_live_states = LIVE_STATES

    name = fields.Char("Number", readonly=True, copy=False, default="/", index="trigram",
                       tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    state = fields.Selection(PERMIT_STATES, default="draft", required=True, readonly=True,
                             copy=False, index=True, tracking=True)
    color = fields.Integer(compute="_compute_color")

    # --- what and which variant
    work_type_id = fields.Many2one("worksafe.work.type", required=True, ondelete="restrict",
                                   tracking=True, index=True)
    level_parameter = fields.Selection(related="work_type_id.level_parameter")
    template_id = fields.Many2one(
        "worksafe.template", required=True, ondelete="restrict", check_company=True,
        domain="[('work_type_id', '=', work_type_id)]", tracking=True,
        compute="_compute_template_id", store=True, readonly=False, precompute=True,
    )
    height_m = fields.Float("Working height (m)", digits=(8, 2))
    objective_hazard = fields.Boolean(
        "Objective hazards present",
        help="Gusts ≥ force 5, air ≤ 5 °C, cold water, low oxygen, narrow footing… (GB/T 3608).",
    )
    running_equipment = fields.Boolean(
        "On running equipment", help="Hot work on equipment in operation."
    )
    lifting_mass_t = fields.Float("Lifted mass (t)", digits=(10, 2))
    depth_m = fields.Float("Excavation depth (m)", digits=(8, 2))
    night_or_rest_day = fields.Boolean(
        "Night or rest day", compute="_compute_night_or_rest_day", store=True,
        help="The planned window touches the company's night hours, a rest day or a holiday.",
    )
    variant_id = fields.Many2one(
        "worksafe.variant", "Level", compute="_compute_variant_id", store=True, index=True,
        tracking=True, ondelete="restrict",
    )
    variant_upgraded = fields.Boolean("Level raised", compute="_compute_variant_id", store=True)
    # The level as submitted: later edits of areas or variants never re-level a permit.
    locked_variant_id = fields.Many2one("worksafe.variant", "Level as submitted", readonly=True,
                                        copy=False)
    locked_upgraded = fields.Boolean("Raised as submitted", readonly=True, copy=False)
    level_rank = fields.Integer(related="variant_id.rank", store=True)
    level_color = fields.Char(related="variant_id.marking_color")
    max_validity_hours = fields.Float(related="variant_id.max_validity_hours")

    # --- where
    area_id = fields.Many2one("worksafe.area", required=True, check_company=True, tracking=True,
                              index=True)
    equipment_ids = fields.Many2many("maintenance.equipment", "worksafe_permit_equipment_rel",
                                     "permit_id", "equipment_id", "Equipment",
                                     check_company=True)
    pipeline_code = fields.Char("Pipeline", help="Pipeline or line number (blinding, isolation).")
    activity_tag_ids = fields.Many2many("worksafe.activity.tag", string="Activity tags")

    # --- who
    contractor_id = fields.Many2one("res.partner", "Contractor",
                                    domain="[('is_company', '=', True)]", tracking=True)
    applicant_id = fields.Many2one("res.users", "Applicant", required=True,
                                   default=lambda s: s.env.user, tracking=True)
    performing_authority_id = fields.Many2one(
        "hr.employee", "Performing authority", required=True, tracking=True,
        help="The person in charge of the work on site (HSG250).",
    )
    watcher_ids = fields.Many2many("hr.employee", "worksafe_permit_watcher_rel", "permit_id",
                                   "employee_id", "Watchers (监护人)")
    worker_ids = fields.Many2many("hr.employee", "worksafe_permit_worker_rel", "permit_id",
                                  "employee_id", "Workers")
    coordinator_id = fields.Many2one(
        "res.users", "SIMOPS coordinator",
        help="Acknowledges simultaneous operations in the same area.",
    )
    issuer_id = fields.Many2one("res.users", "Issued by", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", "Submitted by", readonly=True, copy=False)

    # --- when
    planned_start = fields.Datetime(required=True, tracking=True, index=True)
    planned_end = fields.Datetime(required=True, tracking=True, index=True)
    actual_start = fields.Datetime(readonly=True, copy=False)
    actual_end = fields.Datetime(readonly=True, copy=False)
    break_started = fields.Datetime("Stopped since", readonly=True, copy=False)

    description = fields.Text("Work content", required=True)
    work_method = fields.Text("Method")
    written_plan = fields.Binary("Written plan", attachment=True, copy=False)
    written_plan_name = fields.Char()
    linked_permit_ids = fields.Many2many(
        "worksafe.permit", "worksafe_permit_link_rel", "permit_id", "linked_id",
        "Required permits", check_company=True,
        help="Other special operations of the same job that must be active before this one "
        "starts (hot work inside a confined space needs the confined-space permit). Both "
        "permits show the link (GB 30871: each lists the others).",
    )
    suspension_reason = fields.Text(readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    maintenance_request_id = fields.Many2one("maintenance.request", "Maintenance request",
                                             check_company=True)

    # --- lines
    approval_ids = fields.One2many("worksafe.permit.approval", "permit_id", "Approvals",
                                   copy=False)
    step_ids = fields.One2many("worksafe.permit.step", "permit_id", "Steps", copy=False)
    measure_ids = fields.One2many("worksafe.permit.measure", "permit_id", "Control measures",
                                  copy=False)
    risk_ids = fields.One2many("worksafe.permit.risk", "permit_id", "Risk assessment",
                               copy=False)
    gas_limit_ids = fields.One2many("worksafe.permit.gas.limit", "permit_id", "Gas limits",
                                    copy=False)
    gas_test_ids = fields.One2many("worksafe.gas.test", "permit_id", "Gas tests", copy=False)
    briefing_ids = fields.One2many("worksafe.permit.briefing", "permit_id", "Safety briefings",
                                   copy=False)
    handover_ids = fields.One2many("worksafe.permit.handover", "permit_id", "Shift handovers",
                                   copy=False)
    conflict_ids = fields.One2many("worksafe.permit.conflict", "permit_id", "SIMOPS conflicts",
                                   copy=False)
    watcher_on_site_id = fields.Many2one("hr.employee", "Watcher on site", readonly=True,
                                         copy=False)
    watcher_on_site_since = fields.Datetime(readonly=True, copy=False)
    token_version = fields.Integer(default=0, readonly=True, copy=False)

    risk_max_score = fields.Integer("Highest risk", compute="_compute_risk_max_score", store=True)
    last_gas_test_id = fields.Many2one("worksafe.gas.test", compute="_compute_last_gas_test")
    approval_progress = fields.Char(compute="_compute_approval_progress")
    current_approval_id = fields.Many2one("worksafe.permit.approval",
                                          compute="_compute_approval_progress")
    can_approve = fields.Boolean("Waiting for me", compute="_compute_approval_progress",
                                 search="_search_can_approve")
    start_blockers = fields.Text("Missing before start", compute="_compute_start_blockers")
    audit_event_count = fields.Integer(compute="_compute_audit_event_count")

    # --- inputs the standards rely on (GB 30871): weather, location, declared working hours
    outdoor = fields.Boolean("Outdoors", default=True,
                             help="The wind limits of the work type apply to outdoor work.")
    wind_force = fields.Integer(
        "Wind force (Beaufort)",
        help="Wind force expected at the site during the work, 0 (calm) to 12. GB 30871: hot "
        "work from force 5 and outdoor lifting from force 6 are prohibited.")
    wind_production_required = fields.Boolean(
        "Production requires work in this wind",
        help="GB 30871: hot work in wind of force 5 or more is prohibited in principle; where "
        "production really requires it, it is done one level up.")
    on_pipe_rack = fields.Boolean("On a pipe rack",
                                  help="GB 30871: hot work on a pipe rack is at least first level.")
    has_daily_hours = fields.Boolean(
        "Declared daily working hours",
        help="The work is done only in these hours of each day of the window: only they count "
        "for the night and rest-day upgrade (GB 30871: one level up for the hours the work is "
        "done at night or on a rest day).")
    daily_hour_from = fields.Float("Works daily from", default=8.0)
    daily_hour_to = fields.Float("Works daily until", default=17.0)
    works_at_night = fields.Boolean(
        "Works at night", compute="_compute_works_at_night", store=True,
        help="The declared daily working hours reach into the company's night hours.")

    _window_order = models.Constraint(
        "CHECK (planned_end > planned_start)",
        "The planned end must be after the planned start.",
    )
    _name_company_unique = models.UniqueIndex("(company_id, name) WHERE name != '/'")

    # ------------------------------------------------------------------ computes
    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "submitted": 3, "approved": 4, "issued": 7, "active": 10,
                  "suspended": 1, "handed_back": 5, "closed": 0, "cancelled": 0,
                  "expired": 2, "withdrawn": 9}
        for permit in self:
            permit.color = colors.get(permit.state, 0)

    @api.depends("work_type_id", "company_id")
    def _compute_template_id(self):
        for permit in self:
            if permit.template_id.work_type_id == permit.work_type_id:
                continue
            templates = self.env["worksafe.template"].search(
                [("work_type_id", "=", permit.work_type_id.id),
                 ("company_id", "in", [False, permit.company_id.id])])
            industry = permit.company_id.worksafe_industry or "general"
            # The company's own templates first, then its industry's, then the general one.
            permit.template_id = templates.sorted(lambda t: (
                not t.company_id, t.industry != industry, t.industry != "general", t.sequence,
                t.id))[:1]

    @api.depends("planned_start", "planned_end", "company_id", "has_daily_hours",
                 "daily_hour_from", "daily_hour_to")
    def _compute_night_or_rest_day(self):
        settings = self.env["res.config.settings"]._worksafe_calendar_settings()
        for permit in self:
            if not (permit.planned_start and permit.planned_end
                    and permit.planned_end > permit.planned_start):
                permit.night_or_rest_day = False
                continue
            start, end = permit._local_window()
            holidays = permit.company_id._worksafe_holidays(start.date(), end.date())
            if permit._declared_hours():
                permit.night_or_rest_day = permit._declared_hours_night_or_rest_day(
                    start, end, settings, holidays)
                continue
            permit.night_or_rest_day = level_rules.window_touches_night(
                start, end, settings["night_start"], settings["night_end"]
            ) or level_rules.window_touches_rest_day(
                start, end, settings["rest_weekdays"], holidays
            )

    def _level_parameter_value(self):
        self.ensure_one()
        parameter = self.work_type_id.level_parameter
        if parameter == "height":
            return self.height_m
        if parameter == "lifting_mass":
            return self.lifting_mass_t
        if parameter == "depth":
            return self.depth_m
        if parameter == "hot_work":
            # 2: running equipment in a fire/explosion area or inside a major-hazard dike (特级),
            # 1: elsewhere in a fire/explosion area (一级), 0: everything else (二级).
            area = self.area_id
            if area.major_hazard_dike or (area.fire_explosion_zone and self.running_equipment):
                return 2
            return 1 if area.fire_explosion_zone or self.on_pipe_rack else 0
        return 0

    @api.depends("work_type_id", "height_m", "lifting_mass_t", "depth_m", "running_equipment",
                 "objective_hazard", "area_id.fire_explosion_zone", "area_id.major_hazard_dike",
                 "night_or_rest_day", "state", "work_type_id.variant_ids.param_lower",
                 "work_type_id.variant_ids.param_upper", "work_type_id.variant_ids.upgrade_id",
                 "on_pipe_rack", "outdoor", "wind_force", "wind_production_required",
                 "work_type_id.wind_limit_force", "work_type_id.wind_upgrade_allowed")
    def _compute_variant_id(self):
        for permit in self:
            if permit.state != "draft" and permit.locked_variant_id:
                permit.variant_id = permit.locked_variant_id
                permit.variant_upgraded = permit.locked_upgraded
                continue
            variants = permit.work_type_id.variant_ids
            band = level_rules.select_band(permit._level_parameter_value(), variants._as_band())
            if not band:
                permit.variant_id = False
                permit.variant_upgraded = False
                continue
            steps = int(bool(permit.work_type_id.upgrade_night_rest_day
                             and permit.night_or_rest_day))
            steps += int(bool(permit.work_type_id.upgrade_objective_hazard
                              and permit.objective_hazard))
            steps += int(permit._wind_verdict() == condition_rules.UPGRADE)
            upgrade_map = {v.id: v.upgrade_id.id for v in variants if v.upgrade_id}
            variant_id = level_rules.upgrade(band.key, steps, upgrade_map)
            permit.variant_id = variant_id
            permit.variant_upgraded = variant_id != band.key

    @api.depends("risk_ids.score")
    def _compute_risk_max_score(self):
        for permit in self:
            permit.risk_max_score = max(permit.risk_ids.mapped("score") or [0])

    @api.depends("gas_test_ids.sample_time")
    def _compute_last_gas_test(self):
        for permit in self:
            permit.last_gas_test_id = permit.gas_test_ids.sorted("sample_time", reverse=True)[:1]

    @api.depends("approval_ids.state", "state")
    @api.depends_context("uid")
    def _compute_approval_progress(self):
        for permit in self:
            approvals = permit.approval_ids
            done = len(approvals.filtered(lambda a: a.state == "approved"))
            permit.approval_progress = f"{done} / {len(approvals)}" if approvals else ""
            current = permit._current_approval()
            permit.current_approval_id = current
            permit.can_approve = bool(
                permit.state == "submitted" and current and not current._refusals(self.env.user))

    def _search_can_approve(self, operator, value):
        """Permits whose current approval step the user may decide now ("waiting for me",
        like OCA tier.validation's can_review). The database narrows them to submitted
        permits with a pending step for one of the user's roles; the full check (including
        what other addons add, such as qualifications) then runs on those few."""
        if operator != "in":
            return NotImplemented
        user = self.env.user
        maybe = self.search([
            ("state", "=", "submitted"), ("approval_ids.state", "=", "pending"),
            ("approval_ids.group_id", "in", user.all_group_ids.ids),
        ])
        ids = [permit.id for permit in maybe
               if (current := permit._current_approval())
               and current.group_id in user.all_group_ids
               and not current._refusals(user)]
        return [("id", "in", ids)]

    @api.depends_context("uid")
    def _compute_start_blockers(self):
        # Quick: only what the permit's own records show. The SIMOPS scan, the sensors and
        # the qualifications are searched when the permit is scanned and when work starts.
        now = fields.Datetime.now()
        for permit in self:
            if permit.state in ("issued", "suspended"):
                permit.start_blockers = "\n".join(b.message for b in permit._get_blockers(
                    permit._start_stage(), now, quick=True))
            else:
                permit.start_blockers = False

    def _compute_audit_event_count(self):
        data = dict(self.env["worksafe.audit.event"]._read_group(
            [("permit_id", "in", self.ids)], ["permit_id"], ["__count"]))
        for permit in self:
            permit.audit_event_count = data.get(permit, 0)

    # ------------------------------------------------------------------ helpers
    def _local_window(self):
        tz = self.env["res.config.settings"]._worksafe_timezone(self.company_id)
        return (
            fields.Datetime.context_timestamp(self.with_context(tz=tz), self.planned_start)
            .replace(tzinfo=None),
            fields.Datetime.context_timestamp(self.with_context(tz=tz), self.planned_end)
            .replace(tzinfo=None),
        )

    def _all_linked_permits(self):
        self.ensure_one()
        back = self.search([("linked_permit_ids", "in", self.id)])
        return (self.linked_permit_ids | back) - self

    def _employee_of(self, user):
        return self.env["hr.employee"].sudo().search(
            [("user_id", "=", user.id), ("company_id", "in", user.company_ids.ids)]
        )

    def _is_watcher(self, user):
        return bool(self.watcher_ids.user_id & user)

    def _is_performing(self, user):
        return user == self.performing_authority_id.user_id

    def _check_state(self, transition):
        sources, _target = TRANSITIONS[transition]
        for permit in self:
            if permit.state not in sources:
                raise UserError(self.env._(
                    "Permit %(permit)s is %(state)s: it cannot be %(transition)s now.",
                    permit=permit.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        permit.state],
                    transition=self._transition_labels()[transition],
                ))

    def _transition_labels(self):
        _ = self.env._
        return {
            "submit": _("submitted"), "approve": _("approved"), "reject": _("rejected"),
            "issue": _("issued"), "start": _("started"), "suspend": _("suspended"),
            "hand_back": _("handed back"), "close": _("closed"), "cancel": _("cancelled"),
            "expire": _("expired"), "withdraw": _("withdrawn"),
        }

    def _transition(self, transition, summary, extra_values=None, audit_values=None):
        """The only place where a permit changes state. Several permits (an emergency
        stopping an area) are written at once, with the same values, then audited one by
        one."""
        self._check_state(transition)
        target = TRANSITIONS[transition][1]
        previous = {permit.id: permit.state for permit in self}
        self._system_write(dict(extra_values or {}, state=target))
        for permit in self:
            permit._audit(
                f"permit.{transition}", summary,
                dict(audit_values or {}, **{"from": previous[permit.id], "to": target}),
            )
        if target != "active":
            self.filtered(lambda p: previous[p.id] == "active")._stop_dependent_permits()
        return True

    def _stop_dependent_permits(self):
        """Work that needs this permit (hot work inside this confined space) stops with it.
        One search for all of ``self``; each dependent names the permit it needed."""
        if not self:
            return
        dependents = self.sudo().search([("linked_permit_ids", "in", self.ids),
                                         ("state", "=", "active")])
        for required in self:
            mine = dependents.filtered(
                lambda d, r=required: r in d.linked_permit_ids and d.state == "active")
            if mine:
                mine._suspend(self.env._("Required permit %(permit)s is no longer active.",
                                         permit=required.name))

    def _require_group(self, xmlid, message):
        if not self.env.user.has_group(xmlid):
            raise AccessError(message)

    # ------------------------------------------------------------------ ORM
    # Who may change what (see worksafe.guarded.mixin): the state and bookkeeping only
    # through the actions, the content only in the draft, nothing once the permit is over.
    _guard_system_fields = SYSTEM_FIELDS
    _guard_draft_fields = CONTENT_FIELDS
    _guard_open_states = frozenset({"draft"})
    _guard_frozen_states = frozenset({"closed", "cancelled", "expired", "withdrawn"})
    _guard_deletable_states = frozenset({"draft"})
    _guard_non_negative_fields = frozenset({"height_m", "lifting_mass_t", "depth_m"})

    def _guard_frozen_message(self):
        return self.env._("Permit %(permit)s is over: it is kept as it is.", permit=self.name)

    def _guard_closed_message(self, names):
        return self.env._("Permit %(permit)s is no longer a draft: its content cannot change. "
                          "Create a new permit instead (GB 30871 §4).", permit=self.name)

    def _guard_action_message(self, names):
        return self.env._("The state of a permit changes only through its actions (submit, "
                          "approve, issue, scan on site …): %(fields)s.",
                          fields=self._guard_labels(names))

    def _is_safety_officer(self):
        return self.env.user.has_group("worksafe_permit.group_worksafe_safety_officer")

    def _guard_check_created(self):
        # A draft is applied for by the person creating it (a safety officer may file one
        # for someone else).
        if not self._is_safety_officer() and any(
                permit.applicant_id != self.env.user for permit in self):
            raise AccessError(self.env._("You apply for a permit in your own name."))
        self._check_planned_window()

    def _guard_check_write(self, changes):
        if self._is_safety_officer():
            return
        if "applicant_id" in changes:
            raise AccessError(self.env._("The applicant of a permit does not change: another "
                                         "person's draft is not made your own."))
        if CONTENT_FIELDS & changes and any(p.applicant_id != self.env.user for p in self):
            raise AccessError(self.env._("Only the applicant edits their draft."))

    def _check_planned_window(self):
        for permit in self:
            if permit.planned_start and permit.planned_end \
                    and permit.planned_end <= permit.planned_start:
                raise ValidationError(self.env._(
                    "The planned end must be after the planned start."))

    @api.model_create_multi
    def create(self, vals_list):
        permits = super().create(vals_list)
        for permit in permits.filtered(lambda p: p.name == "/"):
            number = self.env["ir.sequence"].with_company(permit.company_id).next_by_code(
                "worksafe.permit")
            if number:
                permit.with_context(mail_notrack=True)._system_write({"name": number})
        for permit in permits:
            # template lines (gas limits, measures, risks) are the system's
            permit.sudo()._load_template()
            permit._audit("permit.create", self.env._("Permit created"),
                          permit._content_snapshot())
        return permits

    def write(self, vals):
        vals, changed = self._guard_effective_vals(vals)
        template_changed = {"template_id", "work_type_id"} & changed
        result = super().write(vals)
        if {"planned_start", "planned_end"} & changed:
            self._check_planned_window()
        if template_changed:
            for permit in self.filtered(lambda p: p.state == "draft"):
                permit.sudo()._load_template()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own_drafts(self):
        if any(permit.state != "draft" for permit in self):
            raise UserError(self.env._(
                "Only draft permits can be deleted; cancel the others to keep their record."
            ))
        if not self._is_safety_officer() and any(
                permit.applicant_id != self.env.user for permit in self):
            raise AccessError(self.env._("Only the applicant deletes their draft."))

    @api.ondelete(at_uninstall=False)
    def _audit_draft_deletion(self):
        """The chain keeps what a deleted draft said (not at uninstall: the chain goes too)."""
        for permit in self:
            permit._audit("permit.delete", self.env._("Draft permit deleted"),
                          permit._content_snapshot())

    def _content_snapshot(self):
        self.ensure_one()
        return {
            "work_type": self.work_type_id.code,
            "variant": self.variant_id.code or False,
            "template": self.template_id.id,
            "area": self.area_id.id,
            "equipment": self.equipment_ids.ids,
            "performing_authority": self.performing_authority_id.id,
            "watchers": self.watcher_ids.ids,
            "workers": self.worker_ids.ids,
            "planned_start": fields.Datetime.to_string(self.planned_start),
            "planned_end": fields.Datetime.to_string(self.planned_end),
            "description": self.description,
            "linked": self.linked_permit_ids.ids,
        }

    # ------------------------------------------------------------------ template loading
    def _load_template(self):
        """(Re)build the template-driven lines of a draft permit."""
        self.ensure_one()
        if self.state != "draft" or not self.template_id:
            return
        template = self.template_id
        self.gas_limit_ids.unlink()
        self.measure_ids.unlink()
        self.gas_limit_ids = [Command.create(v) for v in template.gas_limit_ids._copy_values()]
        self.measure_ids = [
            Command.create({"sequence": m.sequence, "name": m.name}) for m in template.measure_ids
        ]
        self.env["worksafe.permit.risk"]._generate_for(self)

    def _build_steps(self):
        """Steps come from the template for the permit's variant, frozen at submission."""
        self.ensure_one()
        # Steps and approval lines are written by the system only: users act on them
        # through their methods.
        self.step_ids.sudo().unlink()
        commands = []
        for step in self.template_id._steps_for_variant(self.variant_id):
            commands.append(Command.create({
                "sequence": step.sequence, "name": step.name, "instructions": step.instructions,
                "phase": step.phase, "role": step.role, "blocking": step.blocking,
                "photo_count": step.photo_count, "photo_subject": step.photo_subject,
                "gas_test_required": step.gas_test_required,
                "signature_required": step.signature_required, "condition": step.condition,
                "check_ids": [Command.create({"sequence": c.sequence, "name": c.name})
                              for c in step.check_ids],
            }))
        self._system_write({"step_ids": commands})

    def action_generate_risk_assessment(self):
        for permit in self:
            if permit.state != "draft":
                raise UserError(self.env._("The risk assessment is fixed once submitted."))
            self.env["worksafe.permit.risk"]._generate_for(permit)

    def _people_risks(self):
        """Risk lines about the people (values for worksafe.permit.risk._generate_for);
        a hook: worksafe_training adds the qualification exceptions."""
        _ = self.env._
        people = self.worker_ids | self.watcher_ids | self.performing_authority_id
        risks = []
        if self.contractor_id or any(p.company_id != self.company_id for p in people):
            risks.append({"source": "people", "likelihood": "3", "severity": "3",
                          "name": _("Contractor staff unfamiliar with the site"),
                          "control": _("Site induction and an accompanied briefing")})
        if not self.watcher_ids:
            risks.append({"source": "people", "likelihood": "4", "severity": "4",
                          "name": _("No watcher named"),
                          "control": _("Name a trained watcher before submission")})
        return risks

    # ------------------------------------------------------------------ submit
    def action_submit(self):
        for permit in self:
            if permit.applicant_id != self.env.user and not self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer"):
                raise AccessError(self.env._("Only the applicant submits a permit."))
            # New overlaps are recorded so the coordinator can acknowledge them.
            conflicts = self.env["worksafe.permit.conflict"]._refresh_for(permit)
            permit._raise_blockers("submit", conflicts=conflicts)
            permit._build_steps()
            permit.approval_ids.sudo().unlink()
            permit._system_write({"approval_ids": [
                Command.create({"sequence": s.sequence, "name": s.name, "group_id": s.group_id.id,
                                "area_authority": s.area_authority, "site_check": s.site_check})
                for s in permit.variant_id.approval_step_ids
            ]})
            permit._transition("submit", self.env._("Submitted for approval"),
                               {"submitted_by_id": self.env.uid,
                                "locked_variant_id": permit.variant_id.id,
                                "locked_upgraded": permit.variant_upgraded},
                               audit_values=permit._content_snapshot())
            permit._schedule_approval_activity()
        return True

    # ------------------------------------------------------------------ approvals
    # The decisions themselves live on worksafe.permit.approval (_approve, _reject,
    # _refusals, _candidates); the permit keeps the entry points its screens call.
    def _current_approval(self):
        self.ensure_one()
        return self.approval_ids.filtered(lambda a: a.state == "pending").sorted(
            lambda a: (a.sequence, a.id))[:1]

    def _schedule_approval_activity(self):
        for permit in self:
            current = permit._current_approval()
            if not current:
                continue
            for user in current._candidates():
                permit.activity_schedule(
                    "worksafe_permit.mail_activity_permit_approval",
                    user_id=user.id,
                    summary=self.env._("Approve %(step)s", step=current.name),
                    date_deadline=fields.Date.context_today(permit),
                )

    def _approve_step(self, comment=False, site_checked=False):
        """Approve the current step as the current user; the last step approves the permit."""
        self.ensure_one()
        self._check_state("approve")
        return self._current_approval()._approve(comment=comment, site_checked=site_checked)

    def _reject(self, reason):
        self.ensure_one()
        self._check_state("reject")
        return self._current_approval()._reject(reason)

    def action_open_approve_wizard(self):
        return self._open_wizard("worksafe.permit.approve.wizard", self.env._("Approve"))

    def action_open_reject_wizard(self):
        return self._open_wizard("worksafe.permit.reason.wizard", self.env._("Reject"),
                                 {"default_action": "reject"})

    def action_open_suspend_wizard(self):
        return self._open_wizard("worksafe.permit.reason.wizard", self.env._("Suspend"),
                                 {"default_action": "suspend"})

    def action_open_withdraw_wizard(self):
        return self._open_wizard("worksafe.permit.reason.wizard", self.env._("Withdraw"),
                                 {"default_action": "withdraw"})

    def _open_wizard(self, model, name, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": model, "name": name,
            "view_mode": "form", "target": "new",
            "context": dict(context or {}, default_permit_id=self.id),
        }

    # ------------------------------------------------------------------ issue
    def action_issue(self):
        self._require_group("worksafe_permit.group_worksafe_safety_officer",
                            self.env._("Only a safety officer issues permits."))
        for permit in self:
            permit._check_state("issue")
            permit._raise_blockers("issue")
            permit._transition(
                "issue", self.env._("Permit issued"),
                {"issuer_id": self.env.uid, "token_version": permit.token_version + 1},
            )
            permit.message_post(body=self.env._("Permit issued: print it or show its QR code "
                                                "at the work site."),
                                subtype_xmlid="worksafe_permit.mt_permit_issued")
        return True

    # ------------------------------------------------------------------ start
    def _effective_gas_window(self):
        linked = self._all_linked_permits().filtered(lambda p: p.variant_id.gas_test_required)
        return validity_rules.strictest(
            *[m for m in (self | linked).variant_id.mapped("gas_test_window_minutes") if m]
        ) or 30

    def _effective_retest_break(self):
        linked = self._all_linked_permits().filtered(lambda p: p.variant_id.gas_test_required)
        return validity_rules.strictest(
            *[m for m in (self | linked).variant_id.mapped("retest_break_minutes") if m]
        )

    def _gas_test_required(self):
        return self.variant_id.gas_test_required or any(self.step_ids.mapped("gas_test_required"))

    def _stage_sources(self):
        """The states each precondition stage (rules.blockers.STAGES) starts from."""
        return {"submit": TRANSITIONS["submit"][0], "issue": TRANSITIONS["issue"][0],
                "start": {"issued"}, "resume": {"suspended"},
                "approve": TRANSITIONS["approve"][0], "close": TRANSITIONS["close"][0]}

    def _format_dt(self, value):
        """Times as the site reads them, whoever looks."""
        tz = self.env["res.config.settings"]._worksafe_timezone(self.company_id or
                                                                 self.env.company)
        return fields.Datetime.to_string(
            fields.Datetime.context_timestamp(self.with_context(tz=tz), value)
            .replace(tzinfo=None))[:16]

    # ------------------------------------------------------------------ during work
    def _suspend(self, reason):
        self._transition(
            "suspend", self.env._("Suspended: %(reason)s", reason=reason),
            {"break_started": fields.Datetime.now(), "suspension_reason": reason,
             "watcher_on_site_id": False, "watcher_on_site_since": False},
            {"reason": reason},
        )
        for permit in self:
            permit.message_post(body=self.env._("Work suspended: %(reason)s", reason=reason),
                                subtype_xmlid="worksafe_permit.mt_permit_suspended")
        return True

    def _is_on_crew(self, user):
        """The performing authority, a worker or a watcher of this permit."""
        return self._is_performing(user) or self._is_watcher(user) \
            or bool(self.worker_ids.user_id & user)

    def _check_can_brief(self):
        """GB 30871: the performing authority holds the safety briefing; the watchers and the
        safety officers may record it for them."""
        user = self.env.user
        for permit in self:
            if not (permit._is_performing(user) or permit._is_watcher(user)
                    or user.has_group("worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(self.env._(
                    "The briefing of %(permit)s is recorded by its performing authority, a "
                    "watcher or a safety officer.", permit=permit.name))

    def _check_can_stop_work(self):
        """Anyone on site may stop work (GB 30871: every worker may refuse and stop unsafe
        work): the permit's crew and the safety officers."""
        user = self.env.user
        for permit in self:
            if not (permit._is_on_crew(user)
                    or user.has_group("worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(self.env._(
                    "Only the crew of %(permit)s (performing authority, workers, watchers) or "
                    "a safety officer can stop its work.", permit=permit.name))

    def action_hand_back(self):
        for permit in self:
            if not (permit._is_performing(self.env.user) or self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(self.env._("Only the performing authority hands back."))
            permit._check_state("hand_back")
            todo = permit.step_ids.filtered(lambda s: s.phase == "execution"
                                            and s.state != "done")
            if todo:
                raise ValidationError(self.env._("Finish these steps first: %(steps)s.",
                                                 steps=", ".join(todo.mapped("name"))))
            permit._transition("hand_back", self.env._("Work done, handed back"),
                               {"actual_end": fields.Datetime.now()})
        return True

    def action_close(self):
        self._require_group("worksafe_permit.group_worksafe_safety_officer",
                            self.env._("Only a safety officer closes permits."))
        for permit in self:
            permit._check_state("close")
            permit._raise_blockers("close")
            permit._transition("close", self.env._("Area inspected, permit closed"))
        return True

    def action_cancel(self):
        for permit in self:
            if permit.applicant_id != self.env.user and not self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer"):
                raise AccessError(self.env._("Only the applicant or a safety officer cancels."))
            permit.activity_unlink(["worksafe_permit.mail_activity_permit_approval"])
            permit._transition("cancel", self.env._("Cancelled"))
        return True

    def _withdraw(self, reason):
        for permit in self:
            if not (permit._is_watcher(self.env.user) or self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(self.env._("Only a watcher of the permit withdraws it."))
            if not reason:
                raise ValidationError(self.env._("Give the reason for the withdrawal."))
            permit._transition("withdraw", self.env._("Withdrawn: %(reason)s", reason=reason),
                               {"withdrawal_reason": reason, "actual_end": fields.Datetime.now()},
                               {"reason": reason})
        return True

    def action_new_permit_from(self):
        """A change to an issued permit needs a new permit: start one from this one."""
        self.ensure_one()
        new = self.copy({"linked_permit_ids": [Command.set(self.linked_permit_ids.ids)]})
        new.message_post(body=self.env._("Created from %(permit)s.", permit=self.name))
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id,
                "view_mode": "form"}

    @api.model
    def _cron_expire(self):
        now = fields.Datetime.now()
        permits = self.search([("state", "in", list(TRANSITIONS["expire"][0])),
                               ("planned_end", "<=", now)])
        for permit in permits:
            permit._transition("expire", self.env._("Validity ran out"),
                               {"actual_end": permit.actual_end or now})
            permit.message_post(body=self.env._("Validity ran out: a new permit is needed."),
                                subtype_xmlid="worksafe_permit.mt_permit_suspended")
        return True

    # ------------------------------------------------------------------ SIMOPS
    def _footprint(self):
        self.ensure_one()
        area = self.area_id
        return simops_rules.Footprint(
            permit_id=self.id,
            work_type=self.work_type_id.code,
            tags=frozenset(self.activity_tag_ids.mapped("code")),
            area_path=area._area_path() if area else (),
            position=(area.position_x, area.position_y) if area.has_position else None,
            equipment_ids=frozenset(self.equipment_ids.ids),
            pipelines=frozenset([self.pipeline_code.strip()]) if self.pipeline_code else
            frozenset(),
            start=self.planned_start,
            end=self.planned_end,
        )

    # ------------------------------------------------------------------ views
    def action_view_audit_trail(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_permit.action_worksafe_audit_event")
        action["domain"] = [("permit_id", "=", self.id)]
        action["context"] = {}
        return action

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values and self.state == "submitted":
            return self.env.ref("worksafe_permit.mt_permit_submitted")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------ standards (GB 30871)
    # Inputs the standards rely on and the problems they raise, each with a stable code.
    # The rules themselves are in rules/conditions.py, rules/levels.py and
    # rules/temporary_power.py; the numbers are data on the work type.
    @api.constrains("wind_force")
    def _check_wind_force(self):
        for permit in self:
            if not 0 <= permit.wind_force <= condition_rules.BEAUFORT_MAX:
                raise ValidationError(self.env._(
                    "The wind force is a Beaufort force from 0 to %(max)s.",
                    max=condition_rules.BEAUFORT_MAX))

    @api.constrains("has_daily_hours", "daily_hour_from", "daily_hour_to")
    def _check_daily_hours(self):
        for permit in self.filtered("has_daily_hours"):
            try:
                level_rules.check_daily_hours(permit.daily_hour_from, permit.daily_hour_to)
            except ValueError:
                raise ValidationError(self.env._(
                    "Declared working hours run from one time of day to another, between 00:00 "
                    "and 24:00 (00:00 to 24:00 for round the clock).")) from None

    def _declared_hours(self):
        """(from, to) when the permit declares its daily working hours, else None."""
        self.ensure_one()
        return (self.daily_hour_from, self.daily_hour_to) if self.has_daily_hours else None

    def _declared_hours_night_or_rest_day(self, start, end, settings, holidays):
        """Night or rest-day work within the declared hours; impossible hours (refused on
        save by _check_daily_hours) count as the whole window, the conservative reading."""
        hours = self._declared_hours()
        try:
            return level_rules.declared_hours_touch_night(
                start, end, *hours, settings["night_start"], settings["night_end"]
            ) or level_rules.declared_hours_touch_rest_day(
                start, end, *hours, settings["rest_weekdays"], holidays)
        except ValueError:
            return level_rules.window_touches_night(
                start, end, settings["night_start"], settings["night_end"]
            ) or level_rules.window_touches_rest_day(
                start, end, settings["rest_weekdays"], holidays)

    @api.depends("has_daily_hours", "daily_hour_from", "daily_hour_to")
    def _compute_works_at_night(self):
        settings = self.env["res.config.settings"]._worksafe_calendar_settings()
        for permit in self:
            hours = permit._declared_hours()
            try:
                permit.works_at_night = bool(hours) and level_rules.hours_overlap_night(
                    *hours, settings["night_start"], settings["night_end"])
            except ValueError:  # refused by _check_daily_hours on save
                permit.works_at_night = False

    def _wind_verdict(self):
        self.ensure_one()
        work_type = self.work_type_id
        try:
            return condition_rules.wind_verdict(
                self.wind_force, work_type.wind_limit_force, outdoor=self.outdoor,
                upgrade_allowed=work_type.wind_upgrade_allowed,
                production_requires=self.wind_production_required)
        except ValueError:  # out of the scale: refused by _check_wind_force on save
            return condition_rules.PROHIBITED

    def _served_permits(self):
        """Linked permits (either direction) whose window this one must lie within."""
        self.ensure_one()
        served_types = self.work_type_id.served_work_type_ids
        if not served_types:
            return self.browse()
        return self.sudo()._all_linked_permits().filtered(
            lambda p: p.work_type_id in served_types and p.state not in ("cancelled",))

    def _temp_power_window_problems(self):
        _ = self.env._
        served = self._served_permits()
        problems = temp_power_rules.window_problems(
            self.planned_start, self.planned_end,
            [(p, p.planned_start, p.planned_end) for p in served])
        return [self._blocker(blocker_rules.TEMP_POWER_WINDOW, _(
            "The window of %(permit)s (%(start)s to %(end)s) must lie within the window of "
            "%(served)s (%(served_start)s to %(served_end)s), the work it serves (GB 30871 §10).",
            permit=self.name, start=self._format_dt(self.planned_start),
            end=self._format_dt(self.planned_end), served=other.name,
            served_start=other._format_dt(other.planned_start) if other.planned_start else "",
            served_end=other._format_dt(other.planned_end) if other.planned_end else ""))
            for other in dict.fromkeys(other for other, _code in problems)]

    def _temp_power_gas_problem(self, now):
        if not (self.work_type_id.fire_zone_gas_test and self.area_id.fire_explosion_zone):
            return None
        last = self.last_gas_test_id
        code = temp_power_rules.gas_test_problem(
            combustible_limited=any(g.kind == "combustible" for g in self.gas_limit_ids.gas_id),
            sample_time=last.sample_time or None, passed=last.passed,
            combustible_measured=any(g.kind == "combustible" for g in last.line_ids.gas_id),
            now=now, window_minutes=self._effective_gas_window())
        if not code:
            return None
        _ = self.env._
        reasons = {
            "no_limit": _("the permit has no combustible gas limit to test against"),
            "missing": _("no gas test has been taken"),
            "failed": _("the last gas test failed"),
            "no_combustible": _("the last gas test measured no combustible gas"),
            "stale": _("the last gas test is older than %(minutes)s minutes",
                       minutes=self._effective_gas_window()),
        }
        return self._blocker(blocker_rules.TEMP_POWER_GAS, _(
            "%(area)s is a fire/explosion area: temporary power is connected only after a "
            "passing combustible gas test, and %(reason)s (GB 30871 §10).",
            area=self.area_id.complete_name, reason=reasons[code]),
            url=self._blocker_url("action-worksafe_permit.action_worksafe_scan_gas_test"),
            label=_("Record a gas test"))

    def _standards_submission_problems(self):
        """What the standards' inputs forbid at submission, as rules.blockers.Blocker items."""
        self.ensure_one()
        _ = self.env._
        problems = []
        if self._wind_verdict() == condition_rules.PROHIBITED:
            work_type = self.work_type_id
            if work_type.wind_upgrade_allowed:
                message = _(
                    "Outdoor %(type)s is prohibited in wind of force %(limit)s or more (forecast: "
                    "%(force)s); only where production really requires it is it done, one level "
                    "up: tick \"Production requires work in this wind\" (GB 30871).",
                    type=work_type.name, limit=work_type.wind_limit_force, force=self.wind_force)
            else:
                message = _(
                    "Outdoor %(type)s is prohibited in wind of force %(limit)s or more (forecast: "
                    "%(force)s) (GB 30871).",
                    type=work_type.name, limit=work_type.wind_limit_force, force=self.wind_force)
            problems.append(self._blocker(blocker_rules.WIND_FORCE, message))
        problems.extend(self._temp_power_window_problems())
        return problems

    def _standards_start_problems(self, now):
        """What the standards' inputs forbid when work starts now, as rules.blockers.Blocker
        items."""
        self.ensure_one()
        problems = []
        gas = self._temp_power_gas_problem(now)
        if gas:
            problems.append(gas)
        problems.extend(self._temp_power_window_problems())
        return problems
