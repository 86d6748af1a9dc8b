from datetime import timedelta

from odoo import fields
from odoo.fields import Command

from odoo.addons.worksafe_permit.tests.common import WorksafeCase


class TrainingCase(WorksafeCase):
    """WorksafeCase's plant, with requirements on its own work type: workers (and the
    performing authority) need a welding certificate and an authorisation, watchers an
    authorisation as watcher."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skill_type = cls.env["hr.skill.type"].create({
            "name": "Test state certificates", "is_certification": True,
            "worksafe_kind": "state",
            "skill_ids": [Command.create({"name": "Test welding"}),
                          Command.create({"name": "Test gas analysis"})],
            "skill_level_ids": [Command.create({"name": "Certified", "level_progress": 100,
                                                "default_level": True})],
        })
        cls.skill_weld, cls.skill_gas = cls.skill_type.skill_ids
        Requirement = cls.env["worksafe.qualification.requirement"]
        cls.req_weld = Requirement.create({"work_type_id": cls.work_type.id, "role": "worker",
                                           "kind": "certificate",
                                           "skill_id": cls.skill_weld.id})
        cls.req_auth = Requirement.create({"work_type_id": cls.work_type.id, "role": "worker",
                                           "kind": "authorisation"})
        cls.req_watch = Requirement.create({"work_type_id": cls.work_type.id,
                                            "role": "watcher", "kind": "authorisation"})
        cls.hr_officer = cls.env["res.users"].create({
            "name": "Hr Officer", "login": "ws_hr_officer",
            "group_ids": [Command.set([cls.env.ref("hr.group_hr_user").id])],
        })

    def today(self):
        return fields.Date.today()

    @classmethod
    def make_training(cls, kind="full", work_type=None, role="worker", **values):
        """An exam of `kind` ("full" or "briefing") for `work_type` (default: the test
        work type) and `role`; `values` add or override fields."""
        vals = {"name": f"{kind} exam", "work_type_id": (work_type or cls.work_type).id,
                "role": role, "kind": kind}
        vals.update(values)
        return cls.env["worksafe.training"].create(vals)

    def passed_attempt(self, employee, kind="full", work_type=None):
        """A passed exam not yet used by any authorisation (as an import would record it)."""
        return self.env["worksafe.training.attempt"].sudo().create({
            "training_id": self.make_training(kind, work_type).id,
            "employee_id": employee.id, "state": "passed", "score": 95,
            "exam_date": self.now()})

    def certify(self, employee, skill=None, days_from=-365, days_to=365):
        return self.env["hr.employee.skill"].with_user(self.hr_officer).create({
            "employee_id": employee.id, "skill_type_id": self.skill_type.id,
            "skill_id": (skill or self.skill_weld).id,
            "skill_level_id": self.skill_type.skill_level_ids.id,
            "valid_from": self.today() + timedelta(days=days_from),
            "valid_to": self.today() + timedelta(days=days_to) if days_to is not None else False,
            "worksafe_number": f"T-{employee.id}",
        })

    def authorise(self, employee, role="worker", **values):
        now = self.now()
        vals = {"employee_id": employee.id, "role": role,
                "work_type_ids": [Command.set(self.work_type.ids)],
                "date_from": now - timedelta(days=30), "date_to": now + timedelta(days=300)}
        vals.update(values)
        Auth = self.env["worksafe.authorisation"].with_user(self.officer)
        if vals.get("kind", "regular") == "regular" and not vals.get("attempt_id"):
            # a trained authorisation comes from a passed exam; tests grant it directly
            # (as the exam does, as superuser, with the officer as the acting user)
            Auth = Auth.sudo()
        return Auth.create(vals)

    def qualify_crew(self):
        for employee in (self.performer, self.worker):
            self.certify(employee)
            self.authorise(employee)
        self.authorise(self.watcher, role="watcher")
