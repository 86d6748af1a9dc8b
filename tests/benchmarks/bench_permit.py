#!/usr/bin/env python3
"""WorkSafe benchmark: permit lifecycle and permit list against maintenance.request.

Run from the repository root against a database where ``worksafe_permit`` is installed
(demo data not needed)::

    python3 tests/benchmarks/bench_permit.py -c ODOO_CONF -d DB [--n 50] [--list-size 10000]

In one run, on one database and in ONE transaction that is rolled back at the end:

1. builds its own fixture (users with WorkSafe groups, employees, areas, maintenance
   equipment, and a work type/variant/template shaped like the one of
   ``worksafe_permit/tests/common.py``: two approvals, a preparation step with a photo,
   a gas test, an execution step and a watcher closure step);
2. takes N permits through the whole lifecycle with the real calls, each made as the
   user who makes it in the product (create -> submit -> two approvals -> confirm
   measures -> issue -> preparation steps with photos -> gas test -> briefing signed by
   each person -> watcher check-in with the QR token -> ``_start_with_token`` ->
   execution steps -> hand back -> closure steps -> close). The same is done with the
   SHIPPED "General work" type and template (one approval, no gas test, no photo).
   Interleaved with them: N ``maintenance.request`` created one by one (the baseline the
   issue asks for), and N more each moved through its stages to done;
3. creates ``--list-size`` permits (batch ``create`` as the applicant, then states
   spread by one SQL UPDATE per state, for this benchmark only) and as many maintenance
   requests, and times what the web client does to open the list, the kanban and the
   live board: ``get_views`` once, then ``web_search_read`` / ``web_read_group`` (+
   ``read_progress_bar``) with the specification the client builds from the view;
   The tables grown by that data are ANALYZEd inside the transaction, as autovacuum would
   do on a live database (``--no-analyze`` to skip): otherwise the planner keeps the
   statistics of the nearly empty tables from before the run;
4. runs a few more lifecycles (interleaved with maintenance requests again) with those
   records in the database: SIMOPS checks and searches then see thousands of permits;
5. prints per-phase tables (ms, queries, SQL ms per permit) and a summary; ``--profile``
   adds cProfile tables of separate, untimed runs and ``--sql-top N`` the query texts
   that took the most SQL time.

Every "user action" is followed by what the end of an HTTP request does before COMMIT:
``cr.flush()`` (ORM flush + precommit hooks: mail tracking) and a cache invalidation,
so each action pays for its own flush and reloads what it reads. Post-commit hooks
(e-mail sending, bus notifications) never run because nothing is committed; the
maintenance baseline is treated exactly the same way.

Nothing is committed (``cr.commit`` is disabled for the run); PostgreSQL sequences are
not transactional, so the record ids and permit numbers used by the run are skipped
afterwards. The audit chain's advisory lock is held until the final rollback: do not run
this against a database that people are using. Timings are printed, never asserted:
performance is judged by the ratios against the baselines measured in the same run.
"""

import argparse
import base64
import cProfile
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from lxml import etree
from rolled_back import rolled_back_env

import odoo
from odoo import fields
from odoo.fields import Command

# 1x1 transparent PNG (the photo evidence of a step), as in worksafe_permit/tests/common.py
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

GROUP = "worksafe_permit.group_worksafe_"
LIVE_STATES = ("issued", "active", "suspended")

# Fields a widget makes the web client read besides its own (fieldDependencies in the
# widget's JS), as web_read specifications.
WIDGET_DEPS = {
    "list_activity": {
        "activity_exception_decoration": {}, "activity_exception_icon": {},
        "activity_state": {}, "activity_summary": {}, "activity_type_icon": {},
        "activity_type_id": {"fields": {"display_name": {}}},
    },
    "activity_exception": {"activity_exception_icon": {}},
}
WIDGET_DEPS["kanban_activity"] = WIDGET_DEPS["list_activity"]

# Defaults of the web client (relational_model.js / kanban and list controllers)
LIST_LIMIT = 80
KANBAN_LIMIT = 40
COUNT_LIMIT = 10000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="The database is left as it was (one transaction, rolled back).",
    )
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True,
                        help="database with worksafe_permit installed")
    parser.add_argument("--n", type=int, default=50,
                        help="permit lifecycles (and maintenance requests) timed (default 50)")
    parser.add_argument("--warmup", type=int, default=2,
                        help="untimed rounds first, to fill the caches (default 2)")
    parser.add_argument("--list-size", type=int, default=10000,
                        help="permits (and maintenance requests) behind the list (default "
                        "10000; 0 skips the list part)")
    parser.add_argument("--batch", type=int, default=500,
                        help="records per create() call when filling the list (default 500)")
    parser.add_argument("--repeat", type=int, default=7,
                        help="warm repetitions of each list/kanban load (default 7)")
    parser.add_argument("--n-after", type=int, default=5,
                        help="lifecycles timed again once the list permits exist (default 5)")
    parser.add_argument("--no-analyze", action="store_true",
                        help="do not ANALYZE the tables grown by the list data (the planner "
                        "then works with the statistics from before the run)")
    parser.add_argument("--skip-general", action="store_true",
                        help="do not run the shipped 'General work' lifecycle")
    parser.add_argument("--profile", action="store_true",
                        help="also profile extra lifecycles and one list load with cProfile "
                        "(separate runs: the timed figures are not profiled)")
    parser.add_argument("--profile-n", type=int, default=10,
                        help="lifecycles run under the profiler (default 10)")
    parser.add_argument("--profile-top", type=int, default=25,
                        help="lines of each profile table (default 25)")
    parser.add_argument("--sql-top", type=int, default=0,
                        help="print the N query texts that took the most SQL time in the "
                        "timed full lifecycles and in those with the list data present")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the list data")
    parser.add_argument("--log-level", default="warn", help="Odoo log level (default warn)")
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------- measuring
class Meter:
    """Wall time, SQL query count (``cr.sql_log_count``) and SQL time of blocks of work.

    Odoo's cursor adds each query's duration to ``current_thread().query_time`` when the
    attribute exists (that is how the request log line gets its SQL time)."""

    def __init__(self, cr):
        self.cr = cr
        self.thread = threading.current_thread()
        if not hasattr(self.thread, "query_time"):
            self.thread.query_time = 0.0

    def snapshot(self):
        return time.perf_counter(), self.cr.sql_log_count, self.thread.query_time

    @staticmethod
    def delta(start, end):
        return end[0] - start[0], end[1] - start[1], end[2] - start[2]


