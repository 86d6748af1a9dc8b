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
    """The board open in a browser follows a change made in another session."""

    def test_board_follows_a_suspension_in_another_session(self):
        permit = self.permit_in(self.bay_a1, "active")
        opened = threading.Event()
        fetches = []
        original = WorksafeBoard.get_state

        @api.model
        def get_state(board, site_id=False):
            state = original(board, site_id)
            fetches.append(time.monotonic())
            opened.set()
            return state

        errors = []

        def other_session():
            """What a watcher's phone does meanwhile: suspend the work (its own cursor,
            its own commit)."""
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
        with patch.object(WorksafeBoard, "get_state", get_state):
            thread.start()
            self.start_tour(BOARD, "worksafe_board_live_tour", login="ws_board_supervisor")
            thread.join(30)
        self.assertFalse(errors, errors)
        self.assertEqual(permit.state, "suspended")
        # the board fetched its state again after the push (not a page reload: the tour
        # checked that the page kept its state)
        self.assertGreaterEqual(len(fetches), 2)
