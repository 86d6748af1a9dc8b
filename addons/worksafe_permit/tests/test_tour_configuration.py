from odoo.tests import tagged

from .tour_common import WorksafeTourCase


@tagged("post_install", "-at_install")
class TestTourConfiguration(WorksafeTourCase):
    """The safety manager (Zhou Jianguo, ws_manager) edits a template and a level's approval
    chain in the browser; new permits follow."""

    def test_template_gets_a_step_with_evidence(self):
        template = self.env.ref("worksafe_permit.template_hot_work_chemical")
        self.start_tour(f"/odoo/action-worksafe_permit.action_worksafe_template/{template.id}",
                        "worksafe_template_add_step_tour", login="ws_manager")
        step = template.step_ids.filtered(
            lambda s: s.name == "Spark containment blanket in place")
        self.assertEqual(len(step), 1)
        self.assertEqual(step.photo_count, 2)
        permit = self.issued_hot_work()
        self.assertIn("Spark containment blanket in place", permit.step_ids.mapped("name"))

    def test_level_gets_an_approval_step_at_the_site(self):
        variant = self.env.ref("worksafe_permit.variant_hot_work_second")
        self.start_tour(f"/odoo/action-worksafe_permit.action_worksafe_variant/{variant.id}",
                        "worksafe_variant_approval_chain_tour", login="ws_manager")
        approval = variant.approval_step_ids.filtered(
            lambda a: a.name == "Plant fire brigade sign-off")
        self.assertEqual(len(approval), 1)
        self.assertTrue(approval.site_check)
        self.assertEqual(approval.group_id,
                         self.env.ref("worksafe_permit.group_worksafe_safety_officer"))