class QueryLog:
    """Time per query text (parameters apart), through the cursor's query hooks."""

    def __init__(self):
        self.totals = defaultdict(lambda: [0, 0.0])
        self.thread = threading.current_thread()

    def hook(self, cr, query, params, start, delay):
        text = query.decode() if isinstance(query, bytes) else str(query)
        total = self.totals[" ".join(text.split())]
        total[0] += 1
        total[1] += delay

    @contextmanager
    def recording(self, enabled=True):
        if not enabled:
            yield
            return
        hooks = getattr(self.thread, "query_hooks", None)
        self.thread.query_hooks = [*(hooks or ()), self.hook]
        try:
            yield
        finally:
            if hooks is None:
                del self.thread.query_hooks
            else:
                self.thread.query_hooks = hooks

    def report(self, top, count, title, out, width=240):
        out(f"== Slowest SQL: {title} (per lifecycle, top {top} by total time) ==")
        rows = sorted(self.totals.items(), key=lambda item: -item[1][1])[:top]
        for text, (calls, seconds) in rows:
            out(f"{seconds * 1000 / count:8.1f} ms {calls / count:6.1f}x  {text[:width]}")
        out("")


class Stats:
    """Totals per phase name: seconds, queries, SQL seconds, calls."""

    def __init__(self, meter):
        self.meter = meter
        self.phases = defaultdict(lambda: [0.0, 0, 0.0, 0])
        self.order = []

    @contextmanager
    def phase(self, name, env):
        start = self.meter.snapshot()
        yield  # noqa: RUF075 - a failed phase is not measured
        end_request(env)
        seconds, queries, sql = self.meter.delta(start, self.meter.snapshot())
        if name not in self.phases:
            self.order.append(name)
        total = self.phases[name]
        total[0] += seconds
        total[1] += queries
        total[2] += sql
        total[3] += 1

    def total(self):
        seconds = sum(p[0] for p in self.phases.values())
        queries = sum(p[1] for p in self.phases.values())
        sql = sum(p[2] for p in self.phases.values())
        return seconds, queries, sql


def end_request(env):
    """What the end of an HTTP request does before COMMIT, then a fresh cache."""
    env.cr.flush()          # ORM flush + precommit hooks (mail tracking messages)
    env.invalidate_all()


class Analyzer:
    """ANALYZE the tables this transaction grew, as autovacuum would on a live database.

    Autovacuum never sees uncommitted rows, so without this the planner keeps the
    statistics of the tables before the run and plans queries on 10,000 new rows as if
    the tables were nearly empty. ANALYZE inside the transaction samples our own rows;
    its statistics roll back with it (pg_class's row estimates are overwritten in place
    and autovacuum refreshes them after the rollback)."""

    def __init__(self, cr, threshold=500):
        self.cr = cr
        self.threshold = threshold
        self.seen = {}
        self.seconds = 0.0
        self.runs = 0

    def __call__(self):
        start = time.perf_counter()
        self.cr.execute("""SELECT relname, n_tup_ins + n_tup_upd + n_tup_del
                             FROM pg_stat_xact_user_tables""")
        grown = [name for name, changes in self.cr.fetchall()
                 if changes - self.seen.get(name, 0) >= self.threshold]
        for name in grown:
            self.cr.execute(f'ANALYZE "{name}"')
        if grown:
            self.cr.execute("""SELECT relname, n_tup_ins + n_tup_upd + n_tup_del
                                 FROM pg_stat_xact_user_tables WHERE relname = ANY(%s)""",
                            [grown])
            self.seen.update(self.cr.fetchall())
            self.runs += 1
        self.seconds += time.perf_counter() - start
        return grown


