from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command

from .common import RectificationCase
from odoo.addons.worksafe_permit.tests.common import _PNG


class TestForgedFields(RectificationCase):
    def test_system_fields_are_refused_on_create(self):
        for forged in ({"state": "closed"}, {"verified_by_id": self.verifier.id},
                       {"done_by_id": self.owner.id}, {"name": "RECT/1999/00001"},
                       {"on_time": 100}, {"escalation_sent_ids": [Command.set([])]}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                self.raise_rect(**forged)

    def test_system_fields_are_refused_on_write(self):
        rect = self.raise_rect()
        for forged in ({"state": "verified"}, {"verified_by_id": self.verifier.id},
                       {"closed_at": "2026-01-01 00:00:00"}, {"fail_count": 3}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                rect.with_user(self.officer).write(forged)
        self.assertEqual(rect.state, "open")

    def test_context_default_state_is_ignored(self):
        rect = self.Rect.with_user(self.officer).with_context(default_state="closed").create({
            "requirement": "x", "owner_id": self.owner.id, "deadline": date.today()})
        self.assertEqual(rect.state, "open")

    def test_the_source_is_set_once_and_must_be_readable(self):
        rect = self.raise_rect()
        with self.assertRaises(AccessError):
            rect.with_user(self.officer).write({"permit_id": self.make_permit().id})
        with self.assertRaises(ValidationError):
            self.raise_rect(res_model="res.partner", res_id=10**8)
        with self.assertRaises(ValidationError):
            self.raise_rect(res_model="no.such.model", res_id=1)
        foreign = self.env["worksafe.area"].create({"name": "Far away",
                                                    "company_id": self.other_company.id})
        with self.assertRaises(AccessError):
            self.raise_rect(res_model="worksafe.area", res_id=foreign.id)
        with self.assertRaises(AccessError):
            self.Rect.with_user(self.officer)._open_from(foreign, "Look at it")

    def test_open_from_refuses_system_values(self):
        with self.assertRaises(AccessError):
            self.Rect.with_user(self.officer)._open_from(self.area, "x", state="closed")

    def test_impossible_values_are_refused(self):
        with self.assertRaises(ValidationError):
            self.raise_rect(deadline="not a date")
        with self.assertRaises(ValidationError):
            self.raise_rect(deadline="0001-01-01")
        with self.assertRaises(ValidationError):
            self.raise_rect(owner_id=10**8)

    def test_evidence_of_another_record_is_refused(self):
        rect = self.raise_rect()
        other = self.raise_rect()
        rect.with_user(self.owner).action_start()
        photo = self.env["ir.attachment"].with_user(self.owner).create({
            "name": "elsewhere.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": other._name, "res_id": other.id})
        with self.assertRaises(AccessError):
            rect.with_user(self.owner).write(
                {"evidence_attachment_ids": [Command.link(photo.id)]})
        self.assertFalse(rect.evidence_attachment_ids)
