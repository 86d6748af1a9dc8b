import json
import threading
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.tests import new_test_user

from ..models.board import BOARD_SUBCHANNEL, NOTIFICATION_TYPE, WorksafeBoard
from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.worksafe_permit.tests.common import WorksafeCase


class BoardCase(WorksafeCase):
    """A site of its own (a top area with a plan extent and two outlined units, one with an
    outlined bay and one bay without an outline) in the test company, and a second company
    with a site of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["worksafe.area"]
        cls.site = Area.create({
            "name": "Board test site", "board_plan_x": 0.0, "board_plan_y": 0.0,
            "board_plan_width": 200.0, "board_plan_height": 100.0,
        })
        cls.unit_a = Area.create({"name": "Unit A", "parent_id": cls.site.id,
                                  "board_shape": "10,10 90,10 90,90 10,90"})
        cls.bay_a1 = Area.create({"name": "Bay A1", "parent_id": cls.unit_a.id,
                                  "board_shape": "10,10 40,40"})
        cls.bay_a2 = Area.create({"name": "Bay A2 (no outline)", "parent_id": cls.unit_a.id})
        cls.unit_b = Area.create({"name": "Unit B", "parent_id": cls.site.id,
                                  "board_shape": "110,10 190,10 190,90 110,90"})
        cls.other_site = Area.create({
            "name": "Other plant site", "company_id": cls.other_company.id,
            "board_shape": "0,0 50,50"})
        cls.supervisor = new_test_user(
            cls.env, login="ws_board_supervisor", groups="worksafe_permit.group_worksafe_watcher",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
            name="Board Supervisor", tz="UTC")
        cls.other_supervisor = new_test_user(
            cls.env, login="ws_board_other", groups="worksafe_permit.group_worksafe_watcher",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)], name="Other Supervisor",
            tz="UTC")

    # ------------------------------------------------------------------ helpers
    def permit_in(self, area, state, company=None, **values):
        """A permit of `area` put in `state` (set-up: the board only reads states; the
        transitions themselves are tested in worksafe_permit)."""
        if company:
            values["company_id"] = company.id
        permit = self.make_permit(area_id=area.id, **values)
        if state != "draft":
            permit._system_write({"state": state})
        return permit

    def state(self, user=None, site=None):
        board = self.env["worksafe.board"].with_user(user or self.supervisor)
        return board.get_state((site or self.site).id)

    @staticmethod
    def by_id(rows):
        return {row["id"]: row for row in rows}

    def board_channel(self, company):
        return json_dump(channel_with_db(self.env.cr.dbname, (company, BOARD_SUBCHANNEL)))

    def notifications(self, company):
        """The board notifications sent so far to `company`'s channel (flushing first: they
        are sent when the transaction is flushed for commit)."""
        self.env.cr.flush()
        rows = self.env["bus.bus"].sudo().search([("channel", "=", self.board_channel(company))])
        return [json.loads(r.message) for r in rows
                if json.loads(r.message)["type"] == NOTIFICATION_TYPE]

    def later(self, **kwargs):
        return self.now() + timedelta(**kwargs)


def tour_with_change_elsewhere(test, url, login, tour, change):
    """Run `tour` on the board at `url` as `login`; once the board has fetched its state,
    `change(env)` runs in another cursor and commits (another session, as a phone would).
    The tour waits for the board to follow without a reload. Returns the times of the
    board's fetches."""
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
            with test.registry.cursor() as cr:
                change(api.Environment(cr, SUPERUSER_ID, {}))
        except Exception as error:  # noqa: BLE001 - reported by the test thread
            errors.append(error)

    thread = threading.Thread(target=other_session, daemon=True)
    with patch.object(WorksafeBoard, "_board_state", board_state):
        thread.start()
        test.start_tour(url, tour, login=login)
        thread.join(30)
    test.assertFalse(errors, errors)
    return fetches
