"""Test and benchmark helpers (no Odoo import): a throwaway Mosquitto on a free loopback port
built from the production configuration, and small MQTT clients."""

import contextlib
import json
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import paho.mqtt.client as mqtt

_logger = logging.getLogger(__name__)
_HERE = os.path.dirname(os.path.abspath(__file__))
PROD_CONF = os.path.normpath(os.path.join(_HERE, "..", "..", "..", "docker", "mosquitto",
                                          "mosquitto.conf"))
# lines of the production config that say where/who/how to log: replaced for tests
_DROP = ("listener", "port", "bind_address", "socket_domain", "allow_anonymous",
         "password_file", "acl_file", "psk_file", "persistence_location", "log_dest",
         "log_type", "pid_file", "user", "include_dir", "certfile", "keyfile", "cafile",
         "capath", "require_certificate")
_FALLBACK = ["persistence true", "autosave_interval 5", "max_queued_messages 100000",
             "max_queued_bytes 268435456", "max_inflight_messages 1000",
             "set_tcp_nodelay true"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=10.0, interval=0.02, message="condition"):
    """Poll ``predicate`` until it is truthy (returns it) or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class Broker:
    """``mosquitto -c <tmp conf>``: the production tuning (persistence, queues, no-delay),
    anonymous access on 127.0.0.1 only, data in a temp dir; restartable on the same port."""

    def __init__(self, binary=None):
        self.binary = binary or shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        self.dir = tempfile.mkdtemp(prefix="worksafe-mqtt-")
        self.port = free_port()
        self.proc = None
        lines = _FALLBACK
        if os.path.exists(PROD_CONF):
            with open(PROD_CONF, encoding="utf-8") as fh:
                lines = [line.strip() for line in fh if line.strip()
                         and not line.strip().startswith("#")
                         and line.split()[0] not in _DROP]
        os.makedirs(os.path.join(self.dir, "data"))
        self.conf = os.path.join(self.dir, "mosquitto.conf")
        with open(self.conf, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines + [
                f"listener {self.port} 127.0.0.1", "allow_anonymous true",
                f"persistence_location {self.dir}/data/",
                f"log_dest file {self.dir}/mosquitto.log", "log_type error",
                "log_type warning", f"user {_user()}"]) + "\n")

    def start(self):
        self.proc = subprocess.Popen([self.binary, "-c", self.conf], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)

        def up():
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return True
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"mosquitto exited: {self.log()}") from None
                return False

        wait_for(up, 10, 0.05, "mosquitto to listen")
        return self

    def setting(self, name, default=None):
        """A value of the broker's configuration (the production one's, for tuning)."""
        with open(self.conf, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == name:
                    return parts[1]
        return default

    def kill(self):
        """A crash: SIGKILL, no chance to save the persistence file."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: mosquitto saves its persistence file
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    def log(self):
        try:
            with open(os.path.join(self.dir, "mosquitto.log"), encoding="utf-8") as fh:
                return fh.read()[-2000:]
        except OSError:
            return ""

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def _user():
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return "root"


class Client:
    """A small paho 2.x client: publish with QoS 1, collect what arrives on subscriptions."""

    def __init__(self, port, client_id="", will=None, subscribe=(), clean=True, inflight=0):
        self.messages = []
        self.cond = threading.Condition()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id,
                                  clean_session=clean if client_id else True)
        # paho's in-flight bookkeeping is slow when bounded (2k msg/s at 1000 vs 7k/s
        # unbounded); callers that publish in bulk wait now and then (16-bit message ids)
        self.client.max_inflight_messages_set(inflight)
        self.client.max_queued_messages_set(0)
        if will:
            self.client.will_set(*will, qos=1, retain=True)
        self._subscribe = list(subscribe)
        self._ready = threading.Event()
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port, keepalive=5)
        self.client.loop_start()
        if not self._ready.wait(10):
            raise RuntimeError("MQTT client did not connect")

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if self._subscribe:
            client.subscribe([(topic, 1) for topic in self._subscribe])
            time.sleep(0.05)
        self._ready.set()

    def _on_message(self, client, userdata, msg):
        with self.cond:
            self.messages.append((time.perf_counter(), msg.topic, bytes(msg.payload),
                                  msg.retain))
            self.cond.notify_all()

    def publish(self, topic, payload, qos=1, retain=False, wait=True):
        if not isinstance(payload, (bytes, str)):
            payload = json.dumps(payload)
        info = self.client.publish(topic, payload, qos=qos, retain=retain)
        if wait and qos:
            info.wait_for_publish(10)
        return info

    def received(self, topic_part=""):
        with self.cond:
            return [m for m in self.messages if topic_part in m[1]]

    def drop_connection(self):
        """Simulate a device losing power: close the TCP socket without DISCONNECT, so the
        broker publishes the last will."""
        sock = self.client.socket()
        self.client.loop_stop()
        if sock:
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self):
        try:
            self.client.disconnect()
        finally:
            self.client.loop_stop()


def reading(device, seq, measurements, boot=1, ts=None, **extra):
    body = {"device": device, "boot": boot, "seq": seq, "ts": time.time() if ts is None else ts,
            "m": [{"k": k, "v": v, "u": u} for k, v, u in measurements]}
    body.update(extra)
    return json.dumps(body, separators=(",", ":"))


class TcpProxy:
    """A loopback TCP proxy whose connections the test can cut (both sides closed at once,
    like a network failure between Odoo and PostgreSQL).

    ``arm(pattern)``: the next client → server chunk containing ``pattern`` is not
    forwarded; that connection is cut instead (e.g. in the middle of a batch, at its
    INSERT).  ``cut()``: cut every open connection now."""

    def __init__(self, upstream_host, upstream_port):
        self.upstream = (upstream_host, int(upstream_port))
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.cuts = 0
        self._armed = []
        self._lock = threading.Lock()
        self._pairs = []
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True, name="proxy-accept").start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                client, _addr = self.server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, 5)
            except OSError:
                client.close()
                continue
            pair = (client, upstream)
            with self._lock:
                self._pairs.append(pair)
            threading.Thread(target=self._pump, args=(pair, client, upstream, True),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(pair, upstream, client, False),
                             daemon=True).start()

    def _pump(self, pair, source, target, outbound):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if outbound and self._armed:
                    with self._lock:
                        hit = next((p for p in self._armed if p in data), None)
                        if hit is not None:
                            self._armed.remove(hit)
                    if hit is not None:
                        self._cut_pair(pair)
                        return
                target.sendall(data)
        except OSError as error:  # the other side closed: the pair is cut below
            _logger.debug("proxy: %s", error)
        self._cut_pair(pair, count=False)

    def _cut_pair(self, pair, count=True):
        with self._lock:
            if pair not in self._pairs:
                return
            self._pairs.remove(pair)
            if count:
                self.cuts += 1
        for sock in pair:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def arm(self, pattern):
        with self._lock:
            self._armed.append(pattern)

    def armed(self):
        with self._lock:
            return len(self._armed)

    def cut(self):
        with self._lock:
            pairs = list(self._pairs)
        for pair in pairs:
            self._cut_pair(pair)

    def close(self):
        self._stop.set()
        self.server.close()
        self.cut()
