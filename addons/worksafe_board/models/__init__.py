from . import (
    area,
    board,
    ir_websocket,
    iot_alarm,
    iot_device,
    permit,
    permit_conflict,
    qualification_exception,
    rectification,
    res_company,
    res_config_settings,
)
