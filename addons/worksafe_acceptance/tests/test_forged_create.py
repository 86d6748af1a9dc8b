from .common import AcceptanceCase
from odoo.addons.worksafe_permit.tests.forged_create import ForgedCreateMixin


class TestForgedCreate(ForgedCreateMixin, AcceptanceCase):
    """Acceptance items are created by WorkSafe only: no ordinary user creates one."""

    MODULE = "worksafe_acceptance"

    def makers(self):
        return {}

    def test_no_forged_create(self):
        self._check_forged_creates()
