import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .common import WorksafeCase


@tagged("post_install", "-at_install")
class TestJson2BadNumbers(HttpCase, WorksafeCase):
    """What a client sends over ``/json/2`` (JSON allows ``Infinity``; Python reads ``1e999``
    as infinity) is refused with a ValidationError answer, never an internal error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        key = cls.env["res.users.apikeys"].with_user(cls.applicant)._generate(
            scope="rpc", name="test", expiration_date=datetime.now() + timedelta(days=1))
        cls.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}

    def call(self, model, method, body):
        return self.url_open(f"/json/2/{model}/{method}", data=body, headers=self.headers)

    def assertRefused(self, response):
        self.assertNotEqual(response.status_code, 500, response.text[:500])
        self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError",
                         response.text[:500])

    def test_bad_numbers_are_refused(self):
        permit = self.make_permit()
        for raw in ("Infinity", "-Infinity", "1e999", "NaN", "1e300"):
            with self.subTest(height=raw):
                self.assertRefused(self.call("worksafe.permit", "write", (
                    f'{{"ids": [{permit.id}], "vals": {{"height_m": {raw}}}}}')))
        for value in (2**40, 2**31):
            with self.subTest(wind_force=value):
                self.assertRefused(self.call("worksafe.permit", "write", json.dumps(
                    {"ids": [permit.id], "vals": {"wind_force": value}})))
        permit.invalidate_recordset()
        self.assertFalse(permit.height_m)
        self.assertFalse(permit.wind_force)
        ok = self.call("worksafe.permit", "write", json.dumps(
            {"ids": [permit.id], "vals": {"height_m": 4.5}}))
        self.assertEqual(ok.status_code, 200, ok.text[:500])
        permit.invalidate_recordset()
        self.assertEqual(permit.height_m, 4.5)
