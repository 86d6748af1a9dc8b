"""The reference work type of the tests, as values: the benchmarks time the same one."""
from odoo.fields import Command


def reference_variant_values(work_type, approver_group):
    """One level: 8 h, gas test within 30 min, two approval steps (area authority, then a
    site check)."""
    return {
        "name": "Standard", "code": "std", "work_type_id": work_type.id,
        "max_validity_hours": 8, "gas_test_required": True, "gas_test_window_minutes": 30,
        "retest_break_minutes": 30, "min_watchers": 1,
        "approval_step_ids": [
            Command.create({"sequence": 1, "name": "Area authority",
                            "group_id": approver_group.id, "area_authority": True}),
            Command.create({"sequence": 2, "name": "Safety department",
                            "group_id": approver_group.id, "site_check": True}),
        ],
    }


def reference_template_values(name, work_type, o2, combustible, h2s):
    """A step of each phase (the first needs a photo and a checklist), one measure, one
    hazard, and the GB 30871 limits for O2, combustibles by LEL and H2S."""
    return {
        "name": name, "work_type_id": work_type.id,
        "step_ids": [
            Command.create({"sequence": 1, "name": "Isolate", "phase": "preparation",
                            "role": "performing", "photo_count": 1,
                            "photo_subject": "the locks",
                            "check_ids": [Command.create({"name": "Locks applied"})]}),
            Command.create({"sequence": 2, "name": "Work", "phase": "execution",
                            "role": "performing"}),
            Command.create({"sequence": 3, "name": "Fire watch", "phase": "closure",
                            "role": "watcher"}),
        ],
        "measure_ids": [Command.create({"name": "Extinguisher at hand"})],
        "hazard_ids": [Command.create({"name": "Fire", "likelihood": "3", "severity": "4"})],
        "gas_limit_ids": [
            Command.create({"gas_id": o2.id, "unit": "%vol", "has_min": True,
                            "min_value": 19.5, "has_max": True, "max_value": 21.0}),
            Command.create({"gas_id": combustible.id, "unit": "%vol", "has_max": True,
                            "max_value": 0.5, "has_lel_range": True, "lel_min": 4.0}),
            Command.create({"gas_id": combustible.id, "unit": "%vol", "has_max": True,
                            "max_value": 0.2, "has_lel_range": True, "lel_max": 4.0}),
            Command.create({"gas_id": h2s.id, "unit": "mg/m3", "has_max": True,
                            "max_value": 10.0, "required": False}),
        ],
    }
