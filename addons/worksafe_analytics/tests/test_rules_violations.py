from odoo.addons.worksafe_analytics.rules import violations as v


def ev(seq, kind, **values):
    return {"seq": seq, "type": kind, "values": values}


def types(events):
    return [(found.type, found.seq) for found in v.classify(events)]


def test_refused_start_with_causes():
    events = [ev(1, "permit.issue", to="issued"),
              ev(2, v.START_REFUSED_EVENT, codes=["gas.stale", "watcher.not_on_site"])]
    assert types(events) == [(v.START_REFUSED, 2), (v.STALE_GAS, 2), (v.WATCHER_ABSENT, 2)]


def test_refused_start_for_steps_is_missing_evidence():
    events = [ev(1, v.START_REFUSED_EVENT, codes=["step.not_done"])]
    assert types(events) == [(v.START_REFUSED, 1), (v.MISSING_EVIDENCE, 1)]


def test_watcher_leaving_counts_only_while_active():
    issued = [ev(1, "permit.issue", to="issued"), ev(2, "permit.watcher_out")]
    assert types(issued) == []
    active = [ev(1, "permit.start", to="active"), ev(2, "permit.watcher_out"),
              ev(3, "permit.suspend", to="suspended"), ev(4, "permit.watcher_out")]
    assert types(active) == [(v.WATCHER_ABSENT, 2)]


def test_briefing_signed_after_start_is_late():
    events = [ev(1, "briefing.signed"), ev(2, "permit.start", to="active"),
              ev(3, "briefing.signed")]
    assert types(events) == [(v.LATE_SIGNATURE, 3)]


def test_expiry_and_alarm():
    events = [ev(1, "iot.alarm"), ev(2, "permit.expire", to="expired")]
    assert types(events) == [(v.ALARM, 1), (v.EXPIRED_PERMIT, 2)]


def test_clean_permit_has_no_violation():
    events = [ev(1, "permit.create", to="draft"), ev(2, "permit.submit", to="submitted"),
              ev(3, "permit.approve", to="approved"), ev(4, "permit.issue", to="issued"),
              ev(5, "briefing.signed"), ev(6, "permit.start", to="active"),
              ev(7, "permit.hand_back", to="handed_back"), ev(8, "permit.close", to="closed")]
    assert types(events) == []


def test_step_missed_only_once_its_phase_began_and_ended():
    assert not v.step_missed("preparation", False, ["submit", "approve"])  # still pending
    assert v.step_missed("preparation", False, ["submit", "approve", "expire"])
    assert not v.step_missed("preparation", True, ["approve", "start"])
    assert not v.step_missed("execution", False, ["approve", "cancel"])  # never began
    assert v.step_missed("execution", False, ["approve", "start", "withdraw"])
    assert v.step_missed("execution", False, ["approve", "start", "hand_back"])
