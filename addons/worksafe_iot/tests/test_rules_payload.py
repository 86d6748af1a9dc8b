"""Plain-pytest tests of rules/payload.py: the MQTT topic and payload scheme."""

import json

import pytest

from ..rules import payload as pl

NOW = 1_750_000_000.0


def _data(**values):
    body = {"device": "GD-7", "boot": 3, "seq": 42, "ts": NOW - 1,
            "m": [{"k": "H2S", "v": 4.2, "u": "ppm"}, {"k": "o2", "v": 20.9, "u": "%vol",
                                                       "q": 192}],
            "battery": 80, "pos": {"x": 1, "y": 2}}
    body.update(values)
    return json.dumps(body).encode()


def test_plain_reading():
    r = pl.parse("worksafe/s1/a1/GD-7/data", _data(), NOW)
    assert (r.device, r.boot, r.seq, r.ts) == ("GD-7", 3, 42, NOW - 1)
    assert r.measurements[0] == pl.Measurement("h2s", 4.2, "ppm", "good")
    assert r.position == {"x": 1.0, "y": 2.0} and r.battery == 80.0
    row = r.as_row(NOW)
    assert row["d"] == "GD-7" and row["m"][1] == ["o2", 20.9, "%vol", "good"]


@pytest.mark.parametrize("ts,expected", [
    (1_750_000_000_123, 1_750_000_000.123), ("2025-06-15T15:06:40Z", 1_750_000_000.0),
])
def test_timestamps(ts, expected):
    assert pl.parse("worksafe/s/a/GD-7/data", _data(ts=ts), NOW).ts == pytest.approx(expected)


def test_measurements_as_object_and_flags():
    r = pl.parse("worksafe/s/a/FD-1/data", json.dumps(
        {"device": "FD-1", "seq": 1, "m": {"flame": True, "temp": {"v": 30, "u": "C"}},
         "historical": True}).encode(), NOW)
    assert [m.code for m in r.measurements] == ["flame", "temp"]
    assert r.measurements[0].value == 1.0 and r.historical


@pytest.mark.parametrize("topic,payload", [
    ("worksafe/s/a/GD-7/data", b"not json"),
    ("worksafe/s/a/GD-7/data", b"[1, 2]"),
    ("worksafe/s/a/GD-7/data", _data(seq="x")),
    ("worksafe/s/a/GD-7/data", _data(m=[])),
    ("worksafe/s/a/GD-7/data", _data(m=[{"k": "h2s", "v": "NaN"}])),
    ("worksafe/s/a/GD-7/data", _data(device="a/b")),
    ("worksafe/s/a/GD-7/data", json.dumps({"device": "GD-7", "m": {"x": 1}}).encode()),
    ("worksafe/s/a/GD-7/bogus", _data()),
    ("other/topic", _data()),
    ("worksafe/s/a/GD-7/event", json.dumps({"event": "dance"}).encode()),
    ("worksafe/s/a/GD-7/data", b"x" * (pl.MAX_PAYLOAD + 1)),
])
def test_bad_payloads_raise(topic, payload):
    with pytest.raises(pl.PayloadError):
        pl.parse(topic, payload, NOW)


def test_status_event_ack():
    assert pl.parse("worksafe/s/a/GD-7/status", b'{"online": false}', NOW) == \
        pl.Status("GD-7", False, NOW)
    ev = pl.parse("worksafe/s/a/HM-1/event", json.dumps(
        {"event": "fall", "badge": "E1", "pos": {"lat": 31.2, "lon": 121.5}}).encode(), NOW)
    assert ev.kind == "fall" and ev.badge == "E1" and pl.EVENT_LEVELS["fall"] == "critical"
    ack = pl.parse("worksafe/s/a/RL-1/ack", b'{"cmd_id": "c1", "state": "trip"}', NOW)
    assert ack == pl.Ack("RL-1", "c1", "trip", NOW)


def test_sparkplug_shaped_json():
    body = {"timestamp": 1_750_000_000_000, "seq": 7, "metrics": [
        {"name": "bdSeq", "value": 2},
        {"name": "h2s", "value": 3.5, "properties": {"engUnit": {"value": "ppm"},
                                                     "quality": {"value": 192}}},
        {"name": "o2", "value": 20.8, "properties": {"unit": "%vol"}, "is_historical": True}]}
    items = pl.parse("spBv1.0/plant/DDATA/edge1/GD-9", json.dumps(body).encode(), NOW)
    (r,) = items
    assert r.device == "GD-9" and r.boot == 2 and r.seq == 1_750_000_000_000 * 256 + 7
    assert r.historical and r.measurements[0] == pl.Measurement("h2s", 3.5, "ppm", "good")
    death = pl.parse("spBv1.0/plant/DDEATH/edge1/GD-9", b"", NOW)
    assert death == pl.Status("GD-9", False, NOW)
    birth = pl.parse("spBv1.0/plant/DBIRTH/edge1/GD-9", json.dumps(body).encode(), NOW)
    assert isinstance(birth[0], pl.Status) and birth[0].online
