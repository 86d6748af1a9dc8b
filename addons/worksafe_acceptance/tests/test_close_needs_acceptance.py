from datetime import date, timedelta

from odoo.fields import Command

from ..rules import acceptance as rules
from .common import AcceptanceCase
from odoo.addons.worksafe_permit.exceptions import BlockedError
from odoo.addons.worksafe_permit.rules import blockers as permit_blockers
from odoo.addons.worksafe_permit.tests.common import _PNG
from odoo.addons.worksafe_rectification.rules import blockers as rect_blockers


class TestCloseNeedsAcceptance(AcceptanceCase):
    """A permit closes only once accepted: acceptance pending, a failed item without a
    rectification, and (worksafe_rectification) an unverified rectification each block."""

    def codes(self, permit):
        return [b.code for b in permit._get_blockers("close")]

    def assertCloseBlocked(self, permit, *codes):
        with self.assertBlocked(*codes, exception=BlockedError):
            permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "handed_back")

    def test_close_waits_for_acceptance_then_rectification_verification(self):
        permit = self.handed_back_permit()
        self.close_closure_steps(permit)
        self.give_evidence(permit)
        photo, measured, check = self.items(permit)
        self.assertEqual(self.codes(permit), [rules.ACCEPTANCE_PENDING])
        self.assertCloseBlocked(permit, rules.ACCEPTANCE_PENDING)

        photo.with_user(self.approver_1)._site_check(rules.PASS)
        measured.with_user(self.approver_1)._site_check(rules.PASS)
        check.with_user(self.approver_1)._site_check(rules.FAIL, **self.fail_values())
        self.assertEqual(self.codes(permit), [rules.FAILED_WITHOUT_RECTIFICATION])
        self.assertCloseBlocked(permit, rules.FAILED_WITHOUT_RECTIFICATION)

        rect = check.with_user(self.approver_1)._open_rectification(
            owner=self.worker_user, deadline=date.today() + timedelta(days=2))
        self.assertEqual(self.codes(permit), [rect_blockers.UNVERIFIED])
        self.assertCloseBlocked(permit, rect_blockers.UNVERIFIED)

        rect.with_user(self.worker_user).action_start()
        evidence = self.env["ir.attachment"].with_user(self.worker_user).create({
            "name": "fixed.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": rect._name, "res_id": rect.id})
        rect.with_user(self.worker_user).write({
            "done_note": "Clamps refitted", "evidence_attachment_ids": [Command.link(evidence.id)]})
        rect.with_user(self.worker_user).action_done()
        self.assertCloseBlocked(permit, rect_blockers.UNVERIFIED)
        rect.with_user(self.approver_1).action_verify()

        self.assertEqual(self.codes(permit), [])
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")
        self.assertIn("permit.close", self.env["worksafe.audit.event"].search(
            [("permit_id", "=", permit.id)]).mapped("event_type"))

    def test_closure_steps_still_block(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit)
        for item in permit.acceptance_item_ids:
            item.with_user(self.officer)._site_check(rules.PASS)
        self.assertEqual(permit.acceptance_state, rules.PASSED)
        self.assertEqual(self.codes(permit), [permit_blockers.CLOSE_STEPS])
        self.close_closure_steps(permit)
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")

    def test_permit_without_criteria_closes_as_before(self):
        self.template.step_ids.criterion_ids.unlink()
        permit = self.handed_back_permit()
        self.assertFalse(permit.acceptance_item_ids)
        self.assertEqual(permit.acceptance_state, rules.NOT_REQUIRED)
        self.close_closure_steps(permit)
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")

    def test_close_blockers_are_cheap(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit)
        permit.invalidate_recordset()
        with self.assertQueryCount(__system__=2):  # the items, their photos
            permit._acceptance_close_blockers()
