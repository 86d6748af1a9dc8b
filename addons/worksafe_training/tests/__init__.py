from . import (
    test_exam,
    test_portal,
    test_qualification_checks,
    test_records,
    test_review_fixes,
    test_tour_qualifications,
)
