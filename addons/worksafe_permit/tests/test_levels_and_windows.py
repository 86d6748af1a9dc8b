from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..rules import blockers as b
from .common import WorksafeCase


@tagged("post_install", "-at_install")
class TestShippedTemplates(WorksafeCase):
    """The standards' numbers ship as data: check the data says what the standards say."""

    def permit_for(self, code, **values):
        work_type = self.env["worksafe.work.type"].search([("code", "=", code)])
        template = self.env["worksafe.template"].search(
            [("work_type_id", "=", work_type.id)], limit=1)
        vals = {"work_type_id": work_type.id, "template_id": template.id}
        vals.update(values)
        return self.make_permit(**vals)

    def test_twelve_work_types_with_templates(self):
        types = self.env["worksafe.work.type"].search([("code", "!=", "test_work")])
        self.assertEqual(len(types), 12)
        self.assertEqual(len(types.filtered("special_operation")), 8)
        for work_type in types:
            self.assertTrue(work_type.variant_ids, work_type.code)
            self.assertTrue(work_type.template_ids, work_type.code)
            for variant in work_type.variant_ids:
                self.assertTrue(variant.approval_step_ids, variant.display_name)

    def test_height_bands(self):
        expectations = [(1.99, False), (2.0, 1), (5.0, 1), (5.01, 2), (15.0, 2), (15.01, 3),
                        (30.0, 3), (30.5, 4)]
        for height, rank in expectations:
            with self.subTest(height=height):
                permit = self.permit_for("height", height_m=height,
                                         planned_start=datetime(2030, 1, 8, 9, 0),
                                         planned_end=datetime(2030, 1, 8, 12, 0))
                self.assertEqual(permit.variant_id.rank or False, rank)
        low = self.permit_for("height", height_m=3)
        high = self.permit_for("height", height_m=20)
        self.assertEqual(len(low.variant_id.approval_step_ids), 2)
        self.assertEqual(len(high.variant_id.approval_step_ids), 4)
        self.assertTrue(any(high.variant_id.approval_step_ids.mapped("site_check")))

    def test_objective_hazard_raises_height_class(self):
        permit = self.permit_for("height", height_m=3, objective_hazard=True,
                                 planned_start=datetime(2030, 1, 8, 9, 0),
                                 planned_end=datetime(2030, 1, 8, 12, 0))
        self.assertEqual(permit.variant_id.rank, 2)
        self.assertTrue(permit.variant_upgraded)

    def test_hot_work_levels_and_night_upgrade(self):
        self.area.write({"hazard_class": "none", "major_hazard_dike": False})
        day = {"planned_start": datetime(2030, 1, 8, 9, 0),   # a Tuesday, UTC company tz
               "planned_end": datetime(2030, 1, 8, 12, 0)}
        permit = self.permit_for("hot_work", **day)
        self.assertEqual(permit.variant_id.code, "second")
        self.assertEqual(permit.variant_id.max_validity_hours, 72)
        self.area.hazard_class = "zone_1"
        permit = self.permit_for("hot_work", **day)
        self.assertEqual(permit.variant_id.code, "first")
        permit = self.permit_for("hot_work", running_equipment=True, **day)
        self.assertEqual(permit.variant_id.code, "special")
        self.assertEqual(permit.variant_id.max_validity_hours, 8)
        night = self.permit_for("hot_work", planned_start=datetime(2030, 1, 8, 19, 0),
                                planned_end=datetime(2030, 1, 8, 22, 0))
        self.assertTrue(night.night_or_rest_day)
        self.assertEqual(night.variant_id.code, "special")
        self.area.hazard_class = "none"
        sunday = self.permit_for("hot_work", planned_start=datetime(2030, 1, 6, 9, 0),
                                 planned_end=datetime(2030, 1, 6, 12, 0))
        self.assertEqual(sunday.variant_id.code, "first")

    def test_hot_work_window_limit(self):
        self.area.hazard_class = "zone_1"
        start = datetime(2030, 1, 8, 9, 0)
        permit = self.permit_for("hot_work", planned_start=start,
                                 planned_end=start + timedelta(hours=8, minutes=30),
                                 watcher_ids=[Command.set(self.watcher.ids)])
        permit.measure_ids.write({"applies": "yes"})
        self.assertIn(b.WINDOW_TOO_LONG, b.codes(permit._get_blockers("submit")))

    def test_lifting_levels(self):
        for mass, code_rank in ((39.9, 1), (40, 2), (100, 2), (100.1, 3)):
            with self.subTest(mass=mass):
                permit = self.permit_for("lifting", lifting_mass_t=mass)
                self.assertEqual(permit.variant_id.rank, code_rank)

    def test_special_operations_are_approved_at_the_work_site(self):
        """GB 30871 §4: the approver of a special operation approves at the work site, so
        the last step of every shipped special-operation chain asks for the site inspection."""
        types = self.env["worksafe.work.type"].search([("special_operation", "=", True)])
        self.assertEqual(len(types), 8)
        for variant in types.variant_ids:
            with self.subTest(variant=variant.display_name):
                last = variant.approval_step_ids.sorted(lambda s: (s.sequence, s.id))[-1:]
                self.assertTrue(last.site_check)

    def test_site_check_enforced_when_approving(self):
        """The shipped second-level hot-work chain on the test work type (whose people need
        no qualification): its final step cannot be approved without the site inspection."""
        shipped = self.env.ref("worksafe_permit.variant_hot_work_second").approval_step_ids
        self.variant.approval_step_ids = [Command.clear()] + [
            Command.create({"sequence": s.sequence, "name": s.name, "group_id": s.group_id.id,
                            "area_authority": s.area_authority, "site_check": s.site_check})
            for s in shipped]
        permit = self.submit(self.make_permit())
        self.assertEqual(permit.approval_ids.sorted("sequence").mapped("site_check"),
                         [False, True])
        permit.with_user(self.approver_2)._approve_step()
        with self.assertRaises(ValidationError):
            permit.with_user(self.approver_1)._approve_step()
        self.assertEqual(permit.state, "submitted")
        permit.with_user(self.approver_1)._approve_step(site_checked=True)
        self.assertEqual(permit.state, "approved")
        self.assertTrue(permit.approval_ids.sorted("sequence")[-1].site_checked)
