from datetime import date, timedelta

from odoo.exceptions import ValidationError

from ..rules import rectification as rules
from .common import RectificationCase

PLAN = {"plan_goal": "Restore the wall thickness", "plan_measures": "Replace two spools",
        "plan_resources": "CNY 38,000; two spools", "plan_people": "Lu Gang, area authority",
        "plan_contingency": "Coil isolated, weekly UT"}


class TestMajorHazardPlan(RectificationCase):
    def test_a_major_hazard_cannot_start_without_its_plan(self):
        rect = self.raise_rect(severity="major")
        self.assertTrue(rect.plan_missing)
        with self.assertRaises(ValidationError):
            rect.with_user(self.owner).action_start()
        self.assertEqual(rect.state, "open")
        rect.with_user(self.owner).write(dict(PLAN, plan_deadline=date.today()
                                              + timedelta(days=3)))
        self.assertFalse(rect.plan_missing)
        rect.with_user(self.owner).action_start()
        self.assertEqual(rect.state, "in_progress")

    def test_a_major_hazard_cannot_be_done_with_a_plan_item_emptied(self):
        rect = self.raise_rect(severity="major", **PLAN, plan_deadline=date.today())
        rect.with_user(self.owner).action_start()
        self.add_evidence(rect)
        rect.with_user(self.owner).plan_contingency = " "
        with self.assertRaises(ValidationError):
            rect.with_user(self.owner).action_done()
        self.assertEqual(rect._missing_plan_items(), ["plan_contingency"])
        self.assertEqual(rect.state, "in_progress")

    def test_a_general_hazard_needs_no_plan(self):
        rect = self.raise_rect(severity="general")
        self.assertFalse(rect.plan_missing)
        self.do(rect)
        self.assertEqual(rect.state, "done")

    def test_raised_to_major_while_in_progress_needs_the_plan_to_be_done(self):
        rect = self.raise_rect()
        rect.with_user(self.owner).action_start()
        self.add_evidence(rect)
        rect.with_user(self.officer).severity = "major"
        with self.assertRaises(ValidationError):
            rect.with_user(self.owner).action_done()
        self.assertEqual(rect._missing_plan_items(), list(rules.MAJOR_PLAN_ITEMS))
