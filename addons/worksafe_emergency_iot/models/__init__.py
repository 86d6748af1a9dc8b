from . import (  # noqa: F401
    emergency_event,
    iot_alarm,
    iot_ingest,
    iot_interlock,
    iot_trigger,
    muster_point,
)
