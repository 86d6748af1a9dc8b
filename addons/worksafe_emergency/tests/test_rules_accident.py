from datetime import datetime, timedelta

from odoo.tests import BaseCase

from ..rules.accident import (
    Level,
    accident_level,
    followups_due,
    is_late,
    missing_items,
    report_deadline,
)

LEVELS = [
    Level("especially_major", 4, 30, 100, 100_000_000, 2),
    Level("major", 3, 10, 50, 50_000_000, 2),
    Level("larger", 2, 3, 10, 10_000_000, 1),
    Level("general", 1, 0, 0, 0, 1),
]
T0 = datetime(2026, 1, 1, 8, 0, 0)


class TestRulesAccident(BaseCase):
    def level(self, deaths=0, injuries=0, loss=0.0):
        return accident_level(LEVELS, deaths, injuries, loss).code

    def test_thresholds(self):
        self.assertEqual(self.level(), "general")
        self.assertEqual(self.level(deaths=2, injuries=9, loss=9_999_999), "general")
        self.assertEqual(self.level(deaths=3), "larger")
        self.assertEqual(self.level(injuries=10), "larger")
        self.assertEqual(self.level(loss=10_000_000), "larger")
        self.assertEqual(self.level(deaths=10), "major")
        self.assertEqual(self.level(injuries=50), "major")
        self.assertEqual(self.level(loss=50_000_000), "major")
        self.assertEqual(self.level(deaths=30), "especially_major")
        self.assertEqual(self.level(injuries=100), "especially_major")
        self.assertEqual(self.level(loss=100_000_000), "especially_major")

    def test_worst_criterion_wins(self):
        self.assertEqual(self.level(deaths=1, injuries=60, loss=0), "major")

    def test_negative_refused(self):
        with self.assertRaises(ValueError):
            self.level(deaths=-1)

    def test_quick_report_minimum(self):
        self.assertEqual(missing_items({"unit_overview": "x", "time_place": "y"}, "quick"),
                         ["casualties"])
        self.assertEqual(missing_items({"unit_overview": "x", "time_place": "y",
                                        "casualties": "none"}, "quick"), [])

    def test_full_report_needs_five_items(self):
        self.assertEqual(missing_items({"unit_overview": "x", "time_place": "y",
                                        "casualties": "z"}, "initial"),
                         ["course", "measures"])

    def test_deadline_and_late(self):
        deadline = report_deadline(T0, 60)
        self.assertEqual(deadline, T0 + timedelta(hours=1))
        self.assertFalse(is_late(deadline, T0 + timedelta(minutes=59), T0 + timedelta(hours=3)))
        self.assertTrue(is_late(deadline, T0 + timedelta(minutes=61), T0 + timedelta(hours=3)))
        self.assertFalse(is_late(deadline, None, T0 + timedelta(minutes=30)))
        self.assertTrue(is_late(deadline, None, T0 + timedelta(minutes=61)))

    def test_followups(self):
        major, general = LEVELS[1], LEVELS[3]
        self.assertEqual(followups_due(T0, general, [], T0 + timedelta(hours=23)), 0)
        self.assertEqual(followups_due(T0, general, [], T0 + timedelta(days=2, hours=1)), 2)
        self.assertEqual(followups_due(T0, major, [T0], T0 + timedelta(days=2, hours=1)), 3)
        self.assertEqual(followups_due(T0, general, [], T0 + timedelta(days=90)), 30)
