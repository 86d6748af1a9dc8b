from . import (
    test_close_check_queries,
    test_escalation_ladder,
    test_forged_fields,
    test_major_hazard_plan,
    test_open_from,
    test_permit_close_blocked,
    test_rectification_lifecycle,
    test_rectification_security,
    test_rules_rectification,
)
