"""Plain-pytest tests of rules/alarm.apply_level: folding a batch's level reports in memory
gives, report by report, what writing each one alone gave."""

from ..rules import alarm

NEW = alarm.AlarmRecord()


def fold(record, reports):
    changes = []
    for level, value in reports:
        record, change = alarm.apply_level(record, level, value)
        changes.append(change)
    return record, changes


def test_a_flapping_sensor_re_raises_one_open_alarm():
    record, changes = fold(NEW, [("critical", 18.0), ("normal", 20.9)] * 3)
    assert changes == ["raise", "normal"] * 3
    # never acknowledged: the alarm stays open (back to normal, not acknowledged)
    assert (record.level, record.peak, record.state) == ("normal", "critical",
                                                          "unacked_normal")


def test_an_acknowledged_alarm_closes_at_normal_and_keeps_its_worst_level():
    acked = alarm.AlarmRecord("critical", "critical", "acknowledged", 0.9)
    record, change = alarm.apply_level(acked, "normal", 0.0)
    assert change == "close"
    assert (record.level, record.peak, record.state) == ("normal", "critical", "closed")


def test_a_raise_on_a_new_alarm_starts_its_worst_level_and_value_afresh():
    record, change = alarm.apply_level(NEW, "warning", 0.3)
    assert change == "raise"
    assert (record.peak, record.peak_value, record.state) == ("warning", 0.3, "active")
    record, change = alarm.apply_level(record, "critical", 0.8)
    assert (change, record.peak, record.peak_value) == ("raise", "critical", 0.8)
    # de-escalation keeps the worst level and value
    record, change = alarm.apply_level(record, "warning", 0.4)
    assert (change, record.level, record.peak, record.peak_value) == (
        "change", "warning", "critical", 0.8)


def test_a_report_without_a_change_still_raises_the_worst_value():
    record = alarm.AlarmRecord("critical", "critical", "active", 0.8)
    record, change = alarm.apply_level(record, "critical", 0.95)
    assert change is None
    assert record.peak_value == 0.95
    record, change = alarm.apply_level(record, "critical", None)
    assert (change, record.peak_value) == (None, 0.95)
