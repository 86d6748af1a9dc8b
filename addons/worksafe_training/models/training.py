
from odoo import api, fields, models

from .requirement import ROLES


class WorksafeTraining(models.Model):
    """The training of a work type for a role, and its exam (a survey certification)."""

    _name = "worksafe.training"
    _description = "Work type training"
    _inherit = ["mail.thread"]
    _order = "work_type_id, role, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    work_type_id = fields.Many2one("worksafe.work.type", required=True, index=True,
                                   ondelete="restrict")
    role = fields.Selection(ROLES, required=True, default="worker")
    kind = fields.Selection(
        [("full", "Training and exam → authorisation"),
         ("briefing", "Short exam after an accompanied briefing (temporary authorisation)")],
        required=True, default="full")
    description = fields.Html(translate=True)
    content_ids = fields.One2many("worksafe.training.content", "training_id", "Content",
                                  copy=True)
    survey_id = fields.Many2one(
        "survey.survey", "Exam", domain="[('certification', '=', True)]", ondelete="restrict",
        help="A survey certification: its required score decides pass or fail.")
    validity_months = fields.Integer(
        "Authorisation valid for (months)", default=12,
        help="How long the authorisation granted by passing lasts.")
    attempt_ids = fields.One2many("worksafe.training.attempt", "training_id", "Attempts")
    attempt_count = fields.Integer(compute="_compute_attempt_count")

    @api.depends("attempt_ids")
    def _compute_attempt_count(self):
        data = dict(self.env["worksafe.training.attempt"]._read_group(
            [("training_id", "in", self.ids)], ["training_id"], ["__count"]))
        for training in self:
            training.attempt_count = data.get(training, 0)

    def action_enrol(self, employees):
        """Start a training for employees: one open attempt each (kept forever)."""
        self.ensure_one()
        Attempt = self.env["worksafe.training.attempt"]
        open_attempts = Attempt.search([("training_id", "=", self.id),
                                        ("employee_id", "in", employees.ids),
                                        ("state", "in", ("training", "exam"))])
        new = employees - open_attempts.employee_id
        return open_attempts | Attempt.create([{"training_id": self.id, "employee_id": e.id}
                                               for e in new])