# ---------------------------------------------------------------------------- fixture
class Fixture:
    """Users, employees, areas, equipment and work types, created as superuser."""

    def __init__(self, env):
        self.env = env
        self.tag = f"{os.getpid()}{int(time.time()) % 100000}"
        su = env
        company = self.company = env.company
        ref = env.ref

        def user(login, groups):
            return su["res.users"].with_context(no_reset_password=True).create({
                "name": f"Bench {login.replace('_', ' ').title()}",
                "login": f"wsbench_{self.tag}_{login}",
                "email": f"wsbench.{self.tag}.{login}@example.com",
                "group_ids": [Command.set([ref(g).id for g in groups])],
                "company_id": company.id, "company_ids": [Command.set(company.ids)],
                "tz": "UTC",
            })

        self.applicant = user("applicant", [GROUP + "worker"])
        self.worker_user = user("worker", [GROUP + "worker"])
        self.watcher_user = user("watcher", [GROUP + "watcher"])
        self.approver_1 = user("approver_1", [GROUP + "approver"])
        self.approver_2 = user("approver_2", [GROUP + "approver"])
        # the safety officer also opens the lists: maintenance manager so that the
        # maintenance list shows every request (a plain user sees only their own)
        self.officer = user("officer", [GROUP + "safety_officer",
                                        "maintenance.group_equipment_manager"])

        Employee = su["hr.employee"]
        self.performer = Employee.create({"name": "Bench Performer",
                                          "user_id": self.applicant.id})
        self.worker = Employee.create({"name": "Bench Worker", "user_id": self.worker_user.id})
        self.watcher = Employee.create({"name": "Bench Watcher",
                                        "user_id": self.watcher_user.id})
        self.briefer = Employee.create({"name": "Bench Officer", "user_id": self.officer.id})

        Area = su["worksafe.area"]
        plant = Area.create({"name": f"Bench plant {self.tag}", "hazard_class": "none",
                             "authority_id": self.approver_1.id})
        self.areas = Area.create([
            {"name": f"Unit {i + 1}", "parent_id": plant.id, "hazard_class": "zone_2",
             "authority_id": self.approver_1.id, "has_position": True,
             "position_x": 100.0 * i, "position_y": 0.0}
            for i in range(8)
        ])
        self.area = self.areas[0]

        self.gas_o2 = ref("worksafe_permit.gas_o2")
        self.gas_methane = ref("worksafe_permit.gas_methane")
        self.types = {"full": self._full_work_type()}
        general = ref("worksafe_permit.work_type_general")
        self.types["general"] = (general, ref("worksafe_permit.template_general_general"))

        team = ref("maintenance.equipment_team_maintenance")
        self.equipment = su["maintenance.equipment"].create({
            "name": f"Bench pump {self.tag}", "maintenance_team_id": team.id,
            "technician_user_id": self.officer.id, "company_id": company.id,
        })
        # the list's requests are spread over a plant's worth of equipment (same team)
        self.fleet = su["maintenance.equipment"].create([
            {"name": f"Bench equipment {self.tag}-{i:03d}", "maintenance_team_id": team.id,
             "technician_user_id": self.officer.id, "company_id": company.id}
            for i in range(100)])
        stages = su["maintenance.stage"].search([], order="sequence, id")
        self.stage_new = stages[0]
        self.stage_progress = stages.filtered(lambda s: not s.done)[1:2] or stages[0]
        self.stage_done = stages.filtered("done")[:1]
        self.stages = stages
        end_request(env)

    def _full_work_type(self):
        """The work type of worksafe_permit/tests/common.py, on the shipped gases."""
        su = self.env
        approver = self.env.ref(GROUP + "approver")
        work_type = su["worksafe.work.type"].create({
            "name": "Bench work", "code": f"bench_{self.tag}", "level_parameter": "none",
        })
        # imported here: the addons path is known only once the registry is open
        from odoo.addons.worksafe_permit.tests.fixtures import (
            reference_template_values,
            reference_variant_values,
        )

        su["worksafe.variant"].create(reference_variant_values(work_type, approver))
        template = su["worksafe.template"].create(reference_template_values(
            "Bench template", work_type, self.gas_o2,
            self.env.ref("worksafe_permit.gas_combustible"),
            self.env.ref("worksafe_permit.gas_h2s")))
        return work_type, template

    def step_user(self, step):
        return {
            "applicant": self.applicant, "performing": self.applicant,
            "watcher": self.watcher_user, "analyst": self.watcher_user,
            "approver": self.approver_1, "safety_officer": self.officer,
        }[step.role]

    def permit_vals(self, kind, start, end, area=None, description="Replace a valve"):
        work_type, template = self.types[kind]
        return {
            "work_type_id": work_type.id,
            "template_id": template.id,
            "area_id": (area or self.area).id,
            "performing_authority_id": self.performer.id,
            "watcher_ids": [Command.set(self.watcher.ids)],
            "worker_ids": [Command.set(self.worker.ids)],
            "planned_start": start,
            "planned_end": end,
            "description": description,
        }


