from ..rules import blockers
from .common import RectificationCase
from odoo.addons.worksafe_permit.exceptions import BlockedError
from odoo.addons.worksafe_permit.rules import blockers as permit_blockers


class TestPermitCloseBlocked(RectificationCase):
    def handed_back(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).action_done()
        return permit

    def test_unverified_rectification_blocks_close_until_verified(self):
        permit = self.handed_back()
        rect = self.Rect.with_user(self.officer)._open_from(
            permit, "Guard of the pump not refitted", owner=self.owner,
            source_type="acceptance")
        self.assertEqual(rect.permit_id, permit)
        self.assertEqual(permit.rectification_open_count, 1)
        self.assertIn(blockers.UNVERIFIED, permit_blockers.codes(permit._get_blockers("close")))
        with self.assertBlocked(blockers.UNVERIFIED):
            permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "handed_back")
        self.do(rect)
        with self.assertBlocked(blockers.UNVERIFIED):
            permit.with_user(self.officer).action_close()
        rect.with_user(self.verifier).action_verify()
        self.assertFalse(permit._get_blockers("close"))
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")

    def test_closure_steps_are_a_close_blocker(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        with self.assertRaises(BlockedError) as caught:
            permit.with_user(self.officer).action_close()
        self.assertEqual(permit_blockers.codes(caught.exception.blockers),
                         [permit_blockers.CLOSE_STEPS])

    def test_cancelled_rectification_does_not_block(self):
        permit = self.handed_back()
        rect = self.Rect.with_user(self.officer)._open_from(permit, "Clean the site")
        rect.with_user(self.officer).action_cancel("Raised twice")
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")
