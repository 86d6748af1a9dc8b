"""`odoo-bin worksafe_audit -c CONF -d DB`: verify the audit chain from the command line,
and print a permit's timeline (`--permit NUMBER`, `--from`, `--to`).

Exit status 0 when the chain is intact, 2 when a link is broken, so it can run from cron
or monitoring. It prints the head hash: record it elsewhere to detect truncation later.
"""
import argparse
import sys

from odoo.cli.command import Command


class WorksafeAudit(Command):
    """Verify the WorkSafe tamper-evident audit trail"""

    name = "worksafe_audit"

    def run(self, cmdargs):
        import odoo
        from odoo.modules.registry import Registry
        from odoo.tools import config

        parser = argparse.ArgumentParser(prog=f"{self.prog} {self.name}",
                                         description=self.__doc__)
        parser.add_argument(
            "--anchor", metavar="SEQ:HASH",
            help="An event recorded outside Odoo earlier (from a past run's output): it must "
            "still exist with that hash. Detects a truncated chain.")
        parser.add_argument("--permit", help="Print the timeline of this permit number.")
        parser.add_argument("--from", dest="date_from", help="Timeline from (UTC, YYYY-MM-DD).")
        parser.add_argument("--to", dest="date_to", help="Timeline up to (UTC, YYYY-MM-DD).")
        args, odoo_args = parser.parse_known_args(cmdargs)
        config.parse_config(odoo_args, setup_logging=True)
        dbname = config["db_name"]
        if isinstance(dbname, list):
            dbname = dbname[0] if dbname else None
        if not dbname:
            sys.exit("worksafe_audit: give the database with -d")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            events = env["worksafe.audit.event"]
            if args.permit or args.date_from or args.date_to:
                timeline = events._search_by_reference_or_period(
                    args.permit, args.date_from, args.date_to)
                for event in timeline:
                    print(f"{event.seq:>8}  {event.timestamp}  {event.permit_ref or '-':<16} "
                          f"{event.event_type:<24} {event.user_id.login or '-':<16} "
                          f"{event.summary}")
            broken = events._verify_chain()
            count, last_seq, head = events._chain_head()
            anchored = None
            if args.anchor:
                seq, _sep, expected = args.anchor.partition(":")
                cr.execute("SELECT hash FROM worksafe_audit_event WHERE seq = %s", [int(seq)])
                row = cr.fetchone()
                anchored = (int(seq), expected, row[0] if row else None)
        if broken:
            print(f"BROKEN at event {broken.seq}: {broken.reason} "
                  f"(expected {broken.expected}, found {broken.found})")
            sys.exit(2)
        if anchored and anchored[1] != anchored[2]:
            # A missing tail leaves an intact but shorter chain: only an outside anchor shows it.
            print(f"BROKEN at event {anchored[0]}: anchor hash {anchored[1]}, "
                  f"found {anchored[2] or 'no event'}")
            sys.exit(2)
        print(f"intact: {count} events, head {last_seq}:{head}")
