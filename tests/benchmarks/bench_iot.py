#!/usr/bin/env python3
"""WorkSafe IoT benchmark: end-to-end readings/s into Odoo and alarm latency.

    python3 tests/benchmarks/bench_iot.py [--config /tmp/dev.conf] [--db wsiot_bench]
                                          [--readings 50000] [--samples 1000] [--rate 1000]
                                          [--storm-seconds 30] [--trips 100]
                                          [--memory-minutes 10]

One run prints:
  0. the baseline: a raw paho → PostgreSQL consumer (QoS 1 persistent session, manual ack
     after ``execute_values … ON CONFLICT DO NOTHING`` and commit, one table) draining the
     same number of queued readings, and the end-to-end drain as a ratio of it (--repeat
     pairs, each raw drain right before the bridge's, median reported);
  1. readings per second stored in Odoo end to end: a paho publisher (QoS 1) → Mosquitto
     (the production config, tests/ derivation) → ONE bridge process (python3
     addons/worksafe_iot/bridge, SQLite spool, manual ack) → HTTP bearer endpoint of a real
     Odoo server process (workers=0) → worksafe_iot_reading; timed from the first publish
     until the table holds every reading (polled with SQL);
  2. alarm latency publish → interlock command received (p50/p95/p99/max) with 1,000
     readings/s of background traffic flowing through the same bridge into Odoo;
  3. the raw broker round-trip (publish → subscriber) measured the same way, with the same
     background traffic, as the baseline;
  4. an alarm storm (--storm-seconds at --trips trips/s on top of --rate readings/s): the
     longest stall of reading ingestion (time without growth while readings are pending),
     readings lost, trips published by the bridge vs interlocks recorded in Odoo, and the
     alarm latency (publish → command) during the storm;
  5. the bridge's resident memory every 30 s for --memory-minutes at full rate with a
     STEL/TWA limit active on every reading (0 skips it).

Creates (or reuses) the database --db with worksafe_iot installed, a bench area, a gas
detector, a relay, and an active permit bound to them (forced to 'active' with the
permit's own transition context: the benchmark is not about the permit workflow).
"""

import argparse
import configparser
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime

import psycopg2

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDON = os.path.join(REPO, "addons", "worksafe_iot")
# the tests' broker and client helpers (a module without package imports)
sys.path.insert(0, os.path.join(ADDON, "tests"))

from mqtt_broker import Broker, Client, free_port, wait_for  # noqa: E402


