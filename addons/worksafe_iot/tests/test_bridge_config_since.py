"""The bridge asks for its configuration since the version it holds: an unchanged
configuration costs a few aggregate queries whatever the number of devices; any change it
is built from gives a new version."""

import json
import socket

from .mqtt_broker import reading, wait_for
from .mqtt_common import IotMqttCase


class TestBridgeConfigSince(IotMqttCase):
    def service(self):
        return self.env["worksafe.iot.ingest"].with_user(self.bridge_user)

    def test_unchanged_answer_is_flat_and_changes_bump_the_version(self):
        config = self.service()._bridge_config_since()
        version = config["version"]
        self.assertIn("T-GD-1", config["devices"])
        self.assertEqual(self.service()._bridge_config_since(version),
                         {"unchanged": True, "version": version})
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.service()._bridge_config_since(version)
        few = self.env.cr.sql_log_count - before
        self.env["worksafe.iot.device"].create([
            {"name": f"Detector {i}", "code": f"T-GD-X{i}", "kind": "gas_fixed"}
            for i in range(40)])
        self.env.flush_all()
        version = self.service()._config_version()
        before = self.env.cr.sql_log_count
        self.assertTrue(self.service()._bridge_config_since(version)["unchanged"])
        self.assertEqual(self.env.cr.sql_log_count - before, few)
        # what the configuration is built from: devices, permits, company settings
        changes = [
            lambda: self.detector.write({"reporting_interval": 7}),
            self.active_permit,
            lambda: self.company.write({"worksafe_iot_warning_ratio": 0.4}),
            lambda: self.env["ir.config_parameter"].sudo().set_param(
                "worksafe_iot.mqtt_prefix", "acme"),
        ]
        for change in changes:
            change()
            self.env.flush_all()
            answer = self.service()._bridge_config_since(version)
            self.assertNotIn("unchanged", answer)
            self.assertNotEqual(answer["version"], version)
            version = answer["version"]

    def test_the_endpoint_answers_unchanged_since_a_version(self):
        with self.serve():
            sink = self.sink()
            config = sink.get_config()
            self.assertIn("devices", config)
            self.assertEqual(sink.get_config(since=config["version"]),
                             {"unchanged": True, "version": config["version"]})

    def test_the_bridge_takes_the_topic_prefix_from_odoo(self):
        self.env["res.config.settings"].create({"worksafe_iot_mqtt_prefix": "acme"}).execute()
        with self.serve():
            bridge = self.bridge()  # its own setting says "worksafe"
            self.assertEqual(bridge.cfg.prefix, "acme")
            topic = self.topic(self.detector)
            self.assertTrue(topic.startswith("acme/"), topic)
            device = self.client()
            device.publish(topic, reading("T-GD-1", 1, [("t_o2", 20.9, "%vol")]))
            wait_for(lambda: self.count()[0] == 1, message="the reading on acme/...")
            pushes = bridge.stats["received"]
            device.publish("acme/_config/changed", {"db": "x"})
            wait_for(lambda: bridge.stats["received"] > pushes, message="the config push")

    def test_the_last_will_follows_a_new_prefix(self):
        """The prefix changes while the bridge runs: its last will (sent by the broker when
        the bridge dies without a word) must name the new prefix's status topic, where
        the control room watches it."""
        with self.serve():
            bridge = self.bridge()
            self.assertEqual(bridge.cfg.prefix, "worksafe")
            with self.db():
                self.env["ir.config_parameter"].sudo().set_param("worksafe_iot.mqtt_prefix",
                                                                 "acme")
            self.assertTrue(bridge.refresh_config(full=True))
            self.assertEqual(bridge.cfg.prefix, "acme")
            wait_for(bridge._connected.is_set, message="the bridge connected")
            status = f"acme/_bridge/{bridge.cfg.bridge_id}/status"
            watcher = self.client(subscribe=[status])
            wait_for(lambda: watcher.received("/status"), message="the retained status")
            bridge.client.socket().shutdown(socket.SHUT_RDWR)  # dies without DISCONNECT

            def will():
                return [json.loads(body) for _t, _topic, body, _r in
                        watcher.received("/status") if body
                        and json.loads(body).get("online") is False]
            wait_for(will, message="the last will on the new prefix")
