"""The benchmarks' shared way into a database: one cursor that never commits."""
import threading
from contextlib import contextmanager

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config


@contextmanager
def rolled_back_env(args):
    """Superuser environment on `args.database`; everything done in it is rolled back."""
    config.parse_config(["-c", args.config, "-d", args.database,
                         f"--log-level={args.log_level}"], setup_logging=True)
    threading.current_thread().dbname = args.database
    registry = Registry(args.database)
    cr = registry.cursor()

    def no_commit():
        raise RuntimeError("the benchmark never commits")

    cr.commit = no_commit
    try:
        yield api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"}), registry
    finally:
        cr.rollback()
        cr.close()
