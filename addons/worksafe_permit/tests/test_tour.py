from odoo.tests import HttpCase, tagged

from .common import WorksafeCase


@tagged("post_install", "-at_install")
class TestPermitTour(HttpCase, WorksafeCase):
    """A real browser (Chromium) drives the permit form."""

    def test_submit_from_the_form(self):
        self.area.name = "Tour unit"
        permit = self.make_permit()
        self.start_tour(
            "/odoo/action-worksafe_permit.action_worksafe_permit",
            "worksafe_permit_submit_tour",
            login="ws_applicant",
        )
        self.assertEqual(permit.state, "submitted")
        self.assertEqual(len(permit.approval_ids), 2)
