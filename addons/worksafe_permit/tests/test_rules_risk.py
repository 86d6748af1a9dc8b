"""Plain-pytest tests of rules/risk.py (no Odoo, no database)."""


import pytest

from ..rules import risk

BANDS = [(4, "low"), (9, "medium"), (15, "high"), (25, "critical")]


class TestRiskScore:
    @pytest.mark.parametrize("likelihood", range(1, 6))
    @pytest.mark.parametrize("severity", range(1, 6))
    def test_product(self, likelihood, severity):
        assert risk.risk_score(likelihood, severity) == likelihood * severity

    def test_extremes(self):
        assert risk.risk_score(1, 1) == 1
        assert risk.risk_score(5, 5) == 25

    @pytest.mark.parametrize("bad", [0, 6, -1, 100, 2.0, 2.5, "3", None, True, False])
    def test_out_of_range(self, bad):
        with pytest.raises(ValueError):
            risk.risk_score(bad, 3)
        with pytest.raises(ValueError):
            risk.risk_score(3, bad)


class TestRiskRating:
    @pytest.mark.parametrize(
        ("score", "rating"),
        [
            (0, "low"),
            (1, "low"),
            (3, "low"),
            (4, "low"),
            (5, "medium"),
            (9, "medium"),
            (10, "high"),
            (14, "high"),
            (15, "high"),
            (16, "critical"),
            (24, "critical"),
            (25, "critical"),
            (26, "critical"),
            (1000, "critical"),
        ],
    )
    def test_bands(self, score, rating):
        assert risk.risk_rating(score, BANDS) == rating

    def test_tuple_of_bands(self):
        assert risk.risk_rating(12, tuple(BANDS)) == "high"

    def test_single_band(self):
        assert risk.risk_rating(99, [(10, "only")]) == "only"

    def test_empty_bands(self):
        with pytest.raises(ValueError):
            risk.risk_rating(5, [])

    @pytest.mark.parametrize(
        "bands",
        [[(9, "medium"), (4, "low")], [(4, "low"), (4, "also low")]],
    )
    def test_bands_must_ascend(self, bands):
        with pytest.raises(ValueError):
            risk.risk_rating(5, bands)

    def test_with_score(self):
        assert risk.risk_rating(risk.risk_score(3, 3), BANDS) == "medium"
        assert risk.risk_rating(risk.risk_score(4, 4), BANDS) == "critical"
        assert risk.risk_rating(risk.risk_score(2, 2), BANDS) == "low"
