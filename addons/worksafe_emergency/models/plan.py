from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..rules import plan_choice as plan_rules

PLAN_KINDS = [("comprehensive", "Comprehensive plan (综合应急预案)"),
              ("scenario", "Scenario plan (专项应急预案)"),
              ("onsite", "On-site plan (现场处置方案)")]
# GB/T 29639-2020 §4: the eight authoring steps, in order.
AUTHORING_STEPS = [
    ("working_group", "Working group"), ("data_collection", "Data collection"),
    ("risk_assessment", "Risk assessment"), ("resource_survey", "Emergency resource survey"),
    ("drafting", "Drafting"), ("tabletop", "Tabletop run-through (桌面推演)"),
    ("review", "Review"), ("approval", "Approval"),
]
# A plan is approved only after these (GB/T 29639-2020: the tabletop before the review).
APPROVAL_NEEDS = ("tabletop", "review")
# 应急条例 Art. 6: the events after which a plan must be revised.
REVISION_TRIGGERS = [
    ("law", "Law or standard changed"), ("organisation", "Organisation changed"),
    ("risk", "Major risk changed"), ("resource", "Emergency resources changed"),
    ("drill", "Problem found in a drill"), ("event", "Problem found in a real response"),
    ("other", "Other"),
]


class WorksafeEmergencyPlan(models.Model):
    _name = "worksafe.emergency.plan"
    _description = "Emergency response plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin"]
    _order = "kind, name"
    # approval and versions only through the actions
    _guard_system_fields = frozenset({"state", "approved_at", "approved_by_id", "version"})
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    code = fields.Char()
    kind = fields.Selection(PLAN_KINDS, required=True, default="scenario", tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved"),
                              ("obsolete", "Obsolete")], default="draft", required=True,
                             tracking=True, readonly=True, copy=False)
    owner_id = fields.Many2one("res.users", "Plan owner", default=lambda s: s.env.user,
                               tracking=True)
    scenario_ids = fields.Many2many("worksafe.emergency.scenario", string="Scenarios",
                                    help="Empty: every scenario.")
    area_ids = fields.Many2many("worksafe.area", string="Areas", check_company=True,
                                help="Empty: the whole site. A plan for an area covers its "
                                "sub-areas.")
    approved_at = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    version = fields.Integer(default=1, readonly=True, copy=False)

    # GB/T 29639-2020 §6 (comprehensive), §7 (scenario), §8 (on-site)
    scope = fields.Text("Scope", translate=True)
    organisation = fields.Text("Organisation and duties", translate=True)
    information_reporting = fields.Text(
        "Information reporting", translate=True,
        help="Duty phone, internal notice, external report: flow, content, time limit, "
        "person.")
    warning = fields.Text("Warning: start and lift", translate=True)
    response_start = fields.Text("Response start", translate=True,
                                 help="Automatic when the criteria are met, or by decision.")
    disposal = fields.Text("Disposal measures", translate=True)
    outside_support = fields.Text("Outside support", translate=True)
    termination = fields.Text("Response termination", translate=True)
    aftermath = fields.Text("Aftermath", translate=True)
    support = fields.Text("Support (communications, teams, materials, other)", translate=True)
    risk_description = fields.Text("Risk description", translate=True)
    procedure = fields.Text("Procedure (alarm → measures → guiding rescuers → escalation)",
                            translate=True)
    alarm_owner_id = fields.Many2one("res.users", "Alarm owner")
    alarm_phone = fields.Char("Alarm phone")
    precautions = fields.Text("Precautions (PPE, rescue equipment, self and mutual rescue)",
                              translate=True)
    fixed_texts = fields.Text("Fixed-format texts (report intake, activation, release)",
                              translate=True)

    step_ids = fields.One2many("worksafe.emergency.plan.step", "plan_id", "Authoring steps",
                               copy=False)
    level_ids = fields.One2many("worksafe.emergency.response.level", "plan_id",
                                "Response levels")
    role_ids = fields.One2many("worksafe.emergency.plan.role", "plan_id", "Roles")
    resource_ids = fields.One2many("worksafe.emergency.resource", "plan_id", "Resources")
    card_ids = fields.One2many("worksafe.emergency.card", "plan_id", "Emergency cards")
    drill_ids = fields.One2many("worksafe.emergency.drill", "plan_id", "Drills")
    event_ids = fields.One2many("worksafe.emergency.event", "plan_id", "Events")
    last_drill_date = fields.Date(compute="_compute_drill_due")
    next_drill_date = fields.Date("Next drill due", compute="_compute_drill_due")
    drill_overdue = fields.Boolean(compute="_compute_drill_due")

    # ------------------------------------------------------------------ drills
    @api.depends("drill_ids.state", "drill_ids.done_at", "kind", "approved_at")
    def _compute_drill_due(self):
        frequency = self.env["worksafe.emergency.drill.frequency"].sudo()
        today = fields.Date.context_today(self)
        for plan in self:
            done = plan.drill_ids.filtered(lambda d: d.state == "done" and d.done_at)
            last = max(done.mapped("done_at")).date() if done else False
            months = frequency._months_for(plan)
            base = last or (plan.approved_at.date() if plan.approved_at else False)
            plan.last_drill_date = last
            plan.next_drill_date = (base + timedelta(days=round(months * 30.4375))) \
                if base and months else False
            plan.drill_overdue = bool(plan.next_drill_date and plan.next_drill_date < today)

    # ------------------------------------------------------------------ authoring
    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        for plan in plans.filtered(lambda p: not p.step_ids):
            plan.sudo().step_ids = [Command.create({"code": code, "sequence": i})
                                    for i, (code, _label) in enumerate(AUTHORING_STEPS)]
        return plans

    def _check_manager(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_manager"):
            raise AccessError(self.env._("Only a WorkSafe manager approves response plans."))

    def action_approve(self):
        self._check_manager()
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Plan %(plan)s is not a draft.", plan=plan.name))
            missing = [dict(plan.step_ids._fields["code"]._description_selection(self.env))
                       [code] for code in APPROVAL_NEEDS
                       if not plan.step_ids.filtered(lambda s, c=code: s.code == c and s.done)]
            if missing:
                raise UserError(self.env._(
                    "Plan %(plan)s cannot be approved before: %(steps)s (GB/T 29639-2020).",
                    plan=plan.name, steps=", ".join(missing)))
            step = plan.step_ids.filtered(lambda s: s.code == "approval")
            step.sudo().write({"done": True, "done_at": fields.Datetime.now(),
                               "done_by_id": self.env.uid})
            plan.sudo().write({"state": "approved", "approved_at": fields.Datetime.now(),
                               "approved_by_id": self.env.uid})
            plan._audit("emergency.plan.approve", self.env._("Response plan approved"),
                        {"plan": plan.id, "version": plan.version})
            plan.activity_unlink(["worksafe_emergency.mail_activity_plan_revision"])
        return True

    def action_revise(self):
        """Start a new version: the plan goes back to draft, its review, tabletop and
        approval are to be done again."""
        self._check_manager()
        for plan in self:
            plan.step_ids.filtered(lambda s: s.code in APPROVAL_NEEDS + ("approval",)) \
                .sudo().write({"done": False, "done_at": False, "done_by_id": False})
            plan.sudo().write({"state": "draft", "version": plan.version + 1})
            plan._audit("emergency.plan.revise", self.env._("Response plan under revision"),
                        {"plan": plan.id, "version": plan.version})
        return True

    def action_obsolete(self):
        self._check_manager()
        self.sudo().write({"state": "obsolete"})
        return True

    def _open_revision(self, trigger, note):
        """A revision task (应急条例 Art. 6) for the plan owner, once per trigger while
        open."""
        labels = dict(REVISION_TRIGGERS)
        activity_type = self.env.ref("worksafe_emergency.mail_activity_plan_revision")
        for plan in self.sudo():
            summary = self.env._("Revise the plan: %(why)s", why=labels.get(trigger, trigger))
            if plan.activity_ids.filtered(lambda a: a.activity_type_id == activity_type
                                          and a.summary == summary):
                continue
            plan.activity_schedule("worksafe_emergency.mail_activity_plan_revision",
                                   user_id=(plan.owner_id or self.env.user).id,
                                   summary=summary, note=note)
            plan._audit("emergency.plan.revision_task", summary,
                        {"plan": plan.id, "trigger": trigger})
        return True

    # ------------------------------------------------------------------ choice
    @api.model
    def _choose_for(self, scenario, area):
        """The most specific approved plan for `scenario` in `area` (rules.plan_choice)."""
        plans = self.sudo().search([("state", "=", "approved"),
                                    ("company_id", "=", area.company_id.id)])
        candidates = [plan_rules.PlanCandidate(plan.id, plan.kind,
                                               frozenset(plan.scenario_ids.ids),
                                               frozenset(plan.area_ids.ids)) for plan in plans]
        chosen = plan_rules.choose_plan(candidates, scenario.id, area._area_path())
        return self.browse(chosen) if chosen else self.browse()
