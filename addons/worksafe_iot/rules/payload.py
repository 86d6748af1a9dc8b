"""WorkSafe MQTT topic and payload scheme (plain JSON, and Sparkplug-B-shaped JSON).

Pure Python; shared by the bridge and by Odoo.  See ``addons/worksafe_iot/README.md`` for
the documentation of the scheme.

Topics (``<prefix>`` defaults to ``worksafe``)::

    <prefix>/<site>/<area>/<device>/data     readings, QoS 1, not retained
    <prefix>/<site>/<area>/<device>/event    helmet-off, harness, fall, SOS, bump test...
    <prefix>/<site>/<area>/<device>/status   retained; the device's last will {"online": false}
    <prefix>/<site>/<area>/<actuator>/cmd    retained desired state, written by the bridge
    <prefix>/<site>/<area>/<actuator>/ack    the actuator's acknowledgement
    <prefix>/_bridge/<bridge id>/status      retained bridge liveness (last will: offline)
    <prefix>/_deadletter/<bridge id>         payloads the bridge could not use
    spBv1.0/<group>/DDATA|DBIRTH|DDEATH|NDEATH/<edge>[/<device>]   Sparkplug-B-shaped JSON

Reading payload (``data``)::

    {"device": "GD-7", "boot": 3, "seq": 1042, "ts": 1735732800.123,
     "m": [{"k": "h2s", "v": 4.2, "u": "ppm", "q": "good"}, {"k": "o2", "v": 20.9, "u": "%vol"}],
     "battery": 87, "pos": {"x": 12.5, "y": 3.0, "lat": 31.2, "lon": 121.5},
     "badge": "E-1001", "historical": false}

``ts`` is epoch seconds (a float), epoch milliseconds (an int above 1e12) or ISO 8601.
``m`` may also be an object ``{"h2s": 4.2}`` or ``{"h2s": {"v": 4.2, "u": "ppm"}}``.
Quality is ``good`` / ``bad`` / ``stale`` / ``uncertain`` or the Sparkplug codes 192 / 0 / 500.
The deduplication key is (company, device, boot, seq) (Odoo adds the company).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone

EVENT_KINDS = ("helmet_off", "harness_unclipped", "fall", "sos", "no_motion", "bump_test",
               "calibration", "low_battery", "gas_alarm")
# helmet / wearable events that are alarms bound to the worker, with their level
EVENT_LEVELS = {"helmet_off": "alarm", "harness_unclipped": "critical", "fall": "critical",
                "sos": "critical", "no_motion": "alarm", "low_battery": "warning",
                "gas_alarm": "alarm"}

_QUALITY = {"good": "good", "192": "good", "ok": "good", "bad": "bad", "0": "bad",
            "stale": "stale", "500": "stale", "uncertain": "uncertain", "64": "uncertain"}
MAX_PAYLOAD = 64 * 1024
# The one source of the default topic prefix: Odoo's "worksafe_iot.mqtt_prefix" system
# parameter falls back to it and sends the value in the bridge configuration.
DEFAULT_PREFIX = "worksafe"
# Plausible device timestamps.  A detector clock before 2000 (an RTC that lost its battery
# counts from 1970) or years ahead is absurd: the reading cannot be placed in time, so the
# bridge dead-letters it instead of spooling something Odoo would refuse.
TS_MIN = 946684800.0             # 2000-01-01T00:00:00Z
TS_MAX_AHEAD_S = 366 * 86400.0   # a year ahead of the receiver's clock
_TRUE = frozenset({"true", "yes", "1", "y", "on"})
_FALSE = frozenset({"false", "no", "0", "n", "off", ""})


class PayloadError(ValueError):
    """The message cannot be used (it goes to the dead-letter topic)."""


@dataclass(frozen=True)
class Measurement:
    code: str
    value: float
    unit: str
    quality: str = "good"


@dataclass(frozen=True)
class Reading:
    device: str
    boot: int
    seq: int
    ts: float
    measurements: tuple
    battery: float | None = None
    position: dict | None = None
    badge: str | None = None
    historical: bool = False

    def as_row(self, received: float) -> dict:
        """What the bridge spools and sends to Odoo."""
        row = {"d": self.device, "b": self.boot, "s": self.seq, "t": self.ts, "r": received,
               "m": [[m.code, m.value, m.unit, m.quality] for m in self.measurements]}
        if self.battery is not None:
            row["bat"] = self.battery
        if self.position:
            row["pos"] = self.position
        if self.badge:
            row["badge"] = self.badge
        if self.historical:
            row["h"] = True
        return row


@dataclass(frozen=True)
class DeviceEvent:
    device: str
    kind: str
    ts: float
    boot: int = 0
    seq: int = 0
    position: dict | None = None
    badge: str | None = None
    detail: str | None = None
    historical: bool = False


@dataclass(frozen=True)
class Status:
    device: str
    online: bool
    ts: float | None = None


@dataclass(frozen=True)
class Ack:
    device: str
    cmd_id: str
    state: str
    ts: float | None = None


def flag(value) -> bool:
    """A JSON boolean flag read strictly: ``true``/``1``/``"yes"``... are true,
    ``false``/``0``/``"no"``/``"false"``... are false.  ``bool("no")`` is True in Python: a
    detector sending ``"historical": "no"`` must not have its live readings ignored."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value in (0, 1):
            return bool(value)
        raise PayloadError("bad boolean flag")
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise PayloadError("bad boolean flag")


