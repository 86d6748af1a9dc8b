from odoo.tests import tagged

from .common import EmergencyBoardCase


@tagged("post_install", "-at_install")
class TestEmergencyBoardState(EmergencyBoardCase):
    """The board's state carries the open emergencies of the site with their roll-call
    counts, the muster points on the plan and the routes of the points serving them."""

    def test_no_emergency_points_without_routes(self):
        state = self.state()
        self.assertEqual(state["emergencies"], [])
        self.assertEqual(state["counts"]["emergencies"], 0)
        points = self.by_id(state["muster_points"])
        self.assertEqual(set(points), {self.point_a.id, self.point_b.id})
        self.assertTrue(points[self.point_a.id]["placed"])
        self.assertEqual([points[p.id]["route"] for p in (self.point_a, self.point_b)], [[], []])
        self.assertFalse(points[self.point_a.id]["affected"])

    def test_open_emergency_with_counts_points_and_routes(self):
        self.permit_in(self.bay_a1, "active")  # performer, worker, watcher on the roll call
        event = self.raise_alarm(self.bay_a1)
        population = len(event.muster_line_ids)
        self.assertEqual(population, 3)
        event._check_in(self.worker, self.point_a)
        event._check_in(self.performer, self.point_a, status="need_help")
        state = self.state()
        [row] = state["emergencies"]
        self.assertEqual(row["id"], event.id)
        self.assertFalse(row["drill"])
        self.assertEqual(row["scenario"], self.fire.name)
        self.assertEqual(row["area_id"], self.bay_a1.id)
        self.assertEqual((row["population"], row["accounted"], row["missing"], row["need_help"]),
                         (3, 1, 2, 1))
        self.assertEqual(state["counts"]["emergencies"], 1)
        points = self.by_id(state["muster_points"])
        # gate A serves unit A (the parent of bay A1): its route is drawn, with its count
        self.assertTrue(points[self.point_a.id]["affected"])
        self.assertEqual(points[self.point_a.id]["route"], [[25, 25], [25, 5], [95, 5]])
        self.assertEqual(points[self.point_a.id]["route_svg"], "25,25 25,5 95,5")
        self.assertEqual(points[self.point_a.id]["accounted"], 1)
        # car park B serves unit B, not affected: placed, no route
        self.assertFalse(points[self.point_b.id]["affected"])
        self.assertEqual(points[self.point_b.id]["route"], [])
        # an emergency in an area without an outline is drawn in its nearest outlined parent
        other = self.raise_alarm(self.bay_a2)
        rows = self.by_id(self.state()["emergencies"])
        self.assertEqual(rows[other.id]["area_id"], self.unit_a.id)

    def test_a_drill_shows_as_drill(self):
        drill = self.new_drill(self.unit_b)
        event = self.raise_alarm(self.unit_b, drill=drill)
        [row] = self.state()["emergencies"]
        self.assertEqual(row["id"], event.id)
        self.assertTrue(row["drill"])
        points = self.by_id(self.state()["muster_points"])
        self.assertTrue(points[self.point_b.id]["affected"])
        self.assertFalse(points[self.point_a.id]["affected"])

    def test_closed_events_and_other_sites_leave_the_board(self):
        event = self.raise_alarm(self.unit_a)
        elsewhere = self.env["worksafe.area"].create({"name": "Another site"})
        self.raise_alarm(elsewhere)
        self.assertEqual([r["id"] for r in self.state()["emergencies"]], [event.id])
        event.with_user(self.officer).action_close(reason="Fire out")
        self.assertEqual(self.state()["emergencies"], [])

    def test_the_kiosk_shows_the_emergency(self):
        event = self.raise_alarm(self.unit_a)
        state = self.env["worksafe.board"]._kiosk_state(self.company, self.site.id)
        self.assertEqual([r["id"] for r in state["emergencies"]], [event.id])
        self.assertTrue(self.by_id(state["muster_points"])[self.point_a.id]["route"])

    def test_queries_do_not_grow_with_events_lines_and_points(self):
        board = self.env["worksafe.board"].with_user(self.supervisor)

        def queries():
            board.get_state(self.site.id)  # caches that outlive a request
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            board.get_state(self.site.id)
            return self.env.cr.sql_log_count - before

        self.permit_in(self.bay_a1, "active")
        event = self.raise_alarm(self.bay_a1)
        event._check_in(self.worker, self.point_a)
        few = queries()
        for area in (self.unit_a, self.unit_b, self.bay_a2):
            self.permit_in(area, "active")
            self.raise_alarm(area)
        self.env["worksafe.emergency.muster.point"].create([{
            "name": f"Point {i}", "area_id": self.unit_b.id, "position_x": 100.0 + i,
            "position_y": 50.0, "route_points": f"150,50 {100 + i},50"} for i in range(5)])
        drill = self.new_drill(self.unit_b)
        self.raise_alarm(self.unit_b, drill=drill)
        self.assertEqual(len(board.get_state(self.site.id)["emergencies"]), 5)
        self.assertEqual(queries(), few)
        board.get_state(self.site.id)
        with self.assertQueryCount(26):  # the board's 18 + 4 for the emergencies
            self.env.invalidate_all()
            board.get_state(self.site.id)