# ---------------------------------------------------------------------------- lifecycle
def permit_lifecycle(fx, kind, stats, reads=None):
    """One permit from creation to closure, each action by its user, as common.py does.

    `reads` (Stats) also times what opening the issued permit's form reads, kept out of
    the lifecycle figures (nobody has to open the form to take a permit through)."""
    env = fx.env
    Permit = env["worksafe.permit"]
    now = fields.Datetime.now()

    with stats.phase("create + measures apply", env):
        permit = Permit.with_user(fx.applicant).create(
            fx.permit_vals(kind, now - timedelta(hours=1), now + timedelta(hours=6)))
        permit.measure_ids.write({"applies": "yes"})
    with stats.phase("submit", env):
        permit.with_user(permit.applicant_id).action_submit()

    spare = [fx.approver_2]
    for approval in permit.approval_ids.sorted(lambda a: (a.sequence, a.id)):
        approver = fx.approver_1 if approval.area_authority else spare.pop(0)
        site_checked = approval.site_check
        with stats.phase("approve (per step)", env):
            permit.with_user(approver)._approve_step(
                comment="ok" if approval.area_authority else False, site_checked=site_checked)
    with stats.phase("confirm measures", env):
        permit.measure_ids.with_user(fx.officer).action_confirm()
    with stats.phase("issue", env):
        permit.with_user(fx.officer).action_issue()
    if reads is not None:
        with reads.phase("form read (issued permit)", env):
            permit.with_user(fx.applicant).web_read(fx.form_spec)

    gas_needed = permit.variant_id.gas_test_required or any(
        permit.step_ids.mapped("gas_test_required"))
    prep_needs_gas = any(permit.step_ids.filtered(
        lambda s: s.phase == "preparation").mapped("gas_test_required"))
    if gas_needed and prep_needs_gas:
        gas_test(fx, permit, stats)
    do_steps(fx, permit, "preparation", stats)
    if gas_needed and not prep_needs_gas:
        gas_test(fx, permit, stats)

    with stats.phase("briefing (create)", env):
        briefing = env["worksafe.permit.briefing"].with_user(fx.officer).create({
            "permit_id": permit.id, "briefer_id": fx.briefer.id,
            "content": "Hazards, isolation points, escape routes",
        })
    for line in briefing.signature_ids:
        with stats.phase("briefing (sign, per person)", env):
            line.with_user(line.employee_id.user_id).action_sign()

    with stats.phase("QR token", env):
        token = permit.with_user(fx.applicant)._start_token()
    with stats.phase("watcher check-in (QR)", env):
        Permit.with_user(fx.watcher_user)._check_in_watcher(token)
    with stats.phase("start (QR)", env):
        Permit.with_user(fx.applicant)._start_with_token(token)

    do_steps(fx, permit, "execution", stats)
    with stats.phase("hand back", env):
        permit.with_user(fx.applicant).action_hand_back()
    do_steps(fx, permit, "closure", stats)
    with stats.phase("close", env):
        permit.with_user(fx.officer).action_close()
    if permit.state != "closed":
        raise RuntimeError(f"permit {permit.name} ended {permit.state}, not closed")
    return permit


def gas_test(fx, permit, stats):
    env = fx.env
    with stats.phase("gas test", env):
        test = env["worksafe.gas.test"].with_user(fx.watcher_user).create({
            "permit_id": permit.id, "analyst_id": fx.watcher.id,
            "sample_time": fields.Datetime.now() - timedelta(minutes=5),
            "line_ids": [
                Command.create({"gas_id": fx.gas_o2.id, "value": 20.9, "unit": "%vol"}),
                Command.create({"gas_id": fx.gas_methane.id, "value": 0.0, "unit": "%vol"}),
            ],
        })
        if not test.passed:
            raise RuntimeError(f"benchmark gas test failed: {test.failure_summary}")


def do_steps(fx, permit, phase, stats):
    env = fx.env
    for step in permit.step_ids.filtered(lambda s: s.phase == phase):
        user = fx.step_user(step)
        with stats.phase(f"{phase} steps (per step)", env):
            step = step.with_user(user)
            if step.check_ids:
                step.check_ids.write({"checked": True})
            if step.photo_count:
                photos = env["ir.attachment"].with_user(user).create([
                    {"name": f"photo{i}.png", "raw": PNG, "mimetype": "image/png",
                     "res_model": step._name, "res_id": step.id}
                    for i in range(step.photo_count)])
                step.write({"attachment_ids": [Command.set(photos.ids)]})
            if step.signature_required:
                step.write({"signature": base64.b64encode(PNG)})
            step.action_done()


def maintenance_request(fx, i, stats, walk):
    env = fx.env
    with stats.phase("create", env):
        request = env["maintenance.request"].with_user(fx.applicant).create({
            "name": f"Bench request {i}: replace a valve",
            "equipment_id": fx.equipment.id,
            "description": "<p>Replace a valve</p>",
            "schedule_date": fields.Datetime.now() + timedelta(days=1),
        })
    if walk:
        for stage in (fx.stage_progress, fx.stage_done):
            with stats.phase(f"move to '{stage.name}'", env):
                request.with_user(fx.officer).write({"stage_id": stage.id})
        if not request.stage_id.done:
            raise RuntimeError("maintenance request not done after the stage walk")
    return request


# ---------------------------------------------------------------------------- list data
def permit_window(rng, now):
    """A planned window and a plausible state for it, for a plant with a year of history."""
    roll = rng.random()
    hours = rng.choice((2, 4, 6, 8))
    if roll < 0.95:      # history: the past year
        start = now - timedelta(days=rng.uniform(1, 365))
    elif roll < 0.98:    # work going on now
        start = now - timedelta(hours=rng.uniform(0, hours - 0.5))
    else:                # planned: the next two weeks
        start = now + timedelta(days=rng.uniform(0.1, 14))
    end = start + timedelta(hours=hours)
    if end < now:
        state = rng.choices(("closed", "cancelled", "expired", "withdrawn"),
                            (0.85, 0.08, 0.04, 0.03))[0]
    elif start <= now:
        state = rng.choices(("active", "issued", "suspended", "handed_back"),
                            (0.55, 0.25, 0.1, 0.1))[0]
    else:
        state = rng.choices(("draft", "submitted", "approved"), (0.4, 0.3, 0.3))[0]
    return start.replace(microsecond=0), end.replace(microsecond=0), state


def fill_permits(fx, size, batch, rng, stats, log, analyze):
    env = fx.env
    now = fields.Datetime.now()
    kinds = list(fx.types)
    plan = [permit_window(rng, now) for _ in range(size)]
    ids_by_state = defaultdict(list)
    done = 0
    while done < size:
        chunk = plan[done:done + batch]
        vals_list = [
            fx.permit_vals(kinds[(done + i) % len(kinds)], start, end,
                           area=fx.areas[(done + i) % len(fx.areas)],
                           description=f"Bench work order {done + i}")
            for i, (start, end, _state) in enumerate(chunk)
        ]
        with stats.phase("permit batch create", env):
            permits = env["worksafe.permit"].with_user(fx.applicant).create(vals_list)
        for permit, (_start, _end, state) in zip(permits, chunk, strict=True):
            ids_by_state[state].append(permit.id)
        done += len(chunk)
        analyze()
        if done % (batch * 4) == 0 or done == size:
            log(f"    {done}/{size} permits")
    # Benchmark only: the states are set behind the ORM, one UPDATE per state.
    for state, ids in ids_by_state.items():
        if state != "draft":
            env.cr.execute("UPDATE worksafe_permit SET state = %s WHERE id = ANY(%s)",
                           [state, ids])
    env.invalidate_all()
    analyze()
    return {state: len(ids) for state, ids in sorted(ids_by_state.items())}


