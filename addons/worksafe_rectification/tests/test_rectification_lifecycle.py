
from .common import RectificationCase


class TestRectificationLifecycle(RectificationCase):
    def test_open_to_closed(self):
        rect = self.raise_rect()
        self.assertEqual(rect.state, "open")
        self.assertTrue(rect.name.startswith("RECT/"))
        self.do(rect)
        self.assertEqual(rect.state, "done")
        self.assertEqual(rect.done_by_id, self.owner)
        rect.with_user(self.verifier).action_verify()
        self.assertEqual((rect.state, rect.verified_by_id), ("verified", self.verifier))
        rect.with_user(self.officer).action_close()
        self.assertEqual(rect.state, "closed")
        self.assertTrue(rect.closed_at)
        events = self.env["worksafe.audit.event"].search(
            [("res_model", "=", rect._name), ("res_id", "=", rect.id)])
        self.assertEqual(set(events.mapped("event_type")), {
            "rectification.open", "rectification.start", "rectification.done",
            "rectification.verify", "rectification.close"})