def sh(*cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def db_params(conf):
    parser = configparser.ConfigParser()
    parser.read(conf)
    opt = parser["options"] if parser.has_section("options") else {}
    params = {}
    for key in ("host", "port", "user", "password"):
        value = opt.get("db_" + key)
        if value and value != "False":
            params[key] = value
    return params


def ensure_db(args):
    params = db_params(args.config)
    conn = psycopg2.connect(dbname="postgres", **params)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
        exists = cr.fetchone()
    conn.close()
    installed = False
    if exists:
        conn = psycopg2.connect(dbname=args.db, **params)
        with conn.cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'worksafe_iot'")
            row = cr.fetchone()
            installed = row and row[0] == "installed"
        conn.close()
    if not installed:
        print(f"installing worksafe_iot into {args.db} ...", flush=True)
        sh(sys.executable, "-m", "odoo", "-c", args.config, "-d", args.db, "-i", "worksafe_iot",
           "--stop-after-init", "--log-level=warn")
    return params


SETUP = r"""
import json, sys
from datetime import timedelta
import odoo
from odoo import api, fields, SUPERUSER_ID
from odoo.fields import Command
from odoo.modules.registry import Registry
odoo.tools.config.parse_config(["-c", sys.argv[1], "-d", sys.argv[2]])
registry = Registry(sys.argv[2])
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    area = env["worksafe.area"].search([("name", "=", "Bench area")], limit=1) or \
        env["worksafe.area"].create({"name": "Bench area"})
    Device = env["worksafe.iot.device"]
    detector = Device.search([("code", "=", "BENCH-GD")]) or Device.create(
        {"name": "Bench detector", "code": "BENCH-GD", "kind": "gas_fixed", "area_id": area.id,
         "reporting_interval": 3600})
    relay = Device.search([("code", "=", "BENCH-RL")]) or Device.create(
        {"name": "Bench relay", "code": "BENCH-RL", "kind": "relay", "area_id": area.id})
    o2 = env.ref("worksafe_permit.gas_o2")
    wt = env["worksafe.work.type"].search([], limit=1)
    employee = env["hr.employee"].search([], limit=1) or env["hr.employee"].create(
        {"name": "Bench performer"})
    permit = env["worksafe.permit"].search([("description", "=", "bench permit"),
                                            ("state", "=", "active")], limit=1)
    now = fields.Datetime.now()
    if not permit:
        permit = env["worksafe.permit"].create({
            "work_type_id": wt.id, "area_id": area.id, "performing_authority_id": employee.id,
            "planned_start": now - timedelta(hours=1), "planned_end": now + timedelta(days=30),
            "description": "bench permit"})
        permit.gas_limit_ids = [Command.clear(), Command.create(
            {"gas_id": o2.id, "unit": "%vol", "has_min": True, "min_value": 19.5,
             "has_max": True, "max_value": 23.5})]
        permit.sudo().write({"state": "active"})
    h2s = env.ref("worksafe_permit.gas_h2s")
    if not permit.gas_limit_ids.filtered(lambda lim: lim.gas_id == h2s):
        # a STEL/TWA limit: every reading feeds the exposure windows (memory run)
        permit.gas_limit_ids = [Command.create(
            {"gas_id": h2s.id, "unit": "ppm", "has_max": True, "max_value": 50.0,
             "has_stel": True, "stel_value": 15.0, "has_twa": True, "twa_value": 10.0})]
    detector.permit_id = permit
    relay.permit_id = permit
    env.cr.execute("DELETE FROM worksafe_iot_reading WHERE device_code = 'BENCH-GD'")
    env.cr.execute("CREATE TABLE IF NOT EXISTS bench_raw_reading (device varchar, boot int,"
                   " seq bigint, ts double precision, body jsonb, PRIMARY KEY (device, boot,"
                   " seq))")
    env.cr.execute("TRUNCATE bench_raw_reading")
    bridge = env.ref("worksafe_iot.user_iot_bridge")
    key = env["res.users.apikeys"].with_user(bridge).sudo()._generate(None, "bench", None)
    cr.commit()
    print(json.dumps({"key": key, "detector_topic": detector.topic_base,
                      "relay_topic": relay.topic_base, "permit": permit.id}))
"""


def setup_odoo(args):
    out = subprocess.run([sys.executable, "-c", SETUP, args.config, args.db], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_odoo(args, port):
    log = open(os.path.join(args.tmp, "odoo.log"), "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "odoo", "-c", args.config, "-d", args.db, "--http-port", str(port),
         "--http-interface", "127.0.0.1", "--workers", "0", "--max-cron-threads", "0",
         "--db-filter", f"^{args.db}$", "--log-level", "warn"], stdout=log, stderr=log)
    import urllib.request

    def up():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=2)
            return True
        except Exception:  # noqa: BLE001
            if proc.poll() is not None:
                raise RuntimeError("odoo exited; see " + log.name) from None
            return False

    wait_for(up, 120, 0.5, "the Odoo server")
    return proc


def start_bridge(args, broker, odoo_port, key):
    conf = os.path.join(args.tmp, "bridge.conf")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write(f"[mqtt]\nhost = 127.0.0.1\nport = {broker.port}\n"
                 f"[odoo]\nurl = http://127.0.0.1:{odoo_port}\napi_key = {key}\n"
                 f"[bridge]\nid = bench\nspool = {args.tmp}/spool.sqlite3\n"
                 "config_refresh_s = 3600\nlog_level = warning\n")
    log = open(os.path.join(args.tmp, "bridge.log"), "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, os.path.join(ADDON, "bridge"), "-c", conf],
                            stdout=log, stderr=log)
    probe = Client(broker.port, subscribe=["worksafe/_bridge/bench/status"])
    wait_for(lambda: any(b'"online": true' in m[2] or b'"online":true' in m[2]
                         for m in probe.received()), 30, 0.05, "the bridge online")
    probe.close()
    return proc


def count_rows(params, db):
    conn = psycopg2.connect(dbname=db, **params)
    conn.autocommit = True
    return conn


