"""Plain-pytest tests of rules/alarm.py: levels, hysteresis, latching, staleness, TWA/STEL."""

from datetime import date

import pytest

from ..rules import alarm

H2S = alarm.setpoints_from_limit("h2s", "ppm", max_value=10.0, kind="toxic",
                                 warning_ratio=0.5, alarm_ratio=0.8)
O2 = alarm.setpoints_from_limit("o2", "%vol", min_value=19.5, max_value=23.5, kind="oxygen")


@pytest.mark.parametrize("value,level", [
    (0.0, "normal"), (5.0, "normal"), (5.01, "warning"), (8.0, "warning"), (8.5, "alarm"),
    (10.0, "alarm"), (10.01, "critical"), (500, "critical"),
])
def test_levels_rising_toxic(value, level):
    assert alarm.classify(value, H2S) == level


@pytest.mark.parametrize("value,level", [
    (20.9, "normal"), (19.5, "normal"), (19.49, "critical"), (23.5, "normal"),
    (23.6, "critical"),
])
def test_oxygen_both_directions_no_early_rungs(value, level):
    assert alarm.classify(value, O2) == level


def test_non_finite_is_fault():
    assert alarm.classify(float("nan"), H2S) == "fault"
    assert alarm.classify("x", H2S) == "fault"


def test_hysteresis_clears_only_below_80_percent_of_the_setpoint():
    level = alarm.classify(10.5, H2S)
    assert level == "critical"
    # 9 ppm is below the critical setpoint but inside its 20 % deadband (8 ppm): held
    assert alarm.classify(9.0, H2S, level) == "critical"
    assert alarm.classify(8.01, H2S, level) == "critical"
    # below 8 ppm the critical rung clears; the alarm rung (8 ppm) holds down to 6.4 ppm
    assert alarm.classify(7.9, H2S, "critical") == "alarm"
    assert alarm.classify(6.0, H2S, "alarm") == "warning"
    assert alarm.classify(3.9, H2S, "warning") == "normal"


def test_hysteresis_low_side():
    assert alarm.classify(19.4, O2) == "critical"
    assert alarm.classify(19.6, O2, "critical") == "critical"  # 19.5 * 1.01 = 19.695
    assert alarm.classify(19.7, O2, "critical") == "normal"


def test_low_alarm_in_a_narrow_band_clears_in_normal_air():
    # GB 30871 oxygen band 19.5-21 %vol: the high deadband (80 % of 21) covers normal air
    band = alarm.setpoints_from_limit("o2", "%vol", min_value=19.5, max_value=21.0,
                                      kind="oxygen")
    level = alarm.classify(17.0, band)
    side = alarm.tripped_side(17.0, band, level)
    assert (level, side) == ("critical", "low")
    assert alarm.classify(19.6, band, level, side) == "critical"  # in the low deadband
    assert alarm.classify(20.9, band, level, side) == "normal"
    # an enrichment alarm holds in its own deadband
    level = alarm.classify(21.3, band)
    side = alarm.tripped_side(21.3, band, level)
    assert (level, side) == ("critical", "high")
    assert alarm.classify(20.9, band, level, side) == "critical"
    assert alarm.tripped_side(20.9, band, "critical", side) == "high"


def test_latching_needs_normal_and_acknowledgement():
    latch, event = alarm.latch_level(alarm.Latch(), "critical")
    assert event == "raise" and latch.state == "active"
    latch, event = alarm.latch_level(latch, "normal")
    assert event == "normal" and latch.state == "unacked_normal" and latch.open
    latch, event = alarm.latch_ack(latch)
    assert event == "close" and not latch.open and latch.state == "closed"


def test_ack_first_then_normal_closes():
    latch, _ev = alarm.latch_level(alarm.Latch(), "alarm")
    latch, event = alarm.latch_ack(latch)
    assert event == "ack" and latch.state == "acknowledged" and latch.open
    latch, event = alarm.latch_level(latch, "warning")
    assert event == "change" and latch.open
    latch, event = alarm.latch_level(latch, "normal")
    assert event == "close" and not latch.open


def test_escalation_after_ack_needs_a_new_ack():
    latch, _ev = alarm.latch_level(alarm.Latch(), "alarm")
    latch, _ev = alarm.latch_ack(latch)
    latch, event = alarm.latch_level(latch, "critical")
    assert event == "raise" and not latch.acked and latch.peak == "critical"


def test_fault_escalates_an_alarm_and_ranks_like_it():
    latch, _ev = alarm.latch_level(alarm.Latch(), "alarm")
    latch, event = alarm.latch_level(latch, "fault")
    assert event == "raise"
    assert alarm.worst("alarm", "fault") == "fault"
    assert alarm.worst("critical", "fault") == "critical"


def test_stale_and_faults():
    assert alarm.stale_after(10, keepalive_s=20) == 40
    assert alarm.stale_after(10) == 30
    assert alarm.fault_reasons(now=100, last_seen=80, reporting_interval_s=10) == []
    assert alarm.fault_reasons(now=100, last_seen=69, reporting_interval_s=10) == ["stale"]
    assert alarm.fault_reasons(now=100, last_seen=None) == ["never_seen"]
    assert alarm.fault_reasons(now=100, last_seen=99, online=False) == ["offline"]
    assert alarm.fault_reasons(now=100, last_seen=99, quality="bad") == ["bad_quality"]
    reasons = alarm.fault_reasons(now=100, last_seen=99, calibration_due=date(2024, 1, 1),
                                  bump_test_due=date(2024, 1, 3), today=date(2024, 1, 2))
    assert reasons == ["calibration_overdue"]


def test_stel_and_twa():
    sp = alarm.setpoints_from_limit("co", "ppm", max_value=200, twa=25, stel=100)
    exp = alarm.Exposure(max_gap_s=3600)
    for t in range(0, 900, 10):  # 15 min at 120 ppm
        exp.add(float(t), 120.0)
    assert exp.stel(900.0) == pytest.approx(120.0 * 890 / 900 + 120 * 10 / 900, rel=1e-6)
    assert alarm.exposure_level(exp, 900.0, sp) == "alarm"  # STEL 120 > 100
    assert exp.twa(900.0) == pytest.approx(120 * 900 / 28800, rel=1e-6)
    quiet = alarm.Exposure()
    for t in range(0, 900, 10):
        quiet.add(float(t), 20.0)
    assert alarm.exposure_level(quiet, 900.0, sp) == "normal"


def test_exposure_ignores_out_of_order_and_caps_gaps():
    exp = alarm.Exposure(max_gap_s=60)
    exp.add(0.0, 100.0)
    exp.add(1000.0, 0.0)  # a 1000-s gap counts only 60 s of exposure
    exp.add(500.0, 1e6)   # out of order: ignored
    assert exp.average(1000.0, 1000.0) == pytest.approx(6.0)
