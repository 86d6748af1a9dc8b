from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..rules import blockers as b
from ..rules import validity as validity_rules
from .common import WorksafeCase

TUESDAY_9 = datetime(2030, 1, 8, 9, 0)  # company time zone UTC, night 18 -> 8, weekend 5,6


@tagged("post_install", "-at_install")
class TestWeatherAndHours(WorksafeCase):
    """Inputs GB 30871 relies on, with the shipped work types: wind force, pipe racks,
    releases of flammable media near hot work, declared daily working hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.safe_area = cls.env["worksafe.area"].create({
            "name": "Workshop yard", "hazard_class": "none", "authority_id": cls.approver_1.id,
            "has_position": True, "position_x": 0, "position_y": 0})

    def permit_for(self, code, **values):
        work_type = self.env["worksafe.work.type"].search([("code", "=", code)])
        template = self.env["worksafe.template"].search(
            [("work_type_id", "=", work_type.id)], limit=1)
        vals = {"work_type_id": work_type.id, "template_id": template.id,
                "area_id": self.safe_area.id, "planned_start": TUESDAY_9,
                "planned_end": TUESDAY_9 + timedelta(hours=3)}
        vals.update(values)
        return self.make_permit(**vals)

    def submission_codes(self, permit):
        return [item.code for item in permit._standards_submission_problems()]

    # ------------------------------------------------------------------ wind
    def test_thresholds_ship_as_data(self):
        types = {t.code: t for t in self.env["worksafe.work.type"].search([])}
        self.assertEqual((types["hot_work"].wind_limit_force,
                          types["hot_work"].wind_upgrade_allowed), (5, True))
        self.assertEqual((types["lifting"].wind_limit_force,
                          types["lifting"].wind_upgrade_allowed), (6, False))

    def test_hot_work_in_strong_wind(self):
        calm = self.permit_for("hot_work", wind_force=4)
        self.assertEqual(self.submission_codes(calm), [])
        self.assertEqual(calm.variant_id.code, "second")
        windy = self.permit_for("hot_work", wind_force=5)
        self.assertEqual(self.submission_codes(windy), [b.WIND_FORCE])
        with self.assertRaises(ValidationError):
            self.submit(windy)
        self.assertEqual(windy.state, "draft")
        # where production really requires it: allowed, one level up
        required = self.permit_for("hot_work", wind_force=5, wind_production_required=True)
        self.assertEqual(self.submission_codes(required), [])
        self.assertEqual(required.variant_id.code, "first")
        self.assertTrue(required.variant_upgraded)
        indoors = self.permit_for("hot_work", wind_force=7, outdoor=False)
        self.assertEqual(self.submission_codes(indoors), [])
        self.assertEqual(indoors.variant_id.code, "second")

    def test_outdoor_lifting_at_force_six(self):
        self.assertEqual(self.submission_codes(self.permit_for(
            "lifting", lifting_mass_t=10, wind_force=5)), [])
        six = self.permit_for("lifting", lifting_mass_t=10, wind_force=6,
                              wind_production_required=True)
        self.assertEqual(self.submission_codes(six), [b.WIND_FORCE])
        self.assertEqual(six.variant_id.code, "third")  # never raised: simply prohibited

    def test_wind_force_outside_the_scale_is_refused(self):
        for force in (-1, 13):
            with self.subTest(force=force), self.assertRaises(ValidationError):
                self.permit_for("hot_work", wind_force=force)

    # ------------------------------------------------------------------ pipe rack
    def test_hot_work_on_a_pipe_rack_is_at_least_first_level(self):
        self.assertEqual(self.permit_for("hot_work").variant_id.code, "second")
        self.assertEqual(self.permit_for("hot_work", on_pipe_rack=True).variant_id.code,
                         "first")
        # never lowers a higher level
        self.area.major_hazard_dike = True
        self.assertEqual(self.permit_for("hot_work", on_pipe_rack=True,
                                         area_id=self.area.id).variant_id.code, "special")

    # ------------------------------------------------------------------ releases near hot work
    def test_flammable_releases_are_simops_activities(self):
        Tag = self.env["worksafe.activity.tag"]
        gas = Tag.search([("code", "=", "flammable_gas_release")])
        liquid = Tag.search([("code", "=", "flammable_liquid_release")])
        gas_rule = self.env.ref("worksafe_permit.simops_hot_work_near_gas_release")
        liquid_rule = self.env.ref("worksafe_permit.simops_hot_work_near_liquid_release")
        Area = self.env["worksafe.area"]
        at_30 = Area.create({"name": "30 m", "has_position": True, "position_x": 18,
                             "position_y": 24, "authority_id": self.approver_1.id})
        at_15 = Area.create({"name": "15 m", "has_position": True, "position_x": 9,
                             "position_y": 12, "authority_id": self.approver_1.id})
        at_16 = Area.create({"name": "16 m", "has_position": True, "position_x": 16,
                             "position_y": 0, "authority_id": self.approver_1.id})
        venting = self.submit(self.make_permit(
            area_id=at_30.id, activity_tag_ids=[Command.set(gas.ids)],
            planned_start=TUESDAY_9, planned_end=TUESDAY_9 + timedelta(hours=3)))
        draining = self.submit(self.make_permit(
            area_id=at_16.id, activity_tag_ids=[Command.set(liquid.ids)],
            planned_start=TUESDAY_9, planned_end=TUESDAY_9 + timedelta(hours=3)))
        hot = self.permit_for("hot_work")
        found = {(c.other_id, c.rule_id)
                 for c in self.env["worksafe.permit.conflict"]._find_for(hot)}
        self.assertIn((venting.id, gas_rule.id), found)
        self.assertNotIn((draining.id, liquid_rule.id), found)
        hot_near = self.permit_for("hot_work", area_id=at_15.id)
        # 13.9 m from the draining job: within 15 m
        found = {(c.other_id, c.rule_id)
                 for c in self.env["worksafe.permit.conflict"]._find_for(hot_near)}
        self.assertIn((draining.id, liquid_rule.id), found)

    # ------------------------------------------------------------------ declared working hours
    def test_day_job_keeps_its_72_hour_window(self):
        window = {"planned_start": datetime(2030, 1, 8, 8, 0),
                  "planned_end": datetime(2030, 1, 11, 8, 0)}  # Tuesday to Friday, 72 h
        undeclared = self.permit_for("hot_work", **window)
        self.assertTrue(undeclared.night_or_rest_day)
        self.assertEqual(undeclared.variant_id.code, "first")  # 8 h at most: refused
        self.assertEqual(self.window_error(undeclared), "too_long")
        day_job = self.permit_for("hot_work", has_daily_hours=True, daily_hour_from=8.0,
                                  daily_hour_to=17.0, **window)
        self.assertFalse(day_job.works_at_night)
        self.assertFalse(day_job.night_or_rest_day)
        self.assertEqual(day_job.variant_id.code, "second")
        self.assertEqual(day_job.variant_id.max_validity_hours, 72)
        self.assertIsNone(self.window_error(day_job))

    def window_error(self, permit):
        error = validity_rules.window_error(permit.planned_start, permit.planned_end,
                                            permit.variant_id.max_validity_hours)
        return error and error[0]

    def test_night_work_is_still_upgraded(self):
        window = {"planned_start": datetime(2030, 1, 8, 8, 0),
                  "planned_end": datetime(2030, 1, 11, 8, 0)}
        late = self.permit_for("hot_work", has_daily_hours=True, daily_hour_from=8.0,
                               daily_hour_to=20.0, **window)
        self.assertTrue(late.works_at_night)
        self.assertTrue(late.night_or_rest_day)
        self.assertEqual(late.variant_id.code, "first")
        # a day job over the weekend works on rest days
        weekend = self.permit_for("hot_work", has_daily_hours=True, daily_hour_from=8.0,
                                  daily_hour_to=17.0, planned_start=datetime(2030, 1, 11, 8, 0),
                                  planned_end=datetime(2030, 1, 14, 8, 0))
        self.assertFalse(weekend.works_at_night)
        self.assertTrue(weekend.night_or_rest_day)
        self.assertEqual(weekend.variant_id.code, "first")

    def test_impossible_hours_are_refused(self):
        for hours in ((8.0, 8.0), (-1.0, 8.0), (8.0, 25.0)):
            with self.subTest(hours=hours), self.assertRaises(ValidationError):
                self.permit_for("hot_work", has_daily_hours=True, daily_hour_from=hours[0],
                                daily_hour_to=hours[1])

    def test_impossible_hours_being_typed_read_as_the_whole_window(self):
        form = self.env["worksafe.permit"].with_user(self.applicant).new({
            "work_type_id": self.work_type.id, "area_id": self.safe_area.id,
            "planned_start": TUESDAY_9, "planned_end": TUESDAY_9 + timedelta(hours=12),
            "has_daily_hours": True, "daily_hour_from": 8.0, "daily_hour_to": 8.0})
        self.assertTrue(form.night_or_rest_day)  # the window reaches 21:00
        self.assertFalse(form.works_at_night)
