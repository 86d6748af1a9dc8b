from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..rules import scoring as scoring_rules

SUBJECTS = [("person", "Person"), ("team", "Team"), ("contractor", "Contractor")]
PERIODS = [("month", "Month"), ("quarter", "Quarter")]
_ENDINGS = {"permit.close": "closed", "permit.expire": "expired",
            "permit.withdraw": "withdrawn"}
# subject -> the fact column naming it
_SUBJECT_COLUMNS = {"person": "employee_id", "team": "department_id",
                    "contractor": "contractor_id"}


class WorksafeAnalyticsScore(models.Model):
    """The safety score of a person, a team or a contractor for a month or a quarter:
    100 points minus the deductions of the sheet (criteria and violation types are data),
    banded, with the veto."""

    _name = "worksafe.analytics.score"
    _description = "Safety score"
    _order = "period_start desc, score asc, id"
    _rec_name = "subject_name"

    subject = fields.Selection(SUBJECTS, required=True, readonly=True, index=True)
    subject_name = fields.Char("Who", readonly=True)
    employee_id = fields.Many2one("hr.employee", "Person", readonly=True, index=True,
                                  ondelete="cascade")
    department_id = fields.Many2one("hr.department", "Team", readonly=True, index=True,
                                    ondelete="cascade")
    partner_id = fields.Many2one("res.partner", "Contractor", readonly=True, index=True,
                                 ondelete="cascade")
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    period_kind = fields.Selection(PERIODS, "Period", required=True, readonly=True, index=True)
    period_start = fields.Date("From", required=True, readonly=True, index=True)
    period_end = fields.Date("To", readonly=True)
    permit_count = fields.Integer("Permits finished", readonly=True)
    closed_count = fields.Integer("Completed", readonly=True)
    completion_rate = fields.Float("Completion (%)", readonly=True, digits=(5, 1),
                                   aggregator="avg")
    violation_count = fields.Integer("Violations", readonly=True)
    alarm_count = fields.Integer("Alarms", readonly=True)
    rectification_count = fields.Integer("Rectifications due", readonly=True)
    rectification_late_count = fields.Integer("Rectifications late", readonly=True)
    rectification_on_time_rate = fields.Float("Rectified on time (%)", readonly=True,
                                              digits=(5, 1), aggregator="avg")
    deduction_completion = fields.Float("Deducted: completion", readonly=True)
    deduction_violations = fields.Float("Deducted: violations", readonly=True)
    deduction_rectification = fields.Float("Deducted: rectifications", readonly=True)
    score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    band_id = fields.Many2one("worksafe.analytics.score.band", "Band", readonly=True)
    vetoed = fields.Boolean("Veto", readonly=True)
    veto_reason = fields.Char(readonly=True)

    # ------------------------------------------------------------------ computing
    @api.model
    def _cron_compute(self):
        """This and the previous month and quarter (late events still count)."""
        today = fields.Date.context_today(self)
        for kind in ("month", "quarter"):
            current = scoring_rules.period_start(today, kind)
            previous = scoring_rules.period_start(current - timedelta(days=1), kind)
            for start in (previous, current):
                self._compute_period(kind, start)
        return True

    def action_compute(self):
        if not self.env.user.has_group("worksafe_permit.group_worksafe_safety_officer"):
            raise AccessError(self.env._("Only safety officers compute the scores."))
        self.env["worksafe.analytics.engine"]._refresh()
        self._cron_compute()
        return True

    @api.model
    def _period_end(self, kind, start):
        step = 1 if kind == "month" else 3
        month = start.month - 1 + step
        return date(start.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    @api.model
    def _compute_period(self, kind, start):
        """(Re)compute every subject's score for the period starting on `start`."""
        start = scoring_rules.period_start(start, kind)
        end = self._period_end(kind, start)
        self.sudo().search([("period_kind", "=", kind), ("period_start", "=", start)]).unlink()
        criteria = {c.code: c for c in self.env["worksafe.analytics.score.criterion"].search(
            [("active", "=", True)])}
        bands = self.env["worksafe.analytics.score.band"].search([("min_score", ">=", 0)])
        failing = bands.filtered("failing")[:1]
        band_rules = [scoring_rules.Band(b.code, b.min_score) for b in bands]
        vals_list = []
        for subject, column in _SUBJECT_COLUMNS.items():
            rows = self._subject_figures(column, start, end)
            for key, fig in rows.items():
                subject_id, company_id = key
                deductions = self._deductions(fig, criteria)
                score = scoring_rules.deduct(deductions.values())
                veto = fig["veto"]
                code = scoring_rules.band_for(score, band_rules, bool(veto),
                                              failing.code if failing else "")
                finished = fig["closed"] + fig["expired"] + fig["withdrawn"]
                due = fig["rect_due"]
                vals_list.append({
                    "subject": subject, "company_id": company_id,
                    "employee_id": subject_id if subject == "person" else False,
                    "department_id": subject_id if subject == "team" else False,
                    "partner_id": subject_id if subject == "contractor" else False,
                    "subject_name": self._subject_name(subject, subject_id),
                    "period_kind": kind, "period_start": start, "period_end": end,
                    "permit_count": finished, "closed_count": fig["closed"],
                    "completion_rate": 100.0 * fig["closed"] / finished if finished else 100.0,
                    "violation_count": fig["violations"], "alarm_count": fig["alarms"],
                    "rectification_count": due,
                    "rectification_late_count": fig["rect_late"],
                    "rectification_on_time_rate":
                        100.0 * (due - fig["rect_late"]) / due if due else 100.0,
                    "deduction_completion": deductions["completion"].total,
                    "deduction_violations": deductions["violations"].total,
                    "deduction_rectification": deductions["rectification_late"].total,
                    "score": score,
                    "band_id": bands.filtered(lambda b, c=code: b.code == c)[:1].id,
                    "vetoed": bool(veto), "veto_reason": ", ".join(sorted(veto)) or False,
                })
        return self.sudo().create(vals_list)

    def _subject_name(self, subject, subject_id):
        model = {"person": "hr.employee", "team": "hr.department",
                 "contractor": "res.partner"}[subject]
        return self.env[model].sudo().browse(subject_id).display_name

    def _deductions(self, fig, criteria):
        def criterion(code, units):
            line = criteria.get(code)
            return scoring_rules.Deduction(code, units, line.points if line else 0.0,
                                           line.cap if line else 0.0)

        return {
            "completion": criterion("completion", scoring_rules.completion_units(
                {"closed": fig["closed"], "expired": fig["expired"],
                 "withdrawn": fig["withdrawn"]})),
            # the violation types' points are summed; the criterion scales and caps them
            "violations": criterion("violations", fig["violation_points"]),
            "rectification_late": criterion("rectification_late", fig["rect_late"]),
        }

    def _subject_figures(self, column, start, end):
        """{(subject id, company id): figures} for one subject column over [start, end]."""
        cr = self.env.cr
        self.env.flush_all()
        figures = defaultdict(lambda: {"closed": 0, "expired": 0, "withdrawn": 0,
                                       "violations": 0, "alarms": 0, "violation_points": 0.0,
                                       "veto": set(), "rect_due": 0, "rect_late": 0})
        permit_column = {"employee_id": "p.performing_authority_id",
                         "department_id": "v.department_id",
                         "contractor_id": "p.contractor_id"}[column]
        # How permits ended in the period, read from the audit trail.
        cr.execute(f"""
            SELECT {permit_column}, p.company_id, e.event_type, count(DISTINCT p.id)
              FROM worksafe_audit_event e
              JOIN worksafe_permit p ON p.id = e.permit_id
              LEFT JOIN hr_employee he ON he.id = p.performing_authority_id
              LEFT JOIN hr_version v ON v.id = he.current_version_id
             WHERE e.event_type IN ('permit.close', 'permit.expire', 'permit.withdraw')
               AND e.timestamp >= %s AND e.timestamp < %s
               AND {permit_column} IS NOT NULL
             GROUP BY 1, 2, 3
        """, [start, end + timedelta(days=1)])  # noqa: S608 (constant columns)
        for subject_id, company_id, event_type, count in cr.fetchall():
            figures[subject_id, company_id][_ENDINGS[event_type]] += count
        cr.execute(f"""
            SELECT v.{column}, v.company_id, t.code, t.points, t.veto, count(*)
              FROM worksafe_analytics_violation v
              JOIN worksafe_analytics_violation_type t ON t.id = v.type_id
             WHERE v.occurred_at >= %s AND v.occurred_at < %s AND v.{column} IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5
        """, [start, end + timedelta(days=1)])  # noqa: S608 (constant columns)
        for subject_id, company_id, code, points, veto, count in cr.fetchall():
            fig = figures[subject_id, company_id]
            fig["violations"] += count
            fig["violation_points"] += points * count
            if code == "alarm":
                fig["alarms"] += count
            if veto:
                fig["veto"].add(code)
        self._rectification_figures(figures, column, start, end)
        return figures

    def _rectification_figures(self, figures, column, start, end):
        """Rectifications due in the period and those done late (after their deadline, or
        still not done once it passed)."""
        Rect = self.env["worksafe.rectification"]
        Rect.flush_model()
        today = fields.Date.context_today(self)
        subject = {"employee_id": "he.id", "department_id": "v.department_id",
                   "contractor_id": "r.contractor_id"}[column]
        self.env.cr.execute(f"""
            SELECT {subject}, r.company_id, count(*),
                   count(*) FILTER (WHERE (r.done_at IS NOT NULL
                                           AND r.done_at::date > r.deadline)
                                       OR (r.done_at IS NULL AND r.deadline < %s))
              FROM worksafe_rectification r
              LEFT JOIN hr_employee he ON he.user_id = r.owner_id
                                       AND he.company_id = r.company_id
              LEFT JOIN hr_version v ON v.id = he.current_version_id
             WHERE r.deadline >= %s AND r.deadline <= %s AND r.state != 'cancelled'
               AND {subject} IS NOT NULL
             GROUP BY 1, 2
        """, [today, start, end])  # noqa: S608 (constant columns)
        for subject_id, company_id, due, late in self.env.cr.fetchall():
            figures[subject_id, company_id]["rect_due"] += due
            figures[subject_id, company_id]["rect_late"] += late
