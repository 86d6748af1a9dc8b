import hashlib
import json
import logging
import math
import time
from datetime import datetime, timezone

import psycopg2
import psycopg2.errors
from psycopg2.extras import execute_values

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..rules import payload as payload_rules
from .event_batch import EventBatch
from .event_fold import EventFold
from .permit import mqtt_prefix
from .reading import _ts
from odoo.addons.worksafe_permit.models.gas import rule_gas_code

_logger = logging.getLogger(__name__)

# pg_advisory_xact_lock(class, key) class of the ingest lanes (an arbitrary constant)
LANE_LOCK_CLASS = 7419
LANE_WAIT_S = 2.0  # how long a copy waits for the lane before answering "busy"
# Device columns the bridge configuration is built from (not the live state the ingest
# writes on every batch: last_seen, online, battery, last_values, position...).
CONFIG_DEVICE_COLUMNS = ("id", "code", "kind", "active", "company_id", "area_id", "permit_id",
                         "worker_id", "topic_base", "reporting_interval", "calibration_due",
                         "bump_test_due", "temp_warning", "temp_alarm", "temp_critical")


class WorksafeIotIngest(models.AbstractModel):
    """What the bridge talks to (through controllers/ingest.py): its configuration, and the
    batches of readings and events it spooled.  Called as the bridge's technical user (an
    internal user with only the bridge group); the service itself works as superuser within
    that user's companies and the permits its devices serve."""

    _name = "worksafe.iot.ingest"
    _description = "WorkSafe IoT ingest service"

    def _companies(self):
        return self.env.user.company_ids

    def _devices(self):
        return self.env["worksafe.iot.device"].sudo().search(
            [("company_id", "in", self._companies().ids)])

    # ------------------------------------------------------------------ config
    @api.model
    def _company_settings(self, company):
        """The alarm settings of one company, as the bridge's engine reads them."""
        return {
            "warning_ratio": company.worksafe_iot_warning_ratio,
            "alarm_ratio": company.worksafe_iot_alarm_ratio,
            "deadband": company.worksafe_iot_deadband,
            "deadband_low": company.worksafe_iot_deadband_low,
            "stale_factor": company.worksafe_iot_stale_factor or 3.0,
            "historical_age_s": company.worksafe_iot_historical_age or 30,
            "fault_action": company.worksafe_iot_fault_action,
            # database-wide (GBZ 159's sampling volume), sent with each company's settings
            "molar_volume": self.env["res.config.settings"]._worksafe_molar_volume(),
        }

    @api.model
    def _bridge_config(self):
        """Everything a bridge judges readings with.  Settings are per company: each device
        and permit names its company, and the engine applies that company's ratios,
        hysteresis, staleness and fault action (``settings`` is the bridge user's company,
        the fallback for what names none)."""
        company = self.env.user.company_id
        devices = self._devices()
        permits = self.env["worksafe.permit"].sudo()
        config_devices = {}
        # a code used in several of the bridge's companies: the bridge user's current
        # company wins, as in the ingest (its device is put last)
        for device in devices.filtered(lambda d: not d.is_actuator).sorted(
                lambda d: d.company_id == company):
            live = device._live_permits()
            permits |= live
            thresholds = {}
            if device.kind == "temperature" and (device.temp_warning or device.temp_alarm
                                                 or device.temp_critical):
                thresholds["temp"] = [device.temp_warning or None, device.temp_alarm or None,
                                      device.temp_critical or None]
            config_devices[device.code] = {
                "id": device.id, "kind": device.kind, "interval": device.reporting_interval,
                "company": device.company_id.id,
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
                "name": permit.name, "state": permit.state, "company": permit.company_id.id,
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
        companies = devices.company_id | permits.company_id | company
        return {
            "mqtt": {"prefix": mqtt_prefix(self.env)},
            "settings": self._company_settings(company),
            "companies": {str(c.id): self._company_settings(c) for c in companies},
            "gases": gases, "devices": config_devices, "permits": config_permits,
            "actuators": {a.code: {"topic": a.topic_base, "id": a.id} for a in actuators},
            "interlocks": interlocks,
        }

    @api.model
    def _config_version(self):
        """A version of the bridge configuration that costs one aggregate query per source
        table, whatever the number of devices: the bridge asks ``since`` its version
        every 30 s and after every interlock batch, and gets the whole configuration
        (0.5 ms a device) only when something it is built from changed.

        The version hashes the content of the rows the configuration reads (an
        order-independent sum of row hashes), not their timestamps: a transaction that
        commits after a later one, or two changes in one second, still change it."""
        cr = self.env.cr
        Permit = self.env["worksafe.permit"]
        live = ("issued", "active", "suspended")
        device_cols = SQL(", ").join(SQL.identifier(col) for col in CONFIG_DEVICE_COLUMNS)
        queries = [
            SQL("SELECT (%s) FROM worksafe_iot_device", device_cols),
            SQL("SELECT p FROM worksafe_permit p WHERE state IN %s", live),
            SQL("SELECT l FROM worksafe_permit_gas_limit l JOIN worksafe_permit p"
                " ON p.id = l.permit_id WHERE p.state IN %s", live),
            SQL("SELECT i FROM worksafe_iot_interlock i WHERE state != 'released'"),
            SQL("SELECT g FROM worksafe_gas g"),
            SQL("SELECT c FROM res_company c"),
        ]
        for name in ("worker_ids", "watcher_ids"):
            field = Permit._fields.get(name)
            if field is not None and field.type == "many2many":
                queries.append(SQL("SELECT r FROM %s r", SQL.identifier(field.relation)))
        parts = [self.env.uid, self._companies().ids, mqtt_prefix(self.env)]
        for query in queries:
            cr.execute(SQL("SELECT count(*), sum(hashtextextended(x::text, 0)) FROM (%s)"
                           " AS x(x)", query))
            parts.append(cr.fetchone())
        return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:24]

    @api.model
    def _bridge_config_since(self, since=None):
        """``{"unchanged": true, "version": v}`` when ``since`` is the current version,
        else the whole configuration with its version."""
        version = self._config_version()  # before building: a change meanwhile shows next
        if since and since == version:
            return {"unchanged": True, "version": version}
        return dict(self._bridge_config(), version=version)

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
        """Store a batch.  A row or an event that cannot be used is rejected (counted,
        listed by index in ``rejected_readings`` / ``rejected_events``, logged), never
        fails the batch: a batch that always fails would block the bridge's spool, and
        everything behind it, for ever.

        A database failure (connection lost, serialisation failure, aborted transaction)
        is *not* a bad row: it propagates, so the request fails and the bridge keeps the
        whole batch.  The caller commits before answering (controllers/ingest.py): the
        answer never claims what is not committed.  Sending a batch twice is harmless:
        readings are deduplicated by (company, device, boot, seq), events by their id.

        Copies of one bridge lane are serialised by an advisory lock: a copy re-sent while
        the first still runs answers ``busy`` after a short wait instead of colliding."""
        readings = data.get("readings") or []
        events = data.get("events") or []
        answer = {"ok": True, "stored": 0, "duplicates": 0, "events": 0,
                  "event_duplicates": 0, "rejected": 0, "rejected_readings": [],
                  "rejected_events": []}
        if not isinstance(readings, list):
            readings, answer["rejected"] = [], answer["rejected"] + 1
        if not isinstance(events, list):
            events, answer["rejected"] = [], answer["rejected"] + 1
        if not self._lock_lane(data, bool(events)):
            return {"ok": False, "busy": True}
        good = []
        for index, row in enumerate(readings):
            clean = _clean_row(row)
            if clean is None:
                answer["rejected_readings"].append(index)
            else:
                clean["_i"] = index
                good.append(clean)
        codes = {row["d"] for row in good}
        codes |= {e.get("actuator") if e.get("type") == "interlock" else e.get("device")
                  for e in events if isinstance(e, dict)}
        codes = [code for code in codes if isinstance(code, str)]
        cr = self.env.cr
        cr.execute("SELECT code, id, company_id FROM worksafe_iot_device"
                   " WHERE code = ANY(%s) AND company_id = ANY(%s)"
                   " ORDER BY company_id = %s DESC, company_id",
                   [codes, self._companies().ids, self.env.user.company_id.id])
        devices = {}
        for code, dev_id, company_id in cr.fetchall():
            devices.setdefault(code, (dev_id, company_id))
        stored, refused = self._store_readings(good, devices)
        answer["rejected_readings"] += refused
        answer["rejected_readings"].sort()
        answer["stored"] = len(stored)
        answer["duplicates"] = len(good) - len(refused) - len(stored)
        # what the batch's raises and trips leave to record once per alarm / actuator
        batch = EventBatch()
        applied = self._apply_events_at_once(events, devices, batch)
        if applied is None:
            applied = self._apply_events_one_by_one(events, devices, batch)
        answer["events"], answer["event_duplicates"], answer["rejected_events"] = applied
        batch.flush(self.env)
        if cr.closed:  # never answer for a transaction that can no longer commit
            raise psycopg2.InterfaceError("worksafe_iot: database connection lost in a batch")
        answer["rejected"] += len(answer["rejected_readings"]) + len(answer["rejected_events"])
        if answer["rejected"]:
            _logger.warning("worksafe_iot: %s rows/events rejected in a batch",
                            answer["rejected"])
        return answer

    def _apply_events_at_once(self, events, devices, batch):
        """The common case, every event usable: all in one savepoint, their ids claimed
        in one statement (a savepoint per event costs more than most events).  Returns
        (applied, duplicates, []) — or None, having kept nothing, when one event fails:
        then the caller applies them one by one, each in its own savepoint."""
        if not events or not all(isinstance(e, dict) for e in events):
            return None
        cr = self.env.cr
        live = {}  # device id -> its live permits (a batch does not change who serves what)
        fold = EventFold(self.env, batch)
        try:
            with cr.savepoint():
                keys = [_event_key(e) for e in events]
                claimed = self.env["worksafe.iot.event.key"].sudo()._claim_many(
                    [k for k in keys if k])
                applied = duplicates = 0
                for event, key in zip(events, keys, strict=True):
                    if key:
                        if key not in claimed:  # applied before, or twice in this batch
                            duplicates += 1
                            continue
                        claimed.discard(key)
                    applied += bool(self._event(event, devices, batch, live, fold))
                fold.apply()
        except Exception as error:  # noqa: BLE001 - retried one by one, where it is judged
            if _database_failure(error, cr):
                raise
            batch.rollback(0)
            return None
        return applied, duplicates, []

    def _apply_events_one_by_one(self, events, devices, batch):
        """Each event in its own savepoint: a bad one is rejected (index listed) and loses
        only itself.  Returns (applied, duplicates, rejected indexes)."""
        cr = self.env.cr
        Keys = self.env["worksafe.iot.event.key"].sudo()
        live = {}
        fold = EventFold(self.env, batch)
        applied = duplicates = 0
        rejected = []
        for index, event in enumerate(events):
            if not isinstance(event, dict):
                rejected.append(index)
                continue
            mark = batch.mark()
            try:
                with cr.savepoint():
                    key = _event_key(event)
                    if key and not Keys._claim(key):
                        duplicates += 1
                        continue
                    applied += bool(self._event(event, devices, batch, live, fold))
                    fold.apply()
            except _Rejected as error:
                fold.clear()
                batch.rollback(mark)
                _logger.warning("worksafe_iot: event rejected (%s): %s", error,
                                str(event)[:300])
                rejected.append(index)
            except Exception as error:  # noqa: BLE001 - one bad event must not block the spool
                if _database_failure(error, cr):
                    raise  # not the event's fault: fail the batch, the bridge keeps it
                fold.clear()
                batch.rollback(mark)
                _logger.exception("worksafe_iot: event rejected: %s", str(event)[:300])
                rejected.append(index)
        return applied, duplicates, rejected

    def _lock_lane(self, data, events):
        """One batch per bridge lane (readings, events) at a time; False when another copy
        holds the lane for longer than a short wait (polled: a lock timeout would log an
        error for what is an expected answer)."""
        stats = data.get("stats") if isinstance(data.get("stats"), dict) else {}
        lane = f"{self.env.uid}/{str(stats.get('bridge', ''))[:64]}/{'e' if events else 'r'}"
        cr = self.env.cr
        deadline = time.monotonic() + LANE_WAIT_S
        while True:
            cr.execute("SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))",
                       [LANE_LOCK_CLASS, lane])
            if cr.fetchone()[0]:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def _store_readings(self, rows, devices):
        """Insert the rows in one statement; should the database refuse one (bad data),
        row by row, so that such a row loses only itself.  Returns (keys stored, indexes
        of the refused rows).  A connection or transaction failure propagates."""
        if not rows:
            return [], []
        Reading = self.env["worksafe.iot.reading"]
        company_id = self.env.user.company_id.id
        cr = self.env.cr
        try:
            with cr.savepoint():
                stored = Reading._insert_rows(rows, devices, company_id)
                self._update_devices(rows, devices)
            return stored, []
        except Exception as error:  # noqa: BLE001 - fall back to one row at a time
            if _database_failure(error, cr):
                raise
            _logger.warning("worksafe_iot: batch insert failed, retrying row by row",
                            exc_info=True)
        stored, refused = [], []
        for row in rows:
            try:
                with cr.savepoint():
                    stored += Reading._insert_rows([row], devices, company_id)
                    self._update_devices([row], devices)
            except Exception as error:  # noqa: BLE001 - one bad row must not block the spool
                if _database_failure(error, cr):
                    raise
                _logger.warning("worksafe_iot: reading rejected: %s", str(row)[:300],
                                exc_info=True)
                refused.append(row["_i"])
        return stored, refused

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

    def _permits_of(self, device, requested=None, cache=None):
        """The permits an event of `device` may act on: the device's live permits (active
        or suspended) in the bridge user's companies, narrowed to `requested` when given.
        Whatever else an event names is ignored.  ``cache``: {device id: live permits},
        kept for one batch."""
        live = cache.get(device.id) if cache is not None else None
        if live is None:
            live = device._live_permits().filtered(
                lambda p: p.company_id in self._companies())
            if cache is not None:
                cache[device.id] = live
        if requested is None:
            return live
        if not isinstance(requested, list):
            requested = [requested]
        ids = {pid for pid in requested if isinstance(pid, int) and not isinstance(pid, bool)}
        return live.filtered(lambda p: p.id in ids)

    def _event(self, event, devices, batch, live, fold):
        """Check one event and hand it to ``fold`` (levels, trips, acknowledgements:
        applied together, see event_fold.py) or apply it (wearable events, after what the
        fold holds, so that they see the alarms as the bridge did; device status)."""
        Device = self.env["worksafe.iot.device"].sudo()
        kind = event.get("type")
        code = event.get("actuator") if kind == "interlock" else event.get("device")
        if not isinstance(code, str) or code not in devices:
            return False
        device = Device.browse(devices[code][0])
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        if kind == "level":
            requested = event.get("permit")
            permit = self._permits_of(device, requested, live)[:1] if requested else \
                self.env["worksafe.permit"].sudo()
            if requested and not permit:
                _logger.warning("worksafe_iot: level event of %s names permit %r, which the "
                                "device does not serve: recorded without it", code,
                                str(requested)[:40])
            fold.add_level(event, device, permit)
        elif kind == "device_event":
            fold.apply()
            permits = (self._permits_of(device, event.get("permits") or [], live)
                       or self._permits_of(device, None, live))
            Alarm._apply_device_event(event, device, permits, batch)
        elif kind == "interlock":
            if not isinstance(event.get("cmd_id"), str) or not event["cmd_id"]:
                raise _Rejected("interlock without a command id")
            permits = self._permits_of(device, event.get("permits") or [], live)
            if not permits:
                raise _Rejected("interlock trip without a permit this actuator serves")
            fold.add_trip(event, device, permits)
        elif kind == "ack":
            if not isinstance(event.get("cmd_id"), str):
                raise _Rejected("acknowledgement without a command id")
            fold.add_ack(event, device)
        elif kind == "status":
            device.write({"online": bool(event.get("online"))})
        else:
            return False
        return True


