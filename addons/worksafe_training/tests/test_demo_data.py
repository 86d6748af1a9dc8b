"""The demo data connects the modules: the demo crews, the gas analyst and the approvers hold
what worksafe_training requires of their roles, and the deliberately expired credentials are
refused."""

import base64
from datetime import datetime, time, timedelta

import pytz

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from ..rules import qualification as q

P = "worksafe_permit."
# Live demo permits whose people are deliberately not all qualified.
SHOWS_A_REFUSAL = {"demo_permit_substation_trench"}


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(P + "demo_permit_t101_hot_work", raise_if_not_found=False):
            cls.skipTest(cls, "needs the demo data")

    def demo(self, xmlid):
        return self.env.ref(P + xmlid)

    def _next_weekday_morning(self):
        """09:00 site time on a Tuesday two weeks or more ahead: second or first level by the
        area only (no night or rest day), after every demo permit's window (no SIMOPS)."""
        tz = pytz.timezone("Asia/Shanghai")
        day = datetime.now(tz).date() + timedelta(days=14)
        while day.weekday() != 1:
            day += timedelta(days=1)
        start = tz.localize(datetime.combine(day, time(9))).astimezone(pytz.utc)
        return start.replace(tzinfo=None)

    def _new_hot_work(self, workers=None):
        applicant = self.demo("demo_user_planner")
        start = self._next_weekday_morning()
        permit = self.env["worksafe.permit"].with_user(applicant).create({
            "work_type_id": self.demo("work_type_hot_work").id,
            "area_id": self.demo("demo_area_loading_bay").id,
            "applicant_id": applicant.id,
            "performing_authority_id": self.demo("demo_employee_worker4").id,
            "worker_ids": [(6, 0, (workers or self.demo("demo_employee_worker1")).ids)],
            "watcher_ids": [(6, 0, [self.demo("demo_employee_watcher2").id,
                                    self.demo("demo_employee_watcher1").id])],
            "planned_start": start,
            "planned_end": start + timedelta(hours=6),
            "description": "Weld a support bracket on the LA-2 vapour-return line.",
        })
        for measure in permit.measure_ids:
            measure.with_user(applicant).applies = "yes"
        if permit.variant_id.written_plan_required:
            permit.with_user(applicant).write({
                "written_plan": base64.b64encode(b"%PDF-1.4 demo plan"),
                "written_plan_name": "plan.pdf"})
        return permit

    def _intended_approver(self, permit, approval):
        """The demo user who would approve this step."""
        if approval.area_authority:
            return permit.area_id.authority_id
        return {
            self.env.ref(P + "group_worksafe_manager"): self.demo("demo_user_manager"),
            self.env.ref(P + "group_worksafe_safety_officer"): self.demo("demo_user_safety1"),
            self.env.ref(P + "group_worksafe_approver"): self.demo("demo_user_approver"),
        }[approval.group_id]

    def test_new_hot_work_by_the_demo_crew_is_submitted_and_approved(self):
        permit = self._new_hot_work()
        self.assertEqual(permit._check_qualifications(), [])
        permit.with_user(permit.applicant_id).action_submit()
        self.assertEqual(permit.state, "submitted")
        self.assertTrue(permit.approval_ids)
        while permit.state == "submitted":
            approval = permit._current_approval()
            user = self._intended_approver(permit, approval)
            self.assertEqual(approval._refusals(user), [], approval.name)
            self.env["worksafe.permit.approve.wizard"].with_user(user).create({
                "permit_id": permit.id, "site_checked": approval.site_check,
            }).action_confirm()
            self.assertEqual(approval.state, "approved")
        self.assertEqual(permit.state, "approved")
        # the gas analyst who will test before the start holds the analyst's certificate
        analyst = self.demo("demo_employee_analyst")
        self.assertEqual(permit._check_qualifications({analyst.id: {"analyst"}}), [])

    def test_every_hot_work_approver_is_qualified_but_one(self):
        permit = self._new_hot_work()
        for key in ("manager", "safety1", "safety2", "approver", "area_tank", "area_reactor",
                    "area_utilities", "area_maint"):
            employee = self.demo(f"demo_employee_{key}")
            self.assertEqual(permit._check_qualifications({employee.id: {"approver"}}), [],
                             key)
        expired = self.demo("demo_employee_approver2")
        problems = permit._check_qualifications({expired.id: {"approver"}})
        self.assertEqual([(p.person, p.code) for p in problems], [(expired.id, q.EXPIRED)])

    def test_the_expired_welding_certificate_is_refused(self):
        welder = self.demo("demo_employee_worker3")
        permit = self._new_hot_work(workers=welder)
        problems = permit._check_qualifications()
        self.assertEqual({(p.person, p.code, p.requirement.kind) for p in problems},
                         {(welder.id, q.EXPIRED, "certificate"),
                          (welder.id, q.MISSING, "authorisation")})
        with self.assertRaises(ValidationError):
            permit.with_user(permit.applicant_id).action_submit()
        self.assertEqual(permit.state, "draft")

    def test_demo_permits_name_qualified_people(self):
        for record in self.env["ir.model.data"].search(
                [("module", "=", "worksafe_permit"), ("model", "=", "worksafe.permit")]):
            permit = self.env["worksafe.permit"].browse(record.res_id)
            if permit.state not in ("draft", "submitted", "approved", "issued", "active",
                                    "suspended"):
                continue
            problems = permit._check_qualifications(
                window=(permit.planned_start, permit.planned_end))
            if record.name in SHOWS_A_REFUSAL:
                self.assertEqual({p.code for p in problems}, {q.EXPIRED}, record.name)
            else:
                self.assertEqual(problems, [], record.name)
