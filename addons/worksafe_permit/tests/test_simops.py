from odoo.exceptions import AccessError
from odoo.fields import Command

from ..rules import blockers as b
from .common import WorksafeCase


class TestSimops(WorksafeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.blinding_type = cls.env["worksafe.work.type"].create(
            {"name": "Test blinding", "code": "t_blinding"})
        variant = cls.variant.copy({"work_type_id": cls.blinding_type.id, "code": "std"})
        variant.approval_step_ids = [Command.create(
            {"name": s.name, "sequence": s.sequence, "group_id": s.group_id.id,
             "area_authority": s.area_authority, "site_check": s.site_check})
            for s in cls.variant.approval_step_ids]
        cls.blinding_template = cls.template.copy({"work_type_id": cls.blinding_type.id})
        cls.far_area = cls.env["worksafe.area"].create({
            "name": "Far unit", "has_position": True, "position_x": 31, "position_y": 0,
            "authority_id": cls.approver_1.id})
        cls.near_area = cls.env["worksafe.area"].create({
            "name": "Near unit", "has_position": True, "position_x": 18, "position_y": 24,
            "authority_id": cls.approver_1.id})  # exactly 30 m from (0, 0)
        Rule = cls.env["worksafe.simops.rule"]
        Rule.search([]).active = False  # only the rules of this test
        cls.rule_distance = Rule.create({
            "name": "Hot work within 30 m of blinding", "subject_a": "test_work",
            "subject_b": "t_blinding", "relation": "distance", "distance_m": 30,
            "action": "block"})
        cls.rule_pipeline = Rule.create({
            "name": "Two blinding jobs on one pipeline", "subject_a": "t_blinding",
            "subject_b": "t_blinding", "relation": "same_pipeline", "action": "block"})
        cls.painting = cls.env["worksafe.activity.tag"].create(
            {"name": "Painting", "code": "t_painting"})
        cls.rule_coordinate = Rule.create({
            "name": "Painting next to hot work", "subject_a": "tag:t_painting",
            "subject_b": "test_work", "relation": "same_area", "action": "coordinate"})

    def blinding(self, area, pipeline="L-101"):
        return self.submit(self.make_permit(work_type_id=self.blinding_type.id,
                                            template_id=self.blinding_template.id,
                                            area_id=area.id, pipeline_code=pipeline))

    def test_hot_work_within_distance_of_blinding_is_blocked(self):
        self.blinding(self.near_area)
        with self.assertBlocked(b.SIMOPS_FORBIDDEN):
            self.submit(self.make_permit())

    def test_beyond_distance_is_allowed(self):
        self.blinding(self.far_area)
        permit = self.submit(self.make_permit())
        self.assertEqual(permit.state, "submitted")
        self.assertFalse(permit.conflict_ids)

    def test_no_conflict_when_windows_do_not_overlap(self):
        blind = self.blinding(self.near_area)
        permit = self.make_permit(planned_start=blind.planned_end,
                                  planned_end=blind.planned_end.replace(microsecond=0)
                                  + (blind.planned_end - blind.planned_start))
        self.submit(permit)
        self.assertEqual(permit.state, "submitted")

    def test_two_blinding_jobs_on_one_pipeline(self):
        self.blinding(self.far_area, "L-101")
        with self.assertBlocked(b.SIMOPS_FORBIDDEN):
            self.blinding(self.near_area, "L-101")
        self.assertEqual(self.blinding(self.near_area, "L-102").state, "submitted")

    def test_pipeline_codes_match_whatever_the_typing(self):
        first = self.blinding(self.far_area, "L-101")
        for typed in ("l-101", " L - 101 ", "\uff2c\uff0d\uff11\uff10\uff11\u3000"):
            with self.subTest(typed=typed):
                permit = self.make_permit(work_type_id=self.blinding_type.id,
                                          template_id=self.blinding_template.id,
                                          area_id=self.near_area.id, pipeline_code=typed)
                self.assertEqual(
                    [(c.other_id, c.rule_id)
                     for c in self.env["worksafe.permit.conflict"]._find_for(permit)],
                    [(first.id, self.rule_pipeline.id)])
                with self.assertBlocked(b.SIMOPS_FORBIDDEN):
                    self.submit(permit)
                self.assertEqual(permit.state, "draft")

    def test_coordination_needs_the_named_coordinator(self):
        painting = self.submit(self.make_permit(
            activity_tag_ids=[Command.set(self.painting.ids)],
            area_id=self.far_area.id))
        self.assertEqual(painting.state, "submitted")
        permit = self.make_permit(area_id=self.far_area.id)
        with self.assertBlocked(b.COORDINATOR_MISSING):
            self.submit(permit)
        permit.coordinator_id = self.coordinator
        self.submit(permit)
        conflict = permit.conflict_ids
        self.assertEqual(conflict.other_permit_id, painting)
        self.assertEqual(conflict.action, "coordinate")
        self.approve_all(permit)
        self.issue(permit)
        self.assertIn(b.SIMOPS_NOT_ACKNOWLEDGED,
                      b.codes(permit._get_blockers("start", self.now())))
        # the form's quick list reads the recorded conflicts instead of scanning again
        self.assertIn(b.SIMOPS_NOT_ACKNOWLEDGED,
                      b.codes(permit._get_blockers("start", self.now(), quick=True)))
        with self.assertRaises(AccessError):
            conflict.with_user(self.approver_1).action_acknowledge()
        conflict.with_user(self.coordinator).action_acknowledge()
        self.assertNotIn(b.SIMOPS_NOT_ACKNOWLEDGED,
                         b.codes(permit._get_blockers("start", self.now())))
        self.assertNotIn(b.SIMOPS_NOT_ACKNOWLEDGED,
                         b.codes(permit._get_blockers("start", self.now(), quick=True)))

    def test_sub_area_counts_as_same_area(self):
        sub = self.env["worksafe.area"].create({"name": "Pump bay", "parent_id": self.far_area.id,
                                                "authority_id": self.approver_1.id})
        self.submit(self.make_permit(activity_tag_ids=[Command.set(self.painting.ids)],
                                     area_id=self.far_area.id))
        permit = self.make_permit(area_id=sub.id, coordinator_id=self.coordinator.id)
        self.submit(permit)
        self.assertEqual(len(permit.conflict_ids), 1)
