"""A real Mosquitto on a free loopback port, the real bridge (in-process threads) and
Odoo's test HTTP server (HttpCase, the bearer-key endpoints).

The test thread holds Odoo's test lock except inside ``allow_requests``; while the bridge
talks to Odoo, every database read of the test takes that lock (``self.db()``), so the
server thread and the test never use the shared test cursor at the same time."""

import os
import tempfile
from contextlib import contextmanager

from odoo.tests import HttpCase
from odoo.tests.common import _registry_test_lock

from .common import IotCase
from .mqtt_broker import Broker, Client
from odoo.addons.worksafe_iot.bridge.core import Bridge, BridgeConfig
from odoo.addons.worksafe_iot.bridge.sink import HttpSink


class IotMqttCase(IotCase, HttpCase):
    """IotCase with a broker, bridges and MQTT clients (closed after each test)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.broker = Broker().start()
        cls.addClassCleanup(cls.broker.close)
        cls.api_key = cls.env["res.users.apikeys"].with_user(cls.bridge_user).sudo()._generate(
            None, "bridge tests", None)
        cls.detector.reporting_interval = 60

    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp(prefix="worksafe-bridge-")
        self.bridges = []
        self.clients = []

    def tearDown(self):
        with self.serve():
            for bridge in self.bridges:
                bridge.stop()
            for client in self.clients:
                client.close()
            # retained commands outlive a test on the shared broker: clear them
            cleaner = Client(self.broker.port)
            cleaner.publish(self.topic(self.relay, "cmd"), b"", retain=True)
            cleaner.close()
        super().tearDown()

    # ------------------------------------------------------------------ helpers
    @contextmanager
    def serve(self):
        """Let the bridge's threads reach Odoo's test server (flush first: the server
        shares the test cursor, not the test's ORM cache)."""
        self.env.flush_all()
        with self.allow_requests(all_requests=True):
            yield
        self.env.invalidate_all()

    @contextmanager
    def db(self):
        """Use the test cursor from the test thread while requests may run."""
        with _registry_test_lock:
            self.env.invalidate_all()
            yield self.env  # noqa: RUF075 - nothing to flush after a failure
            self.env.flush_all()

    def sink(self, url=None):
        return HttpSink(url or self.base_url(), self.api_key, timeout=10)

    def bridge(self, sink=None, bridge_id=None, clock=None, **values):
        # one persistent session per test: nothing queued by another test leaks in
        bridge_id = bridge_id or self._testMethodName[5:40]
        cfg = BridgeConfig(mqtt_port=self.broker.port, bridge_id=bridge_id,
                           spool_path=os.path.join(self.tmp, f"{bridge_id}.sqlite3"),
                           config_refresh_s=3600, heartbeat_s=0.5, **values)
        bridge = Bridge(cfg, sink or self.sink(), **({"clock": clock} if clock else {}))
        bridge.start()
        self.assertTrue(bridge._connected.is_set(), "bridge did not connect")
        self.bridges.append(bridge)
        return bridge

    def client(self, **kwargs):
        client = Client(self.broker.port, **kwargs)
        self.clients.append(client)
        return client

    def topic(self, device, kind="data"):
        with self.db():  # never touch the ORM outside the lock while requests run
            return f"{device.topic_base}/{kind}"

    def count(self, code="T-GD-1"):
        with self.db() as env:
            env.cr.execute("SELECT count(*), count(DISTINCT (boot, seq)) FROM worksafe_iot_reading"
                           " WHERE device_code = %s", [code])
            return env.cr.fetchone()

    def permit_state(self, permit):
        with self.db():
            return permit.state
