from . import test_forged_create, test_iot_orm, test_iot_mqtt, test_iot_review
