import math

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .authorisation import SAFETY_OFFICER


class WorksafeTrainingAttempt(models.Model):
    """One go at a training: the training is followed, then the exam is taken once. A failed
    exam closes the attempt; the next try is a new attempt that starts with the training again.
    Every attempt is kept."""

    _name = "worksafe.training.attempt"
    _description = "Training and exam attempt"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "create_date desc, id desc"

    training_id = fields.Many2one("worksafe.training", required=True, index=True,
                                  ondelete="restrict")
    work_type_id = fields.Many2one(related="training_id.work_type_id", store=True)
    role = fields.Selection(related="training_id.role", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True,
                                  ondelete="restrict")
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    state = fields.Selection(
        [("training", "In training"), ("exam", "Ready for the exam"), ("passed", "Passed"),
         ("failed", "Failed: retrain")],
        default="training", required=True, readonly=True, tracking=True, index=True)
    trained_at = fields.Datetime("Training completed", readonly=True)
    trained_confirmed_by_id = fields.Many2one("res.users", "Training confirmed by",
                                              readonly=True)
    exam_date = fields.Datetime(readonly=True)
    score = fields.Float("Score (%)", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", "Exam answers", readonly=True,
                                    ondelete="set null")
    authorisation_id = fields.Many2one("worksafe.authorisation", readonly=True)

    def action_training_done(self):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("A safety officer confirms that the training was done."))
        for attempt in self:
            if attempt.state != "training":
                raise UserError(self.env._("This attempt is past its training."))
            attempt._system_write({"state": "exam", "trained_at": fields.Datetime.now(),
                                   "trained_confirmed_by_id": self.env.uid})
            attempt._audit("training.done", self.env._(
                "%(name)s completed the training %(training)s",
                name=attempt.employee_id.name, training=attempt.training_id.name),
                {"employee": attempt.employee_id.id, "training": attempt.training_id.id})
        return True

    def _record_exam(self, score, passed, user_input=None):
        """Record the exam result; passing grants the authorisation."""
        self.ensure_one()
        if self.state != "exam":
            raise UserError(self.env._(
                "%(name)s must complete the training %(training)s before the exam.",
                name=self.employee_id.name, training=self.training_id.name))
        now = fields.Datetime.now()
        self._system_write({"state": "passed" if passed else "failed", "exam_date": now,
                            "score": score,
                            "user_input_id": user_input.id if user_input else False})
        self._audit("training.exam", self.env._(
            "%(name)s %(result)s the exam of %(training)s (%(score)s %%)",
            name=self.employee_id.name,
            result=self.env._("passed") if passed else self.env._("failed"),
            training=self.training_id.name, score=round(score, 1)),
            {"employee": self.employee_id.id, "training": self.training_id.id, "score": score,
             "passed": bool(passed), "user_input": user_input.id if user_input else False})
        if passed and self.training_id.kind == "full":
            self._grant_authorisation(now)
        return True

    def _grant_authorisation(self, now):
        months = self.training_id.validity_months or 12
        authorisation = self.env["worksafe.authorisation"]._system_create([{
            "employee_id": self.employee_id.id,
            "company_id": self.company_id.id,
            "kind": "regular",
            "work_type_ids": [Command.set(self.work_type_id.ids)],
            "role": self.role,
            "date_from": now,
            "date_to": now + relativedelta(months=months),
            "attempt_id": self.id,
        }])
        self._system_write({"authorisation_id": authorisation.id})

    def action_record_exam(self, score):
        """Record a paper or oral exam (safety officer)."""
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("A safety officer records exam results."))
        if isinstance(score, bool) or not isinstance(score, (int, float)) \
                or not math.isfinite(score) or not 0 <= score <= 100:
            raise ValidationError(self.env._(
                "An exam score is a percentage between 0 and 100, not %(score)s.",
                score=repr(score)[:40]))
        score = float(score)
        for attempt in self:
            minimum = attempt.training_id.sudo().survey_id.scoring_success_min or 80.0
            attempt._record_exam(score, score >= minimum)
        return True

    def action_retrain(self):
        """After a failed exam: a new attempt, starting again with the training."""
        new = self.env["worksafe.training.attempt"]
        for attempt in self.filtered(lambda a: a.state == "failed"):
            new |= attempt.training_id.action_enrol(attempt.employee_id)
        return new

    # Results change only through the training and the exam (which write as superuser);
    # who and what are set when enrolling.
    RESULT_FIELDS = frozenset({"state", "score", "exam_date", "trained_at",
                               "trained_confirmed_by_id", "user_input_id", "authorisation_id"})
    _guard_system_fields = RESULT_FIELDS
    _guard_create_fields = frozenset({"training_id", "employee_id", "company_id"})
    _guard_user_fields = frozenset()
    _guard_deletable_states = frozenset()

    def _guard_action_message(self, names):
        return self.env._("Attempts are a record: they change only through the training and "
                          "the exam.")

    def _guard_delete_message(self):
        return self.env._("Every attempt is kept.")

    def action_take_exam(self):
        self.ensure_one()
        if self.state != "exam" or not self.training_id.survey_id:
            raise UserError(self.env._("No exam to take now."))
        if self.employee_id.user_id != self.env.user:
            raise UserError(self.env._("Only %(name)s takes this exam, from their own login.",
                                       name=self.employee_id.name))
        # The exam is for invited people only and the worker has no right on surveys: the
        # attempt invites them (once) and opens the exam with their answer's token.
        survey = self.training_id.survey_id.sudo()
        answer = self.env["survey.user_input"].sudo().search([
            ("survey_id", "=", survey.id), ("partner_id", "=", self.env.user.partner_id.id),
            ("state", "!=", "done"), ("test_entry", "=", False)], limit=1)
        if not answer:
            answer = survey._create_answer(user=self.env.user)
        return {"type": "ir.actions.act_url", "url": answer.get_start_url(), "target": "new"}
