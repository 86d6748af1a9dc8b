from datetime import datetime, timedelta

from odoo.tests import BaseCase

from ..rules.muster import counts, seconds_to_fraction

T0 = datetime(2026, 1, 1, 8, 0, 0)


class TestRulesMuster(BaseCase):
    def test_counts(self):
        tally = counts(["accounted"] * 7 + ["unknown"] * 2 + ["need_help"] + ["not_on_site"] * 3)
        self.assertEqual(tally.population, 10)  # not on site are not in the population
        self.assertEqual(tally.accounted, 7)
        self.assertEqual(tally.missing, 3)       # unknown and need help
        self.assertEqual(tally.percent, 70.0)

    def test_need_help_is_never_accounted(self):
        self.assertEqual(counts(["need_help"]).percent, 0.0)

    def test_empty_roll_call_is_complete(self):
        self.assertEqual(counts([]).percent, 100.0)

    def test_unknown_status_refused(self):
        with self.assertRaises(ValueError):
            counts(["safe"])

    def test_time_to_90_and_100(self):
        times = [T0 + timedelta(seconds=s) for s in (30, 60, 90, 120, 150, 180, 210, 240, 270)]
        # 9 of 10 accounted: 90 % at the 9th check-in, never 100 %
        self.assertEqual(seconds_to_fraction(T0, times, 10, 0.9), 270)
        self.assertIsNone(seconds_to_fraction(T0, times, 10, 1.0))
        self.assertEqual(seconds_to_fraction(T0, times + [T0 + timedelta(seconds=400)], 10, 1.0),
                         400)

    def test_ninety_percent_rounds_up(self):
        # 90 % of 11 people is 9.9: the 10th person makes it
        times = [T0 + timedelta(seconds=10 * i) for i in range(1, 11)]
        self.assertEqual(seconds_to_fraction(T0, times, 11, 0.9), 100)

    def test_nobody_on_site(self):
        self.assertEqual(seconds_to_fraction(T0, [], 0, 0.9), 0.0)
