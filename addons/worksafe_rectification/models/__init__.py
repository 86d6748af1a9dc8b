from . import (
    maintenance_equipment,
    permit,
    rectification,
    rectification_demo,
    rectification_escalation,
)
