from . import (
    test_alarm_storm_keeps_flowing,
    test_alarm_storm_records_every_trip,
    test_bridge_config_since,
    test_broker_crash_loses_nothing,
    test_db_cut_loses_nothing,
    test_forged_create,
    test_iot_company_scope,
    test_iot_mqtt,
    test_iot_orm,
    test_iot_review,
    test_live_alarms_trip,
)
