
from odoo import models
from odoo.fields import Domain


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        super()._mark_done()
        inputs = self.filtered(lambda i: i.survey_id.certification and not i.test_entry
                               and i.partner_id)
        if not inputs:
            return
        trainings = self.env["worksafe.training"].sudo().search(
            [("survey_id", "in", inputs.survey_id.ids)])
        if not trainings:
            return
        partners = inputs.partner_id
        employees = self.env["hr.employee"].sudo().search(
            Domain("user_id.partner_id", "in", partners.ids)
            | Domain("work_contact_id", "in", partners.ids))
        attempts = self.env["worksafe.training.attempt"].sudo().search([
            ("training_id", "in", trainings.ids), ("employee_id", "in", employees.ids),
            ("state", "=", "exam")])
        for user_input in inputs:
            people = employees.filtered(lambda e: user_input.partner_id in (
                e.user_id.partner_id | e.work_contact_id))
            for attempt in attempts.filtered(
                    lambda a: a.employee_id in people
                    and a.training_id.survey_id == user_input.survey_id):
                attempt._record_exam(
                    user_input.scoring_percentage, user_input.scoring_success, user_input)
