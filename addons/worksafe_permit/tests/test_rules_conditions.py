"""Plain-pytest tests of rules/conditions.py (no Odoo, no database).

Thresholds as shipped: hot work 5 (one level up allowed where production requires
it), lifting 6 (no escape), GB 30871-2022.
"""

import pytest

from ..rules import conditions

ALLOWED, UPGRADE, PROHIBITED = conditions.ALLOWED, conditions.UPGRADE, conditions.PROHIBITED


def hot_work(force, outdoor=True, production=False):
    return conditions.wind_verdict(
        force, 5, outdoor=outdoor, upgrade_allowed=True, production_requires=production
    )


def lifting(force, outdoor=True, production=False):
    return conditions.wind_verdict(
        force, 6, outdoor=outdoor, upgrade_allowed=False, production_requires=production
    )


class TestWind:
    @pytest.mark.parametrize(
        ("force", "production", "expected"),
        [
            (0, False, ALLOWED),
            (4, False, ALLOWED),
            (5, False, PROHIBITED),  # "force 5 or more": the threshold itself counts
            (5, True, UPGRADE),
            (8, False, PROHIBITED),
            (8, True, UPGRADE),
            (4, True, ALLOWED),  # the flag alone never raises the level
        ],
    )
    def test_hot_work(self, force, production, expected):
        assert hot_work(force, production=production) == expected

    @pytest.mark.parametrize(
        ("force", "expected"), [(5, ALLOWED), (6, PROHIBITED), (12, PROHIBITED)]
    )
    def test_lifting_has_no_escape(self, force, expected):
        assert lifting(force) == expected
        assert lifting(force, production=True) == expected

    def test_indoor_work_is_not_concerned(self):
        assert hot_work(9, outdoor=False) == ALLOWED
        assert lifting(9, outdoor=False) == ALLOWED

    @pytest.mark.parametrize("threshold", [0, None])
    def test_no_wind_rule(self, threshold):
        verdict = conditions.wind_verdict(
            12, threshold, outdoor=True, upgrade_allowed=False, production_requires=False
        )
        assert verdict == ALLOWED

    @pytest.mark.parametrize("force", [-1, 13, 5.5, None, True, "5"])
    def test_impossible_forces_are_refused(self, force):
        with pytest.raises(ValueError):
            hot_work(force)

    def test_impossible_threshold_is_refused(self):
        with pytest.raises(ValueError):
            conditions.wind_verdict(
                3, 13, outdoor=True, upgrade_allowed=False, production_requires=False
            )
