from . import compliance_wizard
