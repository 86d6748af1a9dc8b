{
    "name": "WorkSafe IoT",
    "summary": "Live sensors over MQTT bound to permits: alarms, automatic suspension, "
    "interlocks, smart helmets",
    "version": "19.0.1.2.0",
    "category": "Services/Field Safety",
    "author": "WorkSafe",
    "website": "https://github.com/worksafe/worksafe",
    "license": "AGPL-3",
    "depends": ["worksafe_permit", "bus", "mail"],
    "external_dependencies": {"python": ["paho-mqtt"]},
    "data": [
        "security/worksafe_iot_security.xml",
        "security/ir.model.access.csv",
        "security/worksafe_iot_rules.xml",
        "data/worksafe_iot_data.xml",
        "views/worksafe_iot_device_views.xml",
        "views/worksafe_iot_alarm_views.xml",
        "views/worksafe_iot_reading_views.xml",
        "views/worksafe_permit_views.xml",
        "views/res_config_settings_views.xml",
        "views/worksafe_iot_menus.xml",
    ],
    "demo": [
        "demo/worksafe_iot_demo.xml",
    ],
}
