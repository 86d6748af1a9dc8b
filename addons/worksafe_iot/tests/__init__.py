from . import test_iot_orm, test_iot_mqtt