RAW = r"""
import json, sys, time
import paho.mqtt.client as mqtt
import psycopg2
from psycopg2.extras import execute_values
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
port, topic, dsn = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
conn = psycopg2.connect(**dsn)
pending = []
def on_message(client, userdata, msg):
    d = json.loads(msg.payload)
    pending.append(((d["device"], d["boot"], d["seq"], d["ts"], msg.payload.decode()), msg.mid))
c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-raw", protocol=mqtt.MQTTv5,
                manual_ack=True)
c.max_inflight_messages_set(1000)
c.on_message = on_message
props = Properties(PacketTypes.CONNECT)
props.SessionExpiryInterval = 3600
props.ReceiveMaximum = 2000
c.connect("127.0.0.1", port, 30, clean_start=False, properties=props)
c.subscribe(topic, 1)
c.loop_start()
print("ready", flush=True)
while True:
    time.sleep(0.005)
    batch, pending[:] = pending[:], []
    if not batch:
        continue
    with conn.cursor() as cr:
        execute_values(cr, "INSERT INTO bench_raw_reading VALUES %s ON CONFLICT DO NOTHING",
                       [row for row, _mid in batch], template="(%s, %s, %s, %s, %s::jsonb)")
    conn.commit()
    for _row, mid in batch:
        c.ack(mid, 1)
"""


def raw_baseline(args, broker, params, n):
    """The raw consumer drains ``n`` readings queued for its persistent session: readings/s
    from its start until the table holds them all (same shape as the bridge's drain)."""
    topic = "bench/raw/BENCH-GD/data"
    dsn = dict(params, dbname=args.db)
    first = subprocess.Popen([sys.executable, "-c", RAW, str(broker.port), topic,
                              json.dumps(dsn)], stdout=subprocess.PIPE, text=True)
    first.stdout.readline()  # subscribed: its session now queues while it is away
    first.terminate()
    first.wait(10)
    pub = Client(broker.port)
    for seq in range(1, n + 1):
        info_ = pub.client.publish(topic, payload(seq, 20.9), qos=1)
        if seq % 5000 == 0:
            info_.wait_for_publish(30)
    info_.wait_for_publish(60)
    pub.close()
    conn = count_rows(params, args.db)
    with conn.cursor() as cr:
        cr.execute("TRUNCATE bench_raw_reading")

    def stored():
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM bench_raw_reading")
            return cr.fetchone()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RAW, str(broker.port), topic,
                             json.dumps(dsn)], stdout=subprocess.PIPE, text=True)
    wait_for(lambda: stored() >= n, 600, 0.05, f"{n} raw readings")
    elapsed = time.perf_counter() - t0
    proc.terminate()
    proc.wait(10)
    conn.close()
    return elapsed


def rss_kb(pid):
    with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def storm(args, broker, params, info, stored, data_topic, cmd_topic):
    """--trips trips/s (a normal then a critical reading, each pair one trip) on top of
    --rate background readings/s for --storm-seconds."""
    conn = count_rows(params, args.db)
    with conn.cursor() as cr:
        cr.execute("SELECT coalesce(max(id), 0) FROM worksafe_iot_interlock")
        first_interlock = cr.fetchone()[0]
    before = stored()
    background = Background(broker.port, data_topic, args.rate, 50_000_000)
    actuator = Client(broker.port, subscribe=[cmd_topic])
    sensor = Client(broker.port)
    samples, latencies, seq = [], [], 60_000_000
    background.start()
    t0 = time.perf_counter()
    trips = 0
    while time.perf_counter() - t0 < args.storm_seconds:
        due = t0 + trips / args.trips
        while time.perf_counter() < due:
            samples.append((time.perf_counter(), stored(), background.sent))
            time.sleep(min(0.01, max(0.0, due - time.perf_counter())))
        seq += 2
        sensor.publish(data_topic, payload(seq - 1, 20.9, boot=9), wait=False)
        sent_at = time.perf_counter()
        n_cmd = len(actuator.received("/cmd"))
        sensor.publish(data_topic, payload(seq, 18.0, boot=9), wait=False)
        trips += 1
        latencies.append((sent_at, n_cmd))
    background.close()
    sent = background.sent + 2 * trips
    t_end = time.perf_counter()
    with conn.cursor() as cr:  # what Odoo recorded while the storm lasted
        cr.execute("SELECT count(*) FROM worksafe_iot_interlock WHERE id > %s",
                   [first_interlock])
        during = cr.fetchone()[0]
    while stored() - before < sent and time.perf_counter() - t_end < args.catch_up_s:
        samples.append((time.perf_counter(), stored(), background.sent))
        time.sleep(0.05)
    catch_up = time.perf_counter() - t_end
    commands = actuator.received("/cmd")
    alarm = []
    for sent_at, n_cmd in latencies:
        if len(commands) > n_cmd:
            alarm.append((commands[n_cmd][0] - sent_at) * 1000)
    stall, last_t, last_n = 0.0, samples[0][0], samples[0][1]
    for t, n, _bg in samples:
        if n > last_n:
            last_t, last_n = t, n
        else:
            stall = max(stall, t - last_t)
    # the storm's own commands (not the retained one of an earlier phase, which the
    # actuator receives first on subscribing)
    cmd_ids = [json.loads(body)["cmd_id"] for _t, _topic, body, retained in commands
               if body and not retained]
    deadline = time.perf_counter() + args.catch_up_s
    while _interlocks(conn, first_interlock, cmd_ids) < len(cmd_ids) \
            and time.perf_counter() < deadline:
        time.sleep(0.2)
    recorded = _interlocks(conn, first_interlock, cmd_ids)
    events_behind = time.perf_counter() - t_end  # storm end -> last trip recorded
    actuator.close()
    sensor.close()
    conn.close()
    return {"trips": trips, "commands": len(cmd_ids), "recorded": recorded,
            "sent": sent, "lost": sent - (stored() - before), "stall": stall,
            "catch_up": catch_up, "alarm": alarm, "events_behind": events_behind,
            "during": during, "storm_s": t_end - t0}


