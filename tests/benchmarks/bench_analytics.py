#!/usr/bin/env python3
"""WorkSafe analytics benchmark: 100,000 permits and 2,000,000 audit events.

    python3 tests/benchmarks/bench_analytics.py -c ODOO_CONF -d SCRATCH_DB
                                                [--permits 100000] [--events-per-permit 20]

Needs a scratch database where ``worksafe_analytics`` is installed (demo data not needed).
In ONE transaction that is rolled back at the end (nothing stays, the audit chain included):

1. builds the rows with SQL ``generate_series`` (no ORM): contractors, an area, an employee,
   N permits on a shipped template/level, three steps each, and ``events-per-permit`` audit
   events each (create, submit, two approval decisions with a rejection now and then, approve,
   issue, evidence and done per step, briefing signatures, watcher, start, hand-back, close,
   an occasional refused start, expiry and alarm; filler gas tests up to the count). The
   hashes are not chained (the analytics never read them; the rows are rolled back);
2. times the analytics over them: the full refresh (the SQL the cron runs), an incremental
   refresh after 1,000 new events on 100 permits, and the pivot queries the screens run
   (``formatted_read_group`` of waiting time per step x month, violations per type x work
   type, the p50/p90 list of every step);
3. times the baseline in the same run: a plain ``formatted_read_group`` over the same 2M
   audit rows (count per event type x month), and prints each figure against it.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rolled_back import rolled_back_env  # noqa: E402


def timed(label, func, results):
    start = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed))
    print(f"  {label:<58} {elapsed:8.2f} s", flush=True)
    return value


def build(env, permits, per_permit):
    """The fixture, by SQL; returns (permit count, event count)."""
    cr = env.cr
    variant = env["worksafe.variant"].search([("approval_step_ids", "!=", False)], limit=1,
                                             order="id")
    template = env["worksafe.template"].search(
        [("work_type_id", "=", variant.work_type_id.id)], limit=1, order="id")
    company = env.company
    area = env["worksafe.area"].create({"name": "Bench area", "company_id": company.id})
    employee = env["hr.employee"].create({"name": "Bench performer"})
    contractors = env["res.partner"].create(
        [{"name": f"Bench contractor {i}", "is_company": True} for i in range(20)])
    approvals = variant.approval_step_ids.sorted("sequence")[:2]
    names = approvals.mapped("name") + ["Second approval"] * (2 - len(approvals))
    seqs = approvals.mapped("sequence") + [99] * (2 - len(approvals))
    cr.execute("SELECT coalesce(max(seq), 0) FROM worksafe_audit_event")
    base_seq = cr.fetchone()[0]
    cr.execute("""
        CREATE TEMP TABLE bench_p AS
        SELECT g AS n, now() at time zone 'UTC' - interval '400 days'
                       + (g * interval '5 minutes') AS t0,
               (%(contractors)s)[1 + g %% 20] AS contractor_id
          FROM generate_series(1, %(permits)s) g
    """, {"permits": permits, "contractors": contractors.ids})
    cr.execute("""
        INSERT INTO worksafe_permit (name, company_id, state, work_type_id, template_id,
                variant_id, area_id, applicant_id, performing_authority_id, contractor_id,
                planned_start, planned_end, token_version, level_rank, description,
                create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || n, %(company)s, 'closed', %(work_type)s, %(template)s,
               %(variant)s, %(area)s, %(uid)s, %(employee)s, contractor_id, t0,
               t0 + interval '8 hours', 1, 1, 'Benchmark job', %(uid)s, t0, %(uid)s, t0
          FROM bench_p ORDER BY n
        RETURNING id
    """, {"company": company.id, "work_type": variant.work_type_id.id,
          "template": template.id, "variant": variant.id, "area": area.id, "uid": env.uid,
          "employee": employee.id})
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("ALTER TABLE bench_p ADD COLUMN permit_id integer")
    cr.execute("UPDATE bench_p SET permit_id = (%s::integer[])[n]", [ids])
    cr.execute("""
        INSERT INTO worksafe_permit_step (permit_id, company_id, sequence, name, phase, role,
                blocking, state, create_uid, create_date, write_uid, write_date)
        SELECT p.permit_id, %(company)s, s.seq, s.name, s.phase, 'performing', true, 'done',
               %(uid)s, p.t0, %(uid)s, p.t0
          FROM bench_p p
         CROSS JOIN (VALUES (1, 'Isolate', 'preparation'), (2, 'Work', 'execution'),
                            (3, 'Clean up', 'closure')) s(seq, name, phase)
         ORDER BY p.n, s.seq
    """, {"company": company.id, "uid": env.uid})
    # The events of one permit, as offsets in minutes from its t0 (random waits).
    cr.execute("""
        CREATE TEMP TABLE bench_e AS
        SELECT p.permit_id, p.n, e.k, e.type, e.res_model,
               p.t0 + (e.k * interval '20 minutes') + (random() * interval '15 minutes') AS at,
               e.step_seq
          FROM bench_p p
         CROSS JOIN LATERAL (VALUES
             (1, 'permit.create', 'worksafe.permit', NULL),
             (2, 'permit.submit', 'worksafe.permit', NULL),
             (3, CASE WHEN p.n %% 17 = 0 THEN 'permit.reject' ELSE 'permit.approval' END,
                 'worksafe.permit', 0),
             (4, 'permit.approval', 'worksafe.permit', 1),
             (5, 'permit.approve', 'worksafe.permit', NULL),
             (6, 'measure.confirmed', 'worksafe.permit.measure', NULL),
             (7, 'permit.issue', 'worksafe.permit', NULL),
             (8, 'step.evidence', 'worksafe.permit.step', 1),
             (9, 'step.done', 'worksafe.permit.step', 1),
             (10, 'briefing.signed', 'worksafe.permit.briefing.signature', NULL),
             (11, CASE WHEN p.n %% 13 = 0 THEN 'permit.start_refused' ELSE 'gas_test' END,
                  'worksafe.permit', NULL),
             (12, 'permit.watcher_in', 'worksafe.permit', NULL),
             (13, 'permit.start', 'worksafe.permit', NULL),
             (14, 'step.evidence', 'worksafe.permit.step', 2),
             (15, 'step.done', 'worksafe.permit.step', 2),
             (16, CASE WHEN p.n %% 29 = 0 THEN 'iot.alarm' ELSE 'gas_test' END,
                  'worksafe.permit', NULL),
             (17, 'permit.hand_back', 'worksafe.permit', NULL),
             (18, 'step.done', 'worksafe.permit.step', 3),
             (19, CASE WHEN p.n %% 31 = 0 THEN 'permit.expire' ELSE 'permit.close' END,
                  'worksafe.permit', NULL),
             (20, 'gas_test', 'worksafe.permit', NULL)
         ) e(k, type, res_model, step_seq)
         WHERE e.k <= %(per)s
    """, {"per": per_permit})
    cr.execute("""
        INSERT INTO worksafe_audit_event (seq, timestamp, event_type, permit_id, permit_ref,
                company_id, res_model, res_id, user_id, summary, payload_json, prev_hash, hash,
                create_uid, create_date, write_uid, write_date)
        SELECT %(base)s + row_number() OVER (ORDER BY e.n, e.k), e.at, e.type, e.permit_id,
               'BENCH/' || e.n, %(company)s, e.res_model,
               coalesce(s.id, e.permit_id), %(uid)s, e.type,
               CASE WHEN e.type IN ('permit.approval', 'permit.reject') THEN
                        json_build_object('values', json_build_object(
                            'step', (%(names)s)[e.step_seq + 1],
                            'sequence', (%(seqs)s)[e.step_seq + 1]))::text
                    WHEN e.type = 'permit.start_refused' THEN
                        '{"values":{"codes":["gas.stale","watcher.not_on_site"]}}'
                    ELSE '{}' END,
               'bench', 'bench', %(uid)s, e.at, %(uid)s, e.at
          FROM bench_e e
          LEFT JOIN worksafe_permit_step s
            ON e.step_seq IS NOT NULL AND e.res_model = 'worksafe.permit.step'
           AND s.permit_id = e.permit_id AND s.sequence = e.step_seq
    """, {"base": base_seq, "company": company.id, "uid": env.uid, "names": names,
          "seqs": seqs})
    events = cr.rowcount
    cr.execute("ANALYZE worksafe_permit")
    cr.execute("ANALYZE worksafe_permit_step")
    cr.execute("ANALYZE worksafe_audit_event")
    return len(ids), events


def _time_engine_steps(engine_class):
    """Time each SQL step of the refresh (the class is patched for this run only)."""
    breakdown = {}
    for name in ("_copy_events", "_fill_phases", "_fill_approvals", "_fill_steps",
                 "_fill_violations"):
        original = getattr(engine_class, name)

        def wrapper(self, *args, _original=original, _name=name):
            start = time.perf_counter()
            result = _original(self, *args)
            breakdown[_name] = breakdown.get(_name, 0.0) + time.perf_counter() - start
            return result

        setattr(engine_class, name, wrapper)
    return breakdown


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--permits", type=int, default=100_000)
    parser.add_argument("--events-per-permit", type=int, default=20, choices=range(1, 21))
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args(argv)
    results = []
    with rolled_back_env(args) as (env, _registry):
        print(f"Building {args.permits:,} permits x {args.events_per_permit} events ...",
              flush=True)
        permits, events = timed("fixture by SQL (not part of the figure)",
                                lambda: build(env, args.permits, args.events_per_permit),
                                results)
        print(f"  {permits:,} permits, {events:,} audit events")
        engine = env["worksafe.analytics.engine"]
        breakdown = _time_engine_steps(type(engine))
        Fact = env["worksafe.analytics.step.fact"]
        Violation = env["worksafe.analytics.violation"]
        Event = env["worksafe.audit.event"]
        print("Analytics:")
        measured = timed("full refresh (all permits, SQL)",
                         lambda: engine._refresh(full=True), results)
        env.cr.execute("SELECT count(*) FROM worksafe_analytics_step_fact")
        facts = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM worksafe_analytics_violation")
        found = env.cr.fetchone()[0]
        print(f"  -> {measured:,} permits measured, {facts:,} step facts, "
              f"{found:,} violations")
        print("  of which: " + ", ".join(f"{name} {t:.1f} s" for name, t in breakdown.items()))
        env.cr.execute("""
            INSERT INTO worksafe_audit_event (seq, timestamp, event_type, permit_id,
                    company_id, res_model, res_id, user_id, summary, payload_json, prev_hash,
                    hash)
            SELECT m.seq + g, now() at time zone 'UTC', 'gas_test',
                   (SELECT id FROM worksafe_permit ORDER BY id DESC OFFSET g %% 100 LIMIT 1),
                   %s, 'worksafe.permit', 0, %s, 'bench', '{}', 'bench', 'bench'
              FROM generate_series(1, 1000) g,
                   (SELECT max(seq) AS seq FROM worksafe_audit_event) m
        """, [env.company.id, env.uid])
        timed("incremental refresh (1,000 new events on 100 permits)",
              engine._refresh, results)
        env.invalidate_all()
        pivot_start = len(results)
        timed("pivot: waiting time per step x month",
              lambda: Fact.formatted_read_group(
                  [("kind", "=", "step")], ["name", "done_at:month"],
                  ["wait_hours:avg", "handling_hours:avg", "over_target_count:sum"]), results)
        timed("pivot: approval waits per step x contractor",
              lambda: Fact.formatted_read_group(
                  [("kind", "=", "approval")], ["name", "contractor_id"],
                  ["wait_hours:avg", "rework_count:sum"]), results)
        timed("pivot: violations per type x work type",
              lambda: Violation.formatted_read_group(
                  [], ["type_id", "work_type_id"], ["violation_count:sum"]), results)
        timed("p50/p90 of every step (percentile_cont view)",
              lambda: env["worksafe.analytics.step.stat"].search_read(
                  [], ["name", "wait_p50", "wait_p90", "handling_p90"]), results)
        pivots = sum(t for _l, t in results[pivot_start:])
        print("Baseline (same run, same rows):")
        baseline = timed("plain read_group over the audit events (type x month)",
                         lambda: Event.formatted_read_group(
                             [], ["event_type", "timestamp:month"], ["__count"]), results)
        baseline_time = results[-1][1]
        refresh_time = next(t for label, t in results if label.startswith("full refresh"))
        print("Summary:")
        print(f"  full refresh: {refresh_time:.2f} s = {refresh_time / baseline_time:.1f} x "
              f"the baseline read_group ({baseline_time:.2f} s over {events:,} events)")
        print(f"  the four pivot/list queries together: {pivots:.2f} s = "
              f"{pivots / baseline_time:.2f} x the baseline")
        del baseline
    return 0


if __name__ == "__main__":
    sys.exit(main())
