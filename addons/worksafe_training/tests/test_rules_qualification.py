"""Plain-pytest tests of rules/qualification.py (no Odoo, no database)."""

from datetime import datetime, timedelta

from ..rules import qualification as q

T0 = datetime(2025, 6, 2, 8, 0)
H = timedelta(hours=1)
D = timedelta(days=1)
WELD = q.Requirement(key=1, role="worker", kind="certificate", item="weld", label="Welding")
AUTH_W = q.Requirement(key=2, role="worker", kind="authorisation", item="hot", label="Hot work")
AUTH_WATCH = q.Requirement(key=3, role="watcher", kind="authorisation", item="hot")
REQS = [WELD, AUTH_W, AUTH_WATCH]


def cert(person, start=T0 - 300 * D, end=T0 + 300 * D, item="weld", **kw):
    return q.Credential(person=person, kind="certificate", item=item, start=start, end=end, **kw)


def auth(person, role="worker", start=T0 - 30 * D, end=T0 + 300 * D, item="hot", **kw):
    return q.Credential(person=person, kind="authorisation", item=item, role=role, start=start,
                        end=end, **kw)


def run(people, creds, start=T0, end=T0 + 8 * H, area_path=(10, 1), exceptions=(), reqs=REQS):
    return q.check(people, reqs, creds, start, end, area_path, exceptions)


def codes(problems):
    return sorted((p.person, p.requirement.key, p.code) for p in problems)


def test_no_requirement_needs_nothing():
    assert q.check({"a": ["worker"]}, [], [], T0, T0 + H) == []


def test_all_valid():
    assert run({"a": ["worker"], "b": ["watcher"]},
               [cert("a"), auth("a"), auth("b", role="watcher")]) == []


def test_missing_everything():
    assert codes(run({"a": ["worker"]}, [])) == [("a", 1, "missing"), ("a", 2, "missing")]


def test_expired_certificate_names_its_date():
    end = T0 - 2 * D
    (problem,) = run({"a": ["worker"]}, [cert("a", end=end), auth("a")])
    assert (problem.code, problem.date, problem.requirement) == ("expired", end, WELD)


def test_certificate_expiring_inside_window():
    end = T0 + 3 * H
    (problem,) = run({"a": ["worker"]}, [cert("a", end=end), auth("a")])
    assert (problem.code, problem.date) == ("expires", end)


def test_certificate_ending_exactly_at_window_end_is_fine():
    assert run({"a": ["worker"]}, [cert("a", end=T0 + 8 * H), auth("a")]) == []


def test_not_yet_valid():
    start = T0 + 2 * H
    (problem,) = run({"a": ["worker"]}, [cert("a", start=start), auth("a")])
    assert (problem.code, problem.date) == ("not_yet_valid", start)


def test_never_expiring_credential():
    assert run({"a": ["worker"]}, [cert("a", end=None), auth("a", end=None)]) == []


def test_authorisation_is_per_role():
    # authorised as worker, not as watcher
    (problem,) = run({"a": ["watcher"]}, [auth("a", role="worker")])
    assert (problem.requirement, problem.code) == (AUTH_WATCH, "missing")


def test_authorisation_is_per_work_type():
    problems = run({"a": ["worker"]}, [cert("a"), auth("a", item="other")])
    assert codes(problems) == [("a", 2, "missing")]


def test_a_valid_credential_wins_over_an_expired_one():
    assert run({"a": ["worker"]}, [cert("a", end=T0 - D), cert("a"), auth("a")]) == []


def test_best_failure_reported():
    problems = run({"a": ["worker"]},
                   [cert("a", end=T0 - 10 * D), cert("a", end=T0 + H), auth("a")])
    assert [(p.code, p.date) for p in problems] == [("expires", T0 + H)]


def test_temporary_authorisation_outside_its_area():
    temp = auth("a", start=T0 - H, end=T0 + 10 * H, areas=frozenset({99}))
    (problem,) = run({"a": ["worker"]}, [cert("a"), temp])
    assert problem.code == "area"


def test_temporary_authorisation_in_a_parent_area():
    temp = auth("a", start=T0 - H, end=T0 + 10 * H, areas=frozenset({1}))
    assert run({"a": ["worker"]}, [cert("a"), temp], area_path=(10, 1)) == []


def test_temporary_authorisation_outside_its_time():
    temp = auth("a", start=T0 - H, end=T0 + 2 * H, areas=frozenset({10}))
    (problem,) = run({"a": ["worker"]}, [cert("a"), temp])
    assert (problem.code, problem.date) == ("expires", T0 + 2 * H)


def test_suspended_authorisation():
    sus = auth("a", suspended=((T0 - D, T0 + D),))
    (problem,) = run({"a": ["worker"]}, [cert("a"), sus])
    assert (problem.code, problem.date) == ("suspended", T0 + D)


def test_suspension_over_before_window():
    sus = auth("a", suspended=((T0 - 5 * D, T0 - D),))
    assert run({"a": ["worker"]}, [cert("a"), sus]) == []


def test_exception_for_one_requirement():
    problems = run({"a": ["worker"]}, [auth("a")], exceptions=[("a", 1)])
    assert problems == []
    problems = run({"a": ["worker"]}, [], exceptions=[("a", 1)])
    assert codes(problems) == [("a", 2, "missing")]


def test_exception_for_a_whole_person():
    assert run({"a": ["worker", "watcher"]}, [], exceptions=[("a", None)]) == []


def test_other_people_credentials_do_not_count():
    problems = run({"a": ["worker"]}, [cert("b"), auth("b")])
    assert codes(problems) == [("a", 1, "missing"), ("a", 2, "missing")]


def test_person_with_two_roles_needs_both():
    problems = run({"a": ["worker", "watcher"]}, [cert("a"), auth("a")])
    assert codes(problems) == [("a", 3, "missing")]


def test_large_crew_among_many_foreign_certificates():
    people = {f"p{i}": ["worker"] for i in range(200)}
    creds = [c for i in range(200) for c in (cert(f"p{i}"), auth(f"p{i}"))]
    creds += [cert(f"x{i}") for i in range(20000)]
    assert run(people, creds) == []
