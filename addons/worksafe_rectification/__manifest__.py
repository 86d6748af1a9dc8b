{
    "name": "WorkSafe Rectification",
    "summary": "Rectification (整改 / CAPA) of findings from acceptance, inspections, alarms and "
    "violations: owner, deadline, major-hazard plan, evidence, verification by another person, "
    "escalation ladder, and no permit closes while one is unverified",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit"],
    "data": [
        "security/ir.model.access.csv",
        "security/worksafe_rectification_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_data.xml",
        "data/escalation_data.xml",
        "data/ir_cron_data.xml",
        "views/rectification_views.xml",
        "views/escalation_views.xml",
        "views/permit_views.xml",
        "views/maintenance_equipment_views.xml",
        "wizards/reason_wizard_views.xml",
    ],
    "demo": [
        "demo/rectification_demo.xml",
    ],
}
