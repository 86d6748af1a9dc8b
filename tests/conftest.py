"""pytest glue for WorkSafe's cross-module tests (this directory).

Odoo gives its test classes their default tags (``standard``, ``at_install``)
only when they live in an ``odoo.addons.<module>`` package. The cross-module
tests here are plain modules, so without this hook instantiating any Odoo test
case fails with ``AttributeError: ... has no attribute 'test_tags'``.
"""

import inspect

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_pycollect_makeitem(collector, name, obj):
    if inspect.isclass(obj) and not obj.__module__.startswith("odoo.addons."):
        from odoo.tests.common import BaseCase

        if issubclass(obj, BaseCase):
            if getattr(obj, "test_tags", None) is None:
                obj.test_tags = {"standard", "at_install"}
            if getattr(obj, "test_module", None) is None:
                obj.test_module = "worksafe_cross_module"
    return (yield)
