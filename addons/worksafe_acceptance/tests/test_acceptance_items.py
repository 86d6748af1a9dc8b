from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..rules import acceptance as rules
from .common import AcceptanceCase


class TestAcceptanceItems(AcceptanceCase):
    """The template's criteria become the permit's acceptance items at submission; the
    crew's evidence gives the preliminary verdict."""

    def test_items_are_copied_at_submission_from_the_closure_step(self):
        permit = self.make_permit()
        self.assertFalse(permit.acceptance_item_ids)
        self.submit(permit)
        photo, measured, check = self.items(permit)
        closure = permit.step_ids.filtered(lambda s: s.phase == "closure")
        self.assertEqual((photo | measured | check).step_id, closure)
        self.assertEqual((photo.photo_count, photo.photo_subject), (1, "guard restored"))
        self.assertEqual((measured.bound, measured.value_min, measured.unit),
                         (rules.AT_LEAST, 0.5, "MΩ"))
        self.assertEqual(check.photo_count, 1)
        self.assertEqual(permit.acceptance_state, rules.PENDING)
        # later edits of the template do not change a submitted permit's criteria
        self.crit_value.value_min = 5.0
        self.assertEqual(measured.value_min, 0.5)

    def test_criteria_only_on_closure_steps_and_judgeable(self):
        preparation = self.template.step_ids.filtered(lambda s: s.phase == "preparation")
        Criterion = self.env["worksafe.template.step.criterion"]
        with self.assertRaises(ValidationError):
            Criterion.create({"step_id": preparation.id, "name": "x", "kind": rules.CHECK})
        closure = self.template.step_ids.filtered(lambda s: s.phase == "closure")
        with self.assertRaises(ValidationError):
            Criterion.create({"step_id": closure.id, "name": "x", "kind": rules.MEASUREMENT})
        with self.assertRaises(ValidationError):
            Criterion.create({"step_id": closure.id, "name": "x", "kind": rules.PHOTO})
        with self.assertRaises(ValidationError):
            closure.phase = "execution"

    def test_preliminary_verdicts_from_the_evidence(self):
        permit = self.handed_back_permit()
        photo, measured, check = self.items(permit)
        self.assertEqual((photo | measured | check).mapped("preliminary"), [rules.INCOMPLETE] * 3)
        self.assertEqual(permit.acceptance_preliminary, rules.INCOMPLETE)
        # 0.0 MΩ is a value (measured), below the minimum: a fail, not "missing"
        measured.with_user(self.worker_user).write({"measured_value": 0.0})
        self.assertTrue(measured.measured)
        self.assertEqual(measured.preliminary, rules.FAIL)
        self.assertEqual(permit.acceptance_preliminary, rules.FAIL)
        measured.with_user(self.worker_user).write({"measured_value": 0.5})
        self.assertEqual(measured.preliminary, rules.PASS)
        check.with_user(self.worker_user).write({"answer": "no"})
        self.assertEqual(check.preliminary, rules.FAIL)
        check.with_user(self.worker_user).write({"answer": "yes"})
        self.assertEqual(check.preliminary, rules.INCOMPLETE, "its photo is missing")
        self.add_photo(check)
        self.add_photo(photo)
        self.assertEqual(permit.acceptance_preliminary, rules.PASS)
        self.assertIn(self.worker_user, measured.evidence_user_ids)
        events = self.env["worksafe.audit.event"].search([
            ("permit_id", "=", permit.id), ("event_type", "=", "acceptance.evidence")])
        self.assertGreaterEqual(len(events), 5)

    def test_evidence_is_the_crews(self):
        permit = self.handed_back_permit()
        photo, measured, _check = self.items(permit)
        with self.assertRaises(AccessError):
            measured.with_user(self.outsider).write({"measured_value": 1.0})
        with self.assertRaises(AccessError):
            self.add_photo(photo, self.outsider)
        # a file of another record is not this item's photo
        other = self.env["ir.attachment"].with_user(self.worker_user).create({
            "name": "elsewhere.png", "raw": b"x", "res_model": "worksafe.permit",
            "res_id": permit.id})
        with self.assertRaises(AccessError):
            photo.with_user(self.worker_user).write({"attachment_ids": [Command.link(other.id)]})

    def test_forged_fields_are_refused(self):
        permit = self.handed_back_permit()
        _photo, measured, _check = self.items(permit)
        for values in ({"result": rules.PASS}, {"checked_by_id": self.officer.id},
                       {"value_min": 0.0}, {"measured": True}, {"site_note": "fine"},
                       {"evidence_user_ids": [Command.set(self.officer.ids)]}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                measured.with_user(self.worker_user).write(values)
        self.assertFalse(measured.result)
        Item = self.env["worksafe.permit.acceptance.item"]
        with self.assertRaises(AccessError):
            Item.with_user(self.officer).create({
                "permit_id": permit.id, "step_id": measured.step_id.id, "name": "Forged",
                "kind": rules.CHECK})
        with self.assertRaises(AccessError):
            permit.with_user(self.applicant).write({"acceptance_item_ids": [
                Command.unlink(measured.id)]})
        with self.assertRaises(UserError):  # AccessError is one too
            measured.with_user(self.officer).unlink()
        self.assertTrue(measured.exists())

    def test_items_of_another_company_are_hidden(self):
        permit = self.handed_back_permit()
        Item = self.env["worksafe.permit.acceptance.item"].with_user(self.foreign_worker)
        self.assertFalse(Item.search([("permit_id", "=", permit.id)]))
        with self.assertRaises(AccessError):
            permit.acceptance_item_ids.with_user(self.foreign_worker).read(["name"])
