from datetime import timedelta

from odoo.exceptions import AccessError

from .common import EmergencyCase


class TestDispatchEscalation(EmergencyCase):
    def setUp(self):
        super().setUp()
        self.event = self.raise_alarm()
        self.calls = self.event.notification_ids

    def gateway_rows(self, user):
        return self.env["worksafe.emergency.gateway.log"].search(
            [("event_id", "=", self.event.id), ("user_id", "=", user.id)])

    def test_plan_roles_are_notified_at_once_on_every_channel(self):
        self.assertEqual(set(self.calls.user_id.ids), {self.commander.id, self.officer.id})
        for call in self.calls:
            self.assertEqual(call.notified_at, self.event.started_at)
            self.assertEqual(len(self.gateway_rows(call.user_id)), 1)
            self.assertTrue(self.event.activity_ids.filtered(
                lambda a, u=call.user_id: a.user_id == u))
        self.assertTrue(self.env["mail.message"].search([
            ("model", "=", self.event._name), ("res_id", "=", self.event.id),
            ("partner_ids", "in", self.commander.partner_id.id)]))

    def test_on_call_roster_is_notified_too(self):
        roster = self.env["worksafe.emergency.oncall"].create({
            "role": "safety", "user_id": self.approver_2.id,
            "date_from": self.now() - timedelta(hours=1),
            "date_to": self.now() + timedelta(hours=1)})
        event = self.raise_alarm(self.toxic, self.other_area)
        self.assertIn(roster.user_id, event.notification_ids.user_id)

    def test_unacknowledged_called_again_at_60_s_deputy_at_120_s(self):
        commander = self.calls.filtered(lambda c: c.user_id == self.commander)
        officer = self.calls - commander
        officer.with_user(self.officer).action_acknowledge(now=self.later(self.event, 20))
        Event = self.env["worksafe.emergency.event"]
        Event._cron_escalate(now=self.later(self.event, 59))
        self.assertFalse(commander.renotified_at)
        Event._cron_escalate(now=self.later(self.event, 61))
        self.assertTrue(commander.renotified_at)
        self.assertFalse(commander.escalated_at)
        self.assertEqual(len(self.gateway_rows(self.commander)), 2)
        self.assertFalse(officer.renotified_at, "who acknowledged is not called again")
        Event._cron_escalate(now=self.later(self.event, 121))
        self.assertTrue(commander.escalated_at)
        deputy_call = self.event.notification_ids.filtered(lambda c: c.user_id == self.deputy)
        self.assertTrue(deputy_call.is_deputy)
        self.assertEqual(deputy_call.deputy_of_id, commander)
        Event._cron_escalate(now=self.later(self.event, 400))
        self.assertEqual(len(self.event.notification_ids), 3, "the deputy is called once")
        types = self.event.timeline_ids.mapped("event_type")
        self.assertIn("emergency.renotify", types)
        self.assertIn("emergency.escalate", types)

    def test_acknowledgement_is_the_responders(self):
        commander = self.calls.filtered(lambda c: c.user_id == self.commander)
        with self.assertRaises(AccessError):
            commander.with_user(self.worker_user).action_acknowledge()
        commander.with_user(self.commander).action_acknowledge(now=self.later(self.event, 30))
        self.assertEqual(commander.state, "acked")
        self.assertEqual(self.event.responders_unacked, 1)
        self.calls.filtered(lambda c: c.user_id == self.officer).with_user(
            self.officer).action_acknowledge(now=self.later(self.event, 45))
        self.assertEqual(self.event.seconds_to_all_acked, 45)

    def test_resources_ordered_en_route_arrived(self):
        order = self.env["worksafe.emergency.resource.order"].with_user(self.officer).create({
            "event_id": self.event.id, "name": "Fire brigade"})
        self.assertEqual(order.state, "ordered")
        order.action_en_route()
        order.action_arrived()
        self.assertEqual(order.state, "arrived")
        self.assertTrue(order.ordered_at and order.en_route_at and order.arrived_at)
        with self.assertRaises(AccessError):
            self.env["worksafe.emergency.resource.order"].with_user(self.worker_user).create({
                "event_id": self.event.id, "name": "Crane"})
