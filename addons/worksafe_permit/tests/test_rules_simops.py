"""Plain-pytest tests of rules/simops.py (no Odoo, no database)."""

from datetime import datetime, timedelta

import pytest

from ..rules import simops

Footprint = simops.Footprint
SimopsRule = simops.SimopsRule
Conflict = simops.Conflict

T0 = datetime(2025, 6, 2, 8, 0)
T1 = datetime(2025, 6, 2, 17, 0)

# Areas: unit 10 contains tank 11 (a confined space) and pump bay 12.
UNIT = (10,)
TANK = (11, 10)
PUMP_BAY = (12, 10)
OTHER_UNIT = (20,)

HOT_NEAR_BLINDING = SimopsRule(1, "hot_work", "blinding", "distance", 30.0, "block")
ONE_BLINDING_PER_LINE = SimopsRule(2, "blinding", "blinding", "same_pipeline")
PAINT_WITH_HOT = SimopsRule(3, "tag:painting", "hot_work", "same_area")
ELECTRICAL_ON_EQUIPMENT = SimopsRule(
    4, "electrical", "tag:rotating", "same_equipment", action="coordinate"
)
HOT_IN_AREA_COORDINATE = SimopsRule(5, "hot_work", "blinding", "same_area", action="coordinate")
RULES = (
    HOT_NEAR_BLINDING,
    ONE_BLINDING_PER_LINE,
    PAINT_WITH_HOT,
    ELECTRICAL_ON_EQUIPMENT,
)


def fp(
    permit_id,
    work_type,
    *,
    tags=(),
    area=UNIT,
    position=(0.0, 0.0),
    equipment=(),
    pipelines=(),
    start=T0,
    end=T1,
):
    return Footprint(
        permit_id=permit_id,
        work_type=work_type,
        tags=frozenset(tags),
        area_path=tuple(area),
        position=position,
        equipment_ids=frozenset(equipment),
        pipelines=frozenset(pipelines),
        start=start,
        end=end,
    )


def conflicts(candidate, *others, rules=RULES):
    return simops.find_conflicts(candidate, others, rules)


class TestWindowsOverlap:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            ((8, 12), (11, 14), True),
            ((11, 14), (8, 12), True),
            ((8, 12), (12, 14), False),  # hand-over: one ends as the other starts
            ((12, 14), (8, 12), False),
            ((8, 12), (13, 14), False),
            ((8, 18), (10, 11), True),  # containment
            ((10, 11), (8, 18), True),
            ((8, 12), (8, 12), True),
        ],
    )
    def test_half_open(self, a, b, expected):
        def at(hour):
            return T0.replace(hour=hour)

        assert simops.windows_overlap(at(a[0]), at(a[1]), at(b[0]), at(b[1])) is expected


class TestDistance:
    @pytest.mark.parametrize(
        ("x", "expected"), [(0.0, True), (29.9, True), (30.0, True), (30.1, False)]
    )
    def test_hot_work_within_30_m_of_blinding(self, x, expected):
        hot = fp(1, "hot_work", position=(0.0, 0.0))
        blind = fp(2, "blinding", position=(x, 0.0), area=OTHER_UNIT)
        found = conflicts(hot, blind)
        if expected:
            assert found == [Conflict(1, 2, 1, "block", pytest.approx(x))]
        else:
            assert found == []

    def test_diagonal_distance_exactly_30(self):
        hot = fp(1, "hot_work", position=(100.0, 200.0))
        blind = fp(2, "blinding", position=(118.0, 224.0))  # 18-24-30 triangle
        (conflict,) = conflicts(hot, blind)
        assert conflict.distance_m == 30.0

    def test_reverse_subject_order(self):
        blind = fp(1, "blinding", position=(0.0, 0.0))
        hot = fp(2, "hot_work", position=(0.0, 29.9))
        assert conflicts(blind, hot) == [Conflict(1, 2, 1, "block", pytest.approx(29.9))]

    def test_missing_position_falls_back_to_same_area(self):
        hot = fp(1, "hot_work", position=None, area=TANK)
        blind_same_area = fp(2, "blinding", position=(500.0, 0.0), area=TANK)
        blind_elsewhere = fp(3, "blinding", position=(1.0, 0.0), area=OTHER_UNIT)
        assert conflicts(hot, blind_same_area, blind_elsewhere) == [
            Conflict(1, 2, 1, "block", None)
        ]

    def test_missing_position_on_the_other_side(self):
        hot = fp(1, "hot_work", position=(0.0, 0.0), area=TANK)
        blind = fp(2, "blinding", position=None, area=UNIT)
        assert conflicts(hot, blind) == [Conflict(1, 2, 1, "block", None)]

    def test_far_apart_in_same_area_is_no_distance_conflict(self):
        hot = fp(1, "hot_work", position=(0.0, 0.0), area=UNIT)
        blind = fp(2, "blinding", position=(31.0, 0.0), area=UNIT)
        assert conflicts(hot, blind) == []