def _database_failure(error, cr):
    """Whether ``error`` is the database's failure rather than the data's: a lost
    connection, a serialisation failure, a transaction no longer usable.  Such an error
    must fail the whole request (nothing is committed, the bridge resends), never be
    counted as a rejected row.  Only data errors (a value the column refuses, a
    constraint) and errors of WorkSafe's own checks reject a row or an event."""
    if isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError,
                          psycopg2.errors.InFailedSqlTransaction)):
        return True
    if cr.closed:
        return True
    if isinstance(error, psycopg2.Error) and not isinstance(
            error, (psycopg2.DataError, psycopg2.IntegrityError)):
        # anything else from the database: is this still our transaction?
        try:
            cr.execute("SELECT 1")
        except psycopg2.Error:
            return True
    return False


def _event_key(event):
    """The id the bridge gave an event (applied once), or None."""
    key = event.get("id")
    return key[:128] if isinstance(key, str) and key else None


class _Rejected(ValueError):
    """An event the ingest refuses (logged and counted, without a traceback)."""


_INT4 = 2 ** 31
_INT8 = 2 ** 63


def _number(value):
    """A finite float from a JSON number (or numeric string); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(value)  # noqa: TRY004 - callers treat any bad input as ValueError
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _integer(value, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(value)  # noqa: TRY004 - callers treat any bad input as ValueError
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(value)
    number = int(value)
    if not low <= number < high:
        raise ValueError(value)
    return number


def _finite(value):
    """`value` (JSON) with every non-finite float replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    return value


