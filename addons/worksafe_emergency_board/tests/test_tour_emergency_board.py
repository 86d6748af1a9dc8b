from odoo.tests import HttpCase, tagged

from .common import EmergencyBoardCase
from odoo.addons.worksafe_board.tests.common import tour_with_change_elsewhere

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
        tour_with_change_elsewhere(
            self, url, login, "worksafe_emergency_board_tour",
            lambda env: env["worksafe.emergency.event"]._raise_alarm(
                env["worksafe.emergency.scenario"].browse(self.fire.id),
                env["worksafe.area"].browse(self.bay_a1.id)))
        self.assertEqual(self.env["worksafe.emergency.event"].search_count(
            [("area_id", "=", self.bay_a1.id), ("state", "=", "active")]), 1)

    def test_banner_appears_when_an_alarm_is_raised_elsewhere(self):
        self.banner_follows_an_alarm(BOARD, "ws_board_supervisor")

    def test_kiosk_banner_appears_when_an_alarm_is_raised_elsewhere(self):
        token = self.company.sudo().worksafe_board_token
        self.banner_follows_an_alarm(f"/worksafe/board/kiosk/{token}?site={self.site.id}", None)
