"""The WorkSafe MQTT bridge: broker → local evaluation → interlock, spool → Odoo.

Threads
-------
* paho network thread: parses each message, evaluates live readings against the active
  permits' limits and publishes interlock commands at once (retained desired state, QoS 1);
  everything it produced is handed to the writer with the message id.  Every callback is
  guarded: an exception dead-letters the message, it never kills the thread.
* writer: commits batches to the SQLite spool, *then* sends the PUBACKs (manual ack).
* shippers, one per lane (readings, events), so that readings keep flowing while a storm
  of alarm events is being stored: each sends its lane of the spool to Odoo in order, in
  batches; what Odoo confirmed is deleted by the writer, what it refused moves to the
  dead letters.  A timeout means Odoo may still be working: the lane halves its batch and
  doubles its timeout (and Odoo answers "busy" to a copy while the first one runs), so a
  batch is never sent again while Odoo still stores it; backs off while Odoo is
  unreachable.
* watchdog: staleness of sensors (own clock), heartbeat through the broker to detect a dead
  or hung network thread (then rebuilds the client), config refresh.
"""

import collections
import contextlib
import itertools
import json
import logging
import os
import struct
import threading
import time
import uuid

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from ._rules import payload as pl
from .engine import Engine
from .sink import SinkBusy, SinkError, SinkTimeout
from .spool import KINDS, Spool

_logger = logging.getLogger("worksafe_iot.bridge")

_PUBACK = struct.Struct("!BBH")


class _Client(mqtt.Client):
    """paho's client, reading a burst of packets per wake-up.

    paho 2.x reads ONE packet per ``select()`` (then runs its write and keepalive steps):
    under load that is a select, a loop_misc and a loop iteration per message.  This reads
    up to ``READ_BURST`` packets while they are available (the socket is non-blocking) and
    stops as soon as something waits to be written, so an interlock command published from
    ``on_message`` or a batch of PUBACKs leaves at once."""

    READ_BURST = 64

    def loop_read(self, max_packets=1):
        for _ in range(self.READ_BURST):
            if self._sock is None:
                return mqtt.MQTTErrorCode.MQTT_ERR_NO_CONN
            rc = self._packet_read()
            if rc > 0:
                return self._loop_rc_handle(rc)
            if rc == mqtt.MQTTErrorCode.MQTT_ERR_AGAIN or self._out_packet:
                break
        return mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS


if not all(hasattr(mqtt.Client, name) for name in ("_packet_read", "_loop_rc_handle",
                                                    "_packet_queue")):
    _Client = mqtt.Client  # noqa: F811 - another paho: keep its own loop


def _ack_all(client, mids):
    """PUBACK ``mids`` (QoS 1, manual ack) on ``client``: one write of all the 4-byte
    PUBACK packets (MQTT 5: no reason code = success) instead of one queued packet, one
    wake-up byte and one socket send per message."""
    queue_packet = getattr(client, "_packet_queue", None)
    if queue_packet is None or _Client is mqtt.Client:
        for mid in mids:
            client.ack(mid, 1)
        return
    for start in range(0, len(mids), 4096):
        chunk = mids[start:start + 4096]
        queue_packet(0x40, b"".join([_PUBACK.pack(0x40, 2, mid) for mid in chunk]),
                     chunk[-1], 0)


def _is_interlock(event_json):
    """Whether a spooled event (JSON text) is an interlock trip: Odoo's configuration
    changes after one (suspended permits), so the bridge asks for it again.  Parsed, not
    searched as text: a spool written with other JSON spacing (an earlier bridge, another
    encoder) must not hide a trip."""
    try:
        event = json.loads(event_json)
    except ValueError:
        return False
    return isinstance(event, dict) and event.get("type") == "interlock"


