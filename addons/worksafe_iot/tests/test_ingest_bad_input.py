from .common import IotCase


class TestIngestBadInput(IotCase):
    """One bad reading or event is rejected (and reported by its index), never fails its batch."""

    def test_bad_rows_and_events_are_rejected_not_fatal(self):
        permit = self.active_permit()
        good = self.row("T-GD-1", 1, [("t_ch4", 0.01, "%vol")], bat=80)
        bad = [
            self.row("T-GD-1", 2, [("t_ch4", 0.01, "%vol")], ts="nan"),
            self.row("T-GD-1", 3, [("t_ch4", 0.01, "%vol")], ts=1e20),
            self.row("T-GD-1", 4, [("t_ch4", 0.01, "%vol")], pos=[1, 2]),
            self.row("T-GD-1", 5, [("t_ch4", 0.01, "%vol")], pos={"x": "left"}),
            self.row("T-GD-1", 6, [("t_ch4", 0.01, "%vol")], bat="full"),
            self.row("T-GD-1", 2 ** 63, [("t_ch4", 0.01, "%vol")]),
            self.row("T-GD-1", -1, [("t_ch4", 0.01, "%vol")]),
            self.row("T-GD-1", 7, [("t_ch4", 0.01, "%vol")], boot=2 ** 40),
            "not a row", None, {"d": ["T-GD-1"], "m": []},
        ]
        result = self.ingest(
            [good, *bad],
            events=["not an event", 42,
                    self.level("T-GD-1", "t_ch4", permit, "warning", 0.3)])
        self.assertEqual((result["stored"], result["events"]), (1, 1), result)
        self.assertEqual(result["rejected"], len(bad) + 2, result)
        # the bridge keeps exactly these (as dead letters), by their index in the batch
        self.assertEqual(result["rejected_readings"], list(range(1, len(bad) + 1)))
        self.assertEqual(result["rejected_events"], [0, 1])
        self.assertEqual(self.detector.battery, 80.0)
        self.assertEqual(permit.iot_alarm_ids.level, "warning")
        # a non-finite measurement is stored as null, not lost
        nan_value = self.row("T-GD-1", 8, [("t_ch4", float("nan"), "%vol")])
        self.assertEqual(self.ingest([nan_value])["stored"], 1)
        # a batch that is not even a list is rejected, not a crash
        result = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._ingest(
            {"readings": {"a": 1}, "events": "x"})
        self.assertEqual(result["rejected"], 2)
