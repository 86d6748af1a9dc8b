"""``worksafe-bridge -c bridge.conf``: run the bridge until SIGTERM / Ctrl-C.

Config file (INI); every value can also come from the environment (in brackets)::

    [mqtt]
    host = 127.0.0.1          (WORKSAFE_MQTT_HOST)
    port = 1883               (WORKSAFE_MQTT_PORT)
    username =                (WORKSAFE_MQTT_USERNAME)
    password =                (WORKSAFE_MQTT_PASSWORD)
    tls = false
    keepalive = 10
    prefix = worksafe         (until Odoo's configuration gives its own)
    [odoo]
    url = http://127.0.0.1:8069   (WORKSAFE_ODOO_URL)
    api_key =                     (WORKSAFE_BRIDGE_API_KEY)
    database =                    (WORKSAFE_ODOO_DB)
    [bridge]
    id = bridge1                  (WORKSAFE_BRIDGE_ID)
    spool = /var/lib/worksafe-bridge/spool.sqlite3   (WORKSAFE_BRIDGE_SPOOL)
    batch_size = 5000             readings per request, at most
    event_batch_size = 500        events per request, at most
    http_timeout_s = 10           first timeout; doubles after a timeout (up to 120)
    ship_linger_s = 0.05          a part-filled readings batch waits this long for more
    config_refresh_s = 30
    heartbeat_s = 2
    log_level = info
"""

import argparse
import configparser
import logging
import os
import signal
import threading

from ._rules import payload as pl
from .core import Bridge, BridgeConfig
from .sink import HttpSink

ENV = {("mqtt", "host"): "WORKSAFE_MQTT_HOST", ("mqtt", "port"): "WORKSAFE_MQTT_PORT",
       ("mqtt", "username"): "WORKSAFE_MQTT_USERNAME",
       ("mqtt", "password"): "WORKSAFE_MQTT_PASSWORD",
       ("odoo", "url"): "WORKSAFE_ODOO_URL", ("odoo", "api_key"): "WORKSAFE_BRIDGE_API_KEY",
       ("odoo", "database"): "WORKSAFE_ODOO_DB", ("bridge", "id"): "WORKSAFE_BRIDGE_ID",
       ("bridge", "spool"): "WORKSAFE_BRIDGE_SPOOL"}


def load_config(path=None):
    parser = configparser.ConfigParser()
    if path:
        if not parser.read(path):
            raise SystemExit(f"worksafe-bridge: cannot read {path}")

    def get(section, key, default=None):
        env = ENV.get((section, key))
        if env and os.environ.get(env):
            return os.environ[env]
        return parser.get(section, key, fallback=default)

    cfg = BridgeConfig(
        mqtt_host=get("mqtt", "host", "127.0.0.1"),
        mqtt_port=int(get("mqtt", "port", "1883")),
        mqtt_username=get("mqtt", "username") or None,
        mqtt_password=get("mqtt", "password") or None,
        mqtt_tls=get("mqtt", "tls", "false").lower() in ("1", "true", "yes"),
        keepalive=int(get("mqtt", "keepalive", "10")),
        prefix=get("mqtt", "prefix", pl.DEFAULT_PREFIX),
        bridge_id=get("bridge", "id", "bridge1"),
        spool_path=get("bridge", "spool", "worksafe-bridge.sqlite3"),
        batch_size=int(get("bridge", "batch_size", "5000")),
        event_batch_size=int(get("bridge", "event_batch_size", "500")),
        http_timeout_s=float(get("bridge", "http_timeout_s", "10")),
        ship_linger_s=float(get("bridge", "ship_linger_s", "0.05")),
        config_refresh_s=float(get("bridge", "config_refresh_s", "30")),
        heartbeat_s=float(get("bridge", "heartbeat_s", "2")),
    )
    sink = HttpSink(get("odoo", "url", "http://127.0.0.1:8069"), get("odoo", "api_key", ""),
                    get("odoo", "database") or None)
    return cfg, sink, get("bridge", "log_level", "info")


def main(argv=None):
    args = argparse.ArgumentParser(
        prog="worksafe-bridge",
        description="WorkSafe MQTT bridge: sensors → interlocks and Odoo.")
    args.add_argument("-c", "--config", help="INI file (see the module docstring)")
    options = args.parse_args(argv)
    cfg, sink, level = load_config(options.config)
    logging.basicConfig(level=getattr(logging, level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not sink.api_key:
        raise SystemExit("worksafe-bridge: no Odoo API key ([odoo] api_key or "
                         "WORKSAFE_BRIDGE_API_KEY)")
    spool_dir = os.path.dirname(os.path.abspath(cfg.spool_path))
    os.makedirs(spool_dir, exist_ok=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    bridge = Bridge(cfg, sink).start(wait_connected=0)
    logging.getLogger("worksafe_iot.bridge").info(
        "worksafe-bridge %s: broker %s:%s, Odoo %s, spool %s", cfg.bridge_id, cfg.mqtt_host,
        cfg.mqtt_port, sink.url, cfg.spool_path)
    done.wait()
    bridge.stop()
    return 0