def fill_requests(fx, size, batch, rng, stats, log, analyze):
    env = fx.env
    done = 0
    ids_by_stage = defaultdict(list)
    weights = [0.1, 0.1] + [0.8 / max(len(fx.stages) - 2, 1)] * (len(fx.stages) - 2)
    while done < size:
        count = min(batch, size - done)
        vals_list = [{
            "name": f"Bench request {done + i}: replace a valve",
            "equipment_id": fx.fleet[(done + i) % len(fx.fleet)].id,
            "description": "<p>Replace a valve</p>",
        } for i in range(count)]
        with stats.phase("request batch create", env):
            requests = env["maintenance.request"].with_user(fx.applicant).create(vals_list)
        for request in requests:
            ids_by_stage[rng.choices(fx.stages, weights[:len(fx.stages)])[0]].append(
                request.id)
        done += count
        analyze()
        if done % (batch * 4) == 0 or done == size:
            log(f"    {done}/{size} maintenance requests")
    for stage, ids in ids_by_stage.items():
        if stage != fx.stage_new:
            env.cr.execute(
                "UPDATE maintenance_request SET stage_id = %s, close_date = %s WHERE id = ANY(%s)",
                [stage.id, fields.Date.today() if stage.done else None, ids])
    env.invalidate_all()
    analyze()
    return {stage.name: len(ids) for stage, ids in ids_by_stage.items()}


# ---------------------------------------------------------------------------- web client
def view_specification(arch, fields_info, view_type):
    """The web_read specification the web client builds from a list or kanban arch."""
    root = etree.fromstring(arch)
    spec = {}
    nodes = (root.iterchildren("field") if view_type == "list" else
             (n for n in root.iter("field")
              if not any(a.tag == "field" for a in n.iterancestors())))
    names = [(n.get("name"), n.get("widget"), n.get("invisible")) for n in nodes]
    if view_type == "kanban" and root.get("highlight_color"):
        names.append((root.get("highlight_color"), None, None))
    for name, widget, invisible in names:
        ftype = fields_info[name]["type"]
        if ftype in ("many2one", "reference"):
            spec[name] = {"fields": {} if invisible in ("1", "True") else
                          {"display_name": {}}}
        else:
            spec.setdefault(name, {})
        for dep, dep_spec in WIDGET_DEPS.get(widget, {}).items():
            spec.setdefault(dep, dep_spec)
    progressbar = root.find(".//progressbar")
    return spec, root.get("default_group_by"), progressbar


def form_specification(env):
    """The web_read specification of the permit form's own fields (relations by name)."""
    views = env["worksafe.permit"].get_views([(False, "form")])
    fields_info = views["models"]["worksafe.permit"]["fields"]
    spec = {}
    for node in etree.fromstring(views["views"]["form"]["arch"]).iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        relational = fields_info[name]["type"] in ("many2one", "one2many", "many2many")
        spec[name] = {"fields": {"display_name": {}}} if relational else {}
    return spec


def web_loaders(env, model, list_view=False, kanban_view=False, domain=()):
    """get_views, then closures doing what the client does to show the list/kanban data."""
    Model = env[model]
    start = time.perf_counter()
    views = Model.get_views([(list_view, "list"), (kanban_view, "kanban"), (False, "search")],
                            {"load_filters": True, "toolbar": True})
    get_views_ms = (time.perf_counter() - start) * 1000
    fields_info = views["models"][model]["fields"]
    list_spec, _group, _bar = view_specification(views["views"]["list"]["arch"], fields_info,
                                                 "list")
    kanban_spec, group_by, bar = view_specification(views["views"]["kanban"]["arch"],
                                                    fields_info, "kanban")
    domain = list(domain)
    Model = Model.with_context(bin_size=True)

    def open_list():
        return Model.web_search_read(domain, list_spec, offset=0, limit=LIST_LIMIT, order="",
                                     count_limit=COUNT_LIMIT + 1)

    def open_kanban():
        result = Model.with_context(read_group_expand=True).web_read_group(
            domain, [group_by], [], limit=None, offset=0, order="", auto_unfold=True,
            opening_info=None, unfold_read_specification=kanban_spec,
            unfold_read_default_limit=KANBAN_LIMIT, groupby_read_specification={})
        if bar is not None:
            colors = json.loads(bar.get("colors") or "{}")
            Model.read_progress_bar(domain, group_by,
                                    {"field": bar.get("field"), "colors": colors,
                                     "help": bar.get("help")})
        return result

    return get_views_ms, open_list, open_kanban, list_spec, kanban_spec, group_by


