from odoo.tests import tagged

from .tour_common import WorksafeTourCase


@tagged("post_install", "-at_install")
class TestTourPhoneSite(WorksafeTourCase):
    """On site, on a 390 px phone with touch: Yang Bo (performing authority, ws_worker1), Zhang
    Wei (watcher, ws_watcher1) and Wu Tao (worker, ws_worker2) take an issued hot-work permit
    through gas test, briefing, steps, check-in, start, suspension, resumption and hand back;
    Chen Li (safety officer, ws_safety1) closes it. Each test starts where the path reaches
    it, the earlier part built in Python."""

    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.permit = self.issued_hot_work(analyst=self.employee["watcher1"])

    def test_scan_gas_test_and_briefing(self):
        scan = self.scan_path(self.permit)
        self.start_tour(scan, "worksafe_phone_scan_blocked_tour", login="ws_worker1")

        self.start_tour(scan, "worksafe_phone_gas_test_tour", login="ws_watcher1")
        test = self.permit.gas_test_ids
        self.assertEqual(len(test), 1)
        self.assertTrue(test.passed)
        self.assertEqual(test.analyst_id, self.employee["watcher1"])
        self.assertEqual(test.recorded_by_id, self.user["watcher1"])

        self.start_tour(scan, "worksafe_phone_briefing_tour", login="ws_worker1")
        briefing = self.permit.briefing_ids
        self.assertEqual(len(briefing), 1)
        self.assertEqual(briefing.briefer_id, self.employee["worker1"])
        for login in ("ws_worker1", "ws_worker2", "ws_watcher1"):
            self.start_tour(scan, "worksafe_phone_sign_briefing_tour", login=login)
        self.assertTrue(briefing.complete)
        self.assertEqual(set(briefing.signature_ids.mapped("signed_by_id.login")),
                         {"ws_worker1", "ws_worker2", "ws_watcher1"})

    def test_steps_with_checklists_and_photos(self):
        self.gas_test(self.permit)
        self.brief(self.permit)
        # the steps before the two the tour walks (the briefing step, with its signature)
        self.do_steps(self.permit, "preparation",
                      ["Hazard identification and safety briefing"])
        self.start_tour(self.scan_path(self.permit), "worksafe_phone_steps_tour",
                        login="ws_worker1")
        done = self.permit.step_ids.filtered(lambda s: s.state == "done")
        self.assertIn("Process isolation", done.mapped("name"))
        self.assertIn("Surroundings within the safety distances", done.mapped("name"))
        for step in done.filtered(lambda s: s.photo_count):
            self.assertGreaterEqual(step.photo_done, step.photo_count, step.name)
            self.assertEqual(step.done_by_id, self.user["worker1"])

    def test_check_in_start_suspend_resume_hand_back_close(self):
        permit = self.permit
        self.gas_test(permit)
        self.brief(permit)
        self.do_steps(permit, "preparation")
        scan = self.scan_path(permit)

        self.start_tour(scan, "worksafe_phone_check_in_tour", login="ws_watcher1")
        self.assertEqual(permit.watcher_on_site_id, self.employee["watcher1"])

        self.start_tour(scan, "worksafe_phone_start_tour", login="ws_worker1")
        self.assertEqual(permit.state, "active")

        # anyone on site may stop work: here Wu Tao, a worker of the crew
        self.start_tour(scan, "worksafe_phone_suspend_tour", login="ws_worker2")
        self.assertEqual(permit.state, "suspended")
        self.assertTrue(permit.suspension_reason)
        self.assertFalse(permit.watcher_on_site_id, "suspending sends the watcher off duty")

        self.start_tour(scan, "worksafe_phone_check_in_tour", login="ws_watcher1")

        self.start_tour(scan, "worksafe_phone_start_tour", login="ws_worker1")
        self.assertEqual(permit.state, "active")

        self.do_steps(permit, "execution")
        self.start_tour(scan, "worksafe_phone_hand_back_tour", login="ws_worker1")
        self.assertEqual(permit.state, "handed_back")

        self.do_steps(permit, "closure")
        self.accept_work(permit)
        self.start_tour(f"/odoo/worksafe.permit/{permit.id}", "worksafe_close_tour",
                        login="ws_safety1")
        self.assertEqual(permit.state, "closed")
