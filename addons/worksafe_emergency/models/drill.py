from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command


class WorksafeEmergencyDrill(models.Model):
    """A drill of a plan (应急预案管理办法; AQ/T 9009 evaluation; AQ/T 9007 summary): run as an
    event in drill mode, where nothing real is stopped or tripped."""

    _name = "worksafe.emergency.drill"
    _description = "Emergency drill"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin"]
    _order = "planned_at desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    plan_id = fields.Many2one("worksafe.emergency.plan", required=True, index=True,
                              check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    scenario_id = fields.Many2one("worksafe.emergency.scenario", required=True)
    area_id = fields.Many2one("worksafe.area", required=True, check_company=True)
    drill_type = fields.Selection([("tabletop", "Tabletop"), ("live", "Live")],
                                  required=True, default="live")
    announced = fields.Boolean(default=True, help="Unannounced drills test real readiness.")
    planned_at = fields.Datetime(required=True)
    state = fields.Selection([("planned", "Planned"), ("running", "Running"), ("done", "Done"),
                              ("cancelled", "Cancelled")], default="planned", required=True,
                             readonly=True, tracking=True)
    event_id = fields.Many2one("worksafe.emergency.event", readonly=True)
    done_at = fields.Datetime(readonly=True)
    participant_ids = fields.Many2many("hr.employee", string="Participants")
    evaluation_ids = fields.One2many("worksafe.emergency.drill.evaluation", "drill_id",
                                     "Evaluation (AQ/T 9009)")
    overview = fields.Text()
    problems = fields.Text()
    lessons = fields.Text()
    suggestions = fields.Text()
    # the seed's "response time -40 %" as figures measured in the drill
    seconds_to_90 = fields.Float("Alarm → 90 % accounted (s)", readonly=True)
    seconds_to_100 = fields.Float("Alarm → 100 % accounted (s)", readonly=True)
    seconds_to_all_acked = fields.Float("Alarm → all responders acknowledged (s)",
                                        readonly=True)
    previous_drill_id = fields.Many2one("worksafe.emergency.drill",
                                        compute="_compute_improvement")
    improvement_90 = fields.Float("Change of time to 90 % vs previous drill (%)",
                                  compute="_compute_improvement")
    improvement_ack = fields.Float("Change of time to all acknowledged vs previous drill (%)",
                                   compute="_compute_improvement")

    @api.model_create_multi
    def create(self, vals_list):
        drills = super().create(vals_list)
        criteria = self.env["worksafe.emergency.drill.criterion"].search([("active", "=", True)])
        for drill in drills.filtered(lambda d: not d.evaluation_ids):
            drill.evaluation_ids = [Command.create({"name": c.name, "sequence": c.sequence})
                                    for c in criteria]
        return drills

    @api.depends("seconds_to_90", "seconds_to_all_acked", "done_at", "plan_id")
    def _compute_improvement(self):
        for drill in self:
            previous = self.search([("plan_id", "=", drill.plan_id.id), ("state", "=", "done"),
                                    ("done_at", "<", drill.done_at or fields.Datetime.now()),
                                    ("id", "!=", drill.id or 0)],
                                   order="done_at desc", limit=1) if drill.plan_id else False
            drill.previous_drill_id = previous
            drill.improvement_90 = _change(previous.seconds_to_90 if previous else 0,
                                           drill.seconds_to_90)
            drill.improvement_ack = _change(previous.seconds_to_all_acked if previous else 0,
                                            drill.seconds_to_all_acked)

    def _check_officer(self):
        self.env["worksafe.emergency.event"]._check_officer()

    def action_start(self):
        self._check_officer()
        for drill in self:
            if drill.state != "planned":
                raise UserError(self.env._("Drill %(drill)s has already run.", drill=drill.name))
            event = self.env["worksafe.emergency.event"]._raise_alarm(
                drill.scenario_id, drill.area_id, source="drill", drill=drill,
                description=drill.name)
            drill.sudo().write({"state": "running", "event_id": event.id})
            drill._audit("emergency.drill.start", self.env._("Drill started"),
                         {"event": event.id})
        return True

    def action_done(self):
        self._check_officer()
        for drill in self:
            if drill.state != "running":
                raise UserError(self.env._("Only a running drill is finished."))
            if drill.evaluation_ids.filtered(lambda item: not item.result):
                raise ValidationError(self.env._("Answer every evaluation item first."))
            event = drill.event_id
            if event.state == "active":
                event.action_close(self.env._("Drill finished"))
            drill.sudo().write({
                "state": "done", "done_at": fields.Datetime.now(),
                "seconds_to_90": event.seconds_to_90,
                "seconds_to_100": event.seconds_to_100,
                "seconds_to_all_acked": event.seconds_to_all_acked})
            failed = drill.evaluation_ids.filtered(lambda item: item.result == "no")
            drill._audit("emergency.drill.done", self.env._("Drill finished"), {
                "to_90": drill.seconds_to_90, "to_100": drill.seconds_to_100,
                "to_all_acked": drill.seconds_to_all_acked, "failed": failed.mapped("name")})
            if failed:
                drill._open_corrective_actions(failed)
                drill.plan_id._open_revision("drill", "\n".join(
                    f"{item.name}: {item.reason}" for item in failed))
        return True

    def _open_corrective_actions(self, failed):
        """Each failed evaluation item becomes a rectification (source "drill", AQ/T 9009
        corrective actions), owned by the plan owner, due in 30 days."""
        Rect = self.env["worksafe.rectification"]
        deadline = fields.Date.add(fields.Date.context_today(self), days=30)
        rects = Rect
        for item in failed:
            rects |= Rect._open_from(self, item.corrective_action or item.reason,
                                     owner=self.plan_id.owner_id or self.env.user,
                                     deadline=deadline, source_type="drill")
        return rects

    def action_cancel(self):
        self._check_officer()
        self.filtered(lambda d: d.state == "planned").sudo().write({"state": "cancelled"})
        return True


def _change(before, after):
    """Percent change of a time (negative: faster); 0 without both figures."""
    if not before or before <= 0 or after is None or after < 0:
        return 0.0
    return round(100.0 * (after - before) / before, 1)
