{
    "name": "WorkSafe Acceptance",
    "summary": "Acceptance of work at hand-back (验收): criteria with photo, test-run and GB 30871 "
    "close-out evidence, a preliminary verdict, the acceptor's site check by another person, "
    "failed items to rectification, close blocked until accepted",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "worksafe_rectification"],
    "data": [
        "security/ir.model.access.csv",
        "security/worksafe_acceptance_rules.xml",
        "data/worksafe_acceptance_criteria_data.xml",
        "views/template_step_views.xml",
        "views/acceptance_item_views.xml",
        "views/permit_views.xml",
        "wizards/acceptance_check_wizard_views.xml",
    ],
    "demo": [
        "demo/worksafe_acceptance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "worksafe_acceptance/static/tests/tours/*.js",
        ],
    },
}
