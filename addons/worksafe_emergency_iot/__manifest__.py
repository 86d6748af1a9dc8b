{
    "name": "WorkSafe Emergency IoT",
    "summary": "Critical gas alarms, helmet SOS and falls raise the emergency; the emergency "
    "trips the area's interlocks over MQTT; helmets count on the roll call",
    "version": "19.0.1.0.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_emergency", "worksafe_iot"],
    "data": [
        "security/ir.model.access.csv",
        "data/worksafe_emergency_iot_data.xml",
        "views/worksafe_emergency_iot_views.xml",
    ],
    "auto_install": True,
}
