from datetime import datetime, timedelta

from odoo.tests import BaseCase

from ..rules.escalation import Step, due_steps, seconds_to_all_acked

T0 = datetime(2026, 1, 1, 8, 0, 0)
STEPS = [Step("deputy", 120), Step("renotify", 60)]


def at(seconds):
    return T0 + timedelta(seconds=seconds)


class TestRulesEscalation(BaseCase):
    def test_nothing_before_60_s(self):
        self.assertEqual(due_steps(T0, None, set(), STEPS, at(59)), [])

    def test_renotify_at_60_s(self):
        self.assertEqual([s.code for s in due_steps(T0, None, set(), STEPS, at(60))],
                         ["renotify"])

    def test_deputy_at_120_s_once(self):
        self.assertEqual([s.code for s in due_steps(T0, None, {"renotify"}, STEPS, at(120))],
                         ["deputy"])
        self.assertEqual(due_steps(T0, None, {"renotify", "deputy"}, STEPS, at(600)), [])

    def test_late_cron_runs_both_in_order(self):
        self.assertEqual([s.code for s in due_steps(T0, None, set(), STEPS, at(300))],
                         ["renotify", "deputy"])

    def test_acknowledged_stops_everything(self):
        self.assertEqual(due_steps(T0, at(30), set(), STEPS, at(300)), [])

    def test_time_to_all_acknowledged(self):
        self.assertEqual(seconds_to_all_acked(T0, [at(20), at(95)]), 95)
        self.assertIsNone(seconds_to_all_acked(T0, [at(20), None]))
        self.assertIsNone(seconds_to_all_acked(T0, []))
