"""The click commits the event, its responders and interlocks first; the permits' suspension
follows in a cron woken at once, which also finishes what a crashed run left queued."""
from unittest.mock import patch

from ..models.emergency_event import WorksafeEmergencyEvent
from ..models.permit import BLOCKER_EMERGENCY
from .common import EmergencyCase
from odoo.addons.worksafe_permit.rules.blockers import codes


class TestSuspensionsFollowTheAlarm(EmergencyCase):
    def cron(self):
        return self.env.ref("worksafe_emergency.ir_cron_emergency_suspend")

    def triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron().id)])

    def test_the_click_queues_the_active_permits_and_wakes_the_cron(self):
        here = self.active_permit()
        below = self.active_permit(self.sub_area)
        issued = self.issued()
        self.triggers().unlink()
        event = self.raise_alarm(suspend=False)
        # recorded in the event's transaction, suspended after it
        self.assertEqual(event.pending_permit_ids, here | below)
        self.assertEqual(here.state, "active")
        self.assertFalse(event.suspended_permit_ids)
        self.assertTrue(self.triggers(), "the suspension cron is woken at once")
        self.assertTrue(event.notification_ids, "the responders are called in the click")
        # meanwhile nothing in the area starts
        self.assertIn(BLOCKER_EMERGENCY, codes(issued._get_blockers("start")))
        self.finish_suspensions()
        self.assertEqual((here.state, below.state), ("suspended", "suspended"))
        self.assertEqual(event.suspended_permit_ids, here | below)
        self.assertFalse(event.pending_permit_ids)
        self.assertEqual(issued.state, "issued")
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())

    def test_the_cron_finishes_what_a_dead_process_left_queued(self):
        """A process killed after the click's commit: only the event and its queue exist.
        The cron's next run (it also runs every minute) suspends them, in chunks, each
        audited in the event's timeline on behalf of the reporter."""
        permits = self.active_permit()
        for _i in range(4):
            permits |= self.active_permit()
        event = self.raise_alarm(suspend=False)
        self.env.invalidate_all()
        with patch.object(WorksafeEmergencyEvent, "_suspension_chunk", 2):
            self.env["worksafe.emergency.event"]._cron_finish_suspensions()
        self.env.invalidate_all()
        self.assertEqual(set(permits.mapped("state")), {"suspended"})
        self.assertEqual(event.suspended_permit_ids, permits)
        self.assertFalse(event.pending_permit_ids)
        steps = event.timeline_ids.filtered(
            lambda e: e.event_type == "emergency.permits_suspended")
        self.assertEqual(len(steps), 3)  # 2 + 2 + 1
        self.assertEqual(steps.user_id, self.worker_user)
        # nothing left: a second run changes nothing
        self.env["worksafe.emergency.event"]._cron_finish_suspensions()
        self.assertEqual(len(event.timeline_ids.filtered(
            lambda e: e.event_type == "emergency.permits_suspended")), 3)

    def test_a_permit_stopped_meanwhile_leaves_the_queue_untouched(self):
        first = self.active_permit()
        second = self.active_permit()
        event = self.raise_alarm(suspend=False)
        second.sudo()._suspend("gas alarm")  # e.g. worksafe_iot got there first
        self.finish_suspensions()
        self.assertEqual(event.suspended_permit_ids, first)
        self.assertFalse(event.pending_permit_ids)
        self.assertEqual(second.suspension_reason, "gas alarm")

    def test_a_drill_queues_nothing(self):
        permit = self.active_permit()
        self.triggers().unlink()
        drill = self.env["worksafe.emergency.drill"].with_user(self.officer).create({
            "name": "Fire drill", "plan_id": self.site_plan.id, "scenario_id": self.fire.id,
            "area_id": self.area.id, "planned_at": self.now()})
        drill.action_start()
        self.assertFalse(drill.event_id.pending_permit_ids)
        self.assertFalse(self.triggers())
        self.finish_suspensions()
        self.assertEqual(permit.state, "active")
