from . import emergency_event, iot_alarm, iot_interlock, iot_trigger  # noqa: F401
