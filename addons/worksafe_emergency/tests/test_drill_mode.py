from odoo.exceptions import ValidationError

from .common import EmergencyCase


class TestDrillMode(EmergencyCase):
    def setUp(self):
        super().setUp()
        self.drill = self.env["worksafe.emergency.drill"].with_user(self.officer).create({
            "name": "Fire drill", "plan_id": self.site_plan.id, "scenario_id": self.fire.id,
            "area_id": self.area.id, "planned_at": self.now(), "announced": False})

    def test_a_drill_suspends_no_permit(self):
        permit = self.active_permit()
        self.drill.action_start()
        event = self.drill.event_id
        self.assertTrue(event.is_drill)
        self.assertEqual(event.drill_id, self.drill)
        self.assertFalse(event.pending_permit_ids, "a drill queues no suspension")
        self.finish_suspensions()
        self.assertEqual(permit.state, "active")
        self.assertFalse(event.suspended_permit_ids)
        self.assertIn("emergency.drill_no_suspension", event.timeline_ids.mapped("event_type"))
        # the roll call and the dispatch run as for real
        self.assertTrue(event.muster_line_ids)
        self.assertTrue(event.notification_ids)

    def test_a_drill_blocks_no_start(self):
        issued = self.issued()
        self.drill.action_start()
        from ..models.permit import BLOCKER_EMERGENCY
        from odoo.addons.worksafe_permit.rules.blockers import codes
        self.assertNotIn(BLOCKER_EMERGENCY, codes(issued._get_blockers("start")))

    def test_evaluation_summary_and_figures(self):
        self.active_permit()
        self.drill.action_start()
        event = self.drill.event_id
        self.assertEqual(len(self.drill.evaluation_ids), 8)  # AQ/T 9009 checklist (data)
        with self.assertRaises(ValidationError):
            self.drill.action_done()  # unanswered items
        for person, seconds in ((self.worker, 100), (self.performer, 200),
                                (self.watcher, 300)):
            event.with_user(self.officer)._check_in(person, self.point,
                                                    now=self.later(event, seconds))
        for call in event.notification_ids:
            call.with_user(self.officer).action_acknowledge(now=self.later(event, 50))
        self.drill.evaluation_ids.write({"result": "yes"})
        failed = self.drill.evaluation_ids[:1]
        with self.assertRaises(ValidationError):
            failed.write({"result": "no"})  # a failed item needs its reason
        failed.write({"result": "no", "reason": "Alarm not heard in the pump bay",
                      "corrective_action": "Add a beacon in the pump bay"})
        self.drill.action_done()
        self.assertEqual(self.drill.state, "done")
        self.assertEqual(event.state, "closed")
        self.assertEqual(self.drill.seconds_to_90, 300)
        self.assertEqual(self.drill.seconds_to_all_acked, 50)
        # the failed item becomes a corrective action and a revision of the plan
        self.assertTrue(self.site_plan.activity_ids)
        rect = self.env["worksafe.rectification"].search(
            [("source_type", "=", "drill"), ("res_model", "=", self.drill._name),
             ("res_id", "=", self.drill.id)])
        self.assertEqual(len(rect), 1)
        self.assertEqual(rect.requirement, "Add a beacon in the pump bay")
        self.assertEqual(rect.owner_id, self.site_plan.owner_id)
        self.assertEqual(rect.area_id, self.area)

    def test_drill_to_drill_comparison(self):
        Drill = self.env["worksafe.emergency.drill"]
        first = Drill.create({"name": "Baseline", "plan_id": self.site_plan.id,
                              "scenario_id": self.fire.id, "area_id": self.area.id,
                              "planned_at": self.now()})
        first.write({"state": "done", "done_at": self.now().replace(year=2020),
                     "seconds_to_90": 600, "seconds_to_all_acked": 200})
        second = Drill.create({"name": "With WorkSafe", "plan_id": self.site_plan.id,
                               "scenario_id": self.fire.id, "area_id": self.area.id,
                               "planned_at": self.now()})
        second.write({"state": "done", "done_at": self.now(), "seconds_to_90": 360,
                      "seconds_to_all_acked": 120})
        self.assertEqual(second.previous_drill_id, first)
        self.assertEqual(second.improvement_90, -40.0)
        self.assertEqual(second.improvement_ack, -40.0)

    def test_drill_due_from_frequency_data(self):
        self.env.company.worksafe_high_risk_unit = False
        self.site_plan.invalidate_recordset()
        self.assertTrue(self.site_plan.next_drill_date)
        months_12 = self.site_plan.next_drill_date
        self.env.company.worksafe_high_risk_unit = True
        self.site_plan.invalidate_recordset()
        self.assertLess(self.site_plan.next_drill_date, months_12)
