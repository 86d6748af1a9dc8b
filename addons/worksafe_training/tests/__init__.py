from . import (
    test_exam,
    test_multi_company_certificates,
    test_portal,
    test_qualification_checks,
    test_records,
    test_review_fixes,
)
