"""Load the shared pure-Python rule modules by file path.

The bridge runs without Odoo, so it cannot import ``odoo.addons.worksafe_iot.rules``; it
loads the very same files instead: ``worksafe_iot/rules/alarm.py`` and ``payload.py``, and
the gas-unit conversion of the sibling addon ``worksafe_permit/rules/gas.py`` (both addons
ship together; set WORKSAFE_PERMIT_RULES to the file when they do not sit side by side).
"""

import importlib.util
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_ADDON = os.path.dirname(_HERE)


def _load(name, path):
    full = f"worksafe_iot_bridge_rules.{name}"
    if full in sys.modules:
        return sys.modules[full]
    spec = importlib.util.spec_from_file_location(full, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    return module


alarm = _load("alarm", os.path.join(_ADDON, "rules", "alarm.py"))
payload = _load("payload", os.path.join(_ADDON, "rules", "payload.py"))
gas = _load("gas", os.environ.get("WORKSAFE_PERMIT_RULES") or os.path.join(
    os.path.dirname(_ADDON), "worksafe_permit", "rules", "gas.py"))