class BridgeConfig:
    def __init__(self, **values):
        self.mqtt_host = "127.0.0.1"
        self.mqtt_port = 1883
        self.mqtt_username = None
        self.mqtt_password = None
        self.mqtt_tls = False
        self.keepalive = 10
        self.prefix = pl.DEFAULT_PREFIX  # until Odoo's configuration says otherwise
        self.bridge_id = "bridge1"
        self.session_expiry = 7 * 24 * 3600
        self.receive_maximum = 2000
        self.spool_path = "worksafe-bridge.sqlite3"
        self.spool_sync = "FULL"
        self.batch_size = 5000         # readings per request, at most
        self.event_batch_size = 500    # events per request, at most (each is ORM work)
        self.http_timeout_s = 10.0     # first timeout of a lane; doubles after a timeout
        self.http_timeout_max_s = 120.0
        # a part-filled readings batch waits this long for more (one request, one Odoo
        # authentication and transaction, for many readings); alarms never wait
        self.ship_linger_s = 0.05
        self.writer_batch = 2000
        self.dead_letter_keep = 100000      # dead letters kept in the spool, at most...
        self.dead_letter_days = 30.0        # ...and for this long
        self.config_refresh_s = 30.0
        self.config_full_refresh_s = 600.0  # whatever the version says, now and then
        self.heartbeat_s = 2.0
        self.retry_max_s = 5.0
        self.sparkplug = True
        self.__dict__.update(values)

    @property
    def client_id(self):
        return f"worksafe-bridge-{self.bridge_id}"


def _guard(bridge, name):
    def decorator(func):
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:  # noqa: BLE001 - a callback must never kill paho's thread
                bridge.stats["callback_errors"] += 1
                _logger.exception("bridge: error in %s", name)
                return None
        return wrapper
    return decorator


