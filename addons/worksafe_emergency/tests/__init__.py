from . import (  # noqa: F401
    test_authority_report,
    test_dispatch_escalation,
    test_drill_mode,
    test_muster_checkin,
    test_one_click_alarm,
    test_phone_alarm_http,
    test_plan_authoring,
    test_rules_accident,
    test_rules_escalation,
    test_rules_muster,
    test_rules_plan_choice,
    test_tour_phone_emergency,
)
