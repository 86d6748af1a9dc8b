from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import RectificationCase

X = "worksafe_rectification."


class TestEscalationLadder(RectificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deadline = date(2030, 6, 10)
        cls.rung = {key: cls.env.ref(X + xmlid) for key, xmlid in (
            (-1, "escalation_reminder"), (0, "escalation_due"), (3, "escalation_late_3"),
            (7, "escalation_late_7"))}
        # the ladder of the data file, for this company only
        cls.env["worksafe.rectification.escalation"].search(
            [("id", "not in", [r.id for r in cls.rung.values()])]).active = False

    def setUp(self):
        super().setUp()
        self.rect = self.raise_rect(deadline=self.deadline)

    def run_on(self, day_offset):
        self.Rect._cron_escalate(today=self.deadline + timedelta(days=day_offset))

    def escalation_activities(self):
        return self.rect.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(
            X + "mail_activity_rectification_escalation"))

    def notices(self):
        return self.rect.message_ids.filtered(
            lambda m: m.message_type == "notification" and m.partner_ids)

    def test_each_rung_on_its_day_and_only_once(self):
        self.run_on(-2)
        self.assertFalse(self.rect.escalation_sent_ids)
        self.run_on(-1)
        self.assertEqual(self.rect.escalation_sent_ids, self.rung[-1])
        self.assertEqual(self.notices().partner_ids, self.owner.partner_id)
        self.assertFalse(self.escalation_activities(), "the reminder is a message only")
        self.run_on(-1)
        self.assertEqual(len(self.notices()), 1, "sent once")
        self.run_on(0)
        self.assertEqual(self.escalation_activities().user_id, self.owner)
        self.run_on(1)
        self.run_on(2)
        self.assertEqual(len(self.notices()), 2)
        self.run_on(3)
        self.assertEqual(set(self.escalation_activities().user_id.ids),
                         {self.owner.id, self.manager.id})
        self.run_on(3)
        self.run_on(7)
        self.assertIn(self.officer, self.escalation_activities().user_id)
        self.assertNotIn(self.foreign_worker, self.escalation_activities().user_id)
        self.assertEqual(len(self.notices()), 4)
        self.assertEqual(self.rect.escalation_sent_ids, self.rung[-1] | self.rung[0]
                         | self.rung[3] | self.rung[7])
        self.run_on(30)
        self.assertEqual(len(self.notices()), 4)
        events = self.env["worksafe.audit.event"].search(
            [("res_model", "=", self.rect._name), ("res_id", "=", self.rect.id),
             ("event_type", "=", "rectification.escalation")])
        self.assertEqual(len(events), 4)

    def test_a_late_cron_sends_only_the_current_rung(self):
        self.run_on(4)
        self.assertEqual(len(self.notices()), 1)
        self.assertEqual(set(self.escalation_activities().user_id.ids),
                         {self.owner.id, self.manager.id})
        self.assertEqual(len(self.rect.escalation_sent_ids), 3, "D-1 and D0 passed over")

    def test_done_work_is_not_escalated(self):
        self.do(self.rect)
        self.run_on(7)
        self.assertFalse(self.rect.escalation_sent_ids)
        self.assertFalse(self.notices())

    def test_a_new_deadline_starts_the_ladder_again(self):
        self.run_on(0)
        self.assertTrue(self.rect.escalation_sent_ids)
        self.rect.with_user(self.officer).deadline = self.deadline + timedelta(days=10)
        self.assertFalse(self.rect.escalation_sent_ids)
        self.Rect._cron_escalate(today=self.deadline + timedelta(days=10))
        self.assertEqual(self.rect.escalation_sent_ids, self.rung[-1] | self.rung[0])

    def test_the_ladder_is_data_a_manager_edits(self):
        manager = new_test_user(self.env, login="ws_rect_manager",
                                groups="worksafe_permit.group_worksafe_manager")
        self.rung[3].with_user(manager).offset_days = 5
        with self.assertRaises(AccessError):
            self.rung[3].with_user(self.officer).offset_days = 4
        self.run_on(3)
        self.assertNotIn(self.rung[3], self.rect.escalation_sent_ids)
        self.run_on(5)
        self.assertIn(self.rung[3], self.rect.escalation_sent_ids)
