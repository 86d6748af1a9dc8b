"""Plain-pytest test of what the bridge package ships: the runtime only (the broker and
client helpers of the tests and benchmarks live in tests/, not in what is deployed)."""

import os

BRIDGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bridge")


def test_the_bridge_package_ships_no_test_helpers():
    modules = sorted(name for name in os.listdir(BRIDGE) if name.endswith(".py"))
    assert modules == ["__init__.py", "__main__.py", "_rules.py", "cli.py", "core.py",
                       "engine.py", "sink.py", "spool.py"], modules
