from odoo.tests import tagged

from .common import EmergencyBoardCase


@tagged("post_install", "-at_install")
class TestEmergencyBoardPush(EmergencyBoardCase):
    """An alarm, a check-in, a closed event and a moved muster point tell the boards of the
    company once per transaction (worksafe_board's coalesced notification)."""

    def sent(self):
        return len(self.notifications(self.company))

    def test_alarm_and_check_in_push_the_board(self):
        self.permit_in(self.bay_a1, "active")
        before = self.sent()
        event = self.raise_alarm(self.bay_a1)
        self.assertEqual(self.sent(), before + 1)  # one for the alarm and its roll call
        event._check_in(self.worker, self.point_a)
        self.assertEqual(self.sent(), before + 2)
        event.with_user(self.officer).action_close(reason="All safe")
        self.assertEqual(self.sent(), before + 3)

    def test_a_drill_check_in_pushes_too(self):
        event = self.raise_alarm(self.unit_b, drill=self.new_drill(self.unit_b))
        before = self.sent()
        event._check_in(self.worker, self.point_b)
        self.assertEqual(self.sent(), before + 1)

    def test_muster_point_moves_push_and_other_edits_do_not(self):
        before = self.sent()
        self.point_a.write({"route_points": "25,25 95,5"})
        self.assertEqual(self.sent(), before + 1)
        self.point_a.write({"warden_ids": [(6, 0, self.watcher_user.ids)]})
        self.assertEqual(self.sent(), before + 1)

    def test_other_companies_are_not_told(self):
        before = len(self.notifications(self.other_company))
        self.raise_alarm(self.unit_a)
        self.assertEqual(len(self.notifications(self.other_company)), before)