class Bridge:
    def __init__(self, config: BridgeConfig, sink, clock=time.time):
        self.cfg = config
        self.sink = sink
        self.clock = clock
        self.engine = Engine()
        self.spool = Spool(config.spool_path, config.spool_sync)
        # paho thread / watchdog -> writer: a deque (atomic append) and a wake-up event set
        # only when the writer may be asleep (no lock and notify per message)
        self.queue = collections.deque()
        self._writer_wake = threading.Event()
        # per lane, spool ids: what Odoo confirmed (set by the shipper) and what the writer
        # deleted; ids Odoo refused (the writer moves them to the dead letters)
        self._confirmed = dict.fromkeys(KINDS, 0)
        self._deleted = dict.fromkeys(KINDS, 0)
        self._refused = collections.deque()
        self._event_ids = itertools.count(1)
        self._run_id = uuid.uuid4().hex[:12]
        self.stats = {"received": 0, "stored": 0, "shipped": 0, "dead_letters": 0,
                      "callback_errors": 0, "interlocks": 0, "replayed": 0,
                      "client_restarts": 0, "odoo_errors": 0, "events_shipped": 0,
                      "odoo_timeouts": 0, "odoo_busy": 0, "refused": 0}
        self.odoo_up = False
        self.client = None
        self._stop = threading.Event()
        # one wake-up per shipper lane: a lane clears only its own (a shared event left
        # set by a busy lane made the other one spin on the spool)
        self._shipper_wake = {kind: threading.Event() for kind in KINDS}
        self._config_dirty = threading.Event()
        self._threads = []
        self._last_echo = time.monotonic()
        self._last_trip = {}        # actuator -> cmd_id of the last trip we published
        self._published_state = {}  # actuator -> cmd_id we last published
        self._connected = threading.Event()
        # after a prefix change: (old subscriptions, old status topic), cleaned up by the
        # next connection
        self._stale_topics = None
        self.trip_listeners = []    # callables(actuator, payload): tests and benchmarks
        self._set_topics(config.prefix)
        self._load_cached_config()

    def _set_topics(self, prefix):
        bid = self.cfg.bridge_id
        self.cfg.prefix = prefix
        self.t_status = f"{prefix}/_bridge/{bid}/status"
        self.t_heartbeat = f"{prefix}/_bridge/{bid}/heartbeat"
        self.t_dead = f"{prefix}/_deadletter/{bid}"
        self.t_config = pl.config_topic(prefix)

    def _subscriptions(self):
        p = self.cfg.prefix
        topics = [(f"{p}/+/+/+/{kind}", 1) for kind in ("data", "event", "status", "ack")]
        topics += [(self.t_heartbeat, 0), (self.t_config, 1)]
        if self.cfg.sparkplug:
            topics.append(("spBv1.0/#", 1))
        return topics

    def _apply_prefix(self, config):
        """Take the topic prefix from Odoo's configuration (its one source): on a change,
        move the subscriptions of the persistent session to the new topics."""
        prefix = (config.get("mqtt") or {}).get("prefix")
        if not pl.valid_prefix(prefix) or prefix == self.cfg.prefix:
            return
        old = [topic for topic, _qos in self._subscriptions()
               if not topic.startswith("spBv1.0")]
        old_status = self.t_status
        _logger.info("bridge: topic prefix %s -> %s (from Odoo)", self.cfg.prefix, prefix)
        self._set_topics(prefix)
        if self.client is not None:
            # the connection's last will (and its retained status) name the old prefix:
            # only a new connection — same persistent session — carries the new will; it
            # drops the old subscriptions and clears the old retained status once up
            self._stale_topics = (old, old_status)
            self._restart_client()

    # ------------------------------------------------------------------ lifecycle
    def start(self, wait_connected=10.0):
        self.refresh_config()
        self._make_client()
        targets = [(self._writer, "writer"), (self._watchdog, "watchdog")]
        targets += [(lambda kind=kind: self._shipper(kind), f"shipper-{kind}")
                    for kind in KINDS]
        for target, name in targets:
            thread = threading.Thread(target=target, name=f"bridge-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if wait_connected:
            self._connected.wait(wait_connected)
        return self

    def stop(self):
        self._stop.set()
        for wake in self._shipper_wake.values():
            wake.set()
        for thread in self._threads:
            thread.join(10)
        self._flush_confirmed()
        if self.client is not None:
            try:
                self.client.publish(self.t_status, json.dumps({"online": False}), 1, True)
                self.client.disconnect()
            finally:
                self.client.loop_stop()
        self.spool.close()

    # ------------------------------------------------------------------ MQTT
    def _make_client(self):
        cfg = self.cfg
        client = _Client(mqtt.CallbackAPIVersion.VERSION2, client_id=cfg.client_id,
                             protocol=mqtt.MQTTv5, manual_ack=True)
        if cfg.mqtt_username:
            client.username_pw_set(cfg.mqtt_username, cfg.mqtt_password)
        if cfg.mqtt_tls:
            client.tls_set()
        client.max_inflight_messages_set(1000)
        client.max_queued_messages_set(0)
        client.reconnect_delay_set(0.5, 5)
        client.will_set(self.t_status, json.dumps({"online": False, "bridge": cfg.bridge_id}),
                        qos=1, retain=True)
        client.on_connect = _guard(self, "on_connect")(self._on_connect)
        client.on_disconnect = _guard(self, "on_disconnect")(self._on_disconnect)
        client.on_message = _guard(self, "on_message")(self._on_message)
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = cfg.session_expiry
        props.ReceiveMaximum = cfg.receive_maximum
        client.connect_async(cfg.mqtt_host, cfg.mqtt_port, cfg.keepalive, clean_start=False,
                             properties=props)
        client.loop_start()
        self.client = client
        self._last_echo = time.monotonic()

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            _logger.warning("bridge: broker refused the connection: %s", reason_code)
            return
        client.subscribe(self._subscriptions())
        stale, self._stale_topics = self._stale_topics, None
        if stale:
            topics, status = stale
            client.unsubscribe(topics)
            client.publish(status, b"", 1, True)  # clears the old prefix's retained status
        client.publish(self.t_status, json.dumps({"online": True, "bridge": self.cfg.bridge_id,
                                                  "ts": self.clock()}), 1, True)
        self._last_echo = time.monotonic()
        self._connected.set()
        _logger.info("bridge: connected to %s:%s (session present: %s)", self.cfg.mqtt_host,
                     self.cfg.mqtt_port, flags.session_present)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties):
        self._connected.clear()
        _logger.info("bridge: disconnected (%s)", reason_code)

    def _on_message(self, client, userdata, msg):
        now = self.clock()
        topic = msg.topic
        # any message proves the network thread alive (under a backlog the heartbeat
        # echo waits behind queued readings)
        self._last_echo = time.monotonic()
        if topic == self.t_heartbeat:
            return
        self.stats["received"] += 1
        try:
            if topic == self.t_config:
                self._config_dirty.set()
                records = []
            else:
                records = self._handle(pl.parse(topic, msg.payload, now, self.cfg.prefix),
                                       msg, now)
        except Exception as error:  # noqa: BLE001 - bad payload or a bug: dead-letter it
            self._dead_letter(client, msg, error, now)
            return
        self._enqueue((records, (), client, msg.mid, msg.qos))

    def _enqueue(self, item):
        self.queue.append(item)
        if not self._writer_wake.is_set():
            self._writer_wake.set()

    def _dead_letter(self, client, msg, error, now):
        self.stats["dead_letters"] += 1
        reason = str(error)[:300] if isinstance(error, pl.PayloadError) else \
            f"{type(error).__name__}: {str(error)[:250]}"
        body = json.dumps({"topic": msg.topic, "error": reason, "ts": now,
                           "payload": msg.payload[:2048].decode("utf-8", "replace")})
        client.publish(self.t_dead, body, qos=1)
        self._enqueue(([], [(now, msg.topic, bytes(msg.payload[:65536]), reason)], client,
                        msg.mid, msg.qos))

    def _handle(self, parsed, msg, now):
        records = []
        for item in parsed if isinstance(parsed, list) else [parsed]:
            if isinstance(item, pl.Reading):
                # retained: the broker's copy of an old message.  A redelivery (dup) alone
                # says nothing: a message never acknowledged may never have been judged.
                replay = msg.retain or self.engine.is_replay(item, now)
                row = item.as_row(now)
                if replay:
                    row["h"] = True
                records.append(("r", row))
                if replay:  # stored, never evaluated: replayed data must not trip
                    self.stats["replayed"] += 1
                    continue
                events, critical = self.engine.evaluate(item, now)
                if critical:
                    reason = next((f"{e['code']} {e['raw']} {e['raw_unit']} on {e['device']}"
                                   for e in events if e["level"] == "critical"), "critical")
                    events += self.trip(critical, reason, now)
                records.extend(("e", e) for e in events)
            elif isinstance(item, pl.Status):
                events = self.engine.set_online(item.device, item.online, now)
                records.append(("e", {"type": "status", "device": item.device,
                                      "online": item.online, "ts": item.ts or now}))
                records.extend(("e", e) for e in events)
                records.extend(("e", e) for e in self._fault_trips(events, now))
            elif isinstance(item, pl.DeviceEvent):
                event = self.engine.device_event(item, now)
                event["historical"] = event["historical"] or msg.retain or (
                    now - item.ts > self.engine.historical_age(item.device))
                records.append(("e", event))
            elif isinstance(item, pl.Ack):
                records.append(("e", {"type": "ack", "device": item.device,
                                      "cmd_id": item.cmd_id, "state": item.state,
                                      "ts": item.ts, "received": now}))
        return records

    def _fault_trips(self, events, now):
        permits = self.engine.fault_permits(events)
        return self.trip(permits, "sensor fault", now) if permits else []

    # ------------------------------------------------------------------ interlocks
    def trip(self, permit_ids, reason, now):
        """Publish the interlock commands for these permits (retained desired state)."""
        events = []
        for actuator, permits in self.engine.actuators_for(permit_ids).items():
            info = self.engine.config["actuators"][actuator]
            cmd_id = f"{self.cfg.bridge_id}-{uuid.uuid4().hex[:12]}"
            body = pl.interlock_payload(cmd_id, "trip", reason, now, permits)
            self.client.publish(info["topic"] + "/cmd", body, qos=1, retain=True)
            self._last_trip[actuator] = cmd_id
            self._published_state[actuator] = cmd_id
            self.stats["interlocks"] += 1
            for listener in self.trip_listeners:
                listener(actuator, body)
            events.append({"type": "interlock", "actuator": actuator, "cmd_id": cmd_id,
                           "state": "trip", "permits": permits, "reason": reason, "ts": now})
        return events

    def _sync_interlocks(self):
        """Publish the releases Odoo asked for: only for the trip Odoo has recorded, so a
        stale configuration can never undo a trip it has not seen yet."""
        for actuator, desired in (self.engine.config.get("interlocks") or {}).items():
            info = self.engine.config.get("actuators", {}).get(actuator)
            if not info or desired.get("state") != "release":
                continue
            if desired.get("cmd_id") == self._published_state.get(actuator):
                continue
            last_trip = self._last_trip.get(actuator)
            if last_trip and desired.get("after") != last_trip:
                continue
            body = pl.interlock_payload(desired["cmd_id"], "release", "released in Odoo",
                                        self.clock(), desired.get("permits", []))
            self.client.publish(info["topic"] + "/cmd", body, qos=1, retain=True)
            self._published_state[actuator] = desired["cmd_id"]
            self._last_trip.pop(actuator, None)

    # ------------------------------------------------------------------ config
    def _cache_path(self):
        return self.cfg.spool_path + ".config.json"

    def _load_cached_config(self):
        try:
            with open(self._cache_path(), encoding="utf-8") as fh:
                config = json.load(fh)
        except (OSError, ValueError):
            return
        self.engine.load(config, self.clock())
        self._apply_prefix(config)

    def refresh_config(self, full=False):
        """Ask Odoo for the configuration since the version we hold (a cheap "unchanged"
        answer in the common case); ``full``: whatever the version."""
        since = None if full else self.engine.config.get("version")
        try:
            config = self.sink.get_config(since=since) if since else self.sink.get_config()
        except SinkError as error:
            _logger.warning("bridge: config refresh failed (%s); keeping the last one", error)
            return False
        if config.get("unchanged"):
            return True
        self.engine.load(config, self.clock())
        self._apply_prefix(config)
        tmp = self._cache_path() + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(config, fh)
        os.replace(tmp, self._cache_path())
        if self.client is not None:
            self._sync_interlocks()
        return True

    # ------------------------------------------------------------------ threads
    def _flush_confirmed(self):
        """(stop) forget what Odoo confirmed, move what it refused to the dead letters."""
        refused = self._take_refused()
        delete = {k: c for k, c in self._confirmed.items() if c > self._deleted[k]}
        if delete or refused:
            self.spool.put([], (), delete, refused, self.clock())
            self._deleted.update(delete)

    def _take_refused(self):
        refused = []
        while self._refused:
            refused.append(self._refused.popleft())
        return refused

    def _writer(self):
        pending = self.queue
        last_prune = 0.0
        while not self._stop.is_set():
            if not pending and self._confirmed == self._deleted and not self._refused:
                self._writer_wake.wait(0.2)
            # clear before taking: an append after this point sets the event again
            self._writer_wake.clear()
            items = []
            while pending and len(items) < self.cfg.writer_batch:
                items.append(pending.popleft())
            confirmed = dict(self._confirmed)
            delete = {k: c for k, c in confirmed.items() if c > self._deleted[k]} or None
            refused = self._take_refused()
            mono = time.monotonic()
            if mono - last_prune > 60:
                last_prune = mono
                try:
                    self.spool.prune_dead(self.cfg.dead_letter_keep,
                                          self.cfg.dead_letter_days * 86400, self.clock())
                except Exception:  # noqa: BLE001 - pruning is housekeeping
                    _logger.exception("bridge: dead-letter pruning failed")
            if not items and delete is None and not refused:
                continue
            records = [r for item in items for r in item[0]]
            for kind, body in records:
                if kind == "e" and "id" not in body:
                    # the event's id: Odoo applies each once, however often it is sent
                    body["id"] = f"{self.cfg.bridge_id}:{self._run_id}:{next(self._event_ids)}"
            dead = [d for item in items for d in item[1]]
            while True:
                try:
                    self.spool.put(records, dead, delete, refused, self.clock())
                    break
                except Exception:  # noqa: BLE001 - disk full...: retry, never ack unsaved
                    _logger.exception("bridge: spool write failed; retrying")
                    if self._stop.wait(1.0):
                        return
            if delete is not None:
                self._deleted.update(delete)
            if not items:
                continue
            self.stats["stored"] += len(records)
            for kind in {kind for kind, _body in records}:
                self._shipper_wake[kind].set()
            # acknowledge only now (the batch is committed), per connection, in order
            by_client = {}
            for _records, _dead, client, mid, qos in items:
                if mid is None or not qos:
                    continue
                if qos == 1:
                    by_client.setdefault(client, []).append(mid)
                else:
                    client.ack(mid, qos)
            for client, mids in by_client.items():
                _ack_all(client, mids)

    def _shipper(self, kind):
        """Ship one lane (``r`` readings, ``e`` events) of the spool, in order.

        A timeout does not mean Odoo failed: it may still be storing the batch.  So the
        lane waits before resending, sends half as much with twice the time (Odoo answers
        "busy" while the first copy still runs, and skips what that copy committed), and
        grows back once answers come quickly."""
        most = self.cfg.batch_size if kind == "r" else self.cfg.event_batch_size
        # readings are cheap per row (one statement per batch): a slow answer is Odoo's
        # load, not the batch's size; events are ORM work each
        least = min(most, 100) if kind == "r" else 1
        batch, timeout = most, self.cfg.http_timeout_s
        delay = 0.2
        while not self._stop.is_set():
            # confirmed rows may still wait for the writer to delete them: skip them
            rows = self.spool.take(batch, raw=True, after=self._confirmed[kind], kind=kind)
            if not rows:
                wake = self._shipper_wake[kind]
                wake.wait(0.2)
                wake.clear()
                continue
            if kind == "r" and len(rows) < batch and self.cfg.ship_linger_s > 0:
                if self._stop.wait(self.cfg.ship_linger_s):
                    break
                rows = self.spool.take(batch, raw=True, after=self._confirmed[kind],
                                       kind=kind)
            bodies = [body for _i, _kind, body in rows]
            readings, events = (bodies, []) if kind == "r" else ([], bodies)
            started = time.monotonic()
            try:
                if hasattr(self.sink, "send_json"):
                    answer = self.sink.send_json(readings, events, self._public_stats(),
                                                 timeout=timeout)
                else:
                    answer = self.sink.send([json.loads(r) for r in readings],
                                            [json.loads(e) for e in events],
                                            self._public_stats())
            except SinkError as error:
                if isinstance(error, SinkTimeout):
                    self.stats["odoo_timeouts"] += 1
                    batch = max(least, batch // 2)
                    timeout = min(timeout * 2, self.cfg.http_timeout_max_s)
                    _logger.warning("bridge: %s lane: no answer in time; next: %s rows, "
                                    "%s s", kind, batch, timeout)
                elif isinstance(error, SinkBusy):
                    self.stats["odoo_busy"] += 1
                else:
                    self.stats["odoo_errors"] += 1
                    if self.odoo_up or self.stats["odoo_errors"] == 1:
                        _logger.warning("bridge: Odoo unreachable, spooling (%s)", error)
                    self.odoo_up = False
                self._stop.wait(delay)
                delay = min(delay * 2, self.cfg.retry_max_s)
                continue
            if not self.odoo_up:
                _logger.info("bridge: Odoo reachable, %s rows pending", self.spool.pending())
            self.odoo_up = True
            delay = 0.2
            elapsed = time.monotonic() - started
            if elapsed < timeout / 4:
                batch = min(most, batch * 2)
                timeout = max(self.cfg.http_timeout_s, timeout / 2)
            refused = (answer or {}).get("rejected_readings" if kind == "r"
                                         else "rejected_events") or []
            refused = [rows[i][0] for i in refused
                       if isinstance(i, int) and 0 <= i < len(rows)]
            if refused:
                self.stats["refused"] += len(refused)
                self._refused.extend(refused)
            # the writer deletes them in its next transaction (one writer: no lock fight)
            self._confirmed[kind] = rows[-1][0]
            self._writer_wake.set()
            if kind == "r":
                self.stats["shipped"] += len(readings)
            else:
                self.stats["events_shipped"] += len(events)
                if any(_is_interlock(e) for e in events):
                    self._config_dirty.set()

    def _public_stats(self):
        return dict(self.stats, bridge=self.cfg.bridge_id)

    def _watchdog(self):
        last_refresh = last_full = time.monotonic()
        last_beat = 0.0
        while not self._stop.wait(0.5):
            mono = time.monotonic()
            try:
                now = self.clock()
                events = self.engine.check_stale(now)
                if events:
                    records = [("e", e) for e in events]
                    records += [("e", e) for e in self._fault_trips(events, now)]
                    self._enqueue((records, (), None, None, 0))
                if mono - last_beat >= self.cfg.heartbeat_s and self.client is not None:
                    last_beat = mono
                    self.client.publish(self.t_heartbeat, b"1", qos=0)
                    thread = getattr(self.client, "_thread", None)
                    dead = thread is not None and not thread.is_alive()
                    silent = (self._connected.is_set()
                              and mono - self._last_echo > 3 * self.cfg.heartbeat_s + 1)
                    if dead or silent:
                        _logger.warning("bridge: network thread %s: rebuilding the client",
                                        "dead" if dead else "silent")
                        self.stats["client_restarts"] += 1
                        self._restart_client()
                # a push or an interlock batch asks for a refresh: at most once a second
                # (an alarm storm must not turn into a configuration storm)
                if (self._config_dirty.is_set() and mono - last_refresh >= 1.0) or \
                        mono - last_refresh > self.cfg.config_refresh_s:
                    self._config_dirty.clear()
                    last_refresh = mono
                    full = mono - last_full > self.cfg.config_full_refresh_s
                    if full:
                        last_full = mono
                    self.refresh_config(full=full)
            except Exception:  # noqa: BLE001 - the watchdog must outlive everything
                _logger.exception("bridge: watchdog error")

    def _restart_client(self):
        old = self.client
        with contextlib.suppress(Exception):  # noqa: BLE001
            old.loop_stop()
        with contextlib.suppress(Exception):  # noqa: BLE001
            old.disconnect()
        self._connected.clear()
        self._make_client()
