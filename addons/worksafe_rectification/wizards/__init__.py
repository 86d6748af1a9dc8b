from . import reason_wizard
