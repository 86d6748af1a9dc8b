from . import test_rules_acceptance
