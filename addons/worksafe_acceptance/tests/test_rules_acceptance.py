"""Plain-pytest tests of rules/acceptance.py (no Odoo, no database)."""

import pytest

from ..rules import acceptance as a

PHOTO_2 = a.Criterion(a.PHOTO, photo_count=2)
INSULATION = a.Criterion(a.MEASUREMENT, bound=a.AT_LEAST, value_min=0.5)
SURFACE_TEMP = a.Criterion(a.MEASUREMENT, photo_count=1, bound=a.AT_MOST, value_max=50.0)
PRESSURE = a.Criterion(a.MEASUREMENT, bound=a.BETWEEN, value_min=1.5, value_max=1.6)
GUARDS = a.Criterion(a.CHECK, photo_count=1)


def test_codes_are_unique_and_prefixed():
    codes = [v for k, v in vars(a).items() if k.isupper() and isinstance(v, str)
             and "." in v]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("acceptance.") for code in codes)


@pytest.mark.parametrize("photos,verdict", [(0, a.INCOMPLETE), (1, a.INCOMPLETE),
                                            (2, a.PASS), (5, a.PASS)])
def test_photo_count_is_a_minimum(photos, verdict):
    assert a.item_verdict(PHOTO_2, a.Evidence(photos=photos)) == verdict


@pytest.mark.parametrize("value,verdict,problem", [
    (None, a.INCOMPLETE, a.VALUE_MISSING), (0.49, a.FAIL, a.VALUE_BELOW_MIN),
    (0.5, a.PASS, None), (500.0, a.PASS, None), (float("nan"), a.INCOMPLETE, a.VALUE_MISSING),
])
def test_at_least_bound_is_inclusive(value, verdict, problem):
    evidence = a.Evidence(value=value)
    assert a.item_verdict(INSULATION, evidence) == verdict
    assert a.problems(INSULATION, evidence) == ([problem] if problem else [])


@pytest.mark.parametrize("value,verdict", [(1.49, a.FAIL), (1.5, a.PASS), (1.6, a.PASS),
                                           (1.61, a.FAIL)])
def test_range_bound_is_inclusive_on_both_ends(value, verdict):
    assert a.item_verdict(PRESSURE, a.Evidence(value=value)) == verdict


def test_a_value_out_of_range_fails_even_with_a_photo_missing():
    evidence = a.Evidence(photos=0, value=80.0)
    assert a.problems(SURFACE_TEMP, evidence) == [a.PHOTOS_MISSING, a.VALUE_ABOVE_MAX]
    assert a.item_verdict(SURFACE_TEMP, evidence) == a.FAIL
    assert a.item_verdict(SURFACE_TEMP, a.Evidence(photos=0, value=40.0)) == a.INCOMPLETE
    assert a.item_verdict(SURFACE_TEMP, a.Evidence(photos=1, value=50.0)) == a.PASS


@pytest.mark.parametrize("answer,photos,verdict", [
    (None, 1, a.INCOMPLETE), (False, 1, a.FAIL), (True, 0, a.INCOMPLETE), (True, 1, a.PASS),
    (False, 0, a.FAIL),
])
def test_checklist_item_needs_a_yes_and_its_photo(answer, photos, verdict):
    assert a.item_verdict(GUARDS, a.Evidence(photos=photos, answer=answer)) == verdict


def test_overall_verdict():
    assert a.overall_verdict([]) == a.PASS
    assert a.overall_verdict([a.PASS, a.PASS]) == a.PASS
    assert a.overall_verdict([a.PASS, a.INCOMPLETE]) == a.INCOMPLETE
    assert a.overall_verdict([a.INCOMPLETE, a.FAIL, a.PASS]) == a.FAIL


def test_site_check_state_waits_for_every_item():
    assert a.site_check_state([]) == a.NOT_REQUIRED
    assert a.site_check_state([a.PASS, None]) == a.PENDING
    assert a.site_check_state([a.FAIL, None]) == a.PENDING
    assert a.site_check_state([a.PASS, a.FAIL]) == a.FAILED
    assert a.site_check_state([a.PASS, a.PASS]) == a.PASSED


def test_acceptor_must_not_be_a_performer_and_must_hold_the_role():
    assert a.acceptor_refusals(is_performer=False, has_role=True) == []
    assert a.acceptor_refusals(is_performer=True, has_role=True) == [a.ACCEPTOR_IS_PERFORMER]
    assert a.acceptor_refusals(is_performer=False, has_role=False) == [a.ACCEPTOR_ROLE_MISSING]
    assert a.acceptor_refusals(is_performer=True, has_role=False) == [
        a.ACCEPTOR_IS_PERFORMER, a.ACCEPTOR_ROLE_MISSING]


def test_decisions():
    ok = {"decided": False, "handed_back": True, "has_note": False, "has_photo": False}
    assert a.decision_refusals(a.PASS, a.PASS, **ok) == []
    assert a.decision_refusals(a.PASS, a.INCOMPLETE, **ok) == [a.EVIDENCE_NOT_PASSING]
    assert a.decision_refusals(a.PASS, a.FAIL, **ok) == [a.EVIDENCE_NOT_PASSING]
    # a failure needs its note and photo, whatever the evidence said
    assert a.decision_refusals(a.FAIL, a.PASS, **ok) == [a.FAIL_NOTE_MISSING,
                                                          a.FAIL_PHOTO_MISSING]
    assert a.decision_refusals(a.FAIL, a.PASS, **dict(ok, has_note=True, has_photo=True)) == []
    assert a.decision_refusals(a.PASS, a.PASS, **dict(ok, decided=True)) == [a.ALREADY_DECIDED]
    assert a.decision_refusals(a.PASS, a.PASS, **dict(ok, handed_back=False)) == [
        a.PERMIT_NOT_HANDED_BACK]
    with pytest.raises(ValueError):
        a.decision_refusals("maybe", a.PASS, **ok)


def test_close_blockers():
    assert a.close_blockers([]) == []
    assert a.close_blockers([(a.PASS, False)]) == []
    assert a.close_blockers([(a.PASS, False), (None, False)]) == [a.ACCEPTANCE_PENDING]
    assert a.close_blockers([(a.FAIL, False)]) == [a.FAILED_WITHOUT_RECTIFICATION]
    assert a.close_blockers([(a.FAIL, True), (a.PASS, False)]) == []
    assert a.close_blockers([(None, False), (a.FAIL, False)]) == [
        a.ACCEPTANCE_PENDING, a.FAILED_WITHOUT_RECTIFICATION]


@pytest.mark.parametrize("criterion", [
    a.Criterion("video"), a.Criterion(a.PHOTO, photo_count=0),
    a.Criterion(a.CHECK, photo_count=-1), a.Criterion(a.MEASUREMENT),
    a.Criterion(a.MEASUREMENT, bound=a.BETWEEN, value_min=2.0, value_max=1.0),
    a.Criterion(a.MEASUREMENT, bound=a.AT_LEAST, value_min=float("inf")),
])
def test_impossible_criteria_are_refused(criterion):
    with pytest.raises(ValueError):
        a.check_criterion(criterion)


def test_valid_criteria_pass_the_check():
    for criterion in (PHOTO_2, INSULATION, SURFACE_TEMP, PRESSURE, GUARDS):
        a.check_criterion(criterion)
