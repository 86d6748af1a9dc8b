from . import (
    audit,
    area,
    gas,
    work_type,
    template,
    simops,
    permit,
    permit_lines,
    gas_test,
    maintenance_equipment,
    res_config_settings,
    permit_demo,
)