def plausible_ts(ts: float, now: float) -> bool:
    """Whether a device timestamp can be a real measurement time (see TS_MIN)."""
    return math.isfinite(ts) and TS_MIN <= ts <= now + TS_MAX_AHEAD_S


def parse_ts(value, default: float) -> float:
    """Epoch seconds from seconds, milliseconds or ISO 8601; absurd values (before 2000,
    more than a year ahead) raise PayloadError so that the message is dead-lettered."""
    ts = _parse_ts(value, default)
    if not plausible_ts(ts, default):
        raise PayloadError("implausible timestamp")
    return ts


def _parse_ts(value, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool):
        raise PayloadError("bad timestamp")
    if isinstance(value, (int, float)):
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise PayloadError("bad timestamp")
        return value / 1000.0 if value > 1e12 else value
    if isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=timezone.utc)
            return dt.timestamp()
        except (ValueError, OverflowError):
            raise PayloadError(f"bad timestamp {value[:40]!r}") from None
    raise PayloadError("bad timestamp")


def _int(value, name, lo=0, hi=2**62):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise PayloadError(f"{name} must be an integer")
    value = int(value)
    if not lo <= value <= hi:
        raise PayloadError(f"{name} out of range")
    return value


def _number(value, name):
    if isinstance(value, bool):
        return float(value)  # flame detectors report true/false
    if not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise PayloadError(f"{name} is not a finite number")
    return float(value)


def _quality(value) -> str:
    if value is None:
        return "good"
    return _QUALITY.get(str(value).strip().lower(), "bad")


def _code(value) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise PayloadError("bad measurement name")
    return value.strip().lower()


def _device(value) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 64 or any(
            c in value for c in "/+#\0"):
        raise PayloadError("bad or missing device id")
    return value.strip()


def _measurements(raw) -> tuple:
    out = []
    if isinstance(raw, dict):
        items = []
        for key, val in raw.items():
            items.append(dict(val, k=key) if isinstance(val, dict) else {"k": key, "v": val})
        raw = items
    if not isinstance(raw, list) or not raw:
        raise PayloadError("no measurements")
    for item in raw:
        if not isinstance(item, dict):
            raise PayloadError("bad measurement")
        code = _code(item.get("k", item.get("name")))
        value = _number(item.get("v", item.get("value")), code)
        unit = item.get("u", item.get("unit")) or ""
        if not isinstance(unit, str):
            raise PayloadError("bad unit")
        out.append(Measurement(code, value, unit, _quality(item.get("q", item.get("quality")))))
    return tuple(out)


def _position(raw):
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise PayloadError("bad position")
    pos = {}
    for key in ("x", "y", "z", "lat", "lon", "floor", "acc"):
        if raw.get(key) is not None:
            pos[key] = _number(raw[key], key)
    return pos or None


def _loads(payload: bytes):
    if len(payload) > MAX_PAYLOAD:
        raise PayloadError("payload too large")
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise PayloadError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise PayloadError("payload is not a JSON object")
    return data


def parse(topic: str, payload: bytes, now: float, prefix: str = DEFAULT_PREFIX):
    """One MQTT message → a Reading, DeviceEvent, Status or Ack (or a list of them for
    Sparkplug), raising PayloadError for anything unusable."""
    parts = topic.split("/")
    if parts[0] == "spBv1.0":
        return parse_sparkplug(parts, payload, now)
    if parts[0] != prefix or len(parts) != 5:
        raise PayloadError(f"unexpected topic {topic[:80]!r}")
    kind, topic_device = parts[4], parts[3]
    if kind == "status":
        if not payload:  # a cleared retained status
            return Status(_device(topic_device), False, now)
        data = _loads(payload)
        return Status(_device(data.get("device", topic_device)), bool(data.get("online")),
                      parse_ts(data.get("ts"), now))
    data = _loads(payload)
    device = _device(data.get("device", data.get("id", topic_device)))
    if kind == "data":
        return Reading(
            device=device,
            boot=_int(data.get("boot", 0), "boot", 0, 2**31 - 1),
            seq=_int(data.get("seq"), "seq") if "seq" in data else _missing("seq"),
            ts=parse_ts(data.get("ts"), now),
            measurements=_measurements(data.get("m", data.get("measurements"))),
            battery=_number(data["battery"], "battery") if data.get("battery") is not None
            else None,
            position=_position(data.get("pos", data.get("position"))),
            badge=str(data["badge"])[:64] if data.get("badge") else None,
            historical=flag(data.get("historical", data.get("is_historical"))),
        )
    if kind == "event":
        event = data.get("event", data.get("type"))
        if event not in EVENT_KINDS:
            raise PayloadError(f"unknown event {str(event)[:40]!r}")
        return DeviceEvent(device, event, parse_ts(data.get("ts"), now),
                           _int(data.get("boot", 0), "boot", 0, 2**31 - 1),
                           _int(data.get("seq", 0), "seq"),
                           _position(data.get("pos", data.get("position"))),
                           str(data["badge"])[:64] if data.get("badge") else None,
                           str(data["detail"])[:200] if data.get("detail") else None,
                           flag(data.get("historical")))
    if kind == "ack":
        cmd_id = data.get("cmd_id")
        if not isinstance(cmd_id, str) or not cmd_id:
            raise PayloadError("ack without cmd_id")
        return Ack(device, cmd_id, str(data.get("state", ""))[:32], parse_ts(data.get("ts"), now))
    raise PayloadError(f"unexpected message kind {kind[:20]!r}")