def time_loads(meter, registry, env, loads, repeat):
    """Time each load cold, then `repeat` times warm, the loads taking turns so that
    machine noise hits them alike.

    cold: first call after clearing the registry caches (as after a restart, minus
    PostgreSQL's buffers); warm: median of the calls, each with a fresh record cache
    (as every request has)."""
    results = {}
    for key, load in loads.items():
        registry.clear_all_caches()    # this process only: nothing is signalled to others
        env.invalidate_all()
        start = meter.snapshot()
        result = load()
        results[key] = {"cold": meter.delta(start, meter.snapshot()), "warm": [],
                        "result": result}
    for _ in range(repeat):
        for key, load in loads.items():
            env.invalidate_all()
            start = meter.snapshot()
            load()
            results[key]["warm"].append(meter.delta(start, meter.snapshot()))
    for r in results.values():
        warm = r.pop("warm")
        r.update(cold_ms=r["cold"][0] * 1000, cold_q=r["cold"][1],
                 warm_ms=statistics.median(w[0] for w in warm) * 1000,
                 warm_q=statistics.median(w[1] for w in warm),
                 warm_sql_ms=statistics.median(w[2] for w in warm) * 1000)
    return results


# ---------------------------------------------------------------------------- profiling
def print_profile(profiler, top, title, out):
    out(f"\n== cProfile: {title} ==")
    for key in ("tottime", "cumulative"):
        buffer = io.StringIO()
        ps = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(key)
        ps.print_stats(top)
        lines = buffer.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        out(f"-- top {top} by {key} --")
        for line in lines[start:]:
            if line.strip():
                out(line)
    buffer = io.StringIO()
    ps = pstats.Stats(profiler, stream=buffer).sort_stats("cumulative")
    ps.print_stats(r"worksafe_permit", top)
    lines = buffer.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    out(f"-- top {top} worksafe_permit functions by cumulative time --")
    for line in lines[start:]:
        if line.strip():
            out(line.replace(os.path.dirname(os.path.dirname(os.path.dirname(
                os.path.abspath(__file__)))) + os.sep, ""))


# ---------------------------------------------------------------------------- report
def table(rows, headers, out):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    fmt = "  ".join(("{:<%d}" if i == 0 else "{:>%d}") % w for i, w in enumerate(widths))
    out(fmt.format(*headers))
    out("  ".join("-" * w for w in widths))
    for row in rows:
        out(fmt.format(*row))


def phase_rows(stats, count):
    rows = []
    for name in stats.order:
        seconds, queries, sql, calls = stats.phases[name]
        rows.append((name, f"{calls / count:.1f}", f"{seconds * 1000 / count:.1f}",
                     f"{queries / count:.0f}", f"{sql * 1000 / count:.1f}"))
    seconds, queries, sql = stats.total()
    rows.append(("TOTAL", "", f"{seconds * 1000 / count:.1f}", f"{queries / count:.0f}",
                 f"{sql * 1000 / count:.1f}"))
    return rows


def per(stats, count):
    seconds, queries, sql = stats.total()
    return seconds * 1000 / count, queries / count, sql * 1000 / count


