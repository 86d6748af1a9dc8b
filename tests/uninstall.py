"""Uninstall the WorkSafe addons one after the other from a demo database (a copy: this
drops their tables) and check that each ends 'uninstalled'.

    python3 tests/uninstall.py ODOO_CONF DB worksafe_iot,worksafe_training,worksafe_permit

Deletion rules are @api.ondelete(at_uninstall=False): they keep records for the record in
use, never block an uninstall. Odoo deletes a module's data records one by one before it
drops the tables; a record it could not delete (an unlink override that refuses) would only
vanish with its table, so such records fail the check too.
Exit status: 0 when every module ended 'uninstalled' and all its records could be deleted.
"""
import logging
import sys


class _Undeletable(logging.Handler):
    """Collects the ids Odoo logs as 'ir.model.data could not be deleted (…)'."""

    def __init__(self):
        super().__init__()
        self.ids = set()

    def emit(self, record):
        if record.msg.startswith("ir.model.data could not be deleted") and record.args:
            self.ids.update(record.args[0] if isinstance(record.args, tuple) else ())


def main(conf, db, modules):
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.service.server import load_server_wide_modules
    from odoo.tools import config

    config.parse_config(["-c", conf, "-d", db, "--no-http"])
    load_server_wide_modules()
    failed = []
    for module in modules:
        try:
            with Registry(db).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                record = env["ir.module.module"].search([("name", "=", module)])
                if record.state != "installed":
                    print(f"uninstall.py: {module} is {record.state or 'unknown'}: skipped")
                    continue
                own = set(env["ir.model.data"].search(
                    [("module", "=", module), ("model", "=like", "worksafe.%")]).ids)
                handler = _Undeletable()
                logger = logging.getLogger("odoo.addons.base.models.ir_model")
                logger.addHandler(handler)
                logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
                try:
                    record.button_immediate_uninstall()
                finally:
                    logger.removeHandler(handler)
                refused = own & handler.ids
            with Registry(db).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                state = env["ir.module.module"].search([("name", "=", module)]).state
                # Odoo keeps demo users that have a history (and their partners): only
                # the module's own records count
                leftover = env["ir.model.data"].search_count(
                    [("module", "=", module), ("model", "=like", "worksafe.%")])
        except Exception as error:  # noqa: BLE001 - report every module, then fail
            print(f"uninstall.py: {module}: FAILED: {error!r}")
            failed.append(module)
            continue
        print(f"uninstall.py: {module}: {state}, {leftover} xmlid(s) left, "
              f"{len(refused)} record(s) refused deletion")
        if state != "uninstalled" or leftover or refused:
            failed.append(module)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], [m for m in sys.argv[3].split(",") if m]))