class TestPipelineAndEquipment:
    def test_two_blinding_jobs_on_one_pipeline(self):
        a = fp(1, "blinding", pipelines={"P-101", "P-102"}, position=(0.0, 0.0))
        b = fp(2, "blinding", pipelines={"P-102"}, position=(900.0, 0.0))
        # reported once although the rule matches in both subject orders
        assert conflicts(a, b) == [Conflict(1, 2, 2, "block", 900.0)]

    def test_blinding_on_different_pipelines(self):
        a = fp(1, "blinding", pipelines={"P-101"})
        b = fp(2, "blinding", pipelines={"P-102"})
        assert conflicts(a, b) == []

    def test_no_pipelines(self):
        assert conflicts(fp(1, "blinding"), fp(2, "blinding")) == []

    @pytest.mark.parametrize(
        "typed",
        [
            "p-102",  # case
            " P - 102 ",  # spaces
            "P\t-102\n",  # any whitespace
            "\uff30\uff0d\uff11\uff10\uff12",  # full-width (Chinese input method)
            "\uff50\u3000\uff0d102",  # full-width lower case and ideographic space
        ],
    )
    def test_pipeline_codes_compare_as_one_line(self, typed):
        a = fp(1, "blinding", pipelines={"P-102"})
        b = fp(2, "blinding", pipelines={typed})
        assert [c.rule_id for c in conflicts(a, b)] == [2]

    @pytest.mark.parametrize("typed", ["P102", "P-1O2", "P-1022", "", "   "])
    def test_other_codes_stay_different(self, typed):
        a = fp(1, "blinding", pipelines={"P-102"})
        b = fp(2, "blinding", pipelines={typed})
        assert conflicts(a, b) == []


class TestNormalizeCode:
    @pytest.mark.parametrize(
        ("code", "key"),
        [
            ("L-101", "l-101"),
            ("\uff2c\uff0d\uff11\uff10\uff11", "l-101"),
            (" l \u3000- 101 ", "l-101"),
            ("V\u2010101", "v\u2010101"),  # a different hyphen is a different character
            (None, ""),
            ("", ""),
            (False, ""),
        ],
    )
    def test_key(self, code, key):
        assert simops.normalize_code(code) == key

    def test_same_equipment(self):
        elec = fp(1, "electrical", equipment={7, 8}, position=None)
        pump = fp(2, "mechanical", tags={"rotating"}, equipment={8}, area=OTHER_UNIT)
        other_pump = fp(3, "mechanical", tags={"rotating"}, equipment={9})
        assert conflicts(elec, pump, other_pump) == [Conflict(1, 2, 4, "coordinate", None)]