def _interlocks(conn, after, cmd_ids):
    with conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM worksafe_iot_interlock WHERE id > %s"
                   " AND cmd_id = ANY(%s)", [after, cmd_ids])
        return cr.fetchone()[0]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def payload(seq, o2, boot=7):
    return json.dumps({"device": "BENCH-GD", "boot": boot, "seq": seq, "ts": time.time(),
                       "m": [{"k": "o2", "v": o2, "u": "%vol"},
                             {"k": "h2s", "v": 0.4, "u": "ppm"}]}, separators=(",", ":"))


def _background(port, topic, rate, seq, stop, sent):
    client = Client(port)
    start = time.perf_counter()
    count = 0
    while not stop.is_set():
        delay = start + count / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        count += 1
        client.publish(topic, payload(seq + count, 20.9), wait=False)
        sent.value = count
    client.close()


class Background:
    """Paced normal readings at ``rate``/s (QoS 1) through the bridge into Odoo, from a
    separate process (so it does not compete with the timing clients for the GIL)."""

    def __init__(self, port, topic, rate, seq0):
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.stop = ctx.Event()
        self._sent = ctx.Value("l", 0)
        self.proc = ctx.Process(target=_background, daemon=True,
                                args=(port, topic, rate, seq0, self.stop, self._sent))

    def start(self):
        self.proc.start()

    @property
    def sent(self):
        return self._sent.value

    def close(self):
        self.stop.set()
        self.proc.join(10)


def measure(sender, listener, topic, make, expect, samples, gap=0.01):
    """Publish ``samples`` messages and time each one until ``expect`` sees it arrive."""
    latencies = []
    for i in range(samples):
        before = len(listener.received(expect))
        t0 = time.perf_counter()
        sender.publish(topic, make(i), wait=False)
        wait_for(lambda: len(listener.received(expect)) > before, 10, 0.0002, "a command")
        latencies.append((listener.received(expect)[before][0] - t0) * 1000)
        time.sleep(gap)
    return latencies


