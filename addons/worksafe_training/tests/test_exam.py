from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import TrainingCase


class TestTrainingExam(TrainingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create({
            "title": "Test work exam", "survey_type": "assessment",
            "scoring_type": "scoring_with_answers", "certification": True,
            "scoring_success_min": 80, "access_mode": "token",
            "question_and_page_ids": [Command.create({
                "title": "Stop when the watcher leaves?", "question_type": "simple_choice",
                "suggested_answer_ids": [
                    Command.create({"value": "Yes", "is_correct": True, "answer_score": 10}),
                    Command.create({"value": "No"}),
                ]})],
        })
        cls.training = cls.make_training(
            name="Test work for workers", survey_id=cls.survey.id, validity_months=6,
            content_ids=[Command.create({"name": "Video", "kind": "video",
                                         "url": "https://example.com/v.mp4"})])

    def enrol(self, employee):
        return self.training.with_user(self.officer).action_enrol(employee)

    def test_exam_is_taken_from_own_login_by_invitation(self):
        """The worker has no right on surveys and the exam is for invited people only: taking
        it invites them once and opens it with their answer token (found by the exam tour);
        nobody takes it for them."""
        attempt = self.enrol(self.worker)
        attempt.with_user(self.officer).action_training_done()
        with self.assertRaises(UserError):
            attempt.with_user(self.officer).action_take_exam()
        url = attempt.with_user(self.worker_user).action_take_exam()["url"]
        self.assertIn("answer_token=", url)
        self.assertEqual(attempt.with_user(self.worker_user).action_take_exam()["url"], url)
        answers = self.env["survey.user_input"].search([("survey_id", "=", self.survey.id)])
        self.assertEqual(answers.partner_id, self.worker_user.partner_id)

    def test_failed_exam_needs_retraining_and_keeps_every_attempt(self):
        attempt = self.enrol(self.worker)
        with self.assertRaises(UserError):  # no exam before the training
            attempt.with_user(self.officer).action_record_exam(95)
        attempt.with_user(self.officer).action_training_done()
        attempt.with_user(self.officer).action_record_exam(50)
        self.assertEqual(attempt.state, "failed")
        self.assertFalse(attempt.authorisation_id)
        self.assertFalse(self.worker.worksafe_authorisation_ids)
        with self.assertRaises(UserError):  # a new try starts with the training again
            attempt.with_user(self.officer).action_record_exam(90)
        retry = attempt.with_user(self.officer).action_retrain()
        self.assertNotEqual(retry, attempt)
        self.assertEqual(retry.state, "training")
        retry.with_user(self.officer).action_training_done()
        retry.with_user(self.officer).action_record_exam(90)
        self.assertEqual(retry.state, "passed")
        auth = retry.authorisation_id
        self.assertEqual((auth.employee_id, auth.role, auth.work_type_ids, auth.kind),
                         (self.worker, "worker", self.work_type, "regular"))
        attempts = self.env["worksafe.training.attempt"].search(
            [("employee_id", "=", self.worker.id)])
        self.assertEqual(attempts.mapped("state"), ["passed", "failed"])
        with self.assertRaises(UserError):
            attempts.unlink()
        with self.assertRaises(AccessError):
            attempt.with_user(self.officer).write({"score": 100})

    def test_failed_exam_keeps_the_person_off_permits(self):
        self.qualify_crew()
        trainee = self.env["hr.employee"].create({"name": "Xu Trainee"})
        self.certify(trainee)
        attempt = self.enrol(trainee)
        attempt.with_user(self.officer).action_training_done()
        attempt.with_user(self.officer).action_record_exam(40)
        permit = self.make_permit(worker_ids=[Command.set(trainee.ids)])
        self.assertIn("Xu Trainee (Worker): no authorisation for Test work",
                      permit.qualification_problems)
        with self.assertRaises(ValidationError):
            self.submit(permit)

    def _answer(self, user, correct):
        question = self.survey.question_ids
        answer = question.suggested_answer_ids.filtered(lambda a: a.is_correct == correct)
        user_input = self.survey._create_answer(user=user)
        user_input._save_lines(question, answer.id)
        user_input._mark_done()
        return user_input

    def test_survey_certification_grants_the_authorisation(self):
        attempt = self.enrol(self.worker)
        attempt.with_user(self.officer).action_training_done()
        user_input = self._answer(self.worker_user, correct=True)
        self.assertTrue(user_input.scoring_success)
        self.assertEqual(attempt.state, "passed")
        self.assertEqual(attempt.user_input_id, user_input)
        self.assertEqual(attempt.authorisation_id.employee_id, self.worker)
        self.assertEqual(attempt.authorisation_id.role, "worker")

    def test_survey_failure_is_recorded(self):
        attempt = self.enrol(self.worker)
        attempt.with_user(self.officer).action_training_done()
        self._answer(self.worker_user, correct=False)
        self.assertEqual(attempt.state, "failed")
        self.assertFalse(attempt.authorisation_id)
        # taking the exam again without retraining changes nothing
        self._answer(self.worker_user, correct=True)
        self.assertEqual(attempt.state, "failed")
        self.assertFalse(self.worker.worksafe_authorisation_ids)

    def test_only_officers_confirm_training(self):
        attempt = self.enrol(self.worker)
        with self.assertRaises(AccessError):
            attempt.with_user(self.worker_user).action_training_done()
