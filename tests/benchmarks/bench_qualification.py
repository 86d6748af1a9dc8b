#!/usr/bin/env python3
"""WorkSafe benchmark: the qualification check of a permit with 20 people.

Run from the repository root against a database where ``worksafe_training`` is installed::

    python3 tests/benchmarks/bench_qualification.py -c ODOO_CONF -d DB \
        [--employees 5000] [--certificates 50000] [--people 20] [--repeat 30]

In ONE transaction that is rolled back at the end (nothing is committed):

1. creates ``--employees`` employees (ORM batch create) and ``--certificates`` certificates
   (``hr.employee.skill`` rows of a WorkSafe certification type, inserted by SQL for speed:
   ten skills, validity ranges spread over the past and the future, so most people hold
   several certificates, some expired) plus one authorisation per employee (SQL);
2. a work type whose workers need two certificates and an authorisation and whose watchers
   need one certificate and an authorisation as watcher; a permit with ``--people`` people
   (1 performing authority, 2 watchers, the rest workers), all qualified;
3. times, cache cleared before every run, ``permit._check_qualifications()`` (requirements,
   certificates, authorisations, their areas and suspensions, exceptions: everything the
   check loads) and, as the baseline, a plain ``hr.employee`` search of the same people
   reading their names; prints medians, the ratio and the number of SQL queries of each.

Timings are printed, never asserted.
"""

import argparse
import statistics
import sys
import time
from datetime import timedelta

from rolled_back import rolled_back_env

from odoo.fields import Command


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--certificates", type=int, default=50000)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--profile", action="store_true",
                        help="print the cProfile of one check (cache cleared)")
    return parser.parse_args(argv)


def timed(env, func, repeat):
    cr = env.cr
    times, queries = [], []
    for _ in range(repeat):
        env.invalidate_all()
        start_q = cr.sql_log_count
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
        queries.append(cr.sql_log_count - start_q)
    return statistics.median(times), statistics.median(queries), result


