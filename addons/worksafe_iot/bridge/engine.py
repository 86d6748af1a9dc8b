"""Local evaluation of readings against the active permits' limits (no MQTT, no HTTP).

The configuration comes from Odoo (``GET /worksafe/iot/v1/config``)::

    {"settings": {...}, "gases": {code: {rule, kind, lel, mm}},
     "devices": {code: {id, kind, interval, permits: [ids], cal_due, bump_due, thresholds}},
     "permits": {id: {name, limits: [{gas, unit, min, max, lel_min, lel_max, twa, stel,
                                       kind}], actuators: [codes]}},
     "actuators": {code: {topic}}, "interlocks": {code: {state, cmd_id, after}}}

``evaluate`` returns the events to send to Odoo (level *changes* only) and the permits whose
level became critical (the caller trips their interlocks at once).
"""

import threading
from datetime import date

from ._rules import alarm, gas, payload

FAULT_CHANNEL = "_fault"
KEPT_BOOTS = 4  # boots per device whose newest sequence is remembered (resend detection)
SENSOR_KINDS = ("gas_portable", "gas_fixed", "temperature", "flame", "helmet")


class Engine:
    def __init__(self):
        self.lock = threading.RLock()
        self.config = {"settings": {}, "gases": {}, "devices": {}, "permits": {},
                       "actuators": {}, "interlocks": {}}
        self.levels = {}      # (device, code, permit) -> level (hysteresis state)
        self.sides = {}       # (device, code, permit, unit) -> "high"/"low": what tripped
        self.exposure = {}    # (device, code, permit) -> alarm.Exposure
        self.last_seen = {}   # device -> receiver clock of the last live reading
        self.online = {}      # device -> bool (status / last will)
        self.quality = {}     # device -> worst quality of its last reading
        self.faults = {}      # (device, permit) -> tuple of reasons currently reported
        self.last_key = {}    # device -> {boot: newest live seq} (a few recent boots)
        self._setpoints = {}  # (permit, rule code) -> [(GasLimit, Setpoints)]
        # (device, permit, measurement code) -> precompiled channel: what _channel_setpoints
        # works out from the configuration alone (rebuilt on every load)
        self._channels = {}
        self._due = {}        # device -> (calibration due, bump test due) as dates
        self._today = (None, None)  # (day number, date) for fault_reasons

    # ------------------------------------------------------------ configuration
    def load(self, config, now):
        with self.lock:
            self.config = config
            self._setpoints = {}
            self._channels = {}
            self._due = {code: (_date(dev.get("cal_due")), _date(dev.get("bump_due")))
                         for code, dev in config.get("devices", {}).items()}
            for pid, permit in config.get("permits", {}).items():
                settings = self.settings(permit.get("company"))
                for lim in permit.get("limits", []):
                    rule = gas.GasLimit(lim["gas"], lim["unit"], lim.get("min"), lim.get("max"),
                                        lim.get("lel_min"), lim.get("lel_max"))
                    sp = alarm.setpoints_from_limit(
                        lim["gas"], lim["unit"], lim.get("min"), lim.get("max"),
                        kind=lim.get("kind", "toxic"),
                        warning_ratio=settings.get("warning_ratio", 0.5),
                        alarm_ratio=settings.get("alarm_ratio", 0.8),
                        twa=lim.get("twa"), stel=lim.get("stel"),
                        deadband=settings.get("deadband", 0.2),
                        deadband_low=settings.get("deadband_low", 0.01))
                    self._setpoints.setdefault((int(pid), lim["gas"].casefold()), []).append(
                        (rule, sp))
            # a sensor newly bound to a permit gets one full stale period of grace
            for code in config.get("devices", {}):
                self.last_seen.setdefault(code, now)

    def settings(self, company=None):
        """The alarm settings of ``company`` (an id): each company's settings apply to its
        own devices and permits; the bridge user's company's are the fallback."""
        if company is not None:
            found = (self.config.get("companies") or {}).get(str(company))
            if found:
                return found
        return self.config.get("settings", {})

    def device(self, code):
        return self.config.get("devices", {}).get(code)

    def device_settings(self, code):
        return self.settings((self.device(code) or {}).get("company"))

    def historical_age(self, code=None):
        settings = self.device_settings(code) if code else self.settings()
        return float(settings.get("historical_age_s", 30.0))

    # ------------------------------------------------------------ readings
    def is_replay(self, reading, now):
        """Replayed data is stored but never evaluated for interlocks.  Decided from what
        the message says about itself, never from how its boot counter compares:

        * the device flags it historical (``historical`` / Sparkplug ``is_historical``);
        * its timestamp is older on arrival than the device's company allows
          (a buffer being flushed);
        * the same boot already delivered this or a later sequence (a resend).

        A *different* boot counter, lower or higher, is a new run of the device (factory
        reset, new board, Sparkplug ``bdSeq`` wrapping 255 → 0): its fresh readings are
        live, so a gas alarm after a reset still trips."""
        if reading.historical or now - reading.ts > self.historical_age(reading.device):
            return True
        last = self.last_key.get(reading.device, {}).get(reading.boot)
        return last is not None and reading.seq <= last

    def _seen(self, reading):
        """Remember the newest sequence of this boot (a few recent boots per device)."""
        boots = self.last_key.setdefault(reading.device, {})
        if reading.boot in boots:
            boots[reading.boot] = max(boots[reading.boot], reading.seq)
            return
        boots[reading.boot] = reading.seq
        while len(boots) > KEPT_BOOTS:
            del boots[next(iter(boots))]

    def _channel_setpoints(self, dev, permit_id, m, device=None):
        """[(value in the limit's unit, Setpoints)] for one measurement and permit."""
        key = (device, permit_id, m.code)
        channel = self._channels.get(key) if device is not None else None
        if channel is None:
            channel = self._compile_channel(dev, permit_id, m.code)
            if device is not None:
                self._channels[key] = channel
        thresholds, raw, converted, mm, lel = channel
        out = []
        if thresholds:
            out.append((m.value, alarm.Setpoints(m.code, m.unit, thresholds)))
        out.extend((m.value, sp) for sp in raw)
        for unit, sp in converted:
            if unit == m.unit:  # the limit's own unit: nothing to convert
                out.append((float(m.value), sp))
                continue
            try:
                value = gas.convert(m.value, m.unit, unit, mm, self.settings().get("molar_volume"),
                                    lel_percent=lel)
            except ValueError:
                value = float("nan")  # cannot compare: classify() makes it a fault
            out.append((value, sp))
        return out

    def _compile_channel(self, dev, permit_id, code):
        """The setpoints of one (device, permit, measurement): device thresholds and flame
        compare the raw value; gas limits need a unit conversion.  Which limits apply
        depends on the gas (its rule code and LEL), never on the value."""
        thresholds = (dev.get("thresholds") or {}).get(code)
        thresholds = tuple(thresholds) if thresholds else None
        raw = ()
        if code == "flame":
            raw = (alarm.Setpoints("flame", "", (None, None, 0.5)),)
        info = self.config.get("gases", {}).get(code)
        if not info:
            return thresholds, raw, (), None, None
        probe = gas.GasReading(info["rule"], 0.0, "", info.get("lel"), info.get("mm"))
        candidates = self._setpoints.get((permit_id, info["rule"].casefold()), [])
        applicable = {id(x) for x in gas.applicable_limits(probe, [c[0] for c in candidates])}
        converted = tuple((rule.unit, sp) for rule, sp in candidates if id(rule) in applicable)
        return thresholds, raw, converted, info.get("mm"), info.get("lel")

    def evaluate(self, reading, now):
        """Evaluate a live reading.  Returns (events, critical permit ids)."""
        events, critical = [], set()
        with self.lock:
            self._seen(reading)
            self.last_seen[reading.device] = now
            qualities = {m.quality for m in reading.measurements}
            self.quality[reading.device] = "good" if qualities <= {"good"} else "bad"
            dev = self.device(reading.device)
            if not dev:
                return events, critical
            events.extend(self._refresh_faults(reading.device, dev, now))
            for permit_id in dev.get("permits", []):
                for m in reading.measurements:
                    channel_levels = []
                    for value, sp in self._channel_setpoints(dev, permit_id, m,
                                                             reading.device):
                        key = (reading.device, m.code, permit_id, sp.unit)
                        side = self.sides.get(key)
                        level = alarm.classify(value, sp, self.levels.get(key, alarm.NORMAL),
                                               side)
                        self.sides[key] = alarm.tripped_side(value, sp, level, side)
                        if m.quality != "good":
                            level = alarm.worst(level, alarm.FAULT)
                        if sp.twa is not None or sp.stel is not None:
                            # on the bridge's clock: a device clock running ahead must
                            # not stop the windows (a live reading is fresh anyway)
                            exp = self.exposure.get(key)
                            if exp is None:
                                exp = self.exposure[key] = alarm.Exposure()
                            exp.add(now, value)
                            level = alarm.worst(level, alarm.exposure_level(exp, now, sp))
                        self.levels[key] = level
                        channel_levels.append((level, value, sp))
                    if not channel_levels:
                        continue
                    level, value, sp = max(channel_levels, key=lambda x: alarm.rank(x[0]))
                    ckey = (reading.device, m.code, permit_id)
                    previous = self.levels.get(ckey, alarm.NORMAL)
                    if level != previous:
                        self.levels[ckey] = level
                        events.append({
                            "type": "level", "device": reading.device, "code": m.code,
                            "permit": permit_id, "level": level, "previous": previous,
                            "value": round(value, 6) if value == value else None,
                            "unit": sp.unit, "raw": m.value, "raw_unit": m.unit,
                            "ts": reading.ts, "received": now,
                            "limit": sp.high[2] if sp.high[2] is not None else sp.low[2],
                        })
                        if level == alarm.CRITICAL:
                            critical.add(permit_id)
        return events, critical

    # ------------------------------------------------------------ faults
    def set_online(self, device, online, now):
        with self.lock:
            self.online[device] = online
            if online:
                self.last_seen[device] = now
            dev = self.device(device)
            return self._refresh_faults(device, dev, now) if dev else []

    def _refresh_faults(self, code, dev, now):
        if dev.get("kind") not in SENSOR_KINDS or not dev.get("permits"):
            return []
        settings = self.settings(dev.get("company"))
        due = self._due.get(code)
        if due is None:
            due = (_date(dev.get("cal_due")), _date(dev.get("bump_due")))
        reasons = tuple(alarm.fault_reasons(
            now=now, last_seen=self.last_seen.get(code),
            reporting_interval_s=dev.get("interval") or 60,
            keepalive_s=settings.get("keepalive_s", 0),
            stale_factor=settings.get("stale_factor", 3.0),
            online=self.online.get(code, True), quality=self.quality.get(code, "good"),
            calibration_due=due[0], bump_test_due=due[1], today=self._date_of(now)))
        events = []
        for permit_id in dev["permits"]:
            previous = self.faults.get((code, permit_id), ())
            if reasons != previous:
                self.faults[code, permit_id] = reasons
                events.append({"type": "level", "device": code, "code": FAULT_CHANNEL,
                               "permit": permit_id,
                               "level": alarm.FAULT if reasons else alarm.NORMAL,
                               "previous": alarm.FAULT if previous else alarm.NORMAL,
                               "reasons": list(reasons), "ts": now, "received": now})
        return events

    def _date_of(self, now):
        """date.fromtimestamp(now), recomputed once a minute (a date changes at most once
        a day; local midnight is on a whole minute in every time zone)."""
        minute = int(now // 60)
        cached_minute, cached = self._today
        if minute != cached_minute:
            cached = date.fromtimestamp(now)
            self._today = (minute, cached)
        return cached

    def check_stale(self, now):
        """Called every second by the watchdog: silent, offline or overdue sensors."""
        events = []
        with self.lock:
            for code, dev in self.config.get("devices", {}).items():
                events.extend(self._refresh_faults(code, dev, now))
        return events

    def fault_permits(self, events):
        """Permits to trip for new faults, where the device's company says a fault
        suspends."""
        return {e["permit"] for e in events
                if e["code"] == FAULT_CHANNEL and e["level"] == alarm.FAULT
                and e["previous"] != alarm.FAULT
                and self.device_settings(e["device"]).get("fault_action") == "suspend"}

    # ------------------------------------------------------------ device events
    def device_event(self, event, now):
        """A helmet / wearable event: an alarm bound to the worker and their permits."""
        with self.lock:
            dev = self.device(event.device) or {}
            level = payload.EVENT_LEVELS.get(event.kind)
            return {"type": "device_event", "device": event.device, "kind": event.kind,
                    "level": level, "permits": dev.get("permits", []), "ts": event.ts,
                    "received": now, "pos": event.position, "badge": event.badge,
                    "detail": event.detail, "historical": event.historical,
                    "boot": event.boot, "seq": event.seq}

    def actuators_for(self, permit_ids):
        with self.lock:
            permits = self.config.get("permits", {})
            actuators = self.config.get("actuators", {})
            out = {}
            for pid in permit_ids:
                for code in permits.get(str(pid), {}).get("actuators", []):
                    if code in actuators:
                        out.setdefault(code, []).append(pid)
            return out


def _date(value):
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
