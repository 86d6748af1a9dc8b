import logging
from datetime import datetime, timezone

from psycopg2.extras import execute_values

from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.worksafe_permit.models.gas import rule_gas_code

_logger = logging.getLogger(__name__)


class WorksafeIotIngest(models.AbstractModel):
    """What the bridge talks to (through controllers/ingest.py): its configuration, and the
    batches of readings and events it spooled.  Called as the bridge's technical user, whose
    only right is this service; the service itself works as superuser within that user's
    companies."""

    _name = "worksafe.iot.ingest"
    _description = "WorkSafe IoT ingest service"

    def _companies(self):
        return self.env.user.company_ids

    def _devices(self):
        return self.env["worksafe.iot.device"].sudo().search(
            [("company_id", "in", self._companies().ids)])

    # ------------------------------------------------------------------ config
    @api.model
    def _bridge_config(self):
        company = self.env.user.company_id
        devices = self._devices()
        permits = self.env["worksafe.permit"].sudo()
        config_devices = {}
        for device in devices.filtered(lambda d: not d.is_actuator):
            live = device._live_permits()
            permits |= live
            thresholds = {}
            if device.kind == "temperature" and (device.temp_warning or device.temp_alarm
                                                 or device.temp_critical):
                thresholds["temp"] = [device.temp_warning or None, device.temp_alarm or None,
                                      device.temp_critical or None]
            config_devices[device.code] = {
                "id": device.id, "kind": device.kind, "interval": device.reporting_interval,
                "permits": live.ids, "area": device.area_id.id,
                "cal_due": str(device.calibration_due) if device.calibration_due else None,
                "bump_due": str(device.bump_test_due) if device.bump_test_due else None,
                "thresholds": thresholds,
            }
        actuators = devices.filtered("is_actuator")
        config_permits = {}
        for permit in permits:
            mine = actuators.filtered(lambda a: a.permit_id == permit or (
                not a.permit_id and a.area_id == permit.area_id))
            config_permits[str(permit.id)] = {
                "name": permit.name, "state": permit.state,
                "limits": permit.gas_limit_ids._iot_limit(), "actuators": mine.mapped("code"),
            }
        interlocks = {}
        for interlock in self.env["worksafe.iot.interlock"].sudo().search(
                [("state", "=", "release_requested"),
                 ("actuator_id", "in", actuators.ids)], order="id"):
            interlocks[interlock.actuator_id.code] = {
                "state": "release", "cmd_id": interlock.release_cmd_id,
                "after": interlock.cmd_id, "permits": interlock.permit_ids.ids}
        gases = {gas.code: {"rule": rule_gas_code(gas), "kind": gas.kind,
                            "lel": gas.lel_percent or None, "mm": gas.molar_mass or None}
                 for gas in self.env["worksafe.gas"].sudo().search([])}
        return {
            "settings": {
                "warning_ratio": company.worksafe_iot_warning_ratio,
                "alarm_ratio": company.worksafe_iot_alarm_ratio,
                "deadband": company.worksafe_iot_deadband,
                "deadband_low": company.worksafe_iot_deadband_low,
                "stale_factor": company.worksafe_iot_stale_factor or 3.0,
                "historical_age_s": company.worksafe_iot_historical_age or 30,
                "fault_action": company.worksafe_iot_fault_action,
            },
            "gases": gases, "devices": config_devices, "permits": config_permits,
            "actuators": {a.code: {"topic": a.topic_base, "id": a.id} for a in actuators},
            "interlocks": interlocks,
        }

    @api.model
    def _new_bridge_key(self, name="bridge"):
        """A new API key for the bridge's technical user (admin only), e.g. from
        ``odoo shell``: ``env['worksafe.iot.ingest']._new_bridge_key()``."""
        if not self.env.is_system():
            raise AccessError(self.env._("Only an administrator creates bridge keys."))
        user = self.env.ref("worksafe_iot.user_iot_bridge")
        return self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, name, None)

    # ------------------------------------------------------------------ ingest
    @api.model
    def _ingest(self, data):
        readings = data.get("readings") or []
        events = data.get("events") or []
        codes = {row.get("d") for row in readings} | {e.get("device") or e.get("actuator")
                                                      for e in events}
        codes.discard(None)
        cr = self.env.cr
        cr.execute("SELECT code, id, company_id FROM worksafe_iot_device"
                   " WHERE code = ANY(%s) AND company_id = ANY(%s)",
                   [list(codes), self._companies().ids])
        devices = {code: (dev_id, company_id) for code, dev_id, company_id in cr.fetchall()}
        good, rejected = [], 0
        for row in readings:
            try:
                float(row["t"]), float(row["r"]), int(row["s"]), int(row.get("b", 0))
                if not isinstance(row["d"], str) or not isinstance(row["m"], list):
                    raise ValueError
                good.append(row)
            except (KeyError, TypeError, ValueError):
                rejected += 1
        stored = self.env["worksafe.iot.reading"]._insert_rows(good, devices)
        self._update_devices(good, devices)
        handled = 0
        for event in events:
            try:
                with cr.savepoint():
                    handled += bool(self._event(event, devices))
            except Exception:  # noqa: BLE001 - one bad event must not block the spool
                _logger.exception("worksafe_iot: event rejected: %s", str(event)[:300])
                rejected += 1
        if rejected:
            _logger.warning("worksafe_iot: %s rows/events rejected in a batch", rejected)
        return {"ok": True, "stored": stored, "duplicates": len(good) - stored,
                "events": handled, "rejected": rejected}

    def _update_devices(self, rows, devices):
        latest = {}
        for row in rows:
            if row["d"] in devices and not row.get("h"):
                if row["d"] not in latest or row["t"] >= latest[row["d"]]["t"]:
                    latest[row["d"]] = row
        if not latest:
            return
        values = []
        for code, row in latest.items():
            pos = row.get("pos") or {}
            values.append((devices[code][0],
                           datetime.fromtimestamp(float(row["r"]), timezone.utc)
                           .replace(tzinfo=None),
                           row.get("bat"), _json(row["m"]), bool(pos),
                           pos.get("x"), pos.get("y"), pos.get("lat"), pos.get("lon")))
        execute_values(self.env.cr, """
            UPDATE worksafe_iot_device d SET last_seen = v.seen, online = true,
                   battery = COALESCE(v.bat, d.battery), last_values = v.vals::jsonb,
                   has_position = d.has_position OR v.haspos,
                   position_x = COALESCE(v.x, d.position_x),
                   position_y = COALESCE(v.y, d.position_y),
                   position_lat = COALESCE(v.lat, d.position_lat),
                   position_lon = COALESCE(v.lon, d.position_lon)
              FROM (VALUES %s) AS v(id, seen, bat, vals, haspos, x, y, lat, lon)
             WHERE d.id = v.id""", values,
            template="(%s, %s::timestamp, %s::float8, %s, %s, %s::float8, %s::float8,"
                     " %s::float8, %s::float8)")
        self.env["worksafe.iot.device"].invalidate_model(
            ["last_seen", "online", "battery", "last_values", "has_position", "position_x",
             "position_y", "position_lat", "position_lon"])

    def _event(self, event, devices):
        Device = self.env["worksafe.iot.device"].sudo()
        kind = event.get("type")
        code = event.get("actuator") if kind == "interlock" else event.get("device")
        if code not in devices:
            return False
        device = Device.browse(devices[code][0])
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        if kind == "level":
            permit = self.env["worksafe.permit"].sudo().browse(event.get("permit")).exists()
            Alarm._apply_level(event, device, permit)
        elif kind == "device_event":
            permits = self.env["worksafe.permit"].sudo().browse(
                event.get("permits") or []).exists() or device._live_permits()
            Alarm._apply_device_event(event, device, permits)
        elif kind == "interlock":
            self.env["worksafe.iot.interlock"].sudo()._record_trip(event, device)
        elif kind == "ack":
            self.env["worksafe.iot.interlock"].sudo()._record_ack(event)
        elif kind == "status":
            device.write({"online": bool(event.get("online"))})
        else:
            return False
        return True


def _json(value):
    import json

    return json.dumps(value)
