"""`odoo-bin worksafe_audit -c CONF -d DB`: verify the audit chain from the command line,
and print a permit's timeline (`--permit NUMBER`, `--from`, `--to`).

Exit status 0 when the chain is intact, 2 when a link is broken (or the arguments are
wrong, as for any argparse program), so it can run from cron or monitoring. It prints the
head as SEQ:HASH: record it elsewhere (or let the scheduled anchor job do it) and pass it
back with `--anchor SEQ:HASH` or `--anchor-file FILE` to detect a truncated chain later.
"""
import argparse
import json
import sys

from odoo.cli.command import Command


def _say(text):
    """A command line tool's output goes to stdout (not the log)."""
    sys.stdout.write(f"{text}\n")


def _anchor(text):
    """argparse type for SEQ:HASH: a malformed anchor is a usage error (exit 2), not a
    traceback."""
    # Loaded as odoo.cli.worksafe_audit, outside the addon package: no relative import here.
    from odoo.addons.worksafe_permit.rules import (  # noqa: PLC0415 pylint: disable=odoo-addons-relative-import
        audit as audit_rules,
    )

    try:
        return audit_rules.parse_anchor(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None


def _anchor_file(path):
    """argparse type for a file the anchor job appends to: its last anchor (a JSON line with
    "anchor", or a bare SEQ:HASH line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle if line.strip()]
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{path}: {error.strerror or error}") from None
    if not lines:
        raise argparse.ArgumentTypeError(f"{path}: no anchor in the file")
    last = lines[-1]
    if last.startswith("{"):
        try:
            last = json.loads(last).get("anchor") or ""
        except (ValueError, AttributeError):
            raise argparse.ArgumentTypeError(
                f"{path}: the last line is not an anchor record") from None
    return _anchor(last)


class WorksafeAudit(Command):
    """Verify the WorkSafe tamper-evident audit trail"""

    name = "worksafe_audit"

    def run(self, cmdargs):
        import odoo
        from odoo.modules.registry import Registry
        from odoo.tools import config

        parser = argparse.ArgumentParser(prog=f"{self.prog} {self.name}",
                                         description=self.__doc__)
        anchors = parser.add_mutually_exclusive_group()
        anchors.add_argument(
            "--anchor", metavar="SEQ:HASH", type=_anchor,
            help="An event recorded outside Odoo earlier (from a past run's output or an "
            "anchor): it must still exist with that hash. Detects a truncated chain.")
        anchors.add_argument(
            "--anchor-file", metavar="FILE", type=_anchor_file, dest="anchor",
            help="Verify against the last anchor in this file (as the anchor job writes it).")
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
                    _say(f"{event.seq:>8}  {event.timestamp}  {event.permit_ref or '-':<16} "
                          f"{event.event_type:<24} {event.user_id.login or '-':<16} "
                          f"{event.summary}")
            if args.anchor:
                broken = events._verify_anchor(*args.anchor)
            else:
                broken = events._verify_chain()
            count, last_seq, head = events._chain_head()
        if broken:
            # A missing tail leaves an intact but shorter chain: only an outside anchor shows it.
            _say(f"BROKEN at event {broken.seq}: {broken.reason} "
                  f"(expected {broken.expected}, found {broken.found or 'no event'})")
            sys.exit(2)
        _say(f"intact: {count} events, head {last_seq}:{head}")
