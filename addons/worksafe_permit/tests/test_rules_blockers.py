"""Plain-pytest tests of rules/blockers.py (no Odoo, no database)."""

import dataclasses

import pytest

from ..rules import blockers as b

CODES = [value for name, value in vars(b).items()
         if name.isupper() and isinstance(value, str)]


def test_codes_are_unique_and_stable_identifiers():
    assert len(CODES) == len(set(CODES))
    for code in CODES:
        assert code == code.strip().lower()
        assert " " not in code


def test_codes_of_blockers_keep_their_order():
    items = [b.Blocker(b.GAS_TEST_MISSING, "x"), b.Blocker(b.WATCHER_NOT_ON_SITE, "y",
                                                           url="#checkin", label="Check in")]
    assert b.codes(items) == [b.GAS_TEST_MISSING, b.WATCHER_NOT_ON_SITE]
    assert b.codes([]) == []


def test_a_blocker_is_an_immutable_value():
    item = b.Blocker(b.OWN_PERMIT, "no", user_id=7)
    assert item == b.Blocker(b.OWN_PERMIT, "no", user_id=7)
    assert (item.url, item.label) == (None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.code = b.STATE


def test_stages():
    assert b.STAGES == ("submit", "issue", "start", "resume", "approve", "close")
