import logging
from datetime import datetime, timezone

from odoo import models
from odoo.exceptions import UserError

from ..rules import geofence
from odoo.addons.worksafe_iot.models.ingest import _database_failure

_logger = logging.getLogger(__name__)


class WorksafeIotIngest(models.AbstractModel):
    _inherit = "worksafe.iot.ingest"

    def _update_devices(self, rows, devices):
        result = super()._update_devices(rows, devices)
        self._account_helmets(rows, devices)
        return result

    def _account_helmets(self, rows, devices):
        """Helmets whose live positions of this batch reach a muster point of an open
        emergency (real or drill) account their wearers, through the roll call's own
        check-in (method "helmet"). Cost per ingest batch, whatever the number of readings:
        one query when no emergency is open; otherwise a fixed batch (helmets and events,
        points, roll call lines) plus one check-in per person newly accounted."""
        positions = {}  # device id -> [(seen at, x, y)]
        for row in rows:
            pos = row.get("pos") or {}
            if row.get("h") or row["d"] not in devices or not isinstance(pos, dict) \
                    or pos.get("x") is None or pos.get("y") is None:
                continue
            seen = datetime.fromtimestamp(float(row["r"]), timezone.utc).replace(tzinfo=None)
            positions.setdefault(devices[row["d"]][0], []).append(
                (seen, float(pos["x"]), float(pos["y"])))
        if not positions:
            return
        cr = self.env.cr
        cr.execute("""
            SELECT d.id, d.worker_id, e.id
              FROM worksafe_iot_device d
              JOIN worksafe_emergency_event e
                ON e.company_id = d.company_id AND e.state = 'active'
             WHERE d.id = ANY(%s) AND d.kind = 'helmet' AND d.worker_id IS NOT NULL
               AND d.active""", [list(positions)])
        pairs = cr.fetchall()
        if not pairs:
            return
        try:
            with cr.savepoint():
                self._check_in_helmets(pairs, positions)
        except Exception as error:  # noqa: BLE001 - the readings are stored whatever happens
            if _database_failure(error, cr):
                raise
            _logger.exception("worksafe_emergency_iot: helmet check-ins of a batch failed")

    def _check_in_helmets(self, pairs, positions):
        Event = self.env["worksafe.emergency.event"].sudo()
        Employee = self.env["hr.employee"].sudo()
        Point = self.env["worksafe.emergency.muster.point"].sudo()
        events = Event.browse({event_id for _d, _w, event_id in pairs})
        points = {event.id: [(p.id, p.position_x, p.position_y, p.geofence_radius)
                             for p in event._muster_points()] for event in events}
        lines = self.env["worksafe.emergency.muster.line"].sudo().search_fetch(
            [("event_id", "in", events.ids),
             ("employee_id", "in", list({worker for _d, worker, _e in pairs}))],
            ["event_id", "employee_id", "status"])
        status = {(line.event_id.id, line.employee_id.id): line.status for line in lines}
        for device_id, worker_id, event_id in sorted(pairs):
            if not geofence.helmet_may_account(status.get((event_id, worker_id))):
                continue
            event = Event.browse(event_id)
            arrival = geofence.first_arrival(positions[device_id], points[event_id],
                                             event.started_at)
            if not arrival:
                continue
            point_id, seen_at = arrival
            try:
                event._check_in(Employee.browse(worker_id), Point.browse(point_id),
                                method="helmet", now=seen_at)
            except UserError as error:
                # refused before anything is written (e.g. a wearer of another company)
                _logger.warning("worksafe_emergency_iot: helmet check-in refused: %s", error)
                continue
            status[event_id, worker_id] = "accounted"
