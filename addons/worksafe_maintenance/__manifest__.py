{
    "name": "WorkSafe Maintenance History",
    "summary": "A closed permit writes to its equipment's history in Maintenance: the request "
    "linked or created, moved to its stage, with the work, findings and rectifications",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "worksafe_rectification", "maintenance"],
    "data": [
        "views/maintenance_equipment_views.xml",
        "views/maintenance_request_views.xml",
    ],
    "demo": [
        "demo/worksafe_maintenance_demo.xml",
    ],
}
