{
    "name": "WorkSafe Permit Summary",
    "summary": "A summary report of every closed permit, PDF and XLSX, attached and searchable: "
    "timeline, people, gas tests, suspensions and alarms, evidence, deviations, "
    "rectifications and lessons learned",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "worksafe_rectification"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/worksafe_summary_rules.xml",
        "report/summary_report.xml",
        "report/summary_templates.xml",
        "views/summary_views.xml",
        "views/permit_views.xml",
    ],
    "demo": [
        "demo/worksafe_summary_demo.xml",
    ],
}
