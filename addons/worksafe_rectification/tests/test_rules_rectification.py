"""Plain-pytest tests of rules/rectification.py (no Odoo, no database)."""

from datetime import date

import pytest

from ..rules import blockers
from ..rules import rectification as r

FULL_PLAN = {"plan_goal": "Restore", "plan_measures": "Replace", "plan_resources": "CNY 1",
             "plan_people": "Lu", "plan_deadline": date(2026, 5, 1),
             "plan_contingency": "Isolate"}
LADDER = [r.Rung(1, -1), r.Rung(2, 0), r.Rung(3, 3), r.Rung(4, 7)]
DEADLINE = date(2026, 3, 10)


def test_general_hazard_needs_no_plan():
    assert r.missing_plan_items("general", {}) == []


def test_major_hazard_lists_every_missing_item_in_plan_order():
    assert r.missing_plan_items("major", {}) == list(r.MAJOR_PLAN_ITEMS)
    assert r.missing_plan_items("major", FULL_PLAN) == []
    partial = dict(FULL_PLAN, plan_resources="   ", plan_deadline=False)
    assert r.missing_plan_items("major", partial) == ["plan_resources", "plan_deadline"]


@pytest.mark.parametrize(("verifier", "expected"), [(3, None), (1, "doer"), (2, "owner")])
def test_verifier_is_neither_doer_nor_owner(verifier, expected):
    assert r.verifier_problem(verifier, done_by_id=1, owner_id=2) == expected


def test_verifier_without_doer_is_judged_on_owner():
    assert r.verifier_problem(2, None, 2) == "owner"
    assert r.verifier_problem(5, None, None) is None


@pytest.mark.parametrize(("today", "sent"), [
    (date(2026, 3, 8), []),   # D-2: nothing yet
    (date(2026, 3, 9), [1]),  # D-1 reminder
    (date(2026, 3, 10), [2]),  # D0
    (date(2026, 3, 12), []),  # D+2: between rungs
    (date(2026, 3, 13), [3]),  # D+3
    (date(2026, 3, 17), [4]),  # D+7
])
def test_each_rung_on_its_day(today, sent):
    already = [rung.key for rung in LADDER if r.rung_date(DEADLINE, rung) < today]
    send, skip = r.rungs_to_send(DEADLINE, today, LADDER, already)
    assert [rung.key for rung in send] == sent
    assert skip == []


def test_a_rung_is_sent_once():
    send, _skip = r.rungs_to_send(DEADLINE, date(2026, 3, 10), LADDER, [1, 2])
    assert send == []
    send, _skip = r.rungs_to_send(DEADLINE, date(2026, 3, 11), LADDER, [1, 2])
    assert send == []


def test_missed_days_send_only_the_current_rung():
    """The cron was down from D-2 to D+4: the D+3 notice goes, D-1 and D0 are passed over."""
    send, skip = r.rungs_to_send(DEADLINE, date(2026, 3, 14), LADDER, [])
    assert [rung.key for rung in send] == [3]
    assert [rung.key for rung in skip] == [1, 2]


def test_two_rungs_on_the_same_day_both_go():
    ladder = [*LADDER, r.Rung(5, 7)]
    send, _skip = r.rungs_to_send(DEADLINE, date(2026, 3, 17), ladder, [1, 2, 3])
    assert [rung.key for rung in send] == [4, 5]


def test_days_overdue():
    assert r.days_overdue(DEADLINE, date(2026, 3, 10), finished=False) == 0
    assert r.days_overdue(DEADLINE, date(2026, 3, 13), finished=False) == 3
    assert r.days_overdue(DEADLINE, date(2026, 3, 13), finished=True) == 0
    assert r.days_overdue(None, date(2026, 3, 13), finished=False) == 0


def test_finished_on_time():
    assert r.finished_on_time(DEADLINE, None) is None
    assert r.finished_on_time(DEADLINE, DEADLINE) is True
    assert r.finished_on_time(DEADLINE, date(2026, 3, 11)) is False


def test_blocker_code_has_the_addon_prefix():
    assert blockers.UNVERIFIED == "rectification.unverified"
