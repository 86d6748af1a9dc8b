from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .common import WorksafeCase


class TestGuardBadValues(WorksafeCase):
    """Values PostgreSQL, the rounding or the JSON canonicaliser cannot take are refused with
    a ValidationError, never a 500 (OverflowError, NumericValueOutOfRange)."""

    def test_non_finite_and_absurd_floats(self):
        permit = self.make_permit()
        for value in (float("inf"), float("-inf"), float("nan"), 1e300, -1e13):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                permit.write({"height_m": value})
            with self.subTest(create=value), self.assertRaises(ValidationError):
                self.make_permit(height_m=value)
        permit.write({"height_m": 12.5})
        self.assertEqual(permit.height_m, 12.5)

    def test_integers_beyond_the_column(self):
        permit = self.make_permit()
        for value in (2**40, 2**31, -(2**31) - 1, float("inf")):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                permit.write({"wind_force": value})
        permit.write({"wind_force": 3})
        self.assertEqual(permit.wind_force, 3)

    def test_text_fields_take_text(self):
        for value in (["a", {"b": 1}], {"x": 1}, 42):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.make_permit(pipeline_code=value)
        self.assertEqual(self.make_permit(pipeline_code="P-101").pipeline_code, "P-101")

    def test_unknown_x2many_commands_on_create(self):
        for value in ([[99, 1, 2]], [["x"]], ["a"], [[4, "1"]]):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.make_permit(activity_tag_ids=value)
        self.make_permit(activity_tag_ids=[Command.set([])])

    def test_maintenance_request_frozen_after_submission(self):
        permit = self.submit(self.make_permit())
        request = self.env["maintenance.request"].create({"name": "Seal"})
        with self.assertRaises(UserError):
            permit.write({"maintenance_request_id": request.id})
        self.assertFalse(permit.maintenance_request_id)
