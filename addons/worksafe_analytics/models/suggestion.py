from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import suggestions as suggestion_rules

SUGGESTION_STATES = [("proposed", "Proposed"), ("applied", "Applied"),
                     ("dismissed", "Dismissed")]


class WorksafeAnalyticsSuggestion(models.Model):
    """A change of the procedure the figures call for, applied in one click and measured
    again afterwards (figures before vs after the day it was applied)."""

    _name = "worksafe.analytics.suggestion"
    _description = "Procedure suggestion"
    _inherit = ["mail.thread", "worksafe.audit.mixin"]
    _order = "state, create_date desc, id desc"
    # Safety officers read suggestions and act through the buttons: they post the record.
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one("worksafe.analytics.suggestion.rule", required=True,
                              readonly=True, ondelete="cascade", index=True)
    metric = fields.Selection(related="rule_id.metric")
    action_kind = fields.Selection(related="rule_id.action_kind")
    company_id = fields.Many2one("res.company", readonly=True,
                                 default=lambda s: s.env.company)
    template_step_id = fields.Many2one("worksafe.template.step", readonly=True,
                                       ondelete="cascade")
    approval_step_id = fields.Many2one("worksafe.variant.approval", readonly=True,
                                       ondelete="cascade")
    state = fields.Selection(SUGGESTION_STATES, default="proposed", required=True,
                             readonly=True, tracking=True, index=True)
    value = fields.Float("Measured", readonly=True, digits=(10, 2))
    permit_count = fields.Integer("Permits", readonly=True)
    measured_at = fields.Datetime(readonly=True)
    applied_at = fields.Datetime(readonly=True)
    applied_by_id = fields.Many2one("res.users", "Applied by", readonly=True)
    before_value = fields.Float("Before", readonly=True, digits=(10, 2),
                                help="The rule's metric over its look-back period before "
                                     "the change.")
    before_permits = fields.Integer("Permits before", readonly=True)
    after_value = fields.Float("After", compute="_compute_after", digits=(10, 2),
                               help="The same metric measured on permits since the change.")
    after_permits = fields.Integer("Permits after", compute="_compute_after")

    @api.depends("rule_id", "template_step_id", "approval_step_id")
    def _compute_name(self):
        for suggestion in self:
            target = suggestion.template_step_id or suggestion.approval_step_id
            where = target.display_name
            if suggestion.approval_step_id:
                where = f"{suggestion.approval_step_id.variant_id.display_name} · {where}"
            elif suggestion.template_step_id:
                where = f"{suggestion.template_step_id.template_id.name} · {where}"
            suggestion.name = f"{suggestion.rule_id.name}: {where}"

    def _target(self):
        self.ensure_one()
        return self.template_step_id or self.approval_step_id

    def _compute_after(self):
        for suggestion in self:
            if suggestion.state != "applied" or not suggestion.applied_at:
                suggestion.after_value = 0.0
                suggestion.after_permits = 0
                continue
            figures = self._figures(suggestion.rule_id.kind, suggestion._target().ids,
                                    date_from=suggestion.applied_at).get(suggestion._target().id)
            value = figures and suggestion_rules.metric_value(suggestion.rule_id.metric, figures)
            suggestion.after_value = value or 0.0
            suggestion.after_permits = figures.permits if figures else 0

    # ------------------------------------------------------------------ figures
    @api.model
    def _figures(self, kind, target_ids, date_from=None, date_to=None):
        """{template step / approval step id: rules.suggestions.Figures} over the facts
        measured in [date_from, date_to), judged against the step's current target."""
        if not target_ids:
            return {}
        self.env["worksafe.analytics.step.fact"].flush_model()
        column = "template_step_id" if kind == "step" else "approval_step_id"
        target_table = "worksafe_template_step" if kind == "step" else \
            "worksafe_variant_approval"
        self.env.cr.execute(f"""
            SELECT f.{column}, count(DISTINCT f.permit_id),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.wait_hours),
                   max(t.analytics_target_wait_hours),
                   count(DISTINCT f.permit_id) FILTER (
                       WHERE t.analytics_target_wait_hours > 0
                         AND f.wait_hours > t.analytics_target_wait_hours),
                   sum(f.missed_count), sum(f.rework_count)
              FROM worksafe_analytics_step_fact f
              JOIN {target_table} t ON t.id = f.{column}
             WHERE f.kind = %(kind)s AND f.{column} = ANY(%(ids)s)
               AND coalesce(f.done_at, f.ready_at)
                   >= coalesce(%(from)s::timestamp, '-infinity')
               AND coalesce(f.done_at, f.ready_at)
                   < coalesce(%(to)s::timestamp, 'infinity')
             GROUP BY f.{column}
        """, {"kind": kind, "ids": list(target_ids), "from": date_from,  # noqa: S608
              "to": date_to})
        return {row[0]: suggestion_rules.Figures(
            permits=row[1], wait_p90=row[2], target=row[3], over_target=row[4],
            missed=row[5] or 0, rejected=row[6] or 0) for row in self.env.cr.fetchall()}

    @api.model
    def _generate(self):
        """Evaluate every active rule on the figures of its look-back period; a rule that
        fires on a step proposes its change once (an open proposal is updated)."""
        now = fields.Datetime.now()
        created = self.browse()
        for rule in self.env["worksafe.analytics.suggestion.rule"].search(
                [("company_id", "in", [False, *self.env.companies.ids])]):
            kind = rule.kind
            model = "worksafe.template.step" if kind == "step" else "worksafe.variant.approval"
            self.env["worksafe.analytics.step.fact"].flush_model()
            column = "template_step_id" if kind == "step" else "approval_step_id"
            domain = [("kind", "=", kind), (column, "!=", False)]
            if rule.company_id:
                domain.append(("company_id", "=", rule.company_id.id))
            groups = self.env["worksafe.analytics.step.fact"].sudo()._read_group(
                domain, [column], [])
            targets = self.env[model].browse([g[0].id for g in groups]).exists()
            figures = self._figures(kind, targets.ids,
                                    date_from=now - timedelta(days=rule.period_days))
            for target in targets:
                fig = figures.get(target.id)
                if not fig or not suggestion_rules.fires(rule.metric, rule.threshold,
                                                         rule.min_permits, fig):
                    continue
                if rule._already_in_place(target):
                    continue
                value = suggestion_rules.metric_value(rule.metric, fig)
                open_one = self.search([("rule_id", "=", rule.id), (column, "=", target.id),
                                        ("state", "=", "proposed")], limit=1)
                vals = {"value": value, "permit_count": fig.permits, "measured_at": now}
                if open_one:
                    open_one.sudo().write(vals)
                else:
                    created |= self.sudo().create(dict(
                        vals, rule_id=rule.id, **{column: target.id},
                        company_id=rule.company_id.id or self.env.company.id))
        return created

    @api.model
    def _cron_generate(self):
        self._generate()
        return True

    def action_find(self):
        self._check_officer()
        self.env["worksafe.analytics.engine"]._refresh()
        self._generate()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_analytics.action_worksafe_analytics_suggestion")

    def _check_officer(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_safety_officer"):
            raise AccessError(self.env._("Only safety officers act on suggestions."))

    # ------------------------------------------------------------------ apply
    def action_apply(self):
        """Make the change on the template or the level's approval chain, record it in the
        chatter and the audit trail, and keep the figures it was based on."""
        self._check_officer()
        now = fields.Datetime.now()
        for suggestion in self:
            if suggestion.state != "proposed":
                raise UserError(self.env._("Suggestion %(name)s was already %(state)s.",
                                           name=suggestion.name, state=suggestion.state))
            rule = suggestion.rule_id
            target = suggestion._target()
            if not target:
                raise UserError(self.env._("The step of this suggestion no longer exists."))
            change = suggestion._apply_change(target)
            period_from = now - timedelta(days=rule.period_days)
            fig = self._figures(rule.kind, target.ids, date_from=period_from,
                                date_to=now).get(target.id)
            before = suggestion_rules.metric_value(rule.metric, fig) if fig else None
            suggestion.sudo().write({
                "state": "applied", "applied_at": now, "applied_by_id": self.env.uid,
                "before_value": before or 0.0, "before_permits": fig.permits if fig else 0,
            })
            summary = self.env._("Suggestion applied: %(name)s (%(change)s)",
                                 name=suggestion.name, change=change)
            suggestion.message_post(body=summary)
            suggestion._audit("analytics.suggestion.applied", summary, {
                "rule": rule.id, "action": rule.action_kind, "model": target._name,
                "target": target.id, "metric": rule.metric, "before": before,
            })
        return True

    def _apply_change(self, target):
        """The change itself, as a short description for the chatter."""
        kind = self.rule_id.action_kind
        if kind == "make_blocking":
            target.sudo().blocking = True
            return self.env._("step '%(step)s' now blocks the next steps", step=target.name)
        target.sudo().area_authority = False
        return self.env._("any holder of the role %(role)s may now decide '%(step)s'",
                          role=target.group_id.name, step=target.name)

    def action_dismiss(self):
        self._check_officer()
        for suggestion in self.filtered(lambda s: s.state == "proposed"):
            suggestion.sudo().state = "dismissed"
            suggestion.message_post(body=self.env._("Suggestion dismissed."))
        return True
