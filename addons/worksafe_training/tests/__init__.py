from . import (
    test_demo_data,
    test_exam,
    test_exam_score_and_scans,
    test_forged_create,
    test_multi_company_certificates,
    test_permit_pdf_exceptions,
    test_portal,
    test_qualification_checks,
    test_records,
    test_review_fixes,
    test_tour_qualifications,
)