def _clean_row(row):
    """A bridge row (rules/payload.Reading.as_row) checked and normalised, or None when it
    cannot be stored: timestamps the database takes, a sequence within bigint, a numeric
    battery, a position object with numeric coordinates."""
    try:
        if not isinstance(row, dict) or not isinstance(row.get("d"), str) or not row["d"] \
                or not isinstance(row.get("m"), list):
            return None
        clean = {"d": row["d"], "m": row["m"], "h": bool(row.get("h")),
                 "t": _number(row["t"]), "r": _number(row["r"]),
                 "s": _integer(row["s"], 0, _INT8), "b": _integer(row.get("b", 0), 0, _INT4)}
        _ts(clean["t"]), _ts(clean["r"])  # the conversion the insert makes
        if not payload_rules.plausible_ts(clean["t"], clean["r"]):
            return None
        bat = row.get("bat")
        clean["bat"] = None if bat is None else _number(bat)
        pos = row.get("pos")
        if pos is not None:
            if not isinstance(pos, dict):
                return None
            pos = _finite(pos)
            for key in ("x", "y", "lat", "lon"):
                if pos.get(key) is not None:
                    pos[key] = _number(pos[key])
        clean["pos"] = pos or None
        clean["m"] = _json_finite(clean["m"])  # jsonb has no NaN: an unusable value is null
        _json_finite(clean["pos"])
        return clean
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


def _json(value):
    return json.dumps(value)


def _json_finite(value):
    """``value`` as jsonb takes it: non-finite floats replaced by None (checked by the C
    encoder first: in the common case, nothing to replace, no walk in Python)."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        value = _finite(value)
        json.dumps(value, allow_nan=False)
    return value
