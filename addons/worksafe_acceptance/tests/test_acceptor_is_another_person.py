from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..exceptions import AcceptorRefused, DecisionRefused
from ..rules import acceptance as rules
from .common import AcceptanceCase
from odoo.addons.worksafe_permit.tests.common import _PNG


class TestAcceptorIsAnotherPerson(AcceptanceCase):
    """The site check: pass/fail per item by a safety officer or the area authority who did
    not do the work nor record its evidence; each decision audited and locked."""

    def assertRefusedWith(self, exception, *codes):
        return self.assertBlocked(*codes, exception=exception)

    def test_doer_and_worker_refused_even_as_safety_officers(self):
        # the performing authority and a worker are safety officers here: the role is not enough
        permit = self.handed_back_permit(
            worker_ids=[Command.set((self.worker | self.officer_2_employee).ids)])
        self.applicant.group_ids = [Command.link(
            self.env.ref("worksafe_permit.group_worksafe_safety_officer").id)]
        self.give_evidence(permit)
        photo, _measured, _check = self.items(permit)
        for doer in (self.applicant, self.officer_2):
            with self.subTest(doer=doer.login), self.assertRefusedWith(
                    AcceptorRefused, rules.ACCEPTOR_IS_PERFORMER) as caught:
                photo.with_user(doer)._site_check(rules.PASS)
            self.assertNotIn(rules.ACCEPTOR_ROLE_MISSING,
                             [b.code for b in caught.exception.blockers])
        with self.assertRefusedWith(AcceptorRefused, rules.ACCEPTOR_IS_PERFORMER,
                                    rules.ACCEPTOR_ROLE_MISSING):
            photo.with_user(self.worker_user)._site_check(rules.PASS)
        self.assertFalse(photo.result)
        # the area authority is another person with the right role
        photo.with_user(self.approver_1)._site_check(rules.PASS)
        self.assertEqual((photo.result, photo.checked_by_id), (rules.PASS, self.approver_1))

    def test_evidence_recorder_and_approver_without_the_area_refused(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit, user=self.officer)  # a safety officer helped the crew
        photo, _measured, _check = self.items(permit)
        with self.assertRefusedWith(AcceptorRefused, rules.ACCEPTOR_IS_PERFORMER):
            photo.with_user(self.officer)._site_check(rules.PASS)
        with self.assertRefusedWith(AcceptorRefused, rules.ACCEPTOR_ROLE_MISSING):
            photo.with_user(self.approver_2)._site_check(rules.PASS)
        photo.with_user(self.officer_2)._site_check(rules.PASS)
        self.assertEqual(photo.result, rules.PASS)
        self.assertEqual(permit.acceptance_state, rules.PENDING)

    def test_decisions_need_hand_back_passing_evidence_and_a_reason_to_fail(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        photo, measured, check = self.items(permit)
        self.add_photo(photo)
        with self.assertRefusedWith(DecisionRefused, rules.PERMIT_NOT_HANDED_BACK):
            photo.with_user(self.officer)._site_check(rules.PASS)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.with_user(self.applicant).action_hand_back()
        with self.assertRefusedWith(DecisionRefused, rules.EVIDENCE_NOT_PASSING):
            measured.with_user(self.officer)._site_check(rules.PASS)
        with self.assertRefusedWith(DecisionRefused, rules.FAIL_NOTE_MISSING,
                                    rules.FAIL_PHOTO_MISSING):
            check.with_user(self.officer)._site_check(rules.FAIL)
        self.assertFalse((photo | measured | check).filtered("result"))

    def test_decisions_are_audited_posted_and_locked(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit)
        photo, measured, check = self.items(permit)
        messages = len(permit.message_ids)
        photo.with_user(self.officer)._site_check(rules.PASS, note="Guard bolted")
        wizard = self.env["worksafe.acceptance.check.wizard"].with_user(self.officer).create({
            "item_id": measured.id, "result": rules.PASS})
        wizard.action_confirm()
        check.with_user(self.officer)._site_check(rules.FAIL, **self.fail_values())
        self.assertEqual(permit.acceptance_state, rules.FAILED)
        self.assertEqual(check.site_note, "Guard bolts missing")
        self.assertTrue(check.site_photo)
        events = self.env["worksafe.audit.event"].search([("permit_id", "=", permit.id)])
        types = events.mapped("event_type")
        self.assertEqual(types.count("acceptance.pass"), 2)
        self.assertEqual(types.count("acceptance.fail"), 1)
        self.assertEqual(types.count("acceptance.done"), 1)
        self.assertGreaterEqual(len(permit.message_ids), messages + 4)
        # locked: no second decision, no change of evidence, photos kept
        with self.assertRefusedWith(DecisionRefused, rules.ALREADY_DECIDED):
            photo.with_user(self.approver_1)._site_check(rules.FAIL, **self.fail_values())
        with self.assertRaises(UserError):
            measured.with_user(self.worker_user).write({"measured_value": 9.0})
        with self.assertRaises(AccessError):
            photo.attachment_ids.with_user(self.worker_user).unlink()
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.worker_user).create({
                "name": "late.png", "raw": _PNG, "res_model": photo._name,
                "res_id": photo.id})
