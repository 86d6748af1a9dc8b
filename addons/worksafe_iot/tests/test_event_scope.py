from .common import IotCase


class TestEventScope(IotCase):
    """An event acts only on its device's own live permits; an acknowledgement counts only
    from the commanded actuator."""

    def test_events_only_reach_the_devices_own_live_permits(self):
        permit = self.active_permit()
        neighbour = self.active_permit()
        draft = self.make_permit()
        self.detector.permit_id = permit
        # a level event naming a permit the detector does not serve suspends nothing
        self.ingest(events=[self.level("T-GD-1", "t_ch4", neighbour, "critical", 0.9)])
        self.assertEqual(neighbour.state, "active")
        self.assertFalse(neighbour.iot_alarm_ids)
        alarm = self.env["worksafe.iot.alarm"].search([("device_id", "=", self.detector.id)])
        self.assertEqual((len(alarm), alarm.permit_id.id), (1, False))
        # a helmet event naming a draft permit falls back to the worker's live permits
        self.ingest(events=[{"type": "device_event", "device": "T-HM-1", "kind": "sos",
                             "level": "critical", "permits": [draft.id], "ts": 0,
                             "received": 0}])
        self.assertFalse(draft.iot_alarm_ids)
        # a trip naming a permit the relay does not serve is refused
        self.relay.permit_id = permit
        result = self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1",
                                      "cmd_id": "x-1", "permits": [neighbour.id],
                                      "reason": "x", "ts": 0}])
        self.assertEqual(result["rejected"], 1)
        Interlock = self.env["worksafe.iot.interlock"]
        self.assertFalse(Interlock.search([("cmd_id", "=", "x-1")]))

    def test_ack_counts_only_from_the_commanded_actuator(self):
        permit = self.active_permit()
        self.env["worksafe.iot.device"].create({"name": "Relay 2", "code": "T-RL-2",
                                                "kind": "relay", "area_id": self.area.id})
        self.ingest(events=[{"type": "interlock", "actuator": "T-RL-1", "cmd_id": "c-9",
                             "permits": [permit.id], "reason": "x", "ts": 0}])
        interlock = self.env["worksafe.iot.interlock"].search([("cmd_id", "=", "c-9")])
        self.assertEqual(interlock.state, "sent")
        self.ingest(events=[{"type": "ack", "device": "T-RL-2", "cmd_id": "c-9", "ts": 0}])
        self.assertEqual(interlock.state, "sent")
        self.ingest(events=[{"type": "ack", "device": "T-RL-1", "cmd_id": "c-9", "ts": 0}])
        self.assertEqual(interlock.state, "acked")
