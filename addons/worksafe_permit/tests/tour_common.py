"""Shared set-up of the browser tours: the demo plant's people, and what is not on their path.

The tours walk the screens as the demo users named in the README. What a person would not do on
that path (creating a tour-only area, giving the crew the certificates that HR recorded long
ago) is done here, in Python, before the browser starts.
"""
import base64
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase

# A 1x1 PNG: the "photo" a phone uploads as a step's evidence in the tours.
PNG_1PX = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
           b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
           b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


class WorksafeTourCase(HttpCase):
    """The demo plant (worksafe_permit's demo data) seen through a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("worksafe_permit.demo_user_planner", raise_if_not_found=False):
            cls.skipTest(cls, "the tours walk the demo plant: install with demo data")
        ref = cls.env.ref
        cls.hot_work = ref("worksafe_permit.work_type_hot_work")
        cls.employee = {
            key: ref(f"worksafe_permit.demo_employee_{key}")
            for key in ("manager", "safety1", "safety2", "approver", "area_maint", "planner",
                        "analyst", "watcher1", "worker1", "worker2")
        }
        cls.user = {key: employee.user_id for key, employee in cls.employee.items()}
        # A bay of its own, so that the tours tell the tour's permit from the demo permits.
        cls.area = cls.env["worksafe.area"].create({
            "name": "Workshop bay 3",
            "parent_id": ref("worksafe_permit.demo_area_workshop").id,
            "hazard_class": "none",
            "authority_id": cls.user["area_maint"].id,
            "has_position": True, "position_x": 780.0, "position_y": 1400.0,
        })

    # ------------------------------------------------------------------ set-up helpers
    def grant_missing_qualifications(self, permit, people_roles):
        """Give each person what their role on `permit` requires and they lack (when
        worksafe_training is installed): setup outside the tour, as HR would have done
        beforehand. `people_roles`: {employee: role}."""
        if "worksafe.qualification.requirement" not in self.env:
            return
        env = self.env(su=True)
        permit = permit.sudo()
        roles = {employee.id: {role} for employee, role in people_roles.items()}
        now = fields.Datetime.now()
        granted = set()
        for problem in permit._check_qualifications(people_roles=roles):
            requirement = env["worksafe.qualification.requirement"].browse(
                problem.requirement.key)
            key = (problem.person, requirement.kind, requirement.skill_id.id, problem.role)
            if key in granted:
                continue
            granted.add(key)
            if requirement.kind == "certificate":
                skill_type = requirement.skill_id.skill_type_id
                env["hr.employee.skill"].create({
                    "employee_id": problem.person, "skill_type_id": skill_type.id,
                    "skill_id": requirement.skill_id.id,
                    "skill_level_id": (skill_type.skill_level_ids.filtered("default_level")
                                       or skill_type.skill_level_ids)[:1].id,
                    "valid_from": fields.Date.today() - timedelta(days=200),
                    "valid_to": fields.Date.today() + timedelta(days=500),
                    "worksafe_number": f"TOUR-{problem.person}-{requirement.skill_id.id}",
                })
            else:
                env["worksafe.authorisation"].create({
                    "employee_id": problem.person, "role": problem.role,
                    "work_type_ids": [Command.set(permit.work_type_id.ids)],
                    "date_from": now - timedelta(days=30), "date_to": now + timedelta(days=300),
                })

    def hot_work_values(self, **values):
        """A hot-work permit in the tour's bay: Yang Bo leads, Zhang Wei watches, Wu Tao
        works."""
        now = fields.Datetime.now()
        vals = {
            "work_type_id": self.hot_work.id,
            "area_id": self.area.id,
            "planned_start": now - timedelta(minutes=30),
            "planned_end": now + timedelta(hours=4),
            "performing_authority_id": self.employee["worker1"].id,
            "watcher_ids": [Command.set(self.employee["watcher1"].ids)],
            "worker_ids": [Command.set(self.employee["worker2"].ids)],
            "description": "Weld a new support bracket on the cooling water header",
        }
        vals.update(values)
        return vals

    def hot_work_draft(self, **values):
        """A hot-work draft requested by the planner (Python set-up for the tours that start
        later on the path)."""
        return self.env["worksafe.permit"].with_user(self.user["planner"]).create(
            self.hot_work_values(**values))

    def crew_roles(self):
        return {self.employee["worker1"]: "worker", self.employee["worker2"]: "worker",
                self.employee["watcher1"]: "watcher", self.employee["analyst"]: "analyst"}

    def approver_for(self, permit, approval, used):
        """The demo user who takes `approval` of `permit`: the area's authority where the step
        says so, otherwise the first holder of the step's group not yet on the chain."""
        if approval.area_authority:
            return permit.area_id.authority_id
        candidates = [self.user[key] for key in ("approver", "safety1", "safety2", "manager")]
        for user in candidates:
            if approval.group_id in user.all_group_ids and user not in used \
                    and user != permit.applicant_id:
                return user
        raise AssertionError(f"no demo user can take {approval.name}")

    def issued_hot_work(self, analyst=None):
        """The desktop tour's outcome, built in Python: the planner's hot-work permit,
        approved along its chain and issued by a safety officer. `analyst` (an employee) is
        qualified to test the gas on site too."""
        draft = self.env["worksafe.permit"].new(self.hot_work_values())
        if analyst:
            self.grant_missing_qualifications(draft, {analyst: "analyst"})
        self.grant_missing_qualifications(draft, self.crew_roles())
        permit = self.hot_work_draft()
        permit.measure_ids.write({"applies": "yes"})
        permit.action_submit()
        used = self.env["res.users"]
        for approval in permit.approval_ids.sorted("sequence"):
            approver = self.approver_for(permit, approval, used)
            used |= approver
            self.grant_missing_qualifications(permit, {approver.employee_id: "approver"})
            permit.with_user(approver)._approve_step(site_checked=approval.site_check)
        issuer = self.user["safety2"] if self.user["safety2"] not in used else self.user["safety1"]
        permit.measure_ids.filtered(lambda m: m.applies == "yes").with_user(
            issuer).action_confirm()
        permit.with_user(issuer).action_issue()
        self.assertEqual(permit.state, "issued")
        return permit.with_user(self.user["planner"])

    def scan_path(self, permit):
        """What the phone opens from the permit's QR code."""
        return f"/worksafe/scan/{permit.sudo()._start_token()}"

    def role_user(self, step):
        """Who does a step of the tour's permit: by the step's role."""
        return {"watcher": self.user["watcher1"], "analyst": self.user["watcher1"],
                "approver": step.permit_id.area_id.authority_id,
                "safety_officer": self.user["safety1"],
                "applicant": step.permit_id.applicant_id}.get(step.role, self.user["worker1"])

    def do_steps(self, permit, phase, names=None):
        """Complete the steps of `phase` (all, or those named) as their people would, with
        their checklist, photos and signature: set-up for the tours that start later."""
        steps = permit.sudo().step_ids.filtered(
            lambda s: s.phase == phase and s.state != "done"
            and (names is None or s.name in names)).sorted(lambda s: (s.sequence, s.id))
        for step in steps:
            values = {}
            if step.photo_count:
                photos = self.env["ir.attachment"].create([
                    {"name": f"photo{i}.png", "raw": PNG_1PX, "mimetype": "image/png",
                     "res_model": step._name, "res_id": step.id}
                    for i in range(step.photo_count)])
                values["attachment_ids"] = [Command.set(photos.ids)]
            if step.signature_required:
                values["signature"] = base64.b64encode(PNG_1PX)
            step.check_ids.write({"checked": True})
            if values:
                step.write(values)
            step.with_user(self.role_user(step)).action_done()

    def accept_work(self, permit, keep=0):
        """The acceptance of handed-back work, when worksafe_acceptance is installed: Yang Bo
        leaves the evidence (photos, passing values, "yes"), Sun Hao (safety officer, not on
        the crew) passes every item but the last `keep` on site. Set-up for the close tour."""
        if "worksafe.permit.acceptance.item" not in self.env:
            return
        crew = self.user["worker1"]
        items = permit.sudo().acceptance_item_ids.with_user(crew)
        for item in items:
            values = {}
            if item.photo_count:
                photos = self.env["ir.attachment"].with_user(crew).create([
                    {"name": f"accept{i}.png", "raw": PNG_1PX, "mimetype": "image/png",
                     "res_model": item._name, "res_id": item.id}
                    for i in range(item.photo_count)])
                values["attachment_ids"] = [Command.set(photos.ids)]
            if item.kind == "measurement":
                values["measured_value"] = item.value_min if item.bound in ("min", "range") \
                    else item.value_max
            if item.kind == "check":
                values["answer"] = "yes"
            item.write(values)
        for item in items.sorted(lambda i: (i.step_sequence, i.sequence, i.id))[
                :len(items) - keep]:
            item.with_user(self.user["safety2"])._site_check("pass")

    def gas_test(self, permit):
        """A passing gas test by the watcher (set-up for the tours after it)."""
        limits = permit.sudo().gas_limit_ids.filtered("required")
        lines = []
        for gas in limits.gas_id:
            value = 20.9 if gas.kind == "oxygen" else 0.0
            lines.append(Command.create({"gas_id": gas.id, "value": value,
                                         "unit": limits.filtered(
                                             lambda lim, g=gas: lim.gas_id == g)[:1].unit}))
        return self.env["worksafe.gas.test"].with_user(self.user["watcher1"]).create({
            "permit_id": permit.id, "analyst_id": self.employee["watcher1"].id,
            "sample_time": fields.Datetime.now() - timedelta(minutes=2), "line_ids": lines,
        })

    def brief(self, permit):
        briefing = self.env["worksafe.permit.briefing"].with_user(self.user["watcher1"]).create({
            "permit_id": permit.id, "briefer_id": self.employee["worker1"].id,
            "content": "Hot surfaces, sparks into the drain, escape route",
        })
        for line in briefing.sudo().signature_ids:
            line.with_user(line.employee_id.user_id).action_sign()
        return briefing
