from odoo.tests import HttpCase, tagged

from .common import BoardCase, tour_with_change_elsewhere

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
        fetches = tour_with_change_elsewhere(
            self, url, login, "worksafe_board_live_tour",
            lambda env: env["worksafe.permit"].browse(permit.id)._suspend("Gas alarm next bay"))
        self.assertEqual(permit.state, "suspended")
        # the board fetched its state again after the push (not a page reload: the tour
        # checked that the page kept its state)
        self.assertGreaterEqual(len(fetches), 2)

    def test_board_follows_a_suspension_in_another_session(self):
        self.follow_a_suspension(BOARD, "ws_board_supervisor")

    def test_kiosk_follows_a_suspension_in_another_session(self):
        token = self.company.sudo().worksafe_board_token
        self.follow_a_suspension(f"/worksafe/board/kiosk/{token}?site={self.site.id}", None)
