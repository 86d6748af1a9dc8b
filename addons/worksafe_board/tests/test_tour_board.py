import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged

from ..models.board import WorksafeBoard
from .common import BoardCase

BOARD = "/odoo/worksafe-board"


@tagged("post_install", "-at_install")
class TestTourBoard(BoardCase, HttpCase):
    """The board open in a browser follows a change made in another session: the backend
    board of a supervisor, and the kiosk of a control room (public user, no login)."""

    def follow_a_suspension(self, url, login):
        """Open `url` as `login`; once the board has fetched its state, suspend its active
        permit through another cursor and commit (another session, as a watcher's phone
        would); the tour waits for the plan, the list and the counter to follow."""
        permit = self.permit_in(self.bay_a1, "active")
        opened = threading.Event()
        fetches = []
        original = WorksafeBoard._board_state

        @api.model
        def board_state(board, companies, site_id, kiosk):
            state = original(board, companies, site_id, kiosk)
            fetches.append(time.monotonic())
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
                    env["worksafe.permit"].browse(permit.id)._suspend("Gas alarm next bay")
            except Exception as error:  # noqa: BLE001 - reported by the test thread
                errors.append(error)

        thread = threading.Thread(target=other_session, daemon=True)
        with patch.object(WorksafeBoard, "_board_state", board_state):
            thread.start()
            self.start_tour(url, "worksafe_board_live_tour", login=login)
            thread.join(30)
        self.assertFalse(errors, errors)
        self.assertEqual(permit.state, "suspended")
        # the board fetched its state again after the push (not a page reload: the tour
        # checked that the page kept its state)
        self.assertGreaterEqual(len(fetches), 2)

    def test_board_follows_a_suspension_in_another_session(self):
        self.follow_a_suspension(BOARD, "ws_board_supervisor")

    def test_kiosk_follows_a_suspension_in_another_session(self):
        token = self.company.sudo().worksafe_board_token
        self.follow_a_suspension(f"/worksafe/board/kiosk/{token}?site={self.site.id}", None)
