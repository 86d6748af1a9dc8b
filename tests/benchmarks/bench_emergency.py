#!/usr/bin/env python3
"""WorkSafe benchmark: one-click alarm, responder dispatch and a muster, each against a
baseline measured in the same run.

Run from the repository root against a database where ``worksafe_emergency`` (and, for the
interlock figure, ``worksafe_emergency_iot``) is installed::

    python3 tests/benchmarks/bench_emergency.py -c ODOO_CONF -d DB \
        [--permits 200] [--actuators 4] [--responders 500] [--people 1000] [--rate 20]

In ONE transaction that is rolled back at the end (nothing is committed; a real Mosquitto
is started for the interlock commands, which a commit would publish: the benchmark runs
the commit hooks itself):

1. one-click → the event's transaction (its commit publishes the interlock commands of
   ``--actuators`` relays, timed until an MQTT subscriber has received them), then the
   suspension cron it wakes → every permit of an area with ``--permits`` active permits
   suspended. Baseline:
   the same permits suspended by worksafe_permit's own ``_suspend`` (what the alarm adds
   on top of the suspensions themselves);
2. one-click → ``--responders`` responders notified (bus, activity, mail, SMS gateway
   double). Baseline: the bus floor, one ``_bus_send`` per responder's partner;
3. a muster of ``--people`` people checking in by badge, paced at ``--rate`` per second:
   the service time of each check-in plus the read of the current missing list after it
   (p50/p95/max), whether the pace is held, and the time to 90 % / 100 % accounted.
   Baseline: the badge lookup alone (``hr.employee`` search by barcode).

Timings are printed, never asserted.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta

from rolled_back import rolled_back_env

from odoo import fields
from odoo.fields import Command

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "addons", "worksafe_iot", "tests"))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--permits", type=int, default=200)
    parser.add_argument("--actuators", type=int, default=4)
    parser.add_argument("--responders", type=int, default=500)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--log-level", default="warn")
    return parser.parse_args(argv)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


class Bench:
    def __init__(self, env, args, out):
        self.env, self.args, self.out = env, args, out
        self.cr = env.cr
        self.company = env.ref("base.main_company")
        self.iot = "worksafe.iot.device" in env

    def savepoint(self):
        return self.cr.savepoint()

    # ------------------------------------------------------------------ set-up
    def area(self, name):
        return self.env["worksafe.area"].create({"name": name, "company_id": self.company.id})

    def employees(self, count, prefix):
        return self.env["hr.employee"].create([
            {"name": f"{prefix} {i}", "barcode": f"{prefix[:3].upper()}{i:06d}",
             "company_id": self.company.id} for i in range(count)])

    def permits(self, area, count):
        env = self.env
        ref = env.ref
        crew = self.employees(3 * count, "Crew")
        now = fields.Datetime.now()
        vals = []
        for i in range(count):
            vals.append({
                "work_type_id": ref("worksafe_permit.work_type_general").id,
                "template_id": ref("worksafe_permit.template_general_general").id,
                "area_id": area.id, "company_id": self.company.id,
                "performing_authority_id": crew[3 * i].id,
                "worker_ids": [Command.set(crew[3 * i + 1].ids)],
                "watcher_ids": [Command.set(crew[3 * i + 2].ids)],
                "planned_start": now - timedelta(hours=1), "planned_end": now + timedelta(hours=6),
                "description": f"Bench job {i}",
            })
        permits = env["worksafe.permit"].create(vals)
        self.cr.execute("UPDATE worksafe_permit SET state = 'active' WHERE id = ANY(%s)",
                        [permits.ids])
        env.invalidate_all()
        return permits

    def timed(self, func):
        self.env.invalidate_all()
        q0, t0 = self.cr.sql_log_count, time.perf_counter()
        result = func()
        self.env.flush_all()
        self.cr.precommit.run()  # what the commit would write: bus rows, tracking
        return (time.perf_counter() - t0) * 1000, self.cr.sql_log_count - q0, result

    # ------------------------------------------------------------------ 1
    def one_click_permits(self):
        args, env = self.args, self.env
        area = self.area("Bench unit")
        permits = self.permits(area, args.permits)
        fire = env.ref("worksafe_emergency.scenario_fire")
        broker = client = None
        topics = []
        if self.iot:
            from mqtt_broker import Broker, Client, wait_for

            broker = Broker().start()
            params = env["ir.config_parameter"].sudo()
            params.set_param("worksafe_iot.mqtt_host", "127.0.0.1")
            params.set_param("worksafe_iot.mqtt_port", str(broker.port))
            relays = env["worksafe.iot.device"].create([
                {"name": f"Bench relay {i}", "code": f"BENCH-RL-{i}", "kind": "relay",
                 "area_id": area.id, "company_id": self.company.id}
                for i in range(args.actuators)])
            topics = [f"{relay.topic_base}/cmd" for relay in relays]
            client = Client(broker.port, subscribe=topics)
        try:
            with self.savepoint() as sp:
                base_ms, base_q, _r = self.timed(lambda: permits._suspend("bench baseline"))
                sp.rollback()
            env.invalidate_all()
            self.cr.postcommit.clear()
            t0 = time.perf_counter()
            Event = env["worksafe.emergency.event"]
            click_ms, click_q, event = self.timed(lambda: Event._raise_alarm(fire, area))
            line = f"1. one-click → event committed: {click_ms:.0f} ms ({click_q} queries)"
            if client:
                self.cr.postcommit.run()  # the commit of the click: the commands go out
                wait_for(lambda: len([m for m in client.received("/cmd") if m[2]])
                         >= len(topics), timeout=30, message="every interlock command")
                published_ms = (time.perf_counter() - t0) * 1000
                line += (f"; all {len(topics)} interlock commands received by the subscriber "
                         f"{published_ms:.0f} ms after the click")
            # the suspension cron the click wakes (absent before the split: 0 ms)
            finish = getattr(Event, "_cron_finish_suspensions", None)
            cron_ms, cron_q, _r = self.timed(finish) if finish else (0, 0, None)
            total_ms = (time.perf_counter() - t0) * 1000
            suspended = len(event.suspended_permit_ids)
            line += (f"; {suspended}/{len(permits)} permits suspended {total_ms:.0f} ms after "
                     f"the click (suspension cron {cron_ms:.0f} ms, {cron_q} queries)")
            self.out(line)
            ratio = (click_ms + cron_ms) / base_ms
            self.out(f"   baseline worksafe_permit _suspend of the same {len(permits)} permits: "
                     f"{base_ms:.0f} ms ({base_q} queries); ratio {ratio:.2f}x")
        finally:
            if client:
                client.close()
            if broker:
                broker.close()

    # ------------------------------------------------------------------ 2
    def dispatch(self):
        args, env = self.args, self.env
        users = env["res.users"].with_context(no_reset_password=True).create([
            {"name": f"Responder {i}", "login": f"bench_responder_{i}",
             "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
             "group_ids": [Command.set(env.ref("worksafe_permit.group_worksafe_worker").ids)]}
            for i in range(args.responders)])
        area = self.area("Bench dispatch area")
        env["worksafe.emergency.plan"].search([("company_id", "=", self.company.id)]).write(
            {"state": "obsolete"})
        plan = env["worksafe.emergency.plan"].create({
            "name": "Bench plan", "kind": "comprehensive", "company_id": self.company.id,
            "role_ids": [Command.create({"role": "operations", "user_id": u.id})
                         for u in users]})
        plan.write({"state": "approved"})
        toxic = env.ref("worksafe_emergency.scenario_toxic")
        partners = users.partner_id
        base_ms, base_q, _r = self.timed(lambda: [p._bus_send("simple_notification", {
            "type": "danger", "title": "bench", "message": "bench", "sticky": True})
            for p in partners])
        click_ms, click_q, event = self.timed(
            lambda: env["worksafe.emergency.event"]._raise_alarm(toxic, area))
        notified = len(event.notification_ids.filtered("notified_at"))
        sms = env["worksafe.emergency.gateway.log"].search_count([("event_id", "=", event.id)])
        self.out(f"2. one-click → {notified} responders notified (bus, activity, mail, "
                 f"{sms} SMS via the gateway double): {click_ms:.0f} ms ({click_q} queries)")
        self.out(f"   baseline: one bus notification per responder: {base_ms:.0f} ms "
                 f"({base_q} queries); ratio {click_ms / base_ms:.2f}x")
        return event

    # ------------------------------------------------------------------ 3
    def muster(self):
        args, env = self.args, self.env
        area = self.area("Bench muster area")
        people = self.employees(args.people, "Muster")
        event = env["worksafe.emergency.event"]._raise_alarm(
            env.ref("worksafe_emergency.scenario_fire"), area)
        env["worksafe.emergency.muster.line"].create([
            {"event_id": event.id, "employee_id": p.id, "source": "permit"} for p in people])
        point = env["worksafe.emergency.muster.point"].create({
            "name": "Bench point", "company_id": self.company.id, "area_id": area.id})
        badges = people.mapped("barcode")
        Employee = env["hr.employee"]
        base = []
        for badge in badges[:200]:
            env.invalidate_all()
            t0 = time.perf_counter()
            found = Employee.search([("barcode", "=", badge)], limit=1)
            assert found.id
            base.append((time.perf_counter() - t0) * 1000)
        interval = 1.0 / args.rate
        service, lag = [], 0.0
        start = time.perf_counter()
        started_at = event.started_at
        q0 = self.cr.sql_log_count
        for i, badge in enumerate(badges):
            due = start + i * interval
            now = time.perf_counter()
            if now < due:
                time.sleep(due - now)
            lag = max(lag, time.perf_counter() - due)
            t0 = time.perf_counter()
            when = started_at + timedelta(seconds=i * interval)
            event._check_in_badge(badge, point, now=when)
            missing = len(event._missing_list())
            service.append((time.perf_counter() - t0) * 1000)
            assert missing == args.people - i - 1, missing
        total = time.perf_counter() - start
        queries = (self.cr.sql_log_count - q0) / len(badges)
        event.invalidate_recordset()
        self.out(f"3. muster of {len(badges)} people by badge at {args.rate:g}/s: "
                 f"{len(badges) / total:.1f} check-ins/s held (worst lag behind the pace "
                 f"{lag * 1000:.0f} ms); per check-in with the missing list re-read: "
                 f"p50 {statistics.median(service):.1f} ms, p95 {pct(service, 0.95):.1f} ms, "
                 f"max {max(service):.1f} ms ({queries:.0f} queries); capacity "
                 f"{1000 / statistics.mean(service):.0f}/s; to 90 % {event.seconds_to_90:.0f} s, "
                 f"to 100 % {event.seconds_to_100:.0f} s (paced clock)")
        self.out(f"   baseline badge lookup alone: p50 {statistics.median(base):.2f} ms; ratio "
                 f"{statistics.median(service) / statistics.median(base):.1f}x")


def main(argv=None):
    args = parse_args(argv)
    with rolled_back_env(args) as (env, _registry):
        env = env(context=dict(env.context, mail_create_nosubscribe=True,
                               worksafe_iot_no_notify=True))
        bench = Bench(env, args, lambda text: print(text, flush=True))
        bench.one_click_permits()
        bench.dispatch()
        bench.muster()
        print(json.dumps({"rolled_back": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
