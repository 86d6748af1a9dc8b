{
    "name": "WorkSafe Emergency",
    "summary": "One-click alarm, response plans chosen by scenario and area, every permit in "
    "the area suspended, dispatch with escalation, mustering, timeline in the audit chain, "
    "report to the authorities, drills",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "worksafe_rectification", "bus", "mail", "maintenance",
                "hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/worksafe_emergency_rules.xml",
        "data/worksafe_emergency_data.xml",
        "report/emergency_report.xml",
        "wizards/raise_alarm_wizard_views.xml",
        "views/worksafe_emergency_event_views.xml",
        "views/worksafe_emergency_plan_views.xml",
        "views/worksafe_emergency_config_views.xml",
        "views/worksafe_emergency_menus.xml",
        "views/emergency_templates.xml",
    ],
    "demo": [
        "demo/worksafe_emergency_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "worksafe_emergency/static/src/fields/*",
        ],
        "web.assets_tests": [
            "worksafe_emergency/static/tests/tours/*.js",
        ],
    },
}
