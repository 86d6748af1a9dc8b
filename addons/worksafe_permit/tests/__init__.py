from . import (
    test_audit,
    test_gas_tests,
    test_levels_and_windows,
    test_no_bypass,
    test_permit_lifecycle,
    test_permit_start,
    test_scan_http,
    test_security,
    test_simops,
    test_tour,
    test_tour_hot_work_desktop,
    test_tour_phone_site,
)
