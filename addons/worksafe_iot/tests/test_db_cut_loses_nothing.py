"""A database connection cut in the middle of a batch loses nothing: Odoo answers only for
what it committed, the bridge keeps everything else.

Real Mosquitto, the real bridge, and Odoo's ingest served the way a request is (Odoo's
``retrying`` around the controller's ``serve_ingest``) on a real PostgreSQL connection
that goes through a TCP proxy the test cuts.  That connection commits for real: the test
works with device codes no fixture uses and deletes its rows at the end."""

import os
import tempfile
from contextlib import closing

from odoo import api
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

from .mqtt_broker import Broker, Client, TcpProxy, reading, wait_for
from odoo.addons.worksafe_iot.bridge.core import Bridge, BridgeConfig
from odoo.addons.worksafe_iot.bridge.sink import SinkBusy, SinkError
from odoo.addons.worksafe_iot.controllers.ingest import serve_ingest

CODE = "CUT-GD-1"
STATUS_CODE = "CUT-GD-2"


class ProxiedSink:
    """The bridge's sink, served in-process over a cuttable database connection."""

    def __init__(self, uri, uid):
        self.uri = uri
        self.uid = uid
        self.failures = 0

    def get_config(self):
        return {"devices": {}, "permits": {}, "actuators": {}, "gases": {}}

    def send(self, readings, events, stats=None, timeout=None):
        data = {"readings": readings, "events": events, "stats": stats or {}}
        try:
            with closing(db_connect(self.uri, allow_uri=True).cursor()) as cr:
                env = api.Environment(cr, self.uid, {})
                status, answer = retrying(lambda: serve_ingest(env, data), env)
        except Exception as error:  # noqa: BLE001 - what a 500 is to the HTTP sink
            self.failures += 1
            raise SinkError(f"{type(error).__name__}: {error}") from error
        if status == 503:
            raise SinkBusy("busy")
        return answer


@tagged("post_install", "-at_install")
class TestDbCutLosesNothing(TransactionCase):
    def setUp(self):
        super().setUp()
        params = self.env.cr._cnx.get_dsn_parameters()
        self.dbname = self.env.cr.dbname
        self.proxy = TcpProxy(params.get("host") or "127.0.0.1", params.get("port") or 5432)
        self.addCleanup(self.proxy.close)
        user = params.get("user") or "odoo"
        self.uri = f"postgresql://{user}@127.0.0.1:{self.proxy.port}/{self.dbname}"
        self.direct = (f"postgresql://{user}@{params.get('host') or '127.0.0.1'}:"
                       f"{params.get('port') or 5432}/{self.dbname}")
        self.addCleanup(self._cleanup)
        self.broker = Broker().start()
        self.addCleanup(self.broker.close)

    def _sql(self, query, args=()):
        with closing(db_connect(self.direct, allow_uri=True).cursor()) as cr:
            cr.execute(query, args)
            rows = cr.fetchall() if cr.description else None
            # a connection of its own, outside the test's transaction, like the bridge's
            cr.commit()  # pylint: disable=invalid-commit
            return rows

    def _cleanup(self):
        self._sql("DELETE FROM worksafe_iot_reading WHERE device_code IN %s",
                  [(CODE, STATUS_CODE)])
        self._sql("DELETE FROM worksafe_iot_event_key WHERE key LIKE %s", ["dbcut:%"])

    def test_cut_mid_batch_loses_no_reading_and_applies_events_once(self):
        uid = self.env.ref("worksafe_iot.user_iot_bridge").id
        sink = ProxiedSink(self.uri, uid)
        tmp = tempfile.mkdtemp(prefix="worksafe-dbcut-")
        bridge = Bridge(BridgeConfig(
            mqtt_port=self.broker.port, bridge_id="dbcut",
            spool_path=os.path.join(tmp, "spool.sqlite3"), batch_size=200,
            event_batch_size=10, config_refresh_s=3600, heartbeat_s=0.5,
            retry_max_s=0.2), sink).start()
        self.addCleanup(bridge.stop)
        device = Client(self.broker.port)
        self.addCleanup(device.close)
        total, statuses = 2000, 40
        patterns = [b"INSERT INTO worksafe_iot_reading", b"COMMIT",
                    b"worksafe_iot_event_key"]
        sent = 0
        for step in range(8):
            self.proxy.arm(patterns[step % len(patterns)])
            for seq in range(sent + 1, sent + total // 8 + 1):
                device.publish(f"worksafe/s/a/{CODE}/data",
                               reading(CODE, seq, [("t_o2", 20.9, "%vol")]), wait=False)
            sent += total // 8
            for i in range(statuses // 8):
                device.publish(f"worksafe/s/a/{STATUS_CODE}/status",
                               {"online": bool(i % 2)})
            wait_for(lambda: not self.proxy.armed(), timeout=30, message="the cut")
        self.assertGreaterEqual(self.proxy.cuts, 8)
        wait_for(lambda: bridge.stats["stored"] >= total + statuses, timeout=30,
                 message="everything spooled")
        wait_for(lambda: bridge.spool.pending() == 0, timeout=60, message="spool drained")
        (count, distinct), = self._sql(
            "SELECT count(*), count(DISTINCT seq) FROM worksafe_iot_reading"
            " WHERE device_code = %s", [CODE])
        self.assertEqual((count, distinct), (total, total))  # 0 lost, 0 doubled
        (keys,), = self._sql("SELECT count(*) FROM worksafe_iot_event_key WHERE key LIKE %s",
                             ["dbcut:%"])
        self.assertEqual(keys, statuses)
        self.assertEqual((bridge.stats["refused"], bridge.spool.dead_count()), (0, 0))
        self.assertGreater(sink.failures, 0)  # the cuts did hit batches