class TestAreasAndTags:
    def test_painting_in_confined_space_with_hot_work(self):
        painting = fp(1, "confined_space", tags={"painting"}, area=TANK, position=None)
        hot = fp(2, "hot_work", area=TANK, position=None)
        assert conflicts(painting, hot) == [Conflict(1, 2, 3, "block", None)]
        assert conflicts(hot, painting) == [Conflict(2, 1, 3, "block", None)]

    def test_tag_not_present(self):
        entry = fp(1, "confined_space", tags={"inspection"}, area=TANK)
        hot = fp(2, "hot_work", area=TANK, position=(500.0, 0.0))
        assert conflicts(entry, hot) == []

    def test_work_type_is_not_a_tag(self):
        rule = SimopsRule(9, "tag:hot_work", "tag:painting", "same_area")
        hot = fp(1, "hot_work", area=UNIT)
        painting = fp(2, "painting", area=UNIT)
        assert conflicts(hot, painting, rules=[rule]) == []

    def test_sub_area_counts_inside_its_parent(self):
        painting_in_tank = fp(1, "confined_space", tags={"painting"}, area=TANK)
        hot_on_unit = fp(2, "hot_work", area=UNIT, position=None)
        assert [c.other_id for c in conflicts(painting_in_tank, hot_on_unit)] == [2]
        assert [c.other_id for c in conflicts(hot_on_unit, painting_in_tank)] == [1]

    def test_sibling_sub_areas_do_not_share(self):
        painting_in_tank = fp(1, "confined_space", tags={"painting"}, area=TANK)
        hot_in_pump_bay = fp(2, "hot_work", area=PUMP_BAY)
        assert conflicts(painting_in_tank, hot_in_pump_bay) == []

    def test_other_unit(self):
        painting = fp(1, "confined_space", tags={"painting"}, area=TANK)
        hot = fp(2, "hot_work", area=OTHER_UNIT)
        assert conflicts(painting, hot) == []

    def test_empty_area_path_never_same_area(self):
        painting = fp(1, "confined_space", tags={"painting"}, area=())
        hot = fp(2, "hot_work", area=UNIT)
        assert conflicts(painting, hot) == []


class TestTimeAndSelection:
    def test_no_overlap_in_time(self):
        hot = fp(1, "hot_work", start=T0, end=T0 + timedelta(hours=4))
        blind = fp(2, "blinding", start=T0 + timedelta(hours=5), end=T1)
        assert conflicts(hot, blind) == []

    def test_back_to_back_is_no_conflict(self):
        hot = fp(1, "hot_work", start=T0, end=T0 + timedelta(hours=4))
        blind = fp(2, "blinding", start=T0 + timedelta(hours=4), end=T1)
        assert conflicts(hot, blind) == []

    def test_one_minute_overlap(self):
        hot = fp(1, "hot_work", start=T0, end=T0 + timedelta(hours=4, minutes=1))
        blind = fp(2, "blinding", start=T0 + timedelta(hours=4), end=T1)
        assert len(conflicts(hot, blind)) == 1

    def test_skips_itself(self):
        hot = fp(1, "hot_work")
        itself_as_blinding = fp(1, "blinding")
        assert conflicts(hot, itself_as_blinding) == []

    def test_unrelated_work_types(self):
        assert conflicts(fp(1, "hot_work"), fp(2, "excavation")) == []

    def test_no_rules(self):
        assert conflicts(fp(1, "hot_work"), fp(2, "blinding"), rules=[]) == []

    def test_several_rules_for_one_pair_sorted_block_first(self):
        hot = fp(1, "hot_work", position=(0.0, 0.0))
        near = fp(3, "blinding", position=(10.0, 0.0))
        far_same_area = fp(2, "blinding", position=(100.0, 0.0))
        rules = [HOT_IN_AREA_COORDINATE, HOT_NEAR_BLINDING]
        assert conflicts(hot, near, far_same_area, rules=rules) == [
            Conflict(1, 3, 1, "block", 10.0),
            Conflict(1, 2, 5, "coordinate", 100.0),
            Conflict(1, 3, 5, "coordinate", 10.0),
        ]

    def test_sorted_by_other_id_within_action(self):
        hot = fp(1, "hot_work")
        others = [fp(pid, "blinding") for pid in (9, 4, 7)]
        assert [c.other_id for c in conflicts(hot, *others)] == [4, 7, 9]

    def test_accepts_generators(self):
        hot = fp(1, "hot_work")
        found = simops.find_conflicts(hot, (o for o in [fp(2, "blinding")]), (r for r in RULES))
        assert [c.rule_id for c in found] == [1]

    def test_unknown_relation(self):
        rule = SimopsRule(9, "hot_work", "blinding", "same_galaxy")
        with pytest.raises(ValueError):
            conflicts(fp(1, "hot_work"), fp(2, "blinding"), rules=[rule])
