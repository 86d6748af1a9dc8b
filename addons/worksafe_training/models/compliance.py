import io
from collections import defaultdict
from datetime import date, datetime, time

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PERIODS = [("month", "Month"), ("quarter", "Quarter")]
WORKED_STATES = ("active", "suspended", "handed_back", "closed", "expired", "withdrawn")


def period_bounds(period_type, day):
    """First day of the month or quarter holding `day`, and the first day after it."""
    if period_type == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return start, start + relativedelta(months=3)
    start = day.replace(day=1)
    return start, start + relativedelta(months=1)


class WorksafeComplianceRecord(models.Model):
    """A person's safety record for a month or a quarter, computed from permit data."""

    _name = "worksafe.compliance.record"
    _description = "Compliance record"
    _order = "period_start desc, contractor_id, employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    contractor_id = fields.Many2one("res.partner", "Contractor", index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    period_type = fields.Selection(PERIODS, required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, help="First day after the period.")
    period_label = fields.Char(compute="_compute_period_label")
    permits_worked = fields.Integer()
    steps_total = fields.Integer("Steps")
    steps_done = fields.Integer("Steps done")
    step_completion = fields.Float("Step completion (%)", aggregator="avg")
    violations = fields.Integer()
    rectified_on_time = fields.Integer()
    rectified_late = fields.Integer("Late or overdue")
    rectification_timeliness = fields.Float("Rectified on time (%)", aggregator="avg")
    sanctions = fields.Integer()
    score = fields.Float(aggregator="avg",
                         help="100 × step completion − 10 per violation − 5 per late "
                         "rectification − 10 per sanction, at least 0.")

    @api.depends("period_type", "period_start")
    def _compute_period_label(self):
        for record in self:
            start = record.period_start
            if not start:
                record.period_label = ""
            elif record.period_type == "quarter":
                record.period_label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
            else:
                record.period_label = f"{start.year}-{start.month:02d}"

    @api.model
    def _generate(self, period_type, day, company=None):
        """(Re)compute the records of the period holding `day`, in a few grouped queries."""
        company = company or self.env.company
        start, end = period_bounds(period_type, day)
        start_dt, end_dt = datetime.combine(start, time.min), datetime.combine(end, time.min)
        Permit = self.env["worksafe.permit"].sudo()
        permits = Permit.search_fetch([
            ("company_id", "=", company.id), ("state", "in", WORKED_STATES),
            ("actual_start", "<", end_dt), ("actual_start", ">=", start_dt),
        ], ["worker_ids", "watcher_ids", "performing_authority_id"])
        steps = defaultdict(lambda: [0, 0])
        for permit, state, count in self.env["worksafe.permit.step"].sudo()._read_group(
                [("permit_id", "in", permits.ids)], ["permit_id", "state"], ["__count"]):
            steps[permit.id][0] += count
            if state == "done":
                steps[permit.id][1] += count
        stats = defaultdict(lambda: defaultdict(int))
        for permit in permits:
            for employee in permit.worker_ids | permit.watcher_ids | \
                    permit.performing_authority_id:
                row = stats[employee.id]
                row["permits_worked"] += 1
                row["steps_total"] += steps[permit.id][0]
                row["steps_done"] += steps[permit.id][1]
        now = fields.Datetime.now()
        for violation in self.env["worksafe.violation"].sudo().search_fetch(
                [("company_id", "=", company.id), ("date", ">=", start_dt),
                 ("date", "<", end_dt)], ["employee_id", "on_time", "rectified_at", "deadline"]):
            row = stats[violation.employee_id.id]
            row["violations"] += 1
            if violation.on_time:
                row["rectified_on_time"] += 1
            elif violation.rectified_at or (violation.deadline and violation.deadline < now):
                row["rectified_late"] += 1
        for employee, count in self.env["worksafe.sanction"].sudo()._read_group(
                [("company_id", "=", company.id), ("date_from", ">=", start_dt),
                 ("date_from", "<", end_dt)], ["employee_id"], ["__count"]):
            stats[employee.id]["sanctions"] += count
        self.sudo().search([("company_id", "=", company.id), ("period_type", "=", period_type),
                            ("period_start", "=", start)]).unlink()
        employees = self.env["hr.employee"].sudo().browse(list(stats))
        vals_list = []
        for employee in employees:
            row = stats[employee.id]
            completion = 100.0 * row["steps_done"] / row["steps_total"] \
                if row["steps_total"] else 100.0
            judged = row["rectified_on_time"] + row["rectified_late"]
            timeliness = 100.0 * row["rectified_on_time"] / judged if judged else 100.0
            score = max(0.0, completion - 10 * row["violations"] - 5 * row["rectified_late"]
                        - 10 * row["sanctions"])
            vals_list.append({
                "employee_id": employee.id, "contractor_id": employee.worksafe_contractor_id.id,
                "company_id": company.id, "period_type": period_type, "period_start": start,
                "period_end": end, "step_completion": round(completion, 1),
                "rectification_timeliness": round(timeliness, 1), "score": round(score, 1),
                **{k: row[k] for k in ("permits_worked", "steps_total", "steps_done",
                                       "violations", "rectified_on_time", "rectified_late",
                                       "sanctions")},
            })
        return self.sudo().create(vals_list).sudo(False)

    def _scorecard(self):
        """Contractor scorecards: the records of each contractor's people added up."""
        cards = {}
        for record in self:
            key = record.contractor_id
            card = cards.setdefault(key, {
                "contractor": key.name or self.env._("Own staff"), "people": 0,
                "permits_worked": 0, "steps_total": 0, "steps_done": 0, "violations": 0,
                "rectified_on_time": 0, "rectified_late": 0, "sanctions": 0, "score_sum": 0.0})
            card["people"] += 1
            card["score_sum"] += record.score
            for name in ("permits_worked", "steps_total", "steps_done", "violations",
                         "rectified_on_time", "rectified_late", "sanctions"):
                card[name] += record[name]
        result = []
        for card in cards.values():
            judged = card["rectified_on_time"] + card["rectified_late"]
            card["step_completion"] = round(100.0 * card["steps_done"] / card["steps_total"], 1) \
                if card["steps_total"] else 100.0
            card["rectification_timeliness"] = round(
                100.0 * card["rectified_on_time"] / judged, 1) if judged else 100.0
            card["score"] = round(card["score_sum"] / card["people"], 1)
            result.append(card)
        return sorted(result, key=lambda c: c["contractor"])

    def _xlsx(self):
        """The records and the contractor scorecards as an XLSX workbook (bytes)."""
        _ = self.env._
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        pct = workbook.add_format({"num_format": "0.0"})
        sheet = workbook.add_worksheet(_("People"))
        headers = [_("Period"), _("Person"), _("Contractor"), _("Permits worked"), _("Steps"),
                   _("Steps done"), _("Step completion (%)"), _("Violations"),
                   _("Rectified on time"), _("Late or overdue"), _("Rectified on time (%)"),
                   _("Sanctions"), _("Score")]
        sheet.write_row(0, 0, headers, bold)
        for row, record in enumerate(self, start=1):
            sheet.write_row(row, 0, [
                record.period_label, record.employee_id.name, record.contractor_id.name or "",
                record.permits_worked, record.steps_total, record.steps_done])
            sheet.write_number(row, 6, record.step_completion, pct)
            sheet.write_row(row, 7, [record.violations, record.rectified_on_time,
                                     record.rectified_late])
            sheet.write_number(row, 10, record.rectification_timeliness, pct)
            sheet.write_number(row, 11, record.sanctions)
            sheet.write_number(row, 12, record.score, pct)
        sheet.set_column(0, 2, 22)
        sheet.set_column(3, 12, 14)
        cards = workbook.add_worksheet(_("Contractors"))
        headers = [_("Contractor"), _("People"), _("Permits worked"), _("Step completion (%)"),
                   _("Violations"), _("Rectified on time (%)"), _("Sanctions"),
                   _("Average score")]
        cards.write_row(0, 0, headers, bold)
        for row, card in enumerate(self._scorecard(), start=1):
            cards.write_row(row, 0, [card["contractor"], card["people"], card["permits_worked"],
                                     card["step_completion"], card["violations"],
                                     card["rectification_timeliness"], card["sanctions"],
                                     card["score"]])
        cards.set_column(0, 0, 28)
        cards.set_column(1, 7, 16)
        workbook.close()
        return buffer.getvalue()
