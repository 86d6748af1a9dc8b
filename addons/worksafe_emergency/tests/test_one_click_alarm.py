from odoo.exceptions import AccessError
from odoo.fields import Command

from ..models.permit import BLOCKER_EMERGENCY
from .common import EmergencyCase
from odoo.addons.worksafe_permit.rules.blockers import codes


class TestOneClickAlarm(EmergencyCase):
    def test_every_active_permit_of_the_area_and_sub_areas_is_suspended(self):
        here = self.active_permit()
        below = self.active_permit(self.sub_area)
        elsewhere = self.active_permit(self.other_area)
        issued = self.issued()
        event = self.raise_alarm()
        self.assertEqual(here.state, "suspended")
        self.assertEqual(below.state, "suspended")
        self.assertEqual(elsewhere.state, "active")
        self.assertEqual(issued.state, "issued")
        self.assertEqual(event.suspended_permit_ids, here | below)
        self.assertEqual(event.permit_ids, here | below | issued)
        self.assertEqual(event.affected_area_ids, self.area | self.sub_area)
        # through the permit's own suspension: its audit entry names the emergency
        audit = self.env["worksafe.audit.event"].search(
            [("permit_id", "=", here.id), ("event_type", "=", "permit.suspend")])
        self.assertEqual(len(audit), 1)
        self.assertIn(event.name, here.suspension_reason)

    def test_event_records_type_place_reporter_and_time(self):
        event = self.raise_alarm(description="Smoke from the pump")
        self.assertEqual(event.scenario_id, self.fire)
        self.assertEqual(event.area_id, self.area)
        self.assertEqual(event.reporter_id, self.worker_user)
        self.assertTrue(event.started_at)
        self.assertTrue(event.name.startswith("EMG/"))
        self.assertEqual(event.state, "active")
        self.assertEqual(len(event.action_ids), 6)  # 应急条例 Art. 17

    def test_plan_chosen_by_scenario_and_area(self):
        self.assertEqual(self.raise_alarm(self.fire, self.sub_area).plan_id, self.unit_plan)
        self.assertEqual(self.raise_alarm(self.toxic, self.sub_area).plan_id, self.site_plan)
        self.assertEqual(self.raise_alarm(self.fire, self.other_area).plan_id, self.site_plan)

    def test_no_work_starts_in_the_area_while_the_emergency_is_open(self):
        issued = self.issued(self.sub_area)
        event = self.raise_alarm()
        found = codes(issued._get_blockers("start"))
        self.assertIn(BLOCKER_EMERGENCY, found)
        event.with_user(self.officer).action_close()
        self.assertNotIn(BLOCKER_EMERGENCY, codes(issued._get_blockers("start")))

    def test_timeline_is_the_audit_chain(self):
        self.active_permit()
        event = self.raise_alarm()
        types = event.timeline_ids.mapped("event_type")
        self.assertEqual(types[0], "emergency.raise")
        # the responders are called before the permits are suspended (after the commit)
        self.assertLess(types.index("emergency.dispatch"),
                        types.index("emergency.permits_suspended"))
        self.assertIn("emergency.roll_call", types)
        self.assertTrue(all(entry.user_id == self.worker_user for entry in event.timeline_ids))
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())

    def test_people_of_the_permits_are_on_the_roll_call(self):
        permit = self.active_permit()
        event = self.raise_alarm()
        people = permit.performing_authority_id | permit.worker_ids | permit.watcher_ids
        self.assertEqual(event.muster_line_ids.employee_id, people)
        self.assertEqual(set(event.muster_line_ids.mapped("status")), {"unknown"})
        self.assertTrue(all(permit.name in line.last_known for line in event.muster_line_ids))

    def test_only_worksafe_users_of_the_company_raise(self):
        with self.assertRaises(AccessError):
            self.raise_alarm(user=self.foreign_worker)

    def test_an_event_is_not_created_by_hand(self):
        with self.assertRaises(AccessError):
            self.Event.with_user(self.officer).create({
                "scenario_id": self.fire.id, "area_id": self.area.id})

    def test_state_and_permits_are_the_systems(self):
        self.active_permit()
        event = self.raise_alarm()
        with self.assertRaises(AccessError):
            event.with_user(self.officer).write({"state": "closed"})
        with self.assertRaises(AccessError):
            event.with_user(self.officer).write({"suspended_permit_ids": [Command.clear()]})

    def test_only_a_safety_officer_commands(self):
        event = self.raise_alarm()
        with self.assertRaises(AccessError):
            event.with_user(self.worker_user).action_close()
        event.with_user(self.officer).action_close()
        self.assertEqual(event.state, "closed")
        self.assertTrue(event.closed_at)
        # a real response opens the plan's revision task (应急条例 Art. 6)
        self.assertTrue(event.plan_id.activity_ids)

    def test_twenty_permits_in_one_click(self):
        permits = self.make_permit()
        for _i in range(19):
            permits |= self.make_permit()
        permits.sudo().write({"state": "active"})
        event = self.raise_alarm()
        self.assertEqual(set(permits.mapped("state")), {"suspended"})
        self.assertEqual(event.suspended_permit_ids, permits)
