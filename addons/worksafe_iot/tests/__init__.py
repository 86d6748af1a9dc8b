from . import test_alarm_storm_keeps_flowing
from . import test_broker_crash_loses_nothing, test_bridge_config_since
from . import test_forged_create, test_iot_orm, test_iot_mqtt, test_iot_review
from . import test_iot_orm, test_iot_mqtt, test_iot_review
from . import test_live_alarms_trip, test_iot_company_scope, test_db_cut_loses_nothing
