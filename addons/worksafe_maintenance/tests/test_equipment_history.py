"""Closing a permit on equipment writes to its history in Maintenance: one request per permit
(linked or created), moved to its stage, with a note of the permit and what it found."""

from odoo.fields import Command

from odoo.addons.worksafe_permit.tests.common import WorksafeCase
from odoo.addons.worksafe_rectification.tests.common import RectificationCase


class TestEquipmentHistory(WorksafeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["maintenance.request"]
        cls.Equipment = cls.env["maintenance.equipment"]
        cls.pump = cls.Equipment.create({"name": "Pump P-7", "company_id": cls.company.id})
        cls.agitator = cls.Equipment.create({"name": "Agitator A-1",
                                             "company_id": cls.company.id})
        # The maintenance module shows equipment to plain users who follow it.
        (cls.pump | cls.agitator).message_subscribe(partner_ids=cls.applicant.partner_id.ids)
        stages = cls.env["maintenance.stage"].search([])
        cls.done_stage = stages.filtered("done").sorted(lambda s: (s.sequence, s.id))[:1]
        cls.progress_stage = stages.filtered(lambda s: not s.done).sorted(
            lambda s: (s.sequence, s.id))[-1:]

    def _handed_back(self, **values):
        permit, token = self.ready_to_start(**values)
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        return permit

    def _close(self, permit):
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).write({"note": "Flange re-torqued, no leak at 6 bar"})
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).action_done()
        permit.with_user(self.officer).action_close()
        return permit

    def _notes(self, request):
        return request.message_ids.filtered(lambda m: m.subtype_id == self.env.ref(
            "mail.mt_note")).mapped("body")

    def test_close_creates_one_request_for_the_main_equipment_and_marks_it_done(self):
        permit = self._handed_back(equipment_ids=[Command.set((self.pump | self.agitator).ids)])
        request = permit.maintenance_request_id
        self.assertTrue(request, "hand-back links or creates the request")
        self.assertEqual(request.equipment_id, self.agitator, "first equipment by name")
        self.assertEqual(request.company_id, permit.company_id)
        self.assertEqual(request.stage_id, self.progress_stage)
        self.assertFalse(request.stage_id.done)
        self._close(permit)
        self.assertEqual(permit.state, "closed")
        self.assertEqual(permit.maintenance_request_id, request, "one request per permit")
        self.assertEqual(self.Request.search_count([("worksafe_permit_ids", "in", permit.ids)]),
                         1)
        self.assertEqual(request.stage_id, self.done_stage)
        self.assertTrue(request.close_date)
        notes = self._notes(request)
        self.assertEqual(len(notes), 2, "a note at hand-back and one at close")
        self.assertTrue(all(permit.name in note for note in notes))
        self.assertIn("6 bar", notes[0], "the findings of the closure steps")

    def test_open_request_of_the_equipment_is_linked_not_duplicated(self):
        fault = self.Request.create({"name": "Seal leak", "equipment_id": self.pump.id,
                                     "company_id": self.company.id})
        permit = self._close(self._handed_back(equipment_ids=[Command.set(self.pump.ids)]))
        self.assertEqual(permit.maintenance_request_id, fault)
        self.assertEqual(self.Request.search_count([("equipment_id", "=", self.pump.id)]), 1)
        self.assertTrue(fault.stage_id.done)

    def test_the_request_the_permit_names_is_used(self):
        named = self.Request.create({"name": "Overhaul", "equipment_id": self.pump.id,
                                     "company_id": self.company.id})
        self.Request.create({"name": "Older fault", "equipment_id": self.agitator.id,
                             "company_id": self.company.id, "request_date": "2020-01-01"})
        permit = self._close(self._handed_back(
            equipment_ids=[Command.set((self.pump | self.agitator).ids)],
            maintenance_request_id=named.id))
        self.assertEqual(permit.maintenance_request_id, named)
        self.assertTrue(named.stage_id.done)

    def test_another_open_permit_on_the_request_keeps_it_in_progress(self):
        shared = self.Request.create({"name": "Shutdown job", "equipment_id": self.pump.id,
                                      "company_id": self.company.id})
        other = self.issued_permit(equipment_ids=[Command.set(self.pump.ids)],
                                   maintenance_request_id=shared.id)
        self.assertEqual(other.state, "issued")
        self._close(self._handed_back(equipment_ids=[Command.set(self.pump.ids)],
                                      maintenance_request_id=shared.id))
        self.assertFalse(shared.stage_id.done)
        self.assertEqual(shared.stage_id, self.progress_stage)

    def test_withdrawn_permit_leaves_the_request_open_with_a_note(self):
        request = self.Request.create({"name": "Valve", "equipment_id": self.pump.id,
                                       "company_id": self.company.id})
        permit, token = self.ready_to_start(equipment_ids=[Command.set(self.pump.ids)],
                                            maintenance_request_id=request.id)
        self.start(permit, token)
        stage = request.stage_id
        permit.with_user(self.watcher_user)._withdraw("Gas alarm upstream")
        self.assertEqual(permit.state, "withdrawn")
        self.assertEqual(request.stage_id, stage)
        self.assertFalse(request.stage_id.done)
        self.assertTrue(any(permit.name in note for note in self._notes(request)))

    def test_cancelled_permit_never_marks_the_request_done(self):
        request = self.Request.create({"name": "Valve", "equipment_id": self.pump.id,
                                       "company_id": self.company.id})
        permit = self.issued_permit(equipment_ids=[Command.set(self.pump.ids)],
                                    maintenance_request_id=request.id)
        permit.with_user(self.officer).action_cancel()
        self.assertEqual(permit.state, "cancelled")
        self.assertFalse(request.stage_id.done)

    def test_permit_without_equipment_writes_no_history(self):
        before = self.Request.search_count([])
        permit = self._close(self._handed_back())
        self.assertFalse(permit.maintenance_request_id)
        self.assertEqual(self.Request.search_count([]), before)

    def test_requests_of_another_company_are_never_linked(self):
        shared_pump = self.Equipment.create({"name": "Shared pump", "company_id": False})
        self.Request.create({"name": "Plant A fault", "equipment_id": shared_pump.id,
                             "company_id": self.company.id})
        area = self.env["worksafe.area"].create({"name": "Other unit",
                                                 "company_id": self.other_company.id})
        permit = self.env["worksafe.permit"].create({
            "company_id": self.other_company.id, "work_type_id": self.work_type.id,
            "template_id": self.template.id, "area_id": area.id,
            "performing_authority_id": self.performer.id, "description": "Pump repair",
            "planned_start": self.now(), "planned_end": self.now().replace(year=2999),
            "equipment_ids": [Command.set(shared_pump.ids)],
        })
        request = permit._maintenance_record("close")
        self.assertEqual(request.company_id, self.other_company)
        self.assertEqual(permit.maintenance_request_id, request)
        self.assertTrue(request.stage_id.done)

    def test_equipment_shows_its_permits_and_their_requests(self):
        permit = self._close(self._handed_back(equipment_ids=[Command.set(self.pump.ids)]))
        self.Request.create({"name": "Unrelated", "equipment_id": self.pump.id,
                             "company_id": self.company.id})
        self.assertIn(permit, self.pump.worksafe_permit_ids)
        self.assertEqual(self.pump.worksafe_request_ids, permit.maintenance_request_id)
        self.assertEqual(self.pump.worksafe_request_count, 1)
        self.assertEqual(permit.maintenance_request_id.worksafe_permit_count, 1)


