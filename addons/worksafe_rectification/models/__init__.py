from . import (
    maintenance_equipment,
    permit,
    rectification,
    rectification_escalation,
)
