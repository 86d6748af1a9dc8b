{
    "name": "WorkSafe Emergency on the Live Board",
    "summary": "Muster points and evacuation routes drawn on the site plan; open emergencies "
    "(drill or real) with their roll-call counts on the live board and the kiosk, pushed "
    "on every alarm and check-in",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_emergency", "worksafe_board"],
    "auto_install": True,
    "data": [
        "views/worksafe_emergency_muster_point_views.xml",
    ],
    "demo": [
        "demo/worksafe_emergency_board_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "worksafe_emergency_board/static/src/board/*",
        ],
        "web.assets_frontend": [
            "worksafe_emergency_board/static/src/board/*",
        ],
        "web.assets_tests": [
            "worksafe_emergency_board/static/tests/tours/*.js",
        ],
    },
}
