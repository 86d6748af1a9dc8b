"""A broker crash (SIGKILL: no clean save) loses nothing with the shipped Mosquitto
configuration and the documented deployment: a bridge connected beside the broker has
spooled what the broker acknowledged to the devices, even when the broker dies right after
the last acknowledgement; readings queued for an absent bridge are on disk after
autosave_interval (README: "Zero loss across a broker crash")."""

import time

from .mqtt_broker import reading, wait_for
from .mqtt_common import IotMqttCase

AIR = [("t_o2", 20.9, "%vol")]


class TestBrokerCrashLosesNothing(IotMqttCase):
    def test_broker_crash_while_the_bridge_is_away_or_connected(self):
        autosave = float(self.broker.setting("autosave_interval", "1800"))
        self.assertLessEqual(autosave, 10)  # the shipped configuration bounds the window
        with self.serve():
            bridge = self.bridge(bridge_id="crash")
            device = self.client()
            for seq in range(1, 101):  # connected: spooled and acknowledged at once
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, AIR))
            wait_for(lambda: bridge.stats["stored"] >= 100, message="100 spooled")
            bridge.stop()
            self.bridges.remove(bridge)
            for seq in range(101, 401):  # away: queued at the broker for its session
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, AIR))
            device.close()
            self.clients.remove(device)
            time.sleep(autosave + 1)  # the broker's own save period, the documented window
            self.broker.kill()
            self.broker.start()
            self.bridge(bridge_id="crash")
            wait_for(lambda: self.count()[0] == 400, timeout=30, message="all 400 readings")
            self.assertEqual(self.count(), (400, 400))

    def test_broker_crash_right_after_the_last_puback_with_the_bridge_beside(self):
        """The zero-loss deployment: the bridge stays connected; the broker is killed
        the moment the device got its last PUBACK, before any autosave could run."""
        with self.serve():
            bridge = self.bridge(bridge_id="beside")
            device = self.client()
            for seq in range(1, 1001):  # each acknowledged by the broker (in memory only)
                device.publish(self.topic(self.detector), reading("T-GD-1", seq, AIR))
            self.broker.kill()
            device.close()
            self.clients.remove(device)
            self.broker.start()
            wait_for(lambda: self.count()[0] == 1000, timeout=60,
                     message="all 1000 readings")
            self.assertEqual(self.count(), (1000, 1000))
            self.assertEqual(bridge.spool.dead_count(), 0)
