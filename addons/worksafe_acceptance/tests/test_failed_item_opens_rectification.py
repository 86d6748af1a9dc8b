from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..rules import acceptance as rules
from .common import AcceptanceCase
from odoo.addons.worksafe_permit.tests.common import _PNG


class TestFailedItemOpensRectification(AcceptanceCase):
    """A failed item opens a rectification chosen by the acceptor (owner, deadline,
    severity), with the acceptance item as its source."""

    def failed_item(self, permit=None, **rectification):
        permit = permit or self.handed_back_permit()
        self.give_evidence(permit)
        _photo, _measured, check = self.items(permit)
        check.with_user(self.approver_1)._site_check(
            rules.FAIL, rectification=rectification or None, **self.fail_values())
        return check

    def test_failure_opens_the_rectification_the_acceptor_chose(self):
        deadline = date.today() + timedelta(days=3)
        item = self.failed_item(requirement="Refit the grating clamps", owner=self.worker_user,
                                deadline=deadline, severity="general")
        rect = item.rectification_id
        self.assertTrue(rect)
        self.assertEqual((rect.source_type, rect.res_model, rect.res_id),
                         ("acceptance", item._name, item.id))
        self.assertEqual(rect.permit_id, item.permit_id)
        self.assertEqual((rect.owner_id, rect.deadline, rect.severity, rect.requirement),
                         (self.worker_user, deadline, "general", "Refit the grating clamps"))
        self.assertEqual(rect.state, "open")
        self.assertFalse(item.needs_rectification)
        events = self.env["worksafe.audit.event"].search([
            ("permit_id", "=", item.permit_id.id),
            ("event_type", "=", "acceptance.rectification")])
        self.assertEqual(len(events), 1)

    def test_wizard_fails_the_item_and_opens_its_rectification(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit)
        photo, _measured, _check = self.items(permit)
        action = photo.with_user(self.officer).with_context(
            acceptance_result=rules.FAIL).action_open_check_wizard()
        wizard = self.env[action["res_model"]].with_user(self.officer).with_context(
            **action["context"]).create({"note": "Guard missing", "photo": self.fail_values()[
                "photo"], "severity": "major", "rect_requirement": "Fit the guard"})
        self.assertEqual(wizard.result, rules.FAIL)
        self.assertEqual(wizard.owner_id, self.applicant, "the performing authority by default")
        wizard.action_confirm()
        self.assertEqual(photo.result, rules.FAIL)
        self.assertEqual(photo.rectification_id.severity, "major")
        self.assertEqual(photo.rectification_id.owner_id, self.applicant)

    def test_rectification_later_by_the_acceptor_or_a_safety_officer_only(self):
        item = self.failed_item()
        self.assertFalse(item.rectification_id)
        self.assertTrue(item.needs_rectification)
        with self.assertRaises(AccessError):
            item.with_user(self.worker_user)._open_rectification()
        with self.assertRaises(AccessError):
            item.with_user(self.approver_2)._open_rectification()
        rect = item.with_user(self.approver_1)._open_rectification(owner=self.worker_user)
        self.assertEqual(rect.source_type, "acceptance")
        self.assertIn(item.name, rect.requirement)
        with self.assertRaises(UserError):
            item.with_user(self.officer)._open_rectification()
        # a cancelled rectification leaves the item to be rectified again
        rect.with_user(self.officer).action_cancel("Raised against the wrong owner")
        self.assertTrue(item.needs_rectification)
        rect_2 = item.with_user(self.officer)._open_rectification(owner=self.applicant)
        self.assertEqual(item.rectification_id, rect_2)

    def test_passed_item_has_nothing_to_rectify(self):
        permit = self.handed_back_permit()
        self.give_evidence(permit)
        photo, _measured, _check = self.items(permit)
        photo.with_user(self.officer)._site_check(rules.PASS)
        with self.assertRaises(UserError):
            photo.with_user(self.officer)._open_rectification()

    def test_rectification_is_done_verified_by_another_person(self):
        item = self.failed_item(owner=self.worker_user)
        rect = item.rectification_id
        rect.with_user(self.worker_user).action_start()
        photo = self.env["ir.attachment"].with_user(self.worker_user).create({
            "name": "after.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": rect._name, "res_id": rect.id})
        rect.with_user(self.worker_user).write({
            "done_note": "Clamps refitted", "evidence_attachment_ids": [Command.link(photo.id)]})
        rect.with_user(self.worker_user).action_done()
        with self.assertRaises(AccessError):
            rect.with_user(self.worker_user).action_verify()
        rect.with_user(self.approver_1).action_verify()
        self.assertEqual(rect.state, "verified")
        self.assertEqual(item.rectification_state, "verified")
