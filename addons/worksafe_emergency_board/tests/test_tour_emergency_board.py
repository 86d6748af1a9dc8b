import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged

from .common import EmergencyBoardCase
from odoo.addons.worksafe_board.models.board import WorksafeBoard

BOARD = "/odoo/worksafe-board"


@tagged("post_install", "-at_install")
class TestTourEmergencyBoard(EmergencyBoardCase, HttpCase):
    """The board open in a browser shows an alarm raised in another session: the banner,
    the counts and the route appear without a reload (worksafe_board's tour pattern)."""

    def banner_follows_an_alarm(self, url, login):
        """Open `url` as `login`; once the board has fetched its state, raise an alarm in
        bay A1 through another cursor and commit (another session, as a worker's phone
        would); the tour waits for the banner, the counts and the route."""
        self.permit_in(self.bay_a1, "active")  # three people on the roll call
        opened = threading.Event()
        original = WorksafeBoard._board_state

        @api.model
        def board_state(board, companies, site_id, kiosk):
            state = original(board, companies, site_id, kiosk)
            opened.set()
            return state

        errors = []

        def other_session():
            try:
                if not opened.wait(60):
                    return
                time.sleep(1.0)  # the board subscribes to its channel after its first fetch
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env["worksafe.emergency.event"]._raise_alarm(
                        env["worksafe.emergency.scenario"].browse(self.fire.id),
                        env["worksafe.area"].browse(self.bay_a1.id))
            except Exception as error:  # noqa: BLE001 - reported by the test thread
                errors.append(error)

        thread = threading.Thread(target=other_session, daemon=True)
        with patch.object(WorksafeBoard, "_board_state", board_state):
            thread.start()
            self.start_tour(url, "worksafe_emergency_board_tour", login=login)
            thread.join(30)
        self.assertFalse(errors, errors)
        self.assertEqual(self.env["worksafe.emergency.event"].search_count(
            [("area_id", "=", self.bay_a1.id), ("state", "=", "active")]), 1)

    def test_banner_appears_when_an_alarm_is_raised_elsewhere(self):
        self.banner_follows_an_alarm(BOARD, "ws_board_supervisor")

    def test_kiosk_banner_appears_when_an_alarm_is_raised_elsewhere(self):
        token = self.company.sudo().worksafe_board_token
        self.banner_follows_an_alarm(f"/worksafe/board/kiosk/{token}?site={self.site.id}", None)
