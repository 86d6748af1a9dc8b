from odoo.tests import tagged

from ..rules import acceptance as rules
from odoo.addons.worksafe_permit.tests.tour_common import WorksafeTourCase


@tagged("post_install", "-at_install")
class TestTourAcceptancePhone(WorksafeTourCase):
    """On a 390 px phone with touch: He Jun (area authority of the bay, ws_area_maint) checks
    the handed-back hot-work permit on site, passes two items, fails one with a photo and
    opens its rectification; Yang Bo (performing authority, ws_worker1) fixes it with
    evidence; He Jun verifies it; Chen Li (safety officer, ws_safety1) closes the permit. The
    earlier part of the permit's life is built in Python."""

    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        permit = self.issued_hot_work(analyst=self.employee["watcher1"])
        self.gas_test(permit)
        self.brief(permit)
        self.do_steps(permit, "preparation")
        token = permit.sudo()._start_token()
        permit.env["worksafe.permit"].with_user(self.user["watcher1"])._check_in_watcher(token)
        permit.env["worksafe.permit"].with_user(self.user["worker1"])._start_with_token(token)
        self.do_steps(permit, "execution")
        permit.with_user(self.user["worker1"]).action_hand_back()
        self.do_steps(permit, "closure")
        # the crew's evidence; Sun Hao has already passed all but the last three items
        self.accept_work(permit, keep=3)
        self.permit = permit.sudo()
        self.assertEqual(len(self.permit.acceptance_item_ids.filtered("result")),
                         len(self.permit.acceptance_item_ids) - 3)

    def test_accept_fail_rectify_verify_close(self):
        permit = self.permit
        url = f"/odoo/worksafe.permit/{permit.id}"
        self.start_tour(url, "worksafe_acceptance_phone_tour", login="ws_area_maint")
        items = permit.acceptance_item_ids
        self.assertEqual(permit.acceptance_state, rules.FAILED)
        failed = items.filtered(lambda i: i.result == rules.FAIL)
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed.checked_by_id, self.user["area_maint"])
        self.assertTrue(failed.site_photo)
        self.assertEqual(len(items.filtered(lambda i: i.checked_by_id == self.user["area_maint"])),
                         3)
        rect = failed.rectification_id
        self.assertEqual((rect.source_type, rect.res_model, rect.res_id),
                         ("acceptance", failed._name, failed.id))
        self.assertEqual(rect.owner_id, self.user["worker1"])
        self.assertEqual(rect.state, "open")

        rect_url = f"/odoo/worksafe.rectification/{rect.id}"
        self.start_tour(rect_url, "worksafe_acceptance_rectify_tour", login="ws_worker1")
        self.assertEqual(rect.state, "done")
        self.assertEqual(rect.done_by_id, self.user["worker1"])
        self.assertTrue(rect.evidence_attachment_ids)

        self.start_tour(rect_url, "worksafe_acceptance_verify_tour", login="ws_area_maint")
        self.assertEqual(rect.state, "verified")
        self.assertEqual(rect.verified_by_id, self.user["area_maint"])

        self.start_tour(url, "worksafe_acceptance_close_tour", login="ws_safety1")
        self.assertEqual(permit.state, "closed")
