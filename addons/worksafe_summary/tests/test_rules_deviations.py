"""Plain-pytest tests of rules/deviations.py (no Odoo, no database)."""

from datetime import datetime, timedelta

from ..rules import deviations as r

START = datetime(2026, 5, 4, 8, 0)
END = datetime(2026, 5, 4, 16, 0)


def test_exceptions_and_acknowledged_overlaps_are_deviations():
    assert r.classify_event("qualification.exception_approved") == r.EXCEPTION
    assert r.classify_event("simops.acknowledged") == r.SIMOPS


def test_any_refusal_an_addon_records_is_a_refused_deviation():
    assert r.classify_event("permit.start_refused") == r.REFUSED
    assert r.classify_event("certificate.rejected") is None
    assert r.classify_event("permit.start") is None


def test_signatures_after_the_start_are_late():
    found = r.late_items(START, END,
                         approvals=[("Area authority", START - timedelta(hours=1)),
                                    ("Safety department", START + timedelta(minutes=5))],
                         signatures=[("Wang", START + timedelta(minutes=1)),
                                     ("Li", START), ("Zhao", None)])
    assert [(d.what, d.detail) for d in found] == [
        (r.LATE_APPROVAL, "Safety department"), (r.LATE_SIGNATURE, "Wang")]


def test_work_steps_and_hand_back_after_the_validity_are_late():
    later = END + timedelta(minutes=30)
    found = r.late_items(START, END,
                         steps=[("Isolate", "preparation", START),
                                ("Weld", "execution", later),
                                ("Clean up", "closure", later)],
                         hand_back_at=later)
    assert [(d.what, d.detail) for d in found] == [(r.LATE_STEP, "Weld"),
                                                   (r.LATE_HAND_BACK, "")]


def test_nothing_is_late_without_a_start_or_an_end():
    assert r.late_items(None, None, approvals=[("A", END)], steps=[("S", "execution", END)],
                        hand_back_at=END) == []


def test_deviations_sorted_by_time_then_kind_undated_last():
    a = r.Deviation(r.LATE, END, r.LATE_HAND_BACK, "")
    b = r.Deviation(r.EXCEPTION, START, "qualification.exception_approved", "x")
    c = r.Deviation(r.REFUSED, None, "permit.start_refused", "y")
    d = r.Deviation(r.SIMOPS, START, "simops.acknowledged", "z")
    assert r.sort_deviations([c, a, d, b]) == [b, d, a, c]
