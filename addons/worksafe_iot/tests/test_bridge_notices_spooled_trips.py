"""The bridge asks Odoo for its configuration again after shipping an interlock trip
(the trip suspends permits: their limits and interlocks change), whatever the JSON
spacing the trip was spooled with (an earlier bridge's spool, another encoder).  Real
Mosquitto, bridge and Odoo."""

import json
import os

from .mqtt_broker import wait_for
from .mqtt_common import IotMqttCase
from odoo.addons.worksafe_iot.bridge.spool import Spool


class TestBridgeNoticesSpooledTrips(IotMqttCase):
    def test_a_trip_spooled_with_spaces_refreshes_the_configuration(self):
        permit = self.active_permit()
        bridge_id = "spooled_trip"
        spool = Spool(os.path.join(self.tmp, f"{bridge_id}.sqlite3"))
        trip = {"type": "interlock", "actuator": "T-RL-1", "cmd_id": "old-spool-1",
                "state": "trip", "permits": [permit.id], "reason": "t_ch4 0.8",
                "id": "old-spool-1"}
        # json.dumps' default separators: '"type": "interlock"', with a space
        spool._conn().execute("INSERT INTO outbox (kind, body) VALUES ('e', ?)",
                              (json.dumps(trip),))
        spool.close()
        sink = self.sink()
        asked = []
        get_config = sink.get_config

        def counted(since=None):
            asked.append(since)
            return get_config(since=since)
        sink.get_config = counted
        with self.serve():
            bridge = self.bridge(sink=sink, bridge_id=bridge_id)
            self.assertEqual(len(asked), 1)  # at start (no periodic refresh in an hour)
            wait_for(lambda: bridge.stats["events_shipped"] >= 1, message="the trip shipped")
            wait_for(lambda: len(asked) > 1, timeout=5,
                     message="the configuration asked again after the trip")
        with self.db():
            self.assertEqual(self.env["worksafe.iot.interlock"].search(
                [("cmd_id", "=", "old-spool-1")]).permit_ids, permit)
