from unittest.mock import MagicMock, patch

from odoo.tests import tagged

from ..models.board import BOARD_SUBCHANNEL
from .common import BoardCase


@tagged("post_install", "-at_install")
class TestBoardPush(BoardCase):
    """What changes a board sends one notification on the company's board channel when the
    transaction is flushed for commit; the boards then fetch their state again."""

    def setUp(self):
        super().setUp()
        self.notifications(self.company)  # what the set-up itself sent
        self.sent = len(self.notifications(self.company))

    def new_notifications(self, company=None):
        return self.notifications(company or self.company)[self.sent if not company else 0:]

    def test_permit_state_changes_send_one_notification_per_transaction(self):
        permits = [self.permit_in(self.bay_a1, "active") for _i in range(3)]
        self.sent = len(self.notifications(self.company))
        for permit in permits:
            permit._suspend("Wind above force 5")
        self.assertEqual([p.state for p in permits], ["suspended"] * 3)
        sent = self.new_notifications()
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0]["payload"], {"company_id": self.company.id})
        # the next transaction's change is told again
        permits[0]._transition("start", "resumed")
        self.assertEqual(len(self.new_notifications()), 2)

    def test_other_companies_are_not_told(self):
        other_sent = len(self.notifications(self.other_company))
        self.permit_in(self.bay_a1, "active")._suspend("test")
        self.assertEqual(len(self.new_notifications()), 1)
        self.assertEqual(len(self.notifications(self.other_company)), other_sent)

    def test_drafts_are_not_on_the_board(self):
        permit = self.make_permit(area_id=self.bay_a1.id)
        self.sent = len(self.notifications(self.company))
        permit.write({"description": "Another valve"})
        self.assertEqual(self.new_notifications(), [])

    def test_watcher_check_in_and_leave(self):
        permit = self.permit_in(self.bay_a1, "issued")
        self.sent = len(self.notifications(self.company))
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.assertEqual(permit.watcher_on_site_id, self.watcher)
        self.assertEqual(len(self.new_notifications()), 1)
        permit.with_user(self.watcher_user).action_watcher_leave()
        self.assertEqual(len(self.new_notifications()), 2)

    def test_alarm_raised_and_cleared(self):
        permit = self.permit_in(self.bay_a1, "active")
        device = self.env["worksafe.iot.device"].sudo().create({
            "name": "Detector", "code": "PGD-1", "kind": "gas_fixed",
            "area_id": self.bay_a1.id, "permit_id": permit.id})
        self.sent = len(self.notifications(self.company))
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        Alarm._apply_level({"code": "h2s", "level": "alarm", "value": 8.0, "limit": 10.0},
                           device, permit)
        alarm = Alarm.search([("device_id", "=", device.id), ("code", "=", "h2s")])
        self.assertEqual(alarm.state, "active")
        self.assertEqual(len(self.new_notifications()), 1)
        Alarm._apply_level({"code": "h2s", "level": "normal", "value": 0.0}, device, permit)
        alarm.with_user(self.watcher_user).action_acknowledge()
        self.assertEqual(alarm.state, "closed")
        self.assertEqual(len(self.new_notifications()), 2)

    def test_rectification_raised_and_started(self):
        permit = self.permit_in(self.bay_a1, "handed_back")
        self.sent = len(self.notifications(self.company))
        rect = self.env["worksafe.rectification"].with_user(self.officer)._open_from(
            permit, "Refit the guard", owner=self.worker_user)
        self.assertEqual(len(self.new_notifications()), 1)
        rect.with_user(self.worker_user).action_start()
        self.assertEqual(rect.state, "in_progress")
        self.assertEqual(len(self.new_notifications()), 2)

    def channels_of(self, user, asked):
        """The channels the websocket of `user` subscribes to when the client asks for
        `asked` (as bus's own tests do, with a stand-in for the websocket request)."""
        wsrequest = MagicMock()
        wsrequest.session.uid = None if user._is_public() else user.id
        with patch("odoo.addons.bus.models.ir_websocket.wsrequest", new=wsrequest):
            return self.env["ir.websocket"].with_user(user)._build_bus_channel_list(
                list(asked))

    def test_channels_a_board_may_listen_to(self):
        mine = (self.company, BOARD_SUBCHANNEL)
        theirs = (self.other_company, BOARD_SUBCHANNEL)
        asked = [f"worksafe_board:{self.company.id}", f"worksafe_board:{self.other_company.id}"]
        channels = self.channels_of(self.supervisor, asked)
        boards = [c for c in channels if isinstance(c, tuple)]
        self.assertIn(mine, boards)
        self.assertNotIn(theirs, boards)
        self.assertFalse(set(asked) & {c for c in channels if isinstance(c, str)})
        # a worker is not a board user
        channels = self.channels_of(self.worker_user, asked)
        self.assertNotIn(mine, [c for c in channels if isinstance(c, tuple)])
        # a kiosk listens with its token, as the public user
        public = self.env.ref("base.public_user")
        token = self.company.sudo().worksafe_board_token
        channels = self.channels_of(public, [
            f"worksafe_board_kiosk:{token}", f"worksafe_board:{self.company.id}",
            "worksafe_board_kiosk:not-the-token-of-anyone"])
        self.assertEqual([c for c in channels if isinstance(c, tuple)], [mine])
