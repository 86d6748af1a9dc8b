"""Plain-pytest tests of report/permit_report.stop_periods (no database): each stop of the
work paired with the restart that ended it."""

from datetime import datetime, timedelta

from ..report.permit_report import stop_periods

T0 = datetime(2026, 6, 2, 8, 0)
H = timedelta(hours=1)


def test_no_stop_no_row():
    assert stop_periods([("permit.start", T0, "pa", None)]) == []


def test_suspend_resume_then_withdraw():
    rows = stop_periods([
        ("permit.start", T0, "pa", None),
        ("permit.suspend", T0 + H, "watcher", "wind force 6"),
        ("permit.start", T0 + 2 * H, "pa", None),
        ("permit.suspend", T0 + 3 * H, "iot", "LEL alarm"),
        ("permit.start", T0 + 4 * H, "watcher", None),
        ("permit.withdraw", T0 + 5 * H, "watcher", "unknown cable"),
    ])
    assert [(r["type"], r["reason"], r["resumed_at"], r["resumed_by"]) for r in rows] == [
        ("permit.suspend", "wind force 6", T0 + 2 * H, "pa"),
        ("permit.suspend", "LEL alarm", T0 + 4 * H, "watcher"),
        ("permit.withdraw", "unknown cable", None, None),
    ]


def test_still_suspended():
    rows = stop_periods([("permit.start", T0, "pa", None),
                         ("permit.suspend", T0 + H, "watcher", "gas alarm")])
    assert rows[0]["resumed_at"] is None and rows[0]["user"] == "watcher"
