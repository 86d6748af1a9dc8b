from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import TrainingCase
from odoo.addons.worksafe_permit.rules.blockers import codes


class TestQualificationChecks(TrainingCase):

    def assert_refused(self, permit, *fragments):
        """Gaps of a draft: listed on the permit, warned about in the form, and the draft
        cannot be submitted."""
        permit.invalidate_recordset(["qualification_problems"])
        for fragment in fragments:
            self.assertIn(fragment, permit.qualification_problems or "")
        warning = permit._onchange_qualification_people()["warning"]
        for fragment in fragments:
            self.assertIn(fragment, warning["message"])
        with self.assertRaises(ValidationError) as caught:
            self.submit(permit)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertEqual(permit.state, "draft")
        return str(caught.exception)

    def test_work_type_without_requirements_needs_nothing(self):
        self.env["worksafe.qualification.requirement"].search(
            [("work_type_id", "=", self.work_type.id)]).unlink()
        permit, token = self.ready_to_start()
        self.start(permit, token)
        self.assertEqual(permit.state, "active")

    def test_qualified_crew_issues_and_starts(self):
        self.qualify_crew()
        permit, token = self.ready_to_start()
        self.assertFalse(permit.qualification_problems)
        self.start(permit, token)
        self.assertEqual(permit.state, "active")

    def test_expired_certificate_refused_when_added(self):
        self.qualify_crew()
        self.env["hr.employee.skill"].search([("employee_id", "=", self.worker.id)]).unlink()
        cert = self.certify(self.worker, days_from=-800, days_to=-2)
        self.assert_refused(self.make_permit(),
                            f"Wang Worker (Worker): Test welding expired on {cert.valid_to}.")

    def test_certificate_expiring_inside_the_window(self):
        self.qualify_crew()
        self.env["hr.employee.skill"].search([("employee_id", "=", self.worker.id)]).unlink()
        cert = self.certify(self.worker, days_to=1)
        self.variant.max_validity_hours = 0
        self.assert_refused(
            self.make_permit(planned_end=self.now() + timedelta(days=3)),
            f"Wang Worker (Worker): Test welding expires on {cert.valid_to}, before the end "
            "of the work")

    def test_missing_authorisation(self):
        self.qualify_crew()
        self.worker.worksafe_authorisation_ids.sudo().write({"state": "revoked"})
        self.assert_refused(self.make_permit(),
                            "Wang Worker (Worker): no authorisation for Test work as Worker")

    def test_adding_an_unqualified_person_to_a_draft(self):
        self.qualify_crew()
        permit = self.make_permit()
        self.assertFalse(permit.qualification_problems)
        self.assertIsNone(permit._onchange_qualification_people())
        stranger = self.env["hr.employee"].create({"name": "Ma Stranger"})
        permit.write({"worker_ids": [Command.link(stranger.id)]})
        permit.invalidate_recordset(["qualification_problems"])
        self.assert_refused(permit, "Ma Stranger (Worker): no valid Test welding certificate")
        # once qualified, the same draft goes on
        self.certify(stranger)
        self.authorise(stranger)
        self.submit(permit)
        self.assertEqual(permit.state, "submitted")

    def test_form_onchange_sees_the_crew_credentials(self):
        """In the form the crew are new records standing for the employees: a qualified crew
        gets no warning (found by the desktop tour), an unqualified person still does."""
        self.qualify_crew()
        form = self.env["worksafe.permit"].with_user(self.applicant).new({
            "work_type_id": self.work_type.id, "template_id": self.template.id,
            "area_id": self.area.id, "performing_authority_id": self.performer.id,
            "watcher_ids": [Command.set(self.watcher.ids)],
            "worker_ids": [Command.set(self.worker.ids)],
            "planned_start": self.now(), "planned_end": self.now() + timedelta(hours=4),
        })
        self.assertIsNone(form._onchange_qualification_people())
        stranger = self.env["hr.employee"].create({"name": "Ma Stranger"})
        form.worker_ids |= stranger
        self.assertIn(stranger.name, form._onchange_qualification_people()["warning"]["message"])

    def test_a_watcher_also_named_as_worker_needs_both(self):
        self.qualify_crew()
        permit = self.make_permit(worker_ids=[Command.set((self.worker | self.watcher).ids)])
        self.assert_refused(permit, "Zhao Watcher (Worker)")

    def test_checked_again_at_issue(self):
        self.qualify_crew()
        permit = self.make_permit()
        self.submit(permit)
        self.approve_all(permit)
        auth = self.worker.worksafe_authorisation_ids
        self.env["worksafe.sanction"].with_user(self.officer).create({
            "employee_id": self.worker.id, "authorisation_id": auth.id, "kind": "suspension",
            "reason": "Smoking near the hot work", "date_to": self.now() + timedelta(days=2)})
        with self.assertRaises(ValidationError) as caught:
            self.issue(permit)
        self.assertIn("authorisation for Test work is suspended until", str(caught.exception))

    def test_checked_again_at_start_and_resume(self):
        self.qualify_crew()
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.with_user(self.watcher_user)._suspend("Break")
        auth = self.worker.worksafe_authorisation_ids
        sanction = self.env["worksafe.sanction"].with_user(self.officer).create({
            "employee_id": self.worker.id, "authorisation_id": auth.id, "kind": "suspension",
            "reason": "Entered the area without a helmet"})
        self.gas_test(permit)
        self.assertIn("qualification.suspended",
                      codes(permit._get_blockers("resume", self.now())))
        with self.assertBlocked("qualification.suspended"):
            self.start(permit)
        sanction.with_user(self.officer).action_lift()
        # the suspension sent the watcher's check-in away: the watcher checks in anew
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.start(permit)
        self.assertEqual(permit.state, "active")

    def test_expiry_during_work_blocks_resume(self):
        self.qualify_crew()
        permit, _token = self.ready_to_start()
        auth = self.worker.worksafe_authorisation_ids
        auth.with_user(self.officer).action_shorten(self.now() + timedelta(hours=2))
        self.assertIn("qualification.expires",
                      codes(permit._get_blockers("start", self.now())))

    def test_handover_to_an_unqualified_lead_is_refused(self):
        self.qualify_crew()
        permit, token = self.ready_to_start()
        self.start(permit, token)
        incoming_user = self.env["res.users"].create({
            "name": "Ws Lead", "login": "ws_lead",
            "group_ids": [Command.set([self.env.ref(
                "worksafe_permit.group_worksafe_worker").id])]})
        incoming = self.env["hr.employee"].create({"name": "He Lead",
                                                   "user_id": incoming_user.id})
        handover = self.env["worksafe.permit.handover"].create({
            "permit_id": permit.id, "outgoing_id": self.performer.id,
            "incoming_id": incoming.id, "notes": "Half done"})
        handover.with_user(self.applicant).action_sign()
        with self.assertRaises(ValidationError) as caught:
            handover.with_user(incoming_user).action_sign()
        self.assertIn("He Lead", str(caught.exception))

    def test_revoked_authorisation(self):
        self.qualify_crew()
        auth = self.worker.worksafe_authorisation_ids
        self.env["worksafe.sanction"].with_user(self.officer).create({
            "employee_id": self.worker.id, "authorisation_id": auth.id, "kind": "revocation",
            "reason": "Forged a gas test"})
        self.assertEqual(auth.state, "revoked")
        self.assert_refused(self.make_permit(), "Wang Worker (Worker): no authorisation")
        sanction = auth.sanction_ids
        with self.assertRaises(ValidationError):
            sanction.with_user(self.officer).action_lift()
        events = self.env["worksafe.audit.event"].search(
            [("event_type", "=", "sanction.create"), ("res_id", "=", sanction.id)])
        self.assertEqual(len(events), 1)

    # ------------------------------------------------------------------ temporary
    def _temporary(self, employee, areas, hours=24, **values):
        training = self.make_training("briefing")
        attempt = training.with_user(self.officer).action_enrol(employee)
        attempt.with_user(self.officer).action_training_done()
        attempt.with_user(self.officer).action_record_exam(90)
        now = self.now()
        vals = {"kind": "temporary", "area_ids": [Command.set(areas.ids)],
                "date_from": now - timedelta(hours=2), "date_to": now + timedelta(hours=hours),
                "attempt_id": attempt.id, "briefed_by_id": self.briefer.id,
                "briefing_date": now - timedelta(hours=3)}
        vals.update(values)
        return self.authorise(employee, **vals)

    def _contractor_worker(self):
        self.qualify_crew()
        contractor = self.env["res.partner"].create({"name": "Acme Contracting",
                                                     "is_company": True})
        person = self.env["hr.employee"].create({"name": "Liu Contractor",
                                                 "worksafe_contractor_id": contractor.id})
        self.certify(person)
        return person

    def test_temporary_authorisation_in_its_area_and_time(self):
        person = self._contractor_worker()
        self._temporary(person, self.area)
        permit = self.make_permit(worker_ids=[Command.set((self.worker | person).ids)])
        self.assertFalse(permit.qualification_problems)

    def test_temporary_authorisation_outside_its_area(self):
        person = self._contractor_worker()
        other_area = self.env["worksafe.area"].create({"name": "Tank farm"})
        self._temporary(person, other_area)
        self.assert_refused(
            self.make_permit(worker_ids=[Command.set((self.worker | person).ids)]),
            "Liu Contractor (Worker): the temporary authorisation for Test work does not "
            "cover Test unit")

    def test_temporary_authorisation_outside_its_time(self):
        person = self._contractor_worker()
        auth = self._temporary(person, self.area, hours=2)
        until = self.env["worksafe.permit"].with_user(self.applicant)._format_dt(auth.date_to)
        self.assert_refused(
            self.make_permit(worker_ids=[Command.set((self.worker | person).ids)]),
            f"Liu Contractor (Worker): authorisation for Test work expires on {until}")

    def test_temporary_authorisation_needs_briefing_exam_and_officer(self):
        person = self._contractor_worker()
        with self.assertRaises(ValidationError):
            self._temporary(person, self.area, attempt_id=False)
        with self.assertRaises(ValidationError):
            self._temporary(person, self.area, briefed_by_id=False)
        with self.assertRaises(ValidationError):
            self._temporary(person, self.env["worksafe.area"])
        with self.assertRaises(ValidationError):  # longer than the 7-day company setting
            self._temporary(person, self.area, hours=24 * 10)
        with self.assertRaises(AccessError):
            self.env["worksafe.authorisation"].with_user(self.worker_user).create({
                "employee_id": person.id, "work_type_ids": [Command.set(self.work_type.ids)],
                "date_to": self.now() + timedelta(days=1)})

    # ------------------------------------------------------------------ exceptions
    def test_recorded_exception_path(self):
        self.qualify_crew()
        permit = self.make_permit()
        trainee = self.env["hr.employee"].create({"name": "Xu Trainee"})
        permit.write({"worker_ids": [Command.link(trainee.id)]})
        self.assert_refused(permit, "Xu Trainee (Worker)")
        exception = self.env["worksafe.qualification.exception"].with_user(
            self.applicant).create({
                "permit_id": permit.id, "employee_id": trainee.id,
                "reason": "Apprentice, works only next to Wang Worker",
                "compensating_measures": "Wang Worker supervises every task"})
        # a request alone changes nothing
        permit.invalidate_recordset(["qualification_problems"])
        self.assert_refused(permit, "Xu Trainee (Worker)")
        with self.assertRaises(AccessError):
            exception.with_user(self.approver_1).action_approve()
        exception.with_user(self.officer).action_approve()
        self.assertEqual(exception.state, "approved")
        permit.invalidate_recordset(["qualification_problems"])
        self.assertFalse(permit.qualification_problems)
        # the exception carries the permit through submission, issue and start
        permit.action_generate_risk_assessment()
        self.assertIn("Xu Trainee works under a qualification exception",
                      "\n".join(permit.risk_ids.mapped("name")))
        self.submit(permit)
        self.approve_all(permit)
        self.issue(permit)
        with self.assertRaises(UserError):
            exception.with_user(self.officer).write({"reason": "changed"})
        events = self.env["worksafe.audit.event"].search(
            [("res_model", "=", exception._name), ("res_id", "=", exception.id)])
        self.assertEqual(sorted(events.mapped("event_type")),
                         ["qualification.exception_approved",
                          "qualification.exception_requested"])
        self.assertEqual(events.permit_id, permit)
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())

    def test_exception_for_one_requirement_only(self):
        self.qualify_crew()
        permit = self.make_permit()
        trainee = self.env["hr.employee"].create({"name": "Xu Trainee"})
        self.authorise(trainee)
        exception = self.env["worksafe.qualification.exception"].with_user(
            self.applicant).create({"permit_id": permit.id, "employee_id": trainee.id,
                                    "requirement_id": self.req_weld.id,
                                    "reason": "Certificate renewal in the post"})
        exception.with_user(self.officer).action_approve()
        permit.write({"worker_ids": [Command.link(trainee.id)]})
        permit.invalidate_recordset(["qualification_problems"])
        self.assertFalse(permit.qualification_problems)
        other = self.env["hr.employee"].create({"name": "Yu Other"})
        self.env["worksafe.qualification.exception"].with_user(self.applicant).create({
            "permit_id": permit.id, "employee_id": other.id,
            "requirement_id": self.req_weld.id,
            "reason": "x"}).with_user(self.officer).action_approve()
        permit.write({"worker_ids": [Command.link(other.id)]})
        message = self.assert_refused(permit, "Yu Other (Worker): no authorisation")
        self.assertNotIn("Yu Other (Worker): no valid Test welding", message)

    def test_officer_cannot_approve_own_exception(self):
        self.qualify_crew()
        permit = self.make_permit()
        exception = self.env["worksafe.qualification.exception"].with_user(self.officer).create(
            {"permit_id": permit.id, "employee_id": self.worker.id, "reason": "x"})
        with self.assertRaises(AccessError):
            exception.with_user(self.officer).action_approve()

    # ------------------------------------------------------------------ approver, analyst
    def test_approver_needs_the_approver_authorisation(self):
        self.qualify_crew()
        self.env["worksafe.qualification.requirement"].create({
            "work_type_id": self.work_type.id, "role": "approver", "kind": "authorisation"})
        permit = self.make_permit()
        self.submit(permit)
        with self.assertRefused("qualification.no_employee"):
            permit.with_user(self.approver_1)._approve_step(comment="ok")
        approver = self.env["hr.employee"].create({"name": "Deng Approver",
                                                   "user_id": self.approver_1.id})
        with self.assertRefused("qualification.missing"):
            permit.with_user(self.approver_1)._approve_step(comment="ok")
        self.authorise(approver, role="approver")
        permit.with_user(self.approver_1)._approve_step(comment="ok")

    def test_gas_analyst_needs_the_certificate(self):
        self.qualify_crew()
        self.env["worksafe.qualification.requirement"].create({
            "work_type_id": self.work_type.id, "role": "analyst", "kind": "certificate",
            "skill_id": self.skill_gas.id})
        permit = self.issued_permit()
        with self.assertRaises(ValidationError) as caught:
            self.gas_test(permit)
        self.assertIn("Zhao Watcher (Gas analyst): no valid Test gas analysis certificate",
                      str(caught.exception))
        self.certify(self.watcher, skill=self.skill_gas)
        self.gas_test(permit)

    def test_variant_requirement_is_added(self):
        self.qualify_crew()
        self.env["worksafe.qualification.requirement"].create({
            "work_type_id": self.work_type.id, "variant_id": self.variant.id,
            "role": "watcher", "kind": "certificate", "skill_id": self.skill_gas.id})
        self.assert_refused(self.make_permit(),
                            "Zhao Watcher (Watcher): no valid Test gas analysis certificate")

    # ------------------------------------------------------------------ few queries
    def test_check_is_a_few_queries_for_twenty_people(self):
        self.qualify_crew()
        people = self.env["hr.employee"].create([{"name": f"P{i}"} for i in range(20)])
        for person in people:
            self.certify(person)
            self.authorise(person)
        permit = self.make_permit(worker_ids=[Command.set(people.ids)])
        roles = permit._qualification_people()
        few = dict(list(roles.items())[:2])
        cr = self.env.cr

        def count(people_roles):
            self.env.invalidate_all()
            before = cr.sql_log_count
            self.assertEqual(permit._check_qualifications(people_roles), [])
            return cr.sql_log_count - before

        count(roles)  # warm the access-rule caches
        many_queries, few_queries = count(roles), count(few)
        # independent of the head count: one query per kind of record, not per person
        self.assertEqual(many_queries, few_queries)
        self.assertLessEqual(many_queries, 12)
