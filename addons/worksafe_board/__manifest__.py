{
    "name": "WorkSafe Live Board",
    "summary": "A supervisor's live board: permits on the site plan coloured by state and "
    "level, SIMOPS clashes, alarms, device faults, people on site, overdue work and "
    "exceptions, pushed over the bus; a read-only kiosk link for the control room",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "worksafe_training", "worksafe_iot", "worksafe_rectification",
                "bus", "web"],
    "data": [
        "views/worksafe_board_menus.xml",
        "views/worksafe_area_views.xml",
        "views/res_config_settings_views.xml",
        "views/kiosk_templates.xml",
    ],
    "demo": [
        "demo/worksafe_board_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "worksafe_board/static/src/board/**/*",
        ],
        "web.assets_frontend": [
            "worksafe_board/static/src/board/board.js",
            "worksafe_board/static/src/board/board.xml",
            "worksafe_board/static/src/board/board.scss",
            "worksafe_board/static/src/kiosk/**/*",
        ],
        "web.assets_tests": [
            "worksafe_board/static/tests/tours/*.js",
        ],
    },
}
