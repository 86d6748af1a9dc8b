from . import (
    test_approval_waiting_for_me,
    test_audit,
    test_gas_tests,
    test_levels_and_windows,
    test_no_bypass,
    test_permit_lifecycle,
    test_permit_start,
    test_query_counts,
    test_scan_http,
    test_security,
    test_simops,
    test_tour,
)
