from odoo.exceptions import AccessError

from .common import TrainingCase


class TestExamAttemptResults(TrainingCase):
    """An exam attempt starts in training: its results come from the exam, never from create."""

    def test_attempts_cannot_be_created_with_results(self):
        training = self.make_training("briefing")
        Attempt = self.env["worksafe.training.attempt"].with_user(self.officer)
        base = {"training_id": training.id, "employee_id": self.worker.id}
        for vals in ({"state": "passed"}, {"score": 100}, {"exam_date": self.now()},
                     {"trained_at": self.now()}, {"trained_confirmed_by_id": self.officer.id},
                     {"authorisation_id": False}, {"user_input_id": False}):
            with self.assertRaises(AccessError, msg=str(vals)):
                Attempt.create(dict(base, **vals))
        self.assertEqual(Attempt.create(base).state, "training")
