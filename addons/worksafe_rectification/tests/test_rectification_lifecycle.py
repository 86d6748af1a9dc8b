from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import RectificationCase


class TestRectificationLifecycle(RectificationCase):
    def events(self, rect):
        return self.env["worksafe.audit.event"].search(
            [("res_model", "=", rect._name), ("res_id", "=", rect.id)], order="seq")

    def test_open_to_closed(self):
        rect = self.raise_rect()
        self.assertEqual(rect.state, "open")
        self.assertTrue(rect.name.startswith("RECT/"))
        self.do(rect)
        self.assertEqual(rect.state, "done")
        self.assertEqual(rect.done_by_id, self.owner)
        self.assertEqual(rect.on_time, 100)
        rect.with_user(self.verifier).action_verify()
        self.assertEqual((rect.state, rect.verified_by_id), ("verified", self.verifier))
        rect.with_user(self.officer).action_close()
        self.assertEqual(rect.state, "closed")
        self.assertTrue(rect.closed_at)
        self.assertEqual(self.events(rect).mapped("event_type"), [
            "rectification.open", "rectification.start", "rectification.done",
            "rectification.verify", "rectification.close"])
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())

    def test_the_doer_and_the_owner_cannot_verify(self):
        rect = self.raise_rect()
        self.do(rect, user=self.officer)  # a safety officer did the work himself
        with self.assertRaises(AccessError):
            rect.with_user(self.officer).action_verify()
        with self.assertRaises(AccessError):
            rect.with_user(self.owner).action_verify()
        with self.assertRaises(AccessError):
            rect.with_user(self.officer).action_fail_verification("not good")
        self.assertEqual(rect.state, "done")
        self.assertFalse(rect.with_user(self.officer).can_verify)
        self.assertTrue(rect.with_user(self.verifier).can_verify)
        rect.with_user(self.verifier).action_verify()
        self.assertEqual(rect.state, "verified")

    def test_failed_verification_reopens(self):
        rect = self.do(self.raise_rect())
        with self.assertRaises(ValidationError):
            rect.with_user(self.verifier).action_fail_verification("  ")
        rect.with_user(self.verifier).action_fail_verification("Bolts loose on the east side")
        self.assertEqual(rect.state, "in_progress")
        self.assertEqual((rect.fail_count, rect.failed_reason),
                         (1, "Bolts loose on the east side"))
        self.assertFalse(rect.done_by_id)
        fail = self.events(rect).filtered(lambda e: e.event_type == "rectification.fail")
        self.assertEqual(len(fail), 1)
        self.assertIn("Bolts loose", fail.payload_json)
        # the owner adds new evidence and tries again
        self.add_evidence(rect, note="All bolts torqued")
        rect.with_user(self.owner).action_done()
        rect.with_user(self.verifier).action_verify()
        self.assertEqual(rect.state, "verified")

    def test_the_reason_wizard_fails_and_cancels(self):
        rect = self.do(self.raise_rect())
        action = rect.with_user(self.verifier).with_context(
            rectification_action="fail").action_open_reason_wizard()
        wizard = self.env[action["res_model"]].with_user(self.verifier).with_context(
            **action["context"]).create({"reason": "Photo shows the old rail"})
        wizard.action_confirm()
        self.assertEqual(rect.state, "in_progress")
        wizard = self.env[action["res_model"]].with_user(self.officer).create(
            {"rectification_id": rect.id, "action": "cancel", "reason": "Duplicate"})
        wizard.action_confirm()
        self.assertEqual((rect.state, rect.cancel_reason), ("cancelled", "Duplicate"))

    def test_done_needs_a_note_and_a_photo(self):
        rect = self.raise_rect()
        rect.with_user(self.owner).action_start()
        with self.assertRaises(ValidationError):
            rect.with_user(self.owner).action_done()
        rect.with_user(self.owner).done_note = "Fixed"
        with self.assertRaises(ValidationError):
            rect.with_user(self.owner).action_done()
        self.assertEqual(rect.state, "in_progress")
        self.add_evidence(rect)
        rect.with_user(self.owner).action_done()
        self.assertEqual(rect.state, "done")

    def test_evidence_is_locked_once_done(self):
        rect = self.raise_rect()
        rect.with_user(self.owner).action_start()
        photo = self.add_evidence(rect)
        rect.with_user(self.owner).action_done()
        with self.assertRaises(UserError):
            rect.with_user(self.owner).write({"done_note": "something else"})
        with self.assertRaises(UserError):  # AccessError or UserError
            rect.with_user(self.owner).write(
                {"evidence_attachment_ids": [Command.unlink(photo.id)]})
        with self.assertRaises(AccessError):
            photo.with_user(self.owner).unlink()
        with self.assertRaises(AccessError):
            photo.with_user(self.owner).write({"raw": b"forged"})
        self.assertTrue(photo.exists())
        self.assertEqual(rect.evidence_attachment_ids, photo)

    def test_transitions_out_of_order_are_refused(self):
        rect = self.raise_rect()
        with self.assertRaises(UserError):
            rect.with_user(self.verifier).action_verify()
        with self.assertRaises(UserError):
            rect.with_user(self.officer).action_close()
        with self.assertRaises(UserError):
            rect.with_user(self.owner).action_done()
        self.do(rect)
        with self.assertRaises(UserError):
            rect.with_user(self.officer).action_close()
        with self.assertRaises(UserError):
            rect.with_user(self.owner).action_start()
        self.assertEqual(rect.state, "done")

    def test_only_the_owner_or_a_safety_officer_works_on_it(self):
        rect = self.raise_rect()
        with self.assertRaises(AccessError):
            rect.with_user(self.verifier).action_start()
        rect.with_user(self.officer).action_start()
        self.assertEqual(rect.state, "in_progress")

    def test_cancel_by_a_safety_officer_with_a_reason(self):
        rect = self.raise_rect()
        with self.assertRaises(AccessError):
            rect.with_user(self.owner).action_cancel("no longer needed")
        with self.assertRaises(ValidationError):
            rect.with_user(self.officer).action_cancel("")
        rect.with_user(self.officer).action_cancel("Raised twice")
        self.assertEqual(rect.state, "cancelled")
        with self.assertRaises(UserError):
            rect.with_user(self.officer).write({"requirement": "changed"})
        with self.assertRaises(UserError):
            rect.with_user(self.officer).unlink()

    def test_owner_activity_follows_the_work(self):
        rect = self.raise_rect()
        todo = rect.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(
                "worksafe_rectification.mail_activity_rectification"))
        self.assertEqual((todo.user_id, todo.date_deadline), (self.owner, rect.deadline))
        self.do(rect)
        self.assertFalse(rect.activity_ids.filtered(lambda a: a.user_id == self.owner))
        self.assertIn(self.manager, rect.activity_ids.user_id, "the manager is asked to verify")

    def test_overdue_is_computed_and_searchable(self):
        late = self.raise_rect(deadline=date.today() - timedelta(days=2))
        on_time = self.raise_rect()
        self.assertTrue(late.is_overdue)
        self.assertEqual(late.days_overdue, 2)
        self.assertFalse(on_time.is_overdue)
        found = self.Rect.search([("is_overdue", "=", True), ("id", "in", (late | on_time).ids)])
        self.assertEqual(found, late)
        found = self.Rect.search([("is_overdue", "=", False),
                                  ("id", "in", (late | on_time).ids)])
        self.assertEqual(found, on_time)
        self.do(late)
        self.assertFalse(late.is_overdue, "done work is no longer the owner's lateness")
        self.assertEqual(late.on_time, 0)
