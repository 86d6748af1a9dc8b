import base64
import json

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import BoardCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")


@tagged("post_install", "-at_install")
class TestBoardKiosk(BoardCase, HttpCase):
    """The control-room kiosk: a token is the only key, to one company's board only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site.board_plan = base64.b64encode(PNG)
        cls.token = cls.company.sudo().worksafe_board_token
        cls.other_token = cls.other_company.sudo().worksafe_board_token

    def kiosk_state(self, token, site_id=False):
        response = self.url_open(f"/worksafe/board/kiosk/{token}/state", data=json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": {"site_id": site_id}}),
            headers={"Content-Type": "application/json"})
        return response.json()

    def test_a_wrong_token_is_refused(self):
        for token in ("x" * 32, "", self.token[:-1] + "?", "short"):
            self.assertEqual(self.url_open(f"/worksafe/board/kiosk/{token}").status_code, 404,
                             token)
        body = self.kiosk_state("x" * 32)
        self.assertIn("error", body)
        self.assertNotIn("result", body)
        self.assertEqual(self.url_open(
            f"/worksafe/board/kiosk/{'x' * 32}/plan/{self.site.id}").status_code, 404)

    def test_the_kiosk_shows_its_company_only(self):
        mine = self.permit_in(self.bay_a1, "active")
        page = self.url_open(f"/worksafe/board/kiosk/{self.token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(b'name="worksafe_board.kiosk"', page.content)
        state = self.kiosk_state(self.token, self.site.id)["result"]
        self.assertTrue(state["kiosk"])
        self.assertEqual(state["company"]["id"], self.company.id)
        self.assertIn(mine.id, self.by_id(state["permits"]))
        # another company's site is never shown by this kiosk, whatever it asks
        state = self.kiosk_state(self.token, self.other_site.id)["result"]
        self.assertNotEqual(state["site"]["id"], self.other_site.id)
        self.assertNotIn(self.other_site.id, [s["id"] for s in state["sites"]])
        other = self.kiosk_state(self.other_token, self.site.id)["result"]
        self.assertEqual([s["id"] for s in other["sites"]], [self.other_site.id])
        self.assertNotIn(mine.id, self.by_id(other["permits"]))
        # the plan: of its own sites only
        plan = self.url_open(f"/worksafe/board/kiosk/{self.token}/plan/{self.site.id}")
        self.assertEqual(plan.status_code, 200)
        self.assertEqual(plan.headers["Content-Type"], "image/png")
        self.assertEqual(plan.content, PNG)
        self.assertEqual(self.url_open(
            f"/worksafe/board/kiosk/{self.other_token}/plan/{self.site.id}").status_code, 404)

    def test_a_regenerated_token_locks_out_the_old_one(self):
        self.assertEqual(self.url_open(f"/worksafe/board/kiosk/{self.token}").status_code, 200)
        self.company.with_user(self.officer).action_worksafe_board_regenerate_token()
        new = self.company.sudo().worksafe_board_token
        self.assertNotEqual(new, self.token)
        self.assertEqual(self.url_open(f"/worksafe/board/kiosk/{self.token}").status_code, 404)
        self.assertIn("error", self.kiosk_state(self.token))
        self.assertEqual(self.url_open(f"/worksafe/board/kiosk/{new}").status_code, 200)
        # only a safety officer regenerates it
        with self.assertRaises(AccessError):
            self.company.with_user(self.supervisor).action_worksafe_board_regenerate_token()

    def test_a_plan_must_be_an_image(self):
        with self.assertRaises(ValidationError):
            self.site.board_plan = base64.b64encode(b"<html><script>alert(1)</script></html>")
        with self.assertRaises(ValidationError):
            self.unit_a.board_shape = "10,10 90"
        self.unit_a.board_shape = "10,10; 50.50,60"
        self.assertEqual(self.unit_a.board_shape, "10,10 50.5,10 50.5,60 10,60")

    def test_the_user_plan_route_follows_record_rules(self):
        self.authenticate("ws_board_supervisor", "ws_board_supervisor")
        self.assertEqual(self.url_open(f"/worksafe/board/plan/{self.site.id}").status_code, 200)
        self.other_site.sudo().board_plan = base64.b64encode(PNG)
        self.assertEqual(
            self.url_open(f"/worksafe/board/plan/{self.other_site.id}").status_code, 404)