def throughput(args, broker, params, info, stored, data_topic, bridge_proc, odoo_port):
    """1. live end to end; then --repeat times: 0. the raw baseline and 1b. the drain
    after an outage, one right after the other (on a shared machine the load changes from
    minute to minute: each pair is a ratio, the median is reported).  Returns (t_raw,
    t_all, t_pub, t_drain, ratios, the restarted bridge process) with the median pair's
    times."""
    pub = Client(broker.port)
    n = args.readings
    base = stored()
    t0 = time.perf_counter()
    for seq in range(1, n + 1):
        info_ = pub.client.publish(data_topic, payload(seq, 20.9), qos=1)
        if seq % 5000 == 0:
            info_.wait_for_publish(30)
    t_pub = time.perf_counter() - t0
    wait_for(lambda: stored() >= base + n, 600, 0.05, f"{n} readings in Odoo")
    t_all = time.perf_counter() - t0
    print(f"  end to end live {n / t_all:,.0f}/s", flush=True)
    pairs = []
    for k in range(1, args.repeat + 1):
        t_raw = raw_baseline(args, broker, params, n)
        # 1b. drain: the bridge was away (its persistent session queued N readings at the
        # broker); time from its restart until Odoo holds them all. No publisher competes
        # for the CPU here: this is the bridge + Odoo pipeline on its own.
        bridge_proc.terminate()
        bridge_proc.wait(30)
        for seq in range(k * n + 1, (k + 1) * n + 1):
            info_ = pub.client.publish(data_topic, payload(seq, 20.9), qos=1)
            if seq % 5000 == 0:
                info_.wait_for_publish(30)
        info_.wait_for_publish(60)
        t1 = time.perf_counter()
        bridge_proc = start_bridge(args, broker, odoo_port, info["key"])
        wait_for(lambda k=k: stored() >= base + (k + 1) * n, 600, 0.05,
                 f"{(k + 1) * n} readings in Odoo")
        t_drain = time.perf_counter() - t1
        pairs.append((t_raw / t_drain, t_raw, t_drain))
        print(f"  pair {k}: raw {n / t_raw:,.0f}/s, drain {n / t_drain:,.0f}/s "
              f"({t_raw / t_drain:.2f}x raw)", flush=True)
    pub.close()
    _ratio, t_raw, t_drain = sorted(pairs)[len(pairs) // 2]
    return t_raw, t_all, t_pub, t_drain, [p[0] for p in pairs], bridge_proc


def latency(args, broker, data_topic, cmd_topic):
    """2./3. alarm latency through the bridge and the raw broker round trip, with
    background traffic; returns (alarm ms, baseline ms, the background)."""
    background = Background(broker.port, data_topic, args.rate,
                            args.readings * (args.repeat + 2) + 10)
    background.start()
    actuator = Client(broker.port, subscribe=[cmd_topic, "bench/echo"])
    sensor = Client(broker.port)
    seq = [10_000_000]

    def breach(_i):
        seq[0] += 2
        # back to normal first (re-arms the critical transition), then the breach
        sensor.publish(data_topic, payload(seq[0] - 1, 20.9, boot=8), wait=False)
        return payload(seq[0], 18.0, boot=8)

    time.sleep(1.0)  # let the background settle
    alarm = measure(sensor, actuator, data_topic, breach, "/cmd", args.samples)
    baseline = measure(sensor, actuator, "bench/echo", lambda i: payload(i, 20.9),
                       "bench/echo", args.samples)
    background.close()
    actuator.close()
    sensor.close()
    print(f"  alarm p99 {pct(alarm, 99):.2f} ms, raw p99 {pct(baseline, 99):.2f} ms",
          flush=True)
    return alarm, baseline, background


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", default=os.environ.get("ODOO_RC", "/tmp/dev.conf"))
    ap.add_argument("--db", default="wsiot_bench")
    ap.add_argument("--readings", type=int, default=50000)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--rate", type=int, default=1000, help="background readings/s")
    ap.add_argument("--storm-seconds", type=float, default=30.0)
    ap.add_argument("--trips", type=int, default=100, help="trips/s during the storm")
    ap.add_argument("--memory-minutes", type=float, default=10.0)
    ap.add_argument("--catch-up-s", type=float, default=300.0,
                    help="how long to wait for Odoo to catch up after the storm")
    ap.add_argument("--repeat", type=int, default=3,
                    help="raw baseline / drain pairs (the median ratio is reported)")
    ap.add_argument("--phases", default="throughput,latency,storm,memory",
                    help="comma-separated subset of throughput,latency,storm,memory")
    args = ap.parse_args()
    phases = set(args.phases.split(","))
    if "memory" not in phases:
        args.memory_minutes = 0
    if "storm" not in phases:
        args.storm_seconds = 0
    args.tmp = tempfile.mkdtemp(prefix="worksafe-bench-")
    params = ensure_db(args)
    info = setup_odoo(args)
    broker = Broker().start()
    odoo_port = free_port()
    odoo_proc = start_odoo(args, odoo_port)
    bridge_proc = None
    try:
        bridge_proc = start_bridge(args, broker, odoo_port, info["key"])
        data_topic = info["detector_topic"] + "/data"
        cmd_topic = info["relay_topic"] + "/cmd"
        conn = count_rows(params, args.db)

        def stored():
            with conn.cursor() as cr:
                cr.execute("SELECT count(*) FROM worksafe_iot_reading"
                           " WHERE device_code = 'BENCH-GD'")
                return cr.fetchone()[0]

        n = args.readings
        t_raw = t_all = t_pub = t_drain = None
        alarm = baseline = []
        background = None
        if "throughput" in phases:
            t_raw, t_all, t_pub, t_drain, ratios, bridge_proc = throughput(
                args, broker, params, info, stored, data_topic, bridge_proc, odoo_port)
        if "latency" in phases:
            alarm, baseline, background = latency(args, broker, data_topic, cmd_topic)

        # ---------------------------------------------------------- 4. storm
        storm_result = storm(args, broker, params, info, stored, data_topic, cmd_topic) \
            if args.storm_seconds > 0 else None
        print(f"  storm: {storm_result}"[:600], flush=True)
        # ---------------------------------------------------------- 5. memory
        memory = []
        if args.memory_minutes > 0:
            flood = Background(broker.port, data_topic, args.rate, 70_000_000)
            flood.start()
            t_mem = time.perf_counter()
            while time.perf_counter() - t_mem < args.memory_minutes * 60:
                memory.append((time.perf_counter() - t_mem, rss_kb(bridge_proc.pid)))
                print(f"  memory {memory[-1][0] / 60:.1f} min: {memory[-1][1] / 1024:.0f} MB",
                      flush=True)
                time.sleep(30)
            memory.append((time.perf_counter() - t_mem, rss_kb(bridge_proc.pid)))
            flood.close()

        print()
        print("WorkSafe IoT benchmark (one bridge process, Mosquitto "
              f"{broker.binary}, Odoo workers=0, {datetime.now():%Y-%m-%d %H:%M})")
        if t_raw is not None:
            print(f"  end to end: {n} readings stored in Odoo in {t_all:.2f} s = "
                  f"{n / t_all:,.0f} readings/s live   (the publisher, on the same CPUs, "
                  f"managed {n / t_pub:,.0f}/s)")
            print(f"  end to end after an outage: {n} queued readings drained into Odoo in "
                  f"{t_drain:.2f} s = {n / t_drain:,.0f} readings/s (bridge start included)")
            print(f"  raw paho -> PostgreSQL consumer, same drain: {n / t_raw:,.0f} "
                  f"readings/s; end to end / raw = {t_raw / t_drain:.2f}x (median of "
                  f"{len(ratios)} raw/drain pairs: " + ", ".join(f"{r:.2f}" for r in ratios)
                  + ")")
        for name, values in (("alarm publish -> interlock command", alarm),
                             ("raw broker round-trip (baseline)", baseline)):
            if values:
                print(f"  {name:38s} p50 {statistics.median(values):6.2f} ms   "
                      f"p95 {pct(values, 95):6.2f} ms   p99 {pct(values, 99):6.2f} ms   "
                      f"max {max(values):6.2f} ms   (n={len(values)})")
        if background is not None:
            print(f"  background traffic during the latency runs: ~{args.rate} readings/s "
                  f"({background.sent} sent)")
        if storm_result:
            r = storm_result
            print(f"  storm: {args.trips} trips/s + {args.rate} readings/s for "
                  f"{args.storm_seconds:g} s: {r['sent']} readings sent, {r['lost']} lost; "
                  f"longest ingestion stall {r['stall']:.2f} s; caught up "
                  f"{r['catch_up']:.1f} s after the storm")
            print(f"  storm: {r['trips']} trips, {r['commands']} interlock commands "
                  f"published, {r['recorded']} interlocks recorded in Odoo; "
                  f"{r['during']} of them while the storm lasted "
                  f"({r['during'] / r['storm_s']:.0f} trips/s), the last one "
                  f"{r['events_behind']:.1f} s after the storm (recorded "
                  f"{r['recorded'] / (r['storm_s'] + r['events_behind']):.0f} trips/s "
                  f"over the storm and its drain)")
            if r["alarm"]:
                a = r["alarm"]
                print(f"  storm: alarm publish -> interlock command p50 "
                      f"{statistics.median(a):.2f} ms  p99 {pct(a, 99):.2f} ms  max "
                      f"{max(a):.2f} ms" + (f" (raw round trip p99 {pct(baseline, 99):.2f}"
                                             " ms)" if baseline else ""))
        if memory:
            print("  bridge memory at full rate with STEL/TWA limits (min: MB): " + ", ".join(
                f"{t / 60:.1f}: {kb / 1024:.0f}" for t, kb in memory))
        time.sleep(1)
        print(f"  readings stored in total: {stored()}")
        conn.close()
    finally:
        if bridge_proc:
            bridge_proc.terminate()
            bridge_proc.wait(20)
        odoo_proc.terminate()
        odoo_proc.wait(30)
        broker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
