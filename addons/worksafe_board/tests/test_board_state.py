from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from .common import BoardCase


@tagged("post_install", "-at_install")
class TestBoardState(BoardCase):
    """What one board shows: the site's live work placed in its areas, what needs an eye,
    only from the user's companies, in a number of queries that does not grow with them."""

    def test_live_permits_are_placed_in_their_areas(self):
        active = self.permit_in(self.bay_a1, "active")
        issued = self.permit_in(self.bay_a2, "issued")
        suspended = self.permit_in(self.unit_b, "suspended")
        draft = self.permit_in(self.unit_b, "draft")
        closed = self.permit_in(self.unit_b, "closed")
        late = self.permit_in(self.unit_b, "active", planned_start=self.later(hours=-5),
                              planned_end=self.later(minutes=-10))
        expired = self.permit_in(self.unit_a, "expired", planned_start=self.later(hours=-9),
                                 planned_end=self.later(hours=-2))
        old = self.permit_in(self.unit_a, "expired", planned_start=self.later(days=-9),
                             planned_end=self.later(days=-8))
        elsewhere = self.permit_in(self.area, "active")

        state = self.state()
        self.assertEqual(state["site"]["id"], self.site.id)
        self.assertEqual(state["site"]["extent"], [0.0, 0.0, 200.0, 100.0])
        permits = self.by_id(state["permits"])
        self.assertEqual(set(permits), {active.id, issued.id, suspended.id, late.id,
                                        expired.id})
        for absent in (draft, closed, old, elsewhere):
            self.assertNotIn(absent.id, permits)
        # a bay without an outline is drawn in its unit
        self.assertEqual(permits[active.id]["drawn_in"], self.bay_a1.id)
        self.assertEqual(permits[issued.id]["drawn_in"], self.unit_a.id)
        self.assertEqual(permits[active.id]["level_color"], self.variant.marking_color)
        self.assertEqual({pid for pid, row in permits.items() if row["overdue"]},
                         {late.id, expired.id})
        areas = self.by_id(state["areas"])
        self.assertEqual(set(areas), {self.unit_a.id, self.bay_a1.id, self.unit_b.id})
        # an area takes the colour of its most urgent permit
        self.assertEqual(areas[self.unit_b.id]["state"], "suspended")
        self.assertEqual(areas[self.unit_a.id]["state"], "issued")
        self.assertEqual(areas[self.bay_a1.id]["state"], "active")
        self.assertEqual(areas[self.unit_b.id]["points"],
                         [[110.0, 10.0], [190.0, 10.0], [190.0, 90.0], [110.0, 90.0]])
        self.assertEqual(state["counts"]["active"], 2)
        self.assertEqual(state["counts"]["suspended"], 1)
        self.assertEqual(state["counts"]["overdue"], 2)

    def test_people_on_site_from_crews_check_ins_and_helmets(self):
        active = self.permit_in(self.bay_a1, "active")
        active._system_write({"watcher_on_site_id": self.watcher.id})
        issued = self.permit_in(self.unit_b, "issued", watcher_ids=[Command.set([])])
        helper = self.env["hr.employee"].create({"name": "Helmet Wearer"})
        issued._system_write({"watcher_on_site_id": helper.id})
        Device = self.env["worksafe.iot.device"].sudo()
        wearer = self.env["hr.employee"].create({"name": "Walking Wu"})
        offline = self.env["hr.employee"].create({"name": "Offline Ou"})
        helmet = Device.create({"name": "Helmet W", "code": "BH-1", "kind": "helmet",
                                "worker_id": wearer.id, "area_id": self.unit_a.id})
        Device.create({"name": "Helmet O", "code": "BH-2", "kind": "helmet",
                       "worker_id": offline.id, "area_id": self.unit_b.id})
        # reported inside Unit B's outline: the position wins over the device's area
        helmet.write({"online": True, "last_seen": self.now(), "has_position": True,
                      "position_x": 150.0, "position_y": 50.0})

        areas = self.by_id(self.state()["areas"])
        self.assertCountEqual(areas[self.bay_a1.id]["people"],
                              ["Li Performer", "Wang Worker", "Zhao Watcher"])
        self.assertCountEqual(areas[self.unit_b.id]["people"], ["Helmet Wearer", "Walking Wu"])
        self.assertEqual(areas[self.unit_b.id]["helmets"], 1)
        self.assertEqual(self.state()["counts"]["people"], 5)

    def test_clashes_alarms_faults_and_exceptions(self):
        hot = self.permit_in(self.bay_a1, "active")
        other = self.permit_in(self.bay_a1, "submitted")
        rule = self.env["worksafe.simops.rule"].sudo().search([], limit=1)
        self.env["worksafe.permit.conflict"].sudo().create({
            "permit_id": hot.id, "other_permit_id": other.id, "rule_id": rule.id,
            "action": "block"})
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        alarm = Alarm.create({"kind": "measurement", "code": "h2s", "area_id": self.bay_a1.id,
                              "permit_id": hot.id, "company_id": self.company.id,
                              "level": "critical", "peak_level": "critical", "state": "active"})
        Alarm.create({"kind": "measurement", "code": "co", "area_id": self.bay_a1.id,
                      "company_id": self.company.id, "level": "normal",
                      "peak_level": "alarm", "state": "closed"})
        silent = self.env["worksafe.iot.device"].sudo().create({
            "name": "Silent detector", "code": "BGD-1", "kind": "gas_fixed",
            "area_id": self.bay_a1.id})
        self.env["worksafe.iot.device"].sudo().create({
            "name": "Idle detector", "code": "BGD-2", "kind": "gas_fixed",
            "area_id": self.unit_b.id})  # no live work there: not a fault of the board
        exception = self.env["worksafe.qualification.exception"].sudo().create({
            "permit_id": hot.id, "employee_id": self.worker.id, "reason": "Certificate "
            "renewal on its way"})

        state = self.state()
        self.assertEqual([c["permit_id"] for c in state["clashes"]], [hot.id])
        self.assertTrue(self.by_id(state["permits"])[hot.id]["clash"])
        self.assertEqual([a["id"] for a in state["alarms"]], [alarm.id])
        self.assertEqual(self.by_id(state["areas"])[self.bay_a1.id]["alarm"], "critical")
        self.assertEqual([f["id"] for f in state["faults"]], [silent.id])
        self.assertEqual([e["id"] for e in state["exceptions"]], [exception.id])

    def test_queries_do_not_grow_with_the_work_on_site(self):
        def queries():
            board = self.env["worksafe.board"].with_user(self.supervisor)
            board.get_state(self.site.id)  # caches that outlive a request
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            board.get_state(self.site.id)
            return self.env.cr.sql_log_count - before

        def add_work(area, n):
            Device = self.env["worksafe.iot.device"].sudo()
            for i in range(n):
                permit = self.permit_in(area, "active")
                person = self.env["hr.employee"].create({"name": f"Crew {area.id}-{i}"})
                permit._system_write({"watcher_on_site_id": person.id})
                self.env["worksafe.iot.alarm"].sudo().create({
                    "kind": "measurement", "code": f"x{i}", "area_id": area.id,
                    "permit_id": permit.id, "company_id": self.company.id,
                    "level": "alarm", "peak_level": "alarm", "state": "active"})
                helmet = Device.create({"name": f"H{area.id}-{i}", "code": f"BH{area.id}-{i}",
                                        "kind": "helmet", "worker_id": person.id,
                                        "area_id": area.id})
                helmet.write({"online": True, "last_seen": self.now()})
                self.env["worksafe.qualification.exception"].sudo().create({
                    "permit_id": permit.id, "employee_id": person.id, "reason": "r"})

        add_work(self.bay_a1, 2)
        few = queries()
        add_work(self.unit_b, 8)
        add_work(self.bay_a2, 4)
        self.assertEqual(queries(), few)
        board = self.env["worksafe.board"].with_user(self.supervisor)
        board.get_state(self.site.id)
        with self.assertQueryCount(24):  # 18 today
            self.env.invalidate_all()
            board.get_state(self.site.id)

    def test_a_user_sees_only_the_companies_they_work_in(self):
        mine = self.permit_in(self.bay_a1, "active")
        foreign_area = self.env["worksafe.area"].create({
            "name": "Foreign bay", "parent_id": self.other_site.id,
            "company_id": self.other_company.id, "board_shape": "5,5 20,20"})
        foreign_lead = self.env["hr.employee"].create({
            "name": "Foreign Lead", "company_id": self.other_company.id})
        foreign = self.env["worksafe.permit"].sudo().create({
            "work_type_id": self.work_type.id, "template_id": self.template.id,
            "company_id": self.other_company.id, "area_id": foreign_area.id,
            "applicant_id": self.foreign_worker.id, "performing_authority_id": foreign_lead.id,
            "planned_start": self.later(hours=-1), "planned_end": self.later(hours=5),
            "description": "Foreign work"})
        foreign._system_write({"state": "active"})

        state = self.state()
        self.assertNotIn(self.other_site.id, [s["id"] for s in state["sites"]])
        # asking for the other company's site gives one's own
        state = self.state(site=self.other_site)
        self.assertNotEqual(state["site"]["id"], self.other_site.id)
        self.assertNotIn(foreign.id, self.by_id(state["permits"]))
        other = self.state(user=self.other_supervisor, site=self.other_site)
        self.assertEqual(other["site"]["id"], self.other_site.id)
        self.assertEqual(list(self.by_id(other["permits"])), [foreign.id])
        self.assertNotIn(mine.id, self.by_id(other["permits"]))

    def test_the_board_is_for_watchers_and_above(self):
        with self.assertRaises(AccessError):
            self.env["worksafe.board"].with_user(self.worker_user).get_state()

    def test_expired_permits_leave_the_board_after_the_set_hours(self):
        expired = self.permit_in(self.unit_a, "expired", planned_start=self.later(hours=-9),
                                 planned_end=self.later(hours=-3))
        self.assertIn(expired.id, self.by_id(self.state()["permits"]))
        self.company.worksafe_board_expired_hours = 2
        self.assertNotIn(expired.id, self.by_id(self.state()["permits"]))
        self.assertEqual(self.state()["counts"]["overdue"], 0)

    def test_rectifications_not_verified_yet(self):
        handed_back = self.permit_in(self.bay_a1, "handed_back")
        Rect = self.env["worksafe.rectification"].with_user(self.officer)
        late = Rect._open_from(handed_back, "Put the grating back",
                               owner=self.worker_user, deadline=date.today() - timedelta(days=2))
        soon = Rect._open_from(handed_back, "Remove the temporary cable",
                               owner=self.worker_user, deadline=date.today() + timedelta(days=3))
        elsewhere = Rect._open_from(self.permit_in(self.area, "handed_back"), "Clean up",
                                    owner=self.worker_user, deadline=date.today())
        state = self.state(user=self.officer)
        rows = state["rectifications"]
        self.assertEqual([r["id"] for r in rows], [late.id, soon.id])  # overdue first
        self.assertTrue(rows[0]["overdue"])
        self.assertFalse(rows[1]["overdue"])
        self.assertNotIn(elsewhere.id, [r["id"] for r in rows])
        self.assertEqual(state["counts"]["rectifications"], 2)
