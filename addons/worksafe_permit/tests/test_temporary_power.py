from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..rules import blockers as b
from .common import WorksafeCase


@tagged("post_install", "-at_install")
class TestTemporaryPower(WorksafeCase):
    """GB 30871 §10 with the shipped temporary-power work type: a combustible gas test in a
    fire/explosion area before start, and a window within the permit it serves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        WorkType = cls.env["worksafe.work.type"]
        cls.shipped = WorkType.search([("code", "=", "temp_power")])
        cls.hot_work = WorkType.search([("code", "=", "hot_work")])
        # The test work type (whose people need no qualification) set up as the shipped one.
        cls.work_type.write({
            "fire_zone_gas_test": cls.shipped.fire_zone_gas_test,
            "served_work_type_ids": [Command.set(cls.shipped.served_work_type_ids.ids)],
        })

    def permit_of(self, work_type, **values):
        template = self.env["worksafe.template"].search(
            [("work_type_id", "=", work_type.id)], limit=1)
        return self.make_permit(work_type_id=work_type.id, template_id=template.id, **values)

    def issued_temp_power(self, **values):
        return self.issued_permit(**values)

    def codes(self, permit, now=None):
        return [item.code for item in permit._standards_start_problems(now or self.now())]

    def test_shipped_as_data(self):
        self.assertTrue(self.shipped.fire_zone_gas_test)
        self.assertEqual(set(self.shipped.served_work_type_ids.mapped("code")),
                         {"hot_work", "confined_space"})
        combustible = self.shipped.template_ids.gas_limit_ids.filtered(
            lambda limit: limit.gas_id.kind == "combustible")
        self.assertEqual(sorted(combustible.mapped("max_value")), [0.2, 0.5])

    def test_no_start_in_fire_zone_without_combustible_test(self):
        self.assertTrue(self.area.fire_explosion_zone)
        permit = self.issued_temp_power()
        self.assertEqual(self.codes(permit), [b.TEMP_POWER_GAS])
        # the blocker reaches the start path
        self.assertIn(b.TEMP_POWER_GAS,
                      [item.code for item in permit._get_blockers("start", self.now())])
        # an oxygen-only test proves nothing about ignition
        self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
            "permit_id": permit.id, "analyst_id": self.watcher.id,
            "sample_time": self.now() - timedelta(minutes=2),
            "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": 20.9,
                                         "unit": "%vol"})]})
        self.assertEqual(self.codes(permit), [b.TEMP_POWER_GAS])
        # a failing combustible test
        self.gas_test(permit, methane=0.6, minutes_ago=1)
        self.assertEqual(self.codes(permit), [b.TEMP_POWER_GAS])
        # a passing one clears it, until it is too old
        self.gas_test(permit, methane=0.1, minutes_ago=0)
        self.assertEqual(self.codes(permit), [])
        self.assertEqual(self.codes(permit, self.now() + timedelta(minutes=31)),
                         [b.TEMP_POWER_GAS])

    def test_no_gas_test_needed_outside_fire_zones(self):
        safe = self.env["worksafe.area"].create({
            "name": "Office block", "hazard_class": "none", "authority_id": self.approver_1.id})
        permit = self.issued_temp_power(area_id=safe.id)
        self.assertEqual(self.codes(permit), [])

    def test_window_within_the_hot_work_it_serves(self):
        start = datetime(2030, 1, 8, 9, 0)
        hot = self.permit_of(self.hot_work, planned_start=start,
                             planned_end=start + timedelta(hours=4))
        power = self.make_permit(planned_start=start - timedelta(hours=1),
                                 planned_end=start + timedelta(hours=4),
                                 linked_permit_ids=[Command.set(hot.ids)])
        self.assertEqual([item.code for item in power._standards_submission_problems()],
                         [b.TEMP_POWER_WINDOW])
        with self.assertRaises(ValidationError):
            self.submit(power)
        self.assertEqual(power.state, "draft")
        power.planned_start = start
        self.assertEqual(power._standards_submission_problems(), [])
        power.planned_end = start + timedelta(hours=5)
        self.assertEqual([item.code for item in power._standards_submission_problems()],
                         [b.TEMP_POWER_WINDOW])

    def test_link_from_the_served_permit_counts_too(self):
        start = datetime(2030, 1, 8, 9, 0)
        power = self.make_permit(planned_start=start, planned_end=start + timedelta(hours=10))
        self.assertEqual(power._standards_submission_problems(), [])
        self.permit_of(self.hot_work, planned_start=start, planned_end=start + timedelta(hours=4),
                       linked_permit_ids=[Command.set(power.ids)])
        self.assertEqual([item.code for item in power._standards_submission_problems()],
                         [b.TEMP_POWER_WINDOW])

    def test_other_links_do_not_constrain(self):
        start = datetime(2030, 1, 8, 9, 0)
        general = self.env["worksafe.work.type"].search([("code", "=", "general")])
        other = self.permit_of(general, planned_start=start,
                               planned_end=start + timedelta(hours=2))
        power = self.make_permit(planned_start=start, planned_end=start + timedelta(hours=10),
                                 linked_permit_ids=[Command.set(other.ids)])
        self.assertEqual(power._standards_submission_problems(), [])