def run(args, env, registry, out):
    cr = env.cr
    meter = Meter(cr)
    t_run = time.perf_counter()

    def log(message):
        out(f"[{time.perf_counter() - t_run:6.1f}s] {message}")

    module = env["ir.module.module"].search([("name", "=", "worksafe_permit")])
    if module.state != "installed":
        raise SystemExit(f"worksafe_permit is not installed in {args.database}")
    cr.execute("SHOW server_version")
    pg_version = cr.fetchone()[0]
    out(f"WorkSafe permit benchmark: database {args.database}, Odoo {odoo.release.version}, "
        f"worksafe_permit {module.latest_version}, PostgreSQL {pg_version}, "
        f"Python {platform.python_version()}")
    out(f"N={args.n} (+{args.warmup} warm-up), list size {args.list_size}, "
        f"one transaction rolled back at the end")

    fixture_stats = Stats(meter)
    with fixture_stats.phase("fixture", env):
        fx = Fixture(env)
    log(f"fixture built in {fixture_stats.total()[0]:.1f}s (work types: "
        f"{', '.join(f'{k}={wt.name}' for k, (wt, _t) in fx.types.items())})")

    fx.form_spec = form_specification(env)
    kinds = [k for k in fx.types if not (k == "general" and args.skip_general)]
    life = {kind: Stats(meter) for kind in kinds}
    reads = {kind: Stats(meter) for kind in kinds}
    mr_plain, mr_walk = Stats(meter), Stats(meter)

    log(f"warm-up: {args.warmup} round(s)")
    scratch = Stats(meter)
    for i in range(args.warmup):
        for kind in kinds:
            permit_lifecycle(fx, kind, scratch)
        maintenance_request(fx, -1 - i, scratch, walk=True)

    log(f"timing {args.n} lifecycles per work type and {args.n} + {args.n} maintenance "
        f"requests (interleaved)")
    sql_before, sql_after = QueryLog(), QueryLog()
    for i in range(args.n):
        for kind in kinds:
            with sql_before.recording(args.sql_top and kind == "full"):
                permit_lifecycle(fx, kind, life[kind], reads[kind])
        maintenance_request(fx, i, mr_plain, walk=False)
        maintenance_request(fx, i, mr_walk, walk=True)
        if (i + 1) % 10 == 0:
            log(f"    {i + 1}/{args.n}")

    profile_out = []

    def profile_lifecycles(title, count):
        log(f"profiling {title}")
        profiler = cProfile.Profile()
        scratch = Stats(meter)
        profiler.enable()
        for _ in range(count):
            permit_lifecycle(fx, "full", scratch)
        profiler.disable()
        print_profile(profiler, args.profile_top,
                      f"{title} ({per(scratch, count)[0]:.1f} ms/permit under the profiler)",
                      profile_out.append)

    if args.profile:
        profile_lifecycles(f"{args.profile_n} full lifecycles", args.profile_n)

    lists = {}
    after, after_mr = Stats(meter), Stats(meter)
    fill_stats = Stats(meter)
    if args.list_size:
        rng = random.Random(args.seed)
        log(f"creating {args.list_size} permits (batches of {args.batch}, as the applicant)")
        analyze = Analyzer(cr) if not args.no_analyze else (list)
        spread = fill_permits(fx, args.list_size, args.batch, rng, fill_stats, log, analyze)
        log("states set by SQL UPDATE (benchmark only): "
            + ", ".join(f"{s} {c}" for s, c in spread.items()))
        log(f"creating {args.list_size} maintenance requests")
        stage_spread = fill_requests(fx, args.list_size, args.batch, rng, fill_stats, log,
                                     analyze)
        if not args.no_analyze:
            log(f"ANALYZE of the grown tables: {analyze.runs} time(s), "
                f"{analyze.seconds:.1f} s (not in the figures)")
        log("stages set by SQL UPDATE (benchmark only): "
            + ", ".join(f"{s} {c}" for s, c in stage_spread.items()))

        viewer = env(user=fx.officer, context={
            "lang": "en_US", "tz": "UTC", "uid": fx.officer.id,
            "allowed_company_ids": [fx.company.id]})
        total_permits = viewer["worksafe.permit"].search_count([])
        total_requests = viewer["maintenance.request"].search_count([])
        log(f"visible to {fx.officer.name}: {total_permits} permits, "
            f"{total_requests} maintenance requests")
        lists["counts"] = (total_permits, total_requests)

        p_get_views, p_list, p_kanban, p_list_spec, _kspec, p_group = web_loaders(
            viewer, "worksafe.permit")
        m_get_views, m_list, m_kanban, m_list_spec, _mspec, m_group = web_loaders(
            viewer, "maintenance.request")
        _bv, _bl, board, _bls, _bks, board_group = web_loaders(
            viewer, "worksafe.permit",
            kanban_view=env.ref("worksafe_permit.worksafe_permit_view_kanban_board").id,
            domain=[("state", "in", LIVE_STATES)])
        lists["get_views"] = (p_get_views, m_get_views)
        lists["specs"] = (sorted(p_list_spec), sorted(m_list_spec), p_group, m_group,
                          board_group)
        log("timing list / kanban loads")
        lists.update(time_loads(meter, registry, viewer, {
            "permit list": p_list, "maintenance list": m_list, "permit kanban": p_kanban,
            "maintenance kanban": m_kanban, "permit live board": board}, args.repeat))
        if args.profile:
            profiler = cProfile.Profile()
            viewer.invalidate_all()
            profiler.enable()
            for _ in range(5):
                viewer.invalidate_all()
                p_list()
            profiler.disable()
            print_profile(profiler, args.profile_top, "5 warm permit list loads",
                          profile_out.append)

        if args.n_after:
            cr.execute("""SELECT count(*) FROM worksafe_permit
                           WHERE state IN ('submitted','approved','issued','active','suspended')
                             AND planned_start < now() at time zone 'UTC' + interval '6 hours'
                             AND planned_end > now() at time zone 'UTC' - interval '1 hour'""")
            lists["overlapping"] = cr.fetchone()[0]
            log(f"timing {args.n_after} more full lifecycles and maintenance requests with the "
                f"list data present ({lists['overlapping']} permits occupy an overlapping "
                "window)")
            permit_lifecycle(fx, "full", Stats(meter))      # warm-up: the caches were cleared
            maintenance_request(fx, -100, Stats(meter), walk=False)
            for i in range(args.n_after):
                with sql_after.recording(args.sql_top):
                    permit_lifecycle(fx, "full", after)
                maintenance_request(fx, 1000 + i, after_mr, walk=False)
            if args.profile:
                profile_lifecycles(f"{min(args.profile_n, 5)} full lifecycles with the list "
                                   "permits present", min(args.profile_n, 5))

    log("done; rolling back")

    # ------------------------------------------------------------------ report
    out("")
    for kind in kinds:
        wt = fx.types[kind][0]
        out(f"== Permit lifecycle, {kind} ({wt.name}): per permit, mean of {args.n} ==")
        table(phase_rows(life[kind], args.n), ("phase", "calls", "ms", "queries", "sql ms"),
              out)
        out("")
    if after.phases:
        out(f"== Permit lifecycle, full, with the list permits present: per permit, mean of "
            f"{args.n_after} ({lists['overlapping']} permits occupy an overlapping window) ==")
        table(phase_rows(after, args.n_after), ("phase", "calls", "ms", "queries", "sql ms"),
              out)
        out("")
    out(f"== maintenance.request, mean of {args.n} ==")
    table(phase_rows(mr_walk, args.n), ("phase", "calls", "ms", "queries", "sql ms"), out)
    out("")
    if fill_stats.phases:
        out(f"== Filling the lists ({args.list_size} records each, batches of {args.batch}) ==")
        rows = []
        for name in fill_stats.order:
            seconds, queries, _sql, _calls = fill_stats.phases[name]
            rows.append((name, f"{seconds:.1f} s",
                         f"{seconds * 1000 / args.list_size:.2f} ms/record",
                         f"{queries / args.list_size:.1f} queries/record"))
        table(rows, ("step", "total", "per record", "queries"), out)
        out("")
    if lists:
        out(f"== Opening the views ({lists['counts'][0]} permits / {lists['counts'][1]} "
            f"maintenance requests visible; cold = first call after clearing the registry "
            f"caches, warm = median of {args.repeat}) ==")
        rows = []
        for key in ("permit list", "maintenance list", "permit kanban", "maintenance kanban",
                    "permit live board"):
            r = lists[key]
            result = r["result"]
            if "groups" in result:
                shown = (f"{sum(len(g.get('__records', ())) for g in result['groups'])} in "
                         f"{sum(1 for g in result['groups'] if '__records' in g)}/"
                         f"{result['length']} groups")
            else:
                shown = f"{len(result['records'])} of {result['length']}"
            rows.append((key, f"{r['cold_ms']:.1f}", f"{r['cold_q']}", f"{r['warm_ms']:.1f}",
                         f"{r['warm_q']:.0f}", f"{r['warm_sql_ms']:.1f}", shown))
        table(rows, ("load", "cold ms", "cold q", "warm ms", "warm q", "warm sql ms",
                     "records read"), out)
        out(f"get_views (list, kanban, search; not in the figures above): permits "
            f"{lists['get_views'][0]:.1f} ms, maintenance {lists['get_views'][1]:.1f} ms")
        out(f"list specification, permits: {', '.join(lists['specs'][0])}")
        out(f"list specification, maintenance: {', '.join(lists['specs'][1])}")
        out(f"kanban grouped by: permits {lists['specs'][2]}, maintenance "
            f"{lists['specs'][3]}, live board {lists['specs'][4]} (domain: live states)")
        out("")

    if args.sql_top:
        sql_before.report(args.sql_top, args.n, "full lifecycle", out)
        if after.phases:
            sql_after.report(args.sql_top, args.n_after,
                             "full lifecycle with the list data present", out)
    for text in profile_out:
        out(text)
    if profile_out:
        out("")

    out("== Summary ==")
    mr_ms, mr_q, _mr_sql = per(mr_plain, args.n)
    walk_ms, walk_q, _walk_sql = per(mr_walk, args.n)
    headline = None
    for kind in kinds:
        ms, queries, sql = per(life[kind], args.n)
        wt = fx.types[kind][0]
        label = ("full: 2 approvals, photo, gas test, briefing, QR start" if kind == "full"
                 else f"shipped '{wt.name}': 1 approval, no gas test, no photo")
        out(f"permit lifecycle ({label}): {ms:.1f} ms/permit (N={args.n}, "
            f"{queries:.0f} queries/permit, SQL {sql:.1f} ms = {100 * sql / ms:.0f}%)")
        if headline is None:
            headline = ms
    out(f"maintenance.request create: {mr_ms:.1f} ms/request (N={args.n}, "
        f"{mr_q:.0f} queries/request)")
    out(f"maintenance.request create + stage walk to done: {walk_ms:.1f} ms/request "
        f"({walk_q:.0f} queries/request)")
    for kind in kinds:
        ms = per(life[kind], args.n)[0]
        out(f"ratio {kind} lifecycle / maintenance create: {ms / mr_ms:.1f}x; "
            f"/ create + stage walk: {ms / walk_ms:.1f}x")

    def queries(stats, phase):
        total = stats.phases[phase]
        return f"{total[1] / total[3]:.0f}" if total[3] else "-"

    for kind in kinds:
        out(f"queries per call, {kind}: form read (issued permit) "
            f"{queries(reads[kind], 'form read (issued permit)')}, submit "
            f"{queries(life[kind], 'submit')}, start (QR) {queries(life[kind], 'start (QR)')}")
    if lists:
        n_permits, n_requests = lists["counts"]
        pl, ml = lists["permit list"], lists["maintenance list"]
        out(f"open permit list ({n_permits:,} permits): {pl['cold_ms']:.0f} ms cold, "
            f"{pl['warm_ms']:.0f} ms warm ({pl['warm_q']:.0f} queries); maintenance list "
            f"({n_requests:,}): {ml['cold_ms']:.0f} ms cold, {ml['warm_ms']:.0f} ms warm "
            f"({ml['warm_q']:.0f} queries); ratio {pl['warm_ms'] / ml['warm_ms']:.1f}x warm, "
            f"{pl['cold_ms'] / ml['cold_ms']:.1f}x cold")
        pk, mk, lb = (lists["permit kanban"], lists["maintenance kanban"],
                      lists["permit live board"])

        def cards(r):
            return sum(len(g.get("__records", ())) for g in r["result"]["groups"])

        out(f"open permit kanban (by state, {cards(pk)} cards): {pk['warm_ms']:.0f} ms warm; "
            f"maintenance kanban (by stage, {cards(mk)} cards): {mk['warm_ms']:.0f} ms warm; "
            f"ratio {pk['warm_ms'] / mk['warm_ms']:.1f}x; live board ({cards(lb)} cards): "
            f"{lb['cold_ms']:.0f} ms cold, {lb['warm_ms']:.0f} ms warm")
        if args.n_after and after.phases:
            ms, queries, _sql = per(after, args.n_after)
            mr_after, mr_after_q, _sql = per(after_mr, args.n_after)
            out(f"with the list data present: full lifecycle {ms:.1f} ms/permit (N={args.n_after},"
                f" {queries:.0f} queries/permit), maintenance create {mr_after:.1f} ms/request "
                f"({mr_after_q:.0f} queries); ratio {ms / mr_after:.1f}x (was "
                f"{headline / mr_ms:.1f}x before the list data)")
        out("(list data: permits created by batch create(), states then spread by SQL UPDATE "
            "for the benchmark only)")
    out(f"run time {time.perf_counter() - t_run:.0f} s")


def main(argv=None):
    args = parse_args(argv)
    with rolled_back_env(args) as (env, registry):
        run(args, env, registry, lambda text: print(text, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
