from . import acceptance_check_wizard
