from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from ..exceptions import ApprovalRefused, BlockedError
from ..rules import blockers as blocker_rules
from .fixtures import reference_template_values, reference_variant_values


class WorksafeCase(TransactionCase):
    """A small plant with its own work type, so the tests control every number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.resource_calendar_id.tz = "UTC"
        cls.other_company = cls.env["res.company"].create({"name": "Other Plant Ltd"})
        group = "worksafe_permit.group_worksafe_"

        def user(login, role, company=None):
            company = company or cls.company
            return new_test_user(cls.env, login=login, groups=group + role,
                                 company_id=company.id, company_ids=[Command.set(company.ids)],
                                 name=login.replace("_", " ").title(), tz="UTC")

        cls.applicant = user("ws_applicant", "worker")
        cls.worker_user = user("ws_worker", "worker")
        cls.watcher_user = user("ws_watcher", "watcher")
        cls.approver_1 = user("ws_approver_1", "approver")
        cls.approver_2 = user("ws_approver_2", "approver")
        cls.officer = user("ws_officer", "safety_officer")
        cls.coordinator = user("ws_coordinator", "approver")
        cls.foreign_worker = user("ws_foreign_worker", "worker", cls.other_company)
        # a worker of the plant who is on none of the tests' permits
        cls.outsider = user("ws_outsider", "worker")

        Employee = cls.env["hr.employee"]
        cls.performer = Employee.create({"name": "Li Performer", "user_id": cls.applicant.id})
        cls.worker = Employee.create({"name": "Wang Worker", "user_id": cls.worker_user.id})
        cls.watcher = Employee.create({"name": "Zhao Watcher", "user_id": cls.watcher_user.id})
        cls.briefer = Employee.create({"name": "Chen Officer", "user_id": cls.officer.id})

        gas = cls.env["worksafe.gas"]
        cls.gas_o2 = gas.create({"name": "O2", "code": "t_o2", "kind": "oxygen",
                                 "default_unit": "%vol", "molar_mass": 32.0})
        cls.gas_combustible = gas.create({"name": "Combustible", "code": "t_comb",
                                          "kind": "combustible", "default_unit": "%vol"})
        cls.gas_methane = gas.create({"name": "Methane", "code": "t_ch4", "kind": "combustible",
                                      "default_unit": "%vol", "lel_percent": 5.0})
        cls.gas_hydrogen = gas.create({"name": "Hydrogen", "code": "t_h2", "kind": "combustible",
                                       "default_unit": "%vol", "lel_percent": 4.0})
        cls.gas_propane = gas.create({"name": "Propane", "code": "t_c3h8", "kind": "combustible",
                                      "default_unit": "%vol", "lel_percent": 2.1})
        cls.gas_h2s = gas.create({"name": "H2S", "code": "t_h2s", "kind": "toxic",
                                  "default_unit": "mg/m3", "molar_mass": 34.08})

        cls.area = cls.env["worksafe.area"].create({
            "name": "Test unit", "hazard_class": "zone_2", "authority_id": cls.approver_1.id,
            "has_position": True, "position_x": 0, "position_y": 0,
        })
        cls.work_type = cls.env["worksafe.work.type"].create({
            "name": "Test work", "code": "test_work", "level_parameter": "none",
        })
        cls.variant = cls.env["worksafe.variant"].create(
            reference_variant_values(cls.work_type, cls.env.ref(group + "approver")))
        cls.template = cls.env["worksafe.template"].create(reference_template_values(
            "Test template", cls.work_type, cls.gas_o2, cls.gas_combustible, cls.gas_h2s))

    # ------------------------------------------------------------------ helpers
    @contextmanager
    def assertBlocked(self, *codes, exception=BlockedError):
        """The block refuses with a BlockedError (or ApprovalRefused) naming each of
        `codes` (rules.blockers codes), and changes nothing it checks."""
        with self.assertRaises(exception) as caught:
            yield caught
        found = blocker_rules.codes(caught.exception.blockers)
        for code in codes:
            self.assertIn(code, found)

    @contextmanager
    def assertRefused(self, *codes):
        """An approval refused to this user for each of `codes`."""
        with self.assertBlocked(*codes, exception=ApprovalRefused) as caught:
            yield caught

    def now(self):
        return fields.Datetime.now()

    def make_permit(self, **values):
        now = self.now()
        vals = {
            "work_type_id": self.work_type.id,
            "template_id": self.template.id,
            "area_id": self.area.id,
            "performing_authority_id": self.performer.id,
            "watcher_ids": [Command.set(self.watcher.ids)],
            "worker_ids": [Command.set(self.worker.ids)],
            "planned_start": now - timedelta(hours=1),
            "planned_end": now + timedelta(hours=6),
            "description": "Replace a valve",
        }
        vals.update(values)
        permit = self.env["worksafe.permit"].with_user(self.applicant).create(vals)
        permit.measure_ids.write({"applies": "yes"})
        return permit.with_user(self.applicant)

    def submit(self, permit):
        permit.with_user(permit.applicant_id).action_submit()
        return permit

    def approve_all(self, permit):
        permit.with_user(self.approver_1)._approve_step(comment="ok")
        permit.with_user(self.approver_2)._approve_step(site_checked=True)
        return permit

    def issue(self, permit):
        permit.measure_ids.with_user(self.officer).action_confirm()
        permit.with_user(self.officer).action_issue()
        return permit

    def issued_permit(self, **values):
        permit = self.make_permit(**values)
        self.submit(permit)
        self.approve_all(permit)
        return self.issue(permit)

    def gas_test(self, permit, o2=20.9, methane=0.0, minutes_ago=5, gas=None):
        lines = [Command.create({"gas_id": self.gas_o2.id, "value": o2, "unit": "%vol"}),
                 Command.create({"gas_id": (gas or self.gas_methane).id, "value": methane,
                                 "unit": "%vol"})]
        return self.env["worksafe.gas.test"].with_user(self.watcher_user).create({
            "permit_id": permit.id, "analyst_id": self.watcher.id,
            "sample_time": self.now() - timedelta(minutes=minutes_ago), "line_ids": lines,
        })

    def brief(self, permit):
        briefing = self.env["worksafe.permit.briefing"].with_user(self.officer).create({
            "permit_id": permit.id, "briefer_id": self.briefer.id,
            "content": "Hazards, isolation points, escape routes",
        })
        for line in briefing.signature_ids:
            line.with_user(line.employee_id.user_id).action_sign()
        return briefing

    def do_preparation_steps(self, permit):
        for step in permit.step_ids.filtered(lambda s: s.phase == "preparation"):
            step.check_ids.write({"checked": True})
            if step.photo_count:
                photos = self.env["ir.attachment"].with_user(self.applicant).create([
                    {"name": f"photo{i}.png", "raw": _PNG, "mimetype": "image/png",
                     "res_model": step._name, "res_id": step.id}
                    for i in range(step.photo_count)])
                step.write({"attachment_ids": [Command.set(photos.ids)]})
            step.with_user(self.applicant).action_done()

    def ready_to_start(self, **values):
        permit = self.issued_permit(**values)
        self.do_preparation_steps(permit)
        self.gas_test(permit)
        self.brief(permit)
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        return permit, token

    def start(self, permit, token=None, user=None):
        token = token or permit._start_token()
        return self.env["worksafe.permit"].with_user(user or self.applicant)._start_with_token(
            token)


# 1x1 transparent PNG
_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
        b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
        b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


class AuditCase(WorksafeCase):
    """An issued permit whose audit trail the test attacks."""

    def setUp(self):
        super().setUp()
        self.permit = self.issued_permit()
        self.Event = self.env["worksafe.audit.event"]

    def as_attacker(self):
        """Someone with the database owner's rights first drops the guards."""
        self.env.cr.execute("ALTER TABLE worksafe_audit_event "
                            "DISABLE TRIGGER worksafe_audit_event_guard")
        self.env.cr.execute("ALTER TABLE worksafe_audit_event "
                            "DROP CONSTRAINT IF EXISTS worksafe_audit_event_seq_positive")
