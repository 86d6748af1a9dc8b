import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import accident as accident_rules

KINDS = [("quick", "Quick report (phone)"), ("initial", "Report (within 1 h)"),
         ("followup", "Follow-up report"), ("casualty_change", "Casualty change")]


class WorksafeEmergencyReport(models.Model):
    """A report to the authorities (条例493 Art. 9, 12-13): the six items, the figures, the
    accident level they give, the deadline, and what is late or missing."""

    _name = "worksafe.emergency.report"
    _description = "Report to the authorities"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "event_id, id"
    # a submitted report is what the authorities received: a change is a new report
    _guard_system_fields = frozenset({"state", "submitted_at", "submitted_by_id"})
    _guard_frozen_states = frozenset({"submitted"})
    _guard_create_fields = frozenset({"event_id"})
    _guard_deletable_states = frozenset({"draft"})
    _guard_non_negative_fields = frozenset({"deaths", "serious_injuries", "missing",
                                            "direct_loss"})

    event_id = fields.Many2one("worksafe.emergency.event", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    kind = fields.Selection(KINDS, required=True, default="initial")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted")], default="draft",
                             required=True, readonly=True, tracking=True)
    # the six items of Art. 12
    unit_overview = fields.Text("Unit overview")
    time_place = fields.Text("Time, place and scene")
    course = fields.Text("Brief course of the accident")
    casualties = fields.Text("Casualties (incl. missing) and estimated direct loss")
    measures = fields.Text("Measures taken")
    other = fields.Text("Other")
    deaths = fields.Integer()
    serious_injuries = fields.Integer("Serious injuries")
    missing = fields.Integer("Missing or trapped")
    direct_loss = fields.Float("Estimated direct loss (CNY)", digits=(16, 0))
    level_id = fields.Many2one("worksafe.emergency.accident.level", "Accident level",
                               compute="_compute_level", store=True)
    deadline = fields.Datetime(compute="_compute_deadline", store=True)
    submitted_at = fields.Datetime(readonly=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    missing_items = fields.Char("Missing items", compute="_compute_flags")
    is_late = fields.Boolean("Late", compute="_compute_flags")
    seconds_left = fields.Integer("Seconds left", compute="_compute_flags")

    @api.constrains("deaths", "serious_injuries", "missing", "direct_loss")
    def _check_figures(self):
        for report in self:
            if min(report.deaths, report.serious_injuries, report.missing,
                   report.direct_loss) < 0:
                raise ValidationError(self.env._("Casualties and losses cannot be negative."))

    @api.depends("deaths", "serious_injuries", "direct_loss")
    def _compute_level(self):
        Level = self.env["worksafe.emergency.accident.level"]
        for report in self:
            report.level_id = Level._level_for(max(0, report.deaths),
                                               max(0, report.serious_injuries),
                                               max(0.0, report.direct_loss))

    @api.depends("kind", "event_id.started_at")
    def _compute_deadline(self):
        Figure = self.env["worksafe.emergency.figure"]
        for report in self:
            start = report.event_id.started_at
            if not start:
                report.deadline = False
            elif report.kind in ("quick", "initial"):
                report.deadline = accident_rules.report_deadline(
                    start, Figure._value("report_minutes"))
            elif report.kind == "casualty_change":
                report.deadline = start + timedelta(days=Figure._value("casualty_change_days"))
            else:
                report.deadline = start + timedelta(days=1)

    def _values(self):
        self.ensure_one()
        return {item: self[item] for item in accident_rules.ITEMS}

    def _compute_flags(self):
        now = fields.Datetime.now()
        labels = {item: self._fields[item]._description_string(self.env)
                  for item in accident_rules.ITEMS}
        for report in self:
            missing = accident_rules.missing_items(report._values(), report.kind)
            report.missing_items = ", ".join(labels[item] for item in missing)
            report.is_late = bool(report.deadline) and accident_rules.is_late(
                report.deadline, report.submitted_at, now)
            report.seconds_left = int((report.deadline - now).total_seconds()) \
                if report.deadline and not report.submitted_at else 0

    @api.model
    def _draft_for(self, event, kind=None):
        """A draft prefilled from the event: unit, time and place, course, roll call."""
        kind = kind or ("initial" if not event.report_ids else "followup")
        missing = len(event._missing_list())
        return self.create({
            "event_id": event.id, "kind": kind,
            "unit_overview": event.company_id.worksafe_emergency_unit_overview or False,
            "time_place": self.env._("%(when)s, %(where)s", when=event.started_at,
                                     where=event.area_id.complete_name),
            "course": event.description or False,
            "missing": missing,
            "measures": "\n".join(
                f"{a.done_at} {dict(a._fields['code']._description_selection(self.env))[a.code]}"
                for a in event.action_ids.filtered("done_at")) or False,
        })

    def action_submit(self):
        event_model = self.env["worksafe.emergency.event"]
        event_model._check_officer()
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("This report was already submitted."))
            if report.missing_items:
                raise ValidationError(self.env._(
                    "Fill in before submitting: %(items)s (omitted items are forbidden).",
                    items=report.missing_items))
            now = fields.Datetime.now()
            report.sudo().write({"state": "submitted", "submitted_at": now,
                                 "submitted_by_id": self.env.uid})
            report.event_id._audit("emergency.report", self.env._(
                "Report to the authorities submitted (%(kind)s)", kind=report.kind),
                report._payload())
        return True

    def _payload(self):
        """The structured report, ready for a webhook."""
        self.ensure_one()
        event = self.event_id
        return {
            "event": event.name, "company": event.company_id.name, "kind": self.kind,
            "drill": event.is_drill,
            "started_at": fields.Datetime.to_string(event.started_at),
            "deadline": fields.Datetime.to_string(self.deadline),
            "submitted_at": fields.Datetime.to_string(self.submitted_at) or False,
            "late": self.is_late, "level": self.level_id.code or False,
            "items": {item: self[item] or "" for item in accident_rules.ITEMS},
            "figures": {"deaths": self.deaths, "serious_injuries": self.serious_injuries,
                        "missing": self.missing, "direct_loss": self.direct_loss},
            "missing_items": accident_rules.missing_items(self._values(), self.kind),
        }

    def action_download_json(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create({
            "name": f"{self.event_id.name}-{self.id}.json", "mimetype": "application/json",
            "raw": json.dumps(self._payload(), ensure_ascii=False, indent=2).encode(),
            "res_model": self._name, "res_id": self.id})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{attachment.id}?download=true"}

    def action_print(self):
        return self.env.ref("worksafe_emergency.action_report_authority").report_action(self)
