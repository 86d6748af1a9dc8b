from .common import RectificationCase


class TestOpenFrom(RectificationCase):
    def test_from_a_permit_takes_its_context(self):
        equipment = self.env["maintenance.equipment"].create({"name": "P-9"})
        contractor = self.env["res.partner"].create({"name": "Hengtai", "is_company": True})
        permit = self.make_permit(equipment_ids=[equipment.id], contractor_id=contractor.id)
        rect = self.Rect.with_user(self.officer)._open_from(
            permit, "Refit the guard", owner=self.owner, source_type="acceptance")
        self.assertEqual((rect.permit_id, rect.equipment_id, rect.area_id, rect.company_id,
                          rect.contractor_id, rect.res_model, rect.res_id, rect.source_type),
                         (permit, equipment, self.area, permit.company_id, contractor,
                          "worksafe.permit", permit.id, "acceptance"))
        self.assertEqual(rect.source_name, permit.display_name)
        self.assertEqual(permit.rectification_ids, rect)
        self.assertEqual(permit.rectification_open_count, 1)
        self.assertEqual(equipment.worksafe_rectification_ids, rect)
        self.assertEqual(equipment.worksafe_rectification_open_count, 1)
        action = equipment.action_view_worksafe_rectifications()
        self.assertEqual(self.Rect.search(action["domain"]), rect)

    def test_from_a_record_of_a_permit_takes_the_permit(self):
        permit = self.submit(self.make_permit())
        step = permit.step_ids[:1]
        rect = self.Rect.with_user(self.officer)._open_from(step, "Redo the step",
                                                            severity="major")
        self.assertEqual((rect.permit_id, rect.res_model, rect.res_id, rect.severity),
                         (permit, step._name, step.id, "major"))
        self.assertEqual(rect.owner_id, permit.performing_authority_id.user_id,
                         "the permit's performing authority owns it by default")

    def test_from_any_record(self):
        rect = self.Rect.with_user(self.officer)._open_from(
            self.area, "Repaint the walkway", owner=self.owner, source_type="inspection")
        self.assertEqual((rect.area_id, rect.permit_id.id, rect.res_model),
                         (self.area, False, "worksafe.area"))
        self.assertTrue(rect.deadline, "a default deadline from the settings")

    def test_unverified_domain(self):
        rect = self.raise_rect()
        domain = self.Rect._unverified_domain()
        self.assertTrue(rect.filtered_domain(domain))
        self.do(rect)
        self.assertTrue(rect.filtered_domain(domain))
        rect.with_user(self.verifier).action_verify()
        self.assertFalse(rect.filtered_domain(domain))