def build(env, args, out):
    cr = env.cr
    now = env.cr.now().replace(tzinfo=None)
    stamp = int(time.time())
    t0 = time.perf_counter()
    skill_type = env["hr.skill.type"].create({
        "name": f"Bench certificates {stamp}", "is_certification": True,
        "worksafe_kind": "state",
        "skill_ids": [Command.create({"name": f"Bench skill {i}"}) for i in range(10)],
        "skill_level_ids": [Command.create({"name": "Certified", "level_progress": 100})],
    })
    skills = skill_type.skill_ids
    level = skill_type.skill_level_ids
    work_type = env["worksafe.work.type"].create({"name": "Bench work", "code": f"bench_{stamp}"})
    variant = env["worksafe.variant"].create({
        "name": "Standard", "code": "std", "work_type_id": work_type.id,
        "max_validity_hours": 8, "min_watchers": 1,
        "approval_step_ids": [Command.create({"name": "Area authority"})]})
    env["worksafe.template"].create({"name": "Bench template", "work_type_id": work_type.id})
    area = env["worksafe.area"].create({"name": f"Bench area {stamp}"})
    Requirement = env["worksafe.qualification.requirement"]
    Requirement.create([
        {"work_type_id": work_type.id, "role": "worker", "kind": "certificate",
         "skill_id": skills[0].id},
        {"work_type_id": work_type.id, "role": "worker", "kind": "certificate",
         "skill_id": skills[1].id},
        {"work_type_id": work_type.id, "role": "worker", "kind": "authorisation"},
        {"work_type_id": work_type.id, "role": "watcher", "kind": "certificate",
         "skill_id": skills[2].id},
        {"work_type_id": work_type.id, "role": "watcher", "kind": "authorisation"},
    ])
    employees = env["hr.employee"]
    for start in range(0, args.employees, 1000):
        employees |= env["hr.employee"].create(
            [{"name": f"Bench employee {i}"}
             for i in range(start, min(start + 1000, args.employees))])
    out(f"fixture: {len(employees)} employees in {time.perf_counter() - t0:.1f} s")
    t1 = time.perf_counter()
    ids = employees.ids
    # certificates: skill i % 10, validity windows spread from 3 years ago to 3 years ahead
    cr.execute("""
        INSERT INTO hr_employee_skill (employee_id, skill_id, skill_level_id, skill_type_id,
                                       valid_from, valid_to, worksafe_number)
        SELECT (%(ids)s::int[])[1 + (n %% %(emp)s)],
               (%(skills)s::int[])[1 + ((n / %(emp)s) %% 10)],
               %(level)s, %(type)s,
               CURRENT_DATE - 1100 + (n * 37 %% 1000),
               CURRENT_DATE - 1100 + (n * 37 %% 1000) + 730,
               'B-' || n
          FROM generate_series(0, %(count)s - 1) AS n
    """, {"ids": ids, "emp": len(ids), "skills": skills.ids, "level": level.id,
          "type": skill_type.id, "count": args.certificates})
    cr.execute("""
        WITH a AS (
            INSERT INTO worksafe_authorisation (employee_id, company_id, kind, role, date_from,
                                                date_to, state, name)
            SELECT e, %(company)s, 'regular',
                   CASE WHEN e %% 7 = 0 THEN 'watcher' ELSE 'worker' END,
                   now() at time zone 'utc' - interval '200 days',
                   now() at time zone 'utc' + ((e %% 400) - 100) * interval '1 day', 'valid',
                   'bench'
              FROM unnest(%(ids)s::int[]) AS e
            RETURNING id)
        INSERT INTO worksafe_authorisation_worksafe_work_type_rel
               (worksafe_authorisation_id, worksafe_work_type_id)
        SELECT id, %(wt)s FROM a
    """, {"ids": ids, "company": env.company.id, "wt": work_type.id})
    out(f"fixture: {args.certificates} certificates and {len(ids)} authorisations by SQL in "
        f"{time.perf_counter() - t1:.1f} s")
    env.invalidate_all()

    crew = employees[-args.people:]
    performer, watchers, workers = crew[0], crew[1:3], crew[3:]
    for person in crew:  # the crew is qualified: the check walks every requirement
        for skill in skills[:3]:
            env["hr.employee.skill"].create({
                "employee_id": person.id, "skill_type_id": skill_type.id,
                "skill_id": skill.id, "skill_level_id": level.id,
                "valid_from": now.date() - timedelta(days=10),
                "valid_to": now.date() + timedelta(days=400)})
        for role in ("worker", "watcher"):
            env["worksafe.authorisation"].create({
                "employee_id": person.id, "role": role,
                "work_type_ids": [Command.set(work_type.ids)],
                "date_from": now - timedelta(days=10), "date_to": now + timedelta(days=300)})
    permit = env["worksafe.permit"].create({
        "work_type_id": work_type.id, "area_id": area.id,
        "performing_authority_id": performer.id,
        "watcher_ids": [Command.set(watchers.ids)], "worker_ids": [Command.set(workers.ids)],
        "planned_start": now + timedelta(hours=1), "planned_end": now + timedelta(hours=7),
        "description": "Benchmark"})
    assert permit.variant_id == variant
    cr.execute("SELECT count(*) FROM hr_employee")
    n_emp = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM hr_employee_skill")
    n_cert = cr.fetchone()[0]
    out(f"database: {n_emp} employees, {n_cert} employee certificates/skills; permit with "
        f"{len(crew)} people")
    env.flush_all()
    cr.execute("ANALYZE hr_employee_skill")
    cr.execute("ANALYZE worksafe_authorisation")
    return permit, crew


def run(args, env, out):
    permit, crew = build(env, args, out)
    roles = permit._qualification_people()
    assert len(roles) == args.people, roles
    check_ms, check_q, problems = timed(env, permit._check_qualifications, args.repeat)
    assert problems == [], problems
    messages_ms, _q, _r = timed(env, lambda: permit._qualification_messages(
        permit._check_qualifications()), args.repeat)
    if args.profile:
        import cProfile
        import pstats
        env.invalidate_all()
        profiler = cProfile.Profile()
        profiler.runcall(permit._check_qualifications)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    ids = crew.ids
    base_ms, base_q, found = timed(env, lambda: env["hr.employee"].search_fetch(
        [("id", "in", ids)], ["name"]), args.repeat)
    assert len(found) == args.people
    out(f"qualification check, {args.people} people: {check_ms:.2f} ms median "
        f"({check_q:.0f} queries), with messages {messages_ms:.2f} ms")
    out(f"baseline hr.employee search of the same people: {base_ms:.2f} ms median "
        f"({base_q:.0f} queries)")
    out(f"ratio check / baseline: {check_ms / base_ms:.1f}x")


def main(argv=None):
    args = parse_args(argv)
    with rolled_back_env(args) as (env, _registry):
        run(args, env, lambda text: print(text, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
