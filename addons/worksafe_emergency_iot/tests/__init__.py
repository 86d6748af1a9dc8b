from . import (  # noqa: F401
    test_helmet_geofence_checkin,
    test_iot_raises_emergency,
    test_rules_geofence,
)