class TestEquipmentRectifications(RectificationCase):
    """The equipment shows the rectifications of its permits, and warns while one is open."""

    def test_rectification_in_the_close_note_and_the_warning_until_verified(self):
        pump = self.env["maintenance.equipment"].create({"name": "Pump P-9",
                                                         "company_id": self.company.id})
        pump.message_subscribe(partner_ids=self.applicant.partner_id.ids)
        permit, token = self.ready_to_start(equipment_ids=[Command.set(pump.ids)])
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).action_done()
        rect = self.Rect.with_user(self.officer)._open_from(
            permit, "Refit the coupling guard", owner=self.owner, source_type="acceptance")
        self.assertEqual(rect.equipment_id, pump)
        self.assertEqual(pump.worksafe_rectification_open_count, 1)
        arch = pump.get_views([(False, "list"), (False, "form")])["views"]
        self.assertIn("worksafe_rectification_open_count", arch["list"]["arch"])
        self.assertIn("o_worksafe_rectification_warning", arch["form"]["arch"])
        self.do(rect)
        rect.with_user(self.verifier).action_verify()
        permit.with_user(self.officer).action_close()
        pump.invalidate_recordset()
        self.assertEqual(pump.worksafe_rectification_open_count, 0)
        request = permit.maintenance_request_id
        self.assertTrue(request.stage_id.done)
        self.assertIn(rect.name, request.message_ids[:1].body)

    def test_demo_closed_permit_with_equipment_has_its_request_done(self):
        permit = self.env.ref("worksafe_permit.demo_permit_la2_hot_work",
                              raise_if_not_found=False)
        if not permit or permit.state != "closed":
            self.skipTest("needs the demo data")
        request = permit.maintenance_request_id
        self.assertEqual(request.equipment_id, permit.equipment_ids)
        self.assertTrue(request.stage_id.done)
        self.assertIn(permit, request.worksafe_permit_ids)
