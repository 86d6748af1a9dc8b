from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..rules import blockers as b
from .common import WorksafeCase


class TestPermitLifecycle(WorksafeCase):
    def test_full_lifecycle(self):
        permit, token = self.ready_to_start()
        self.assertEqual(permit.state, "issued")
        self.assertTrue(permit.name.startswith("PTW/"))
        self.start(permit, token)
        self.assertEqual(permit.state, "active")
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        self.assertEqual(permit.state, "handed_back")
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).action_done()
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")
        events = self.env["worksafe.audit.event"].search([("permit_id", "=", permit.id)])
        types = set(events.mapped("event_type"))
        for expected in ("permit.create", "permit.submit", "permit.approval", "permit.approve",
                         "permit.issue", "permit.start", "permit.hand_back", "permit.close",
                         "gas_test", "briefing.signed", "step.done", "step.evidence"):
            self.assertIn(expected, types)

    def test_submit_generates_chain_and_steps(self):
        permit = self.submit(self.make_permit())
        self.assertEqual(permit.state, "submitted")
        self.assertEqual(permit.approval_ids.mapped("name"),
                         ["Area authority", "Safety department"])
        self.assertEqual(len(permit.step_ids), 3)
        activity_users = permit.activity_ids.user_id
        self.assertIn(self.approver_1, activity_users, "the area authority is asked first")
        self.assertNotIn(self.applicant, activity_users)

    def test_submit_requires_answers_and_people(self):
        permit = self.make_permit()
        permit.measure_ids.write({"applies": False})
        with self.assertBlocked(b.MEASURES_UNANSWERED):
            self.submit(permit)
        permit = self.make_permit(watcher_ids=[Command.clear()])
        with self.assertBlocked(b.WATCHERS_TOO_FEW):
            self.submit(permit)

    def test_window_longer_than_variant_maximum_refused(self):
        start = self.now()
        permit = self.make_permit(planned_start=start, planned_end=start + timedelta(hours=8))
        self.submit(permit)  # exactly the maximum passes
        permit = self.make_permit(planned_start=start,
                                  planned_end=start + timedelta(hours=8, minutes=1))
        with self.assertBlocked(b.WINDOW_TOO_LONG):
            self.submit(permit)
        self.assertEqual(permit.state, "draft")

    def test_approvals_in_order_by_the_right_people(self):
        permit = self.submit(self.make_permit())
        with self.assertRefused(b.NOT_AREA_AUTHORITY):
            permit.with_user(self.approver_2)._approve_step()
        permit.with_user(self.approver_1)._approve_step(comment="Isolation points checked")
        self.assertEqual(permit.state, "submitted")
        with self.assertRefused(b.SAME_APPROVER):
            permit.with_user(self.approver_1)._approve_step(site_checked=True)
        with self.assertRaisesRegex(ValidationError, "site inspection"):
            permit.with_user(self.approver_2)._approve_step()
        permit.with_user(self.approver_2)._approve_step(site_checked=True)
        self.assertEqual(permit.state, "approved")
        self.assertEqual(permit.approval_ids.user_id, self.approver_1 | self.approver_2)
        self.assertEqual(permit.approval_ids[0].comment, "Isolation points checked")

    def test_self_approval_refused(self):
        self.applicant.group_ids = [Command.link(
            self.env.ref("worksafe_permit.group_worksafe_approver").id)]
        self.area.authority_id = self.applicant
        permit = self.submit(self.make_permit())
        with self.assertRefused(b.OWN_PERMIT):
            permit.with_user(self.applicant)._approve_step()

    def test_worker_cannot_approve(self):
        permit = self.submit(self.make_permit())
        self.area.authority_id = self.worker_user
        with self.assertRefused(b.ROLE_MISSING):
            permit.with_user(self.worker_user)._approve_step()

    def test_reject_returns_to_draft(self):
        permit = self.submit(self.make_permit())
        with self.assertRaisesRegex(ValidationError, "reason"):
            permit.with_user(self.approver_1)._reject("")
        permit.with_user(self.approver_1)._reject("Wrong isolation point")
        self.assertEqual(permit.state, "draft")
        self.assertEqual(permit.approval_ids[0].state, "rejected")
        permit.write({"description": "Replace a valve, isolation at V-12"})
        self.submit(permit)
        self.assertEqual(permit.approval_ids.mapped("state"), ["pending", "pending"])

    def test_issued_permit_cannot_be_edited(self):
        permit = self.issued_permit()
        for vals in ({"description": "Something else"},
                     {"planned_end": permit.planned_end + timedelta(hours=1)},
                     {"worker_ids": [Command.link(self.briefer.id)]}):
            with self.assertRaisesRegex(UserError, "new permit"):
                permit.with_user(self.officer).write(vals)
        action = permit.with_user(self.officer).action_new_permit_from()
        new = self.env["worksafe.permit"].browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertNotEqual(new.name, permit.name)

    def test_issue_needs_safety_officer_and_confirmed_measures(self):
        permit = self.approve_all(self.submit(self.make_permit()))
        with self.assertRaises(AccessError):
            permit.with_user(self.approver_1).action_issue()
        with self.assertBlocked(b.MEASURES_UNCONFIRMED):
            permit.with_user(self.officer).action_issue()
        self.issue(permit)
        self.assertEqual(permit.state, "issued")
        self.assertEqual(permit.issuer_id, self.officer)

    def test_suspend_and_resume_needs_fresh_checks(self):
        self.variant.gas_test_window_minutes = 120
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.gas_test(permit, minutes_ago=50)
        self.brief(permit)
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.start(permit, token)
        permit.with_user(self.watcher_user)._check_can_stop_work()
        permit.with_user(self.watcher_user)._suspend("Gas alarm")
        self.assertEqual(permit.state, "suspended")
        self.assertTrue(permit.break_started)
        # A break of 29 minutes needs no re-test; one longer than 30 minutes does.
        permit.sudo().write(
            {"break_started": self.now() - timedelta(minutes=29)})
        self.assertFalse(permit._gas_blockers(self.now()))
        permit.sudo().write(
            {"break_started": self.now() - timedelta(minutes=45)})
        with self.assertBlocked(b.GAS_RETEST_AFTER_BREAK):
            self.start(permit, token)
        self.gas_test(permit, minutes_ago=0)
        with self.assertBlocked(b.WATCHER_NOT_ON_SITE):
            self.start(permit, token)  # a suspension sends the watcher's check-in away too
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.start(permit, token)
        self.assertEqual(permit.state, "active")

    def test_watcher_leaving_stops_work(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.with_user(self.watcher_user).action_watcher_leave()
        self.assertEqual(permit.state, "suspended")
        self.assertIn("watcher left", permit.suspension_reason)

    def test_withdraw_by_watcher_only(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        with self.assertRaises(AccessError):
            permit.with_user(self.worker_user)._withdraw("Unsafe")
        permit.with_user(self.watcher_user)._withdraw("Worker without harness")
        self.assertEqual(permit.state, "withdrawn")
        with self.assertRaises(UserError):
            self.start(permit, token)

    def test_cancel(self):
        permit = self.submit(self.make_permit())
        with self.assertRaises(AccessError):
            permit.with_user(self.worker_user).action_cancel()
        permit.action_cancel()
        self.assertEqual(permit.state, "cancelled")
        self.assertFalse(permit.activity_ids)

    def test_expiry_cron(self):
        permit = self.issued_permit()
        permit.sudo().write(
            {"planned_end": self.now() - timedelta(minutes=1)})
        self.env["worksafe.permit"]._cron_expire()
        self.assertEqual(permit.state, "expired")

    def test_shift_handover_signed_by_both(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        handover = self.env["worksafe.permit.handover"].with_user(self.applicant).create({
            "permit_id": permit.id, "outgoing_id": self.performer.id,
            "incoming_id": self.worker.id, "notes": "Two flanges left",
        })
        with self.assertRaises(AccessError):
            handover.with_user(self.watcher_user).action_sign()
        handover.with_user(self.applicant).action_sign()
        self.assertEqual(handover.state, "open")
        handover.with_user(self.worker_user).action_sign()
        self.assertEqual(handover.state, "done")
        self.assertEqual(permit.performing_authority_id, self.worker)

    def test_steps_in_order_with_evidence(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        with self.assertRaisesRegex(ValidationError, "photo"):
            step.with_user(self.applicant).action_done()
        execution = permit.step_ids.filtered(lambda s: s.phase == "execution")
        with self.assertRaises(UserError):
            execution.with_user(self.applicant).action_done()
        with self.assertRaises(AccessError):
            step.with_user(self.watcher_user).action_done()
        self.do_preparation_steps(permit)
        self.assertEqual(step.state, "done")
        self.assertEqual(step.done_by_id, self.applicant)
        with self.assertRaises(UserError):
            step.write({"attachment_ids": [Command.clear()]})

    def test_draft_only_deletion(self):
        permit = self.make_permit()
        permit.unlink()
        permit = self.submit(self.make_permit())
        with self.assertRaises(UserError):
            permit.unlink()

    def test_template_edits_reach_new_permits_only(self):
        """A safety manager adds a step with its own evidence in the form, no code."""
        self.template.step_ids = [Command.create({
            "sequence": 2, "name": "Pressure monitoring", "phase": "preparation",
            "role": "watcher", "photo_count": 2, "photo_subject": "the gauges",
            "condition": "Line pressure above 0.1 MPa",
            "check_ids": [Command.create({"name": "Gauge calibrated"})],
        })]
        old = self.submit(self.make_permit())
        self.assertIn("Pressure monitoring", old.step_ids.mapped("name"))
        self.template.step_ids.filtered(lambda s: s.name == "Pressure monitoring").unlink()
        self.assertIn("Pressure monitoring", old.step_ids.mapped("name"),
                      "a submitted permit keeps the steps it was submitted with")
        new = self.submit(self.make_permit())
        self.assertNotIn("Pressure monitoring", new.step_ids.mapped("name"))

    def test_steps_restricted_to_a_variant(self):
        high = self.variant.copy({"code": "high", "name": "High", "rank": 2,
                                  "has_lower": True, "param_lower": 100})
        self.template.step_ids = [Command.create({
            "sequence": 5, "name": "Site check by the area authority", "phase": "preparation",
            "role": "approver", "variant_ids": [Command.set(high.ids)]})]
        permit = self.submit(self.make_permit())
        self.assertEqual(permit.variant_id, self.variant)
        self.assertNotIn("Site check by the area authority", permit.step_ids.mapped("name"))

    def test_risk_assessment_from_type_site_equipment_and_people(self):
        equipment = self.env["maintenance.equipment"].create({
            "name": "Feed pump P-201", "worksafe_energy_sources": "380 V, 1.6 MPa"})
        contractor = self.env["res.partner"].create({"name": "Hengtai", "is_company": True})
        permit = self.make_permit(equipment_ids=[Command.set(equipment.ids)],
                                  contractor_id=contractor.id)
        permit.action_generate_risk_assessment()
        by_source = {r.source: r for r in permit.risk_ids}
        self.assertEqual(set(by_source), {"work_type", "site", "equipment", "people"})
        self.assertIn("Feed pump P-201", by_source["equipment"].name)
        self.assertIn("Test unit", by_source["site"].name)
        self.assertEqual(by_source["work_type"].score, 12)
        self.assertEqual(by_source["work_type"].rating, "high")
        manual = self.env["worksafe.permit.risk"].with_user(self.applicant).create({
            "permit_id": permit.id, "name": "Slippery floor", "likelihood": "2",
            "severity": "2"})
        permit.action_generate_risk_assessment()
        self.assertIn(manual, permit.risk_ids, "regeneration keeps hand-added hazards")
        self.submit(permit)
        with self.assertRaises(UserError):
            manual.write({"severity": "1"})
