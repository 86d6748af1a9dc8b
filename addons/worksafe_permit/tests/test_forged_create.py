"""Nothing a client sends when creating (values, `default_*` context keys, personal
defaults, copies) forges what only WorkSafe's actions set."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import _PNG, WorksafeCase
from .forged_create import ForgedCreateMixin


class TestForgedCreate(ForgedCreateMixin, WorksafeCase):
    MODULE = "worksafe_permit"

    def permit_vals(self):
        now = self.now()
        return {
            "work_type_id": self.work_type.id, "template_id": self.template.id,
            "area_id": self.area.id, "performing_authority_id": self.performer.id,
            "watcher_ids": [Command.set(self.watcher.ids)],
            "worker_ids": [Command.set(self.worker.ids)],
            "planned_start": now - timedelta(hours=1), "planned_end": now + timedelta(hours=6),
            "description": "Replace a valve",
        }

    def makers(self):
        draft = self.make_permit()
        issued = self.issued_permit()
        active, token = self.ready_to_start()
        self.start(active, token)
        return {
            "worksafe.permit": (self.applicant, self.permit_vals),
            "worksafe.permit.measure": (self.applicant, lambda: {
                "permit_id": draft.id, "name": "Hot work screen"}),
            "worksafe.permit.risk": (self.applicant, lambda: {
                "permit_id": draft.id, "name": "Sparks"}),
            "worksafe.permit.gas.limit": (self.applicant, lambda: {
                "permit_id": draft.id, "gas_id": self.gas_o2.id}),
            "worksafe.permit.briefing": (self.officer, lambda: {
                "permit_id": issued.id, "briefer_id": self.briefer.id, "content": "Hazards"}),
            "worksafe.permit.handover": (self.applicant, lambda: {
                "permit_id": active.id, "outgoing_id": self.performer.id,
                "incoming_id": self.worker.id, "notes": "All yours"}),
            "worksafe.gas.test": (self.watcher_user, lambda: {
                "permit_id": issued.id, "analyst_id": self.watcher.id,
                "sample_time": self.now() - timedelta(minutes=5),
                "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": 20.9,
                                             "unit": "%vol"})]}),
            "worksafe.gas.test.line": (self.watcher_user, lambda: {
                "gas_id": self.gas_o2.id, "value": 20.9, "unit": "%vol"}),
        }

    def test_no_system_field_is_forged_on_create(self):
        tried = self._check_forged_creates()
        self.assertGreater(tried, 20)

    def test_personal_default_does_not_forge_the_state(self):
        self.env["ir.default"].with_user(self.applicant).set(
            "worksafe.permit", "state", "active", user_id=self.applicant.id)
        permit = self.make_permit()
        self.assertEqual(permit.state, "draft")

    def test_copy_carries_no_system_field(self):
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            permit.with_user(self.officer).copy({"issuer_id": self.officer.id})
        copy = permit.with_user(self.officer).copy()
        self.assertEqual((copy.state, copy.issuer_id, copy.submitted_by_id, copy.token_version),
                         ("draft", self.env["res.users"], self.env["res.users"], 0))
        self.assertNotEqual(copy.name, permit.name)

    def test_gas_test_is_recorded_in_ones_own_name(self):
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
                "permit_id": permit.id, "analyst_id": self.watcher.id,
                "recorded_by_id": self.officer.id, "line_ids": []})
        test = self.env["worksafe.gas.test"].with_user(self.watcher_user).with_context(
            default_recorded_by_id=self.officer.id, default_source="sensor").create({
                "permit_id": permit.id, "analyst_id": self.watcher.id,
                "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": 20.9,
                                             "unit": "%vol"})]})
        self.assertEqual((test.recorded_by_id, test.source), (self.watcher_user, "manual"))
        # readings are new ones: another test's lines cannot be moved in
        with self.assertRaises(AccessError):
            self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
                "permit_id": permit.id, "analyst_id": self.watcher.id,
                "line_ids": [Command.link(test.line_ids.id)]})

    def test_impossible_readings_are_refused(self):
        permit = self.issued_permit()
        for value, unit in ((-1.0, "%vol"), (120.0, "%vol"), (-3.0, "mg/m3"), (101, "%LEL")):
            with self.subTest(value=value, unit=unit), self.assertRaises(ValidationError):
                self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
                    "permit_id": permit.id, "analyst_id": self.watcher.id,
                    "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": value,
                                                 "unit": unit})]})
        with self.assertRaises(ValidationError):  # wrong type: a clear error, not a 500
            self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
                "permit_id": permit.id, "analyst_id": self.watcher.id,
                "line_ids": [Command.create({"gas_id": self.gas_o2.id, "value": "lots",
                                             "unit": "%vol"})]})

    def test_handover_only_by_the_current_lead(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        Handover = self.env["worksafe.permit.handover"].with_user(self.worker_user)
        with self.assertRaises(ValidationError):  # the watcher is not the lead
            Handover.create({"permit_id": permit.id, "outgoing_id": self.watcher.id,
                             "incoming_id": self.worker.id, "notes": "Take over"})
        handover = Handover.create({"permit_id": permit.id, "outgoing_id": self.performer.id,
                                    "incoming_id": self.worker.id, "notes": "All yours"})
        with self.assertRaises(AccessError):  # nor can it be made so afterwards
            handover.write({"outgoing_id": self.watcher.id})

    def test_evidence_is_uploaded_to_the_step(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        other = self.env["ir.attachment"].with_user(self.applicant).create({
            "name": "old.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": "worksafe.permit", "res_id": permit.id})
        with self.assertRaises(AccessError):
            step.with_user(self.applicant).write({"attachment_ids": [Command.link(other.id)]})
        foreign = self.env["ir.attachment"].create({
            "name": "foreign.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": step._name, "res_id": step.id, "company_id": self.other_company.id})
        with self.assertRaises(AccessError):
            step.with_user(self.applicant).write({"attachment_ids": [Command.link(foreign.id)]})
        own = self.env["ir.attachment"].with_user(self.applicant).create({
            "name": "locks.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": step._name, "res_id": step.id})
        step.with_user(self.applicant).write({"attachment_ids": [Command.link(own.id)]})
        self.assertEqual(step.attachment_ids, own)

    def test_another_persons_draft_is_not_made_ones_own(self):
        permit = self.make_permit()
        with self.assertRaises(AccessError):
            permit.with_user(self.worker_user).write({"applicant_id": self.worker_user.id})
        with self.assertRaises(AccessError):
            permit.with_user(self.worker_user).write({"description": "Mine now"})
        with self.assertRaises(AccessError):  # nor created in someone else's name
            self.env["worksafe.permit"].with_user(self.worker_user).create(
                dict(self.permit_vals(), applicant_id=self.applicant.id))
        with self.assertRaises(AccessError):
            self.env["worksafe.permit"].with_user(self.worker_user).with_context(
                default_applicant_id=self.applicant.id).create(self.permit_vals())
        self.assertEqual(permit.applicant_id, self.applicant)
        # a safety officer may file and reassign a draft
        permit.with_user(self.officer).write({"applicant_id": self.worker_user.id})
        self.assertEqual(permit.applicant_id, self.worker_user)

    def test_impossible_parameters_are_refused(self):
        permit = self.make_permit()
        now = self.now()
        for vals in ({"height_m": -2.0}, {"lifting_mass_t": -0.5}, {"depth_m": -1},
                     {"planned_end": now - timedelta(hours=3)},
                     {"planned_start": "0001-01-01 00:00:00"},
                     {"planned_end": "9999-12-31 23:00:00"},
                     {"height_m": "high"}, {"area_id": "the tank"},
                     {"planned_start": "yesterday"}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                permit.write(vals)
        with self.assertRaises(ValidationError):
            self.env["worksafe.permit"].with_user(self.applicant).create(
                dict(self.permit_vals(), height_m=-4))
        self.assertEqual(permit.height_m, 0)

    def test_frozen_and_action_only_errors(self):
        """One error policy: AccessError for 'only through its action', UserError for
        'frozen'."""
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            permit.with_user(self.applicant).write({"state": "active"})
        with self.assertRaises(UserError) as caught:
            permit.with_user(self.applicant).write({"height_m": 3})
        self.assertNotIsInstance(caught.exception, AccessError)
        approval = permit.approval_ids[:1]
        with self.assertRaises(AccessError):
            approval.with_user(self.officer).write({"state": "rejected"})
