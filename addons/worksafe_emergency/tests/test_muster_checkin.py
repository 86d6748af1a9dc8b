from odoo.exceptions import AccessError, UserError, ValidationError

from .common import EmergencyCase

# measured with a cold cache: badge lookup, line, audit append (lock, head, insert), counts
QUERIES = 18
# worksafe_emergency_board (auto-installed with the live board) marks the company's board
# for its one push per transaction
BOARD_PUSH_QUERIES = 2


class TestMusterCheckin(EmergencyCase):
    def setUp(self):
        super().setUp()
        self.permit = self.active_permit()
        self.event = self.raise_alarm()

    def test_phone_check_in(self):
        line = self.event.with_user(self.worker_user)._check_in(
            self.worker, self.point, now=self.later(self.event, 90))
        self.assertEqual(line.status, "accounted")
        self.assertEqual(line.method, "phone")
        self.assertEqual(line.muster_point_id, self.point)
        self.assertEqual(self.event.muster_accounted, 1)
        self.assertEqual(self.event.muster_missing, 2)

    def test_badge_at_the_muster_point(self):
        self.performer.sudo().barcode = "B1001"
        line = self.event.with_user(self.watcher_user)._check_in_badge("B1001", self.point)
        self.assertEqual(line.employee_id, self.performer)
        self.assertEqual(line.method, "badge")
        with self.assertRaises(ValidationError):
            self.event.with_user(self.watcher_user)._check_in_badge("NOPE", self.point)

    def test_warden_marks_with_a_reason(self):
        event = self.event.with_user(self.watcher_user)
        with self.assertRaises(ValidationError):
            event._check_in(self.performer, self.point, method="warden")
        line = event._check_in(self.performer, self.point, method="warden",
                               status="not_on_site", reason="Left at noon")
        self.assertEqual(line.status, "not_on_site")
        self.assertEqual(self.event.muster_population, 2)

    def test_nobody_checks_in_someone_else_without_being_a_warden(self):
        with self.assertRaises(AccessError):
            self.event.with_user(self.worker_user)._check_in(self.performer, self.point)

    def test_missing_list_and_times(self):
        event = self.event
        event.with_user(self.worker_user)._check_in(self.worker, self.point,
                                                    now=self.later(event, 60))
        event.with_user(self.applicant)._check_in(self.performer, self.point,
                                                  now=self.later(event, 120))
        event.with_user(self.watcher_user)._check_in(self.watcher, self.point,
                                                     status="need_help",
                                                     now=self.later(event, 150))
        self.assertEqual(event._missing_list().employee_id, self.watcher)
        self.assertEqual(event.seconds_to_90, -1)  # 2 of 3: not yet 90 %
        event.with_user(self.watcher_user)._check_in(self.watcher, self.point,
                                                     now=self.later(event, 200))
        self.assertEqual(event.seconds_to_90, 200)
        self.assertEqual(event.seconds_to_100, 200)
        self.assertEqual(event.muster_percent, 100.0)
        self.assertFalse(event._missing_list())

    def test_someone_not_on_the_permits_checks_in(self):
        outsider = self.env["hr.employee"].create({"name": "Visitor", "user_id":
                                                   self.outsider.id})
        self.event.with_user(self.outsider)._check_in(outsider, self.point)
        self.assertIn(outsider, self.event.muster_line_ids.employee_id)
        self.assertEqual(self.event.muster_population, 4)

    def test_roll_call_closes_with_the_event(self):
        self.event.with_user(self.officer).action_close()
        with self.assertRaises(UserError):
            self.event.with_user(self.worker_user)._check_in(self.worker, self.point)

    def test_every_check_in_is_audited(self):
        self.event.with_user(self.worker_user)._check_in(self.worker, self.point)
        entry = self.event.timeline_ids.filtered(lambda e: e.event_type == "emergency.checkin")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.worker_user)

    def test_check_in_queries_do_not_grow_with_the_roll_call(self):
        """The hot path of a muster (20 people a second): one check-in and the missing list
        re-read, in a bounded number of queries."""
        people = self.env["hr.employee"].create([{"name": f"P{i}", "barcode": f"Q{i:04d}"}
                                                 for i in range(30)])
        self.env["worksafe.emergency.muster.line"].sudo().create([
            {"event_id": self.event.id, "employee_id": p.id} for p in people])
        event = self.event.with_user(self.watcher_user)
        event._check_in_badge("Q0000", self.point)
        self.env.invalidate_all()
        board = "worksafe.board" in self.env and self.env["ir.module.module"].search_count(
            [("name", "=", "worksafe_emergency_board"), ("state", "=", "installed")])
        with self.assertQueryCount(QUERIES + (BOARD_PUSH_QUERIES if board else 0)):
            event._check_in_badge("Q0001", self.point)
            self.assertEqual(len(event._missing_list()), 31)
