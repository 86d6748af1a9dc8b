"""Plain-pytest tests of rules/history.py (no Odoo, no database): which request, which stage."""

from ..rules import history as h

NEW = h.StageInfo(1, 1, False)
PROGRESS = h.StageInfo(2, 2, False)
REPAIRED = h.StageInfo(3, 3, True)
SCRAP = h.StageInfo(4, 4, True)
STAGES = [SCRAP, REPAIRED, NEW, PROGRESS]  # any order


def _triple(choice):
    return choice.request_id, choice.equipment_id, choice.reason


def test_the_request_the_permit_names_wins():
    choice = h.choose_request((7, 3), [h.EquipmentInfo(1, "A", ((9, "2026-01-01"),))])
    assert _triple(choice) == (7, 3, h.LINKED)


def test_oldest_open_request_of_its_equipment():
    equipment = [h.EquipmentInfo(1, "Pump", ((11, "2026-03-01"),)),
                 h.EquipmentInfo(2, "Agitator", ((12, "2026-02-01"), (13, None)))]
    assert _triple(h.choose_request(None, equipment)) == (12, 2, h.OPEN_REQUEST)


def test_undated_open_request_only_when_no_dated_one():
    assert h.choose_request(None, [h.EquipmentInfo(1, "A", ((5, None),))]).request_id == 5


def test_created_for_the_first_equipment_by_name():
    equipment = [h.EquipmentInfo(5, "pump P-2"), h.EquipmentInfo(4, "Tank T-1"),
                 h.EquipmentInfo(3, "Pump P-2")]
    assert _triple(h.choose_request(None, equipment)) == (None, 3, h.CREATED)


def test_nothing_without_equipment_or_request():
    assert h.choose_request(None, []) is None


def test_close_moves_to_the_first_done_stage():
    assert h.target_stage(h.CLOSE, NEW, STAGES) == REPAIRED
    assert h.target_stage(h.CLOSE, None, STAGES) == REPAIRED


def test_close_leaves_a_done_request_where_it_is():
    assert h.target_stage(h.CLOSE, SCRAP, STAGES) is None
    assert h.target_stage(h.CLOSE, REPAIRED, STAGES) is None


def test_close_with_another_permit_open_is_only_in_progress():
    assert h.target_stage(h.CLOSE, NEW, STAGES, other_permits_open=True) == PROGRESS


def test_hand_back_moves_to_the_last_open_stage_never_backwards():
    assert h.target_stage(h.HAND_BACK, NEW, STAGES) == PROGRESS
    assert h.target_stage(h.HAND_BACK, PROGRESS, STAGES) is None
    assert h.target_stage(h.HAND_BACK, REPAIRED, STAGES) is None


def test_ended_without_the_work_never_moves():
    for transition in h.ENDED_UNDONE:
        assert h.target_stage(transition, NEW, STAGES) is None


def test_no_done_stage_configured():
    assert h.target_stage(h.CLOSE, NEW, [NEW, PROGRESS]) is None