def _missing(name):
    raise PayloadError(f"{name} is missing")


def parse_sparkplug(parts, payload: bytes, now: float):
    """Sparkplug-B-shaped JSON (the protobuf's fields as JSON):
    ``{"timestamp": ms, "seq": 0-255, "metrics": [{"name", "value", "timestamp",
    "is_historical", "properties": {"unit"/"engUnit", "quality"}}]}``.

    The device id is the Sparkplug device (or edge node); ``bdSeq`` (a metric or field) is
    the boot counter; since ``seq`` wraps at 256 the dedupe sequence is
    ``timestamp_ms * 256 + seq``."""
    if len(parts) not in (4, 5):
        raise PayloadError("bad Sparkplug topic")
    verb = parts[2]
    device = _device(parts[4] if len(parts) == 5 else parts[3])
    if verb in ("DDEATH", "NDEATH"):
        return Status(device, False, now)
    if verb not in ("DDATA", "DBIRTH", "NDATA", "NBIRTH"):
        raise PayloadError(f"unsupported Sparkplug message {verb[:10]!r}")
    data = _loads(payload)
    metrics = data.get("metrics")
    if not isinstance(metrics, list) or not metrics:
        raise PayloadError("no metrics")
    ts_ms = _int(data.get("timestamp", int(now * 1000)), "timestamp")
    if not plausible_ts(ts_ms / 1000.0, now):
        raise PayloadError("implausible timestamp")
    seq = _int(data.get("seq", 0), "seq", 0, 255)
    boot = data.get("bdSeq", 0)
    items, historical = [], False
    for metric in metrics:
        if not isinstance(metric, dict):
            raise PayloadError("bad metric")
        name = metric.get("name")
        if name == "bdSeq":
            boot = metric.get("value", 0)
            continue
        props = metric.get("properties") or {}
        if not isinstance(props, dict):
            raise PayloadError("bad metric properties")
        unit = props.get("engUnit", props.get("unit", ""))
        unit = unit.get("value", "") if isinstance(unit, dict) else unit
        quality = props.get("quality")
        quality = quality.get("value") if isinstance(quality, dict) else quality
        historical = historical or flag(metric.get("is_historical"))
        items.append({"k": name, "v": metric.get("value"), "u": unit, "q": quality})
    readings = [Reading(device=device, boot=_int(boot, "bdSeq", 0, 2**31 - 1),
                        seq=ts_ms * 256 + seq, ts=ts_ms / 1000.0,
                        measurements=_measurements(items), historical=historical)]
    if verb in ("DBIRTH", "NBIRTH"):
        readings.insert(0, Status(device, True, ts_ms / 1000.0))
    return readings


def config_topic(prefix: str) -> str:
    """Odoo → bridges: "refresh your configuration now"."""
    return f"{prefix}/_config/changed"


def device_topic_base(prefix: str, site: str, area: str, device: str) -> str:
    """``<prefix>/<site>/<area>/<device>``: data, event, status, cmd and ack hang below."""
    return f"{prefix}/{site}/{area}/{device}"


def valid_prefix(prefix) -> bool:
    """One topic level without wildcards (it is also subscribed to as ``<prefix>/+/+/+/…``)."""
    return (isinstance(prefix, str) and bool(prefix.strip()) and prefix == prefix.strip()
            and not any(c in prefix for c in "/+#\0") and prefix != "spBv1.0")


def interlock_payload(cmd_id: str, state: str, reason: str, ts: float, permits=()) -> bytes:
    return json.dumps({"cmd_id": cmd_id, "state": state, "reason": reason, "ts": ts,
                       "permits": list(permits)}, separators=(",", ":")).encode()
