"""What a client could send over RPC to get around a rule: each attempt is refused."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..rules import blockers as b
from .common import WorksafeCase


class TestNoBypass(WorksafeCase):
    def test_state_and_bookkeeping_are_not_writable(self):
        permit = self.issued_permit()
        for vals in ({"state": "active"}, {"token_version": 0}, {"name": "FAKE-1"},
                     {"watcher_on_site_id": self.watcher.id}, {"issuer_id": self.applicant.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                permit.with_user(self.worker_user).with_context(
                    worksafe_transition=True).write(vals)
        self.assertEqual(permit.state, "issued")

    def test_no_permit_is_born_live(self):
        with self.assertRaises(AccessError):
            self.make_permit(state="active")
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            permit.with_user(self.officer).copy({"state": "issued"})
        copy = permit.with_user(self.officer).copy()
        self.assertEqual((copy.state, copy.token_version), ("draft", 0))

    def test_issued_content_is_frozen_whatever_the_context(self):
        permit = self.issued_permit()
        with self.assertRaises(UserError):
            permit.with_context(worksafe_transition=True).write(
                {"watcher_ids": [Command.clear()]})

    def test_steps_are_done_only_through_their_action(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        for vals in ({"state": "done"}, {"photo_count": 0}, {"blocking": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                step.with_user(self.applicant).write(vals)
        with self.assertRaises(AccessError):
            permit.with_user(self.applicant).write(
                {"step_ids": [Command.update(step.id, {"state": "done"})]})
        with self.assertRaisesRegex(AccessError, "ticks the checklist"):
            step.check_ids.with_user(self.watcher_user).write({"checked": True})
        step.check_ids.with_user(self.applicant).write({"checked": True})

    def test_gas_limits_are_frozen_after_submission(self):
        permit = self.issued_permit()
        failed = self.gas_test(permit, o2=19.1)
        self.assertFalse(failed.passed)
        limit = permit.gas_limit_ids[0]
        with self.assertRaises(UserError):
            limit.with_user(self.applicant).write({"min_value": 10})
        with self.assertRaises(UserError):
            permit.gas_limit_ids.with_user(self.applicant).unlink()
        self.assertFalse(failed.passed)

    def test_readings_cannot_be_added_to_a_recorded_test(self):
        permit = self.issued_permit()
        test = self.gas_test(permit)
        with self.assertRaises(AccessError):
            self.env["worksafe.gas.test.line"].with_user(self.watcher_user).create({
                "test_id": test.id, "gas_id": self.gas_h2s.id, "value": 1.0, "unit": "mg/m3"})

    def test_measure_confirmation_cannot_be_forged(self):
        permit = self.approve_all(self.submit(self.make_permit()))
        measure = permit.measure_ids
        with self.assertRaises(AccessError):
            measure.with_user(self.applicant).write({"confirmed_by_id": self.officer.id})
        with self.assertRaises(UserError):
            measure.with_user(self.applicant).unlink()
        with self.assertRaises(AccessError):
            measure.with_user(self.applicant).action_confirm()
        with self.assertBlocked(b.MEASURES_UNCONFIRMED):
            permit.with_user(self.officer).action_issue()

    def test_handover_signatures_cannot_be_forged(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        handover = self.env["worksafe.permit.handover"].with_user(self.worker_user).create({
            "permit_id": permit.id, "outgoing_id": self.performer.id,
            "incoming_id": self.worker.id, "notes": "All yours"})
        with self.assertRaises(AccessError):
            handover.with_user(self.worker_user).write({"outgoing_signed_at": self.now()})
        handover.with_user(self.worker_user).action_sign()
        self.assertEqual(handover.state, "open")
        self.assertEqual(permit.performing_authority_id, self.performer)
        with self.assertRaises(UserError):
            handover.with_user(self.worker_user).write({"incoming_id": self.watcher.id})

    def test_signed_briefing_cannot_be_rewritten(self):
        permit = self.issued_permit()
        briefing = self.brief(permit)
        with self.assertRaises(UserError):
            briefing.with_user(self.officer).write({"content": "Nothing to say"})
        with self.assertRaises(UserError):
            briefing.with_user(self.officer).write({"permit_id": self.issued_permit().id})

    def test_configuration_changes_never_re_level_a_submitted_permit(self):
        high = self.variant.copy({"code": "high", "name": "High", "rank": 2,
                                  "has_lower": True, "param_lower": 100})
        permit = self.submit(self.make_permit())
        self.assertEqual(permit.variant_id, self.variant)
        high.has_lower = False  # the high variant now matches everything
        self.assertEqual(permit.variant_id, self.variant)
        draft = self.make_permit()
        self.assertEqual(draft.variant_id, high)

    def test_submitting_for_someone_else_does_not_allow_approving_it(self):
        self.area.authority_id = self.officer
        permit = self.make_permit()
        permit.with_user(self.officer).action_submit()
        with self.assertRefused(b.OWN_PERMIT):
            permit.with_user(self.officer)._approve_step()

    def test_applicant_cannot_coordinate_their_own_conflicts(self):
        permit = self.make_permit(coordinator_id=self.applicant.id)
        with self.assertBlocked(b.COORDINATOR_INVALID):
            self.submit(permit)

    def test_old_check_in_does_not_count_after_a_suspension(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.with_user(self.watcher_user)._suspend("Break")
        self.assertFalse(permit.watcher_on_site_id)
        self.assertIn(b.WATCHER_NOT_ON_SITE, b.codes(
            permit._get_blockers("resume", self.now() + timedelta(minutes=1))))
