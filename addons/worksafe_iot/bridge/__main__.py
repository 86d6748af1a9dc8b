"""``python3 addons/worksafe_iot/bridge -c bridge.conf`` (directory execution) or
``python3 -m odoo.addons.worksafe_iot.bridge`` when Odoo is importable."""

import importlib.util
import os
import sys

if __package__:
    from .cli import main
else:  # run as a directory: load this directory as the package "worksafe_iot_bridge"
    _here = os.path.dirname(os.path.abspath(__file__))
    _spec = importlib.util.spec_from_file_location(
        "worksafe_iot_bridge", os.path.join(_here, "__init__.py"),
        submodule_search_locations=[_here])
    _pkg = importlib.util.module_from_spec(_spec)
    sys.modules["worksafe_iot_bridge"] = _pkg
    _spec.loader.exec_module(_pkg)
    main = importlib.import_module("worksafe_iot_bridge.cli").main

if __name__ == "__main__":
    sys.exit(main())
