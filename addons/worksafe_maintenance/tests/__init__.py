from . import test_equipment_history
