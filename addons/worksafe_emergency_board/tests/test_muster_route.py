from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import EmergencyBoardCase


@tagged("post_install", "-at_install")
class TestMusterRoute(EmergencyBoardCase):
    """A route is typed like an outline; typing errors are refused and change nothing."""

    def test_bad_routes_are_refused(self):
        for text in ("25,25 north", "25,25", "25,25 25,25 95,5", "1,2,3 4,5", "nan,1 2,2"):
            with self.subTest(text=text), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.point_a.write({"route_points": text})
        self.assertEqual(self.point_a.route_points, "25,25 25,5 95,5")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["worksafe.emergency.muster.point"].create(
                {"name": "Bad", "route_points": "1;2"})

    def test_routes_are_saved_in_the_canonical_form(self):
        self.point_b.write({"route_points": " 150.00,50;\n170.5,60  195,95 "})
        self.assertEqual(self.point_b.route_points, "150,50 170.5,60 195,95")
        self.point_b.write({"route_points": False})
        self.assertFalse(self.point_b.route_points)
