from . import (
    test_exam,
    test_forged_create,
    test_portal,
    test_qualification_checks,
    test_records,
    test_review_fixes,
)
