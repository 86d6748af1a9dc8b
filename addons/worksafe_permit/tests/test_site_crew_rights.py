import re

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, HttpCase, tagged

from ..rules import blockers as b
from .common import WorksafeCase


class TestSiteCrewRights(WorksafeCase):
    """What the crew on site may do themselves: stop work, hold the briefing, record a gas
    test as its analyst."""

    def active_permit(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        self.assertEqual(permit.state, "active")
        return permit

    def suspend_as(self, permit, user):
        wizard = self.env["worksafe.permit.reason.wizard"].with_user(user).create(
            {"permit_id": permit.id, "action": "suspend", "reason": "Smell of solvent"})
        return wizard.action_confirm()

    def test_anyone_on_site_may_stop_work(self):
        # the performing authority (applicant) and a worker are in the worker group only
        for user in (self.applicant, self.worker_user, self.watcher_user, self.officer):
            permit = self.active_permit()
            self.suspend_as(permit, user)
            self.assertEqual(permit.state, "suspended", user.login)
            self.assertEqual(permit.suspension_reason, "Smell of solvent")

    def test_someone_off_the_permit_cannot_stop_its_work(self):
        permit = self.active_permit()
        outsider = self.approver_1  # an approver, not on this permit's crew
        with self.assertRaises(AccessError):
            self.suspend_as(permit, outsider)
        self.assertEqual(permit.state, "active")

    def test_performing_authority_holds_the_briefing(self):
        permit = self.issued_permit()
        briefing = self.env["worksafe.permit.briefing"].with_user(self.applicant).create({
            "permit_id": permit.id, "briefer_id": self.performer.id,
            "content": "Hazards, isolation points, escape routes"})
        self.assertEqual(briefing.briefer_id, self.performer)
        self.assertTrue(briefing.signature_ids)
        # a worker of the crew listens and signs; they do not record the briefing
        with self.assertRaises(AccessError):
            self.env["worksafe.permit.briefing"].with_user(self.worker_user).create({
                "permit_id": permit.id, "briefer_id": self.performer.id,
                "content": "Something else"})
        with self.assertRaises(AccessError):
            briefing.with_user(self.worker_user).write({"content": "Changed"})

    def test_gas_test_analyst_defaults_to_the_recording_analyst(self):
        GasTest = self.env["worksafe.gas.test"]
        self.assertEqual(GasTest.with_user(self.watcher_user).default_get(
            ["analyst_id"]).get("analyst_id"), self.watcher.id)
        # a worker is not a gas analyst: nobody is proposed
        self.assertFalse(GasTest.with_user(self.worker_user).default_get(
            ["analyst_id"]).get("analyst_id"))

    def test_gas_test_form_saves_as_the_analyst(self):
        """The form a watcher fills on the phone: the analyst proposed, the source shown but
        not sent (it is the system's)."""
        permit = self.issued_permit()
        GasTest = self.env["worksafe.gas.test"].with_user(self.watcher_user).with_context(
            default_permit_id=permit.id)
        with Form(GasTest, view="worksafe_permit.worksafe_gas_test_view_form") as form:
            self.assertEqual(form.analyst_id, self.watcher)
            for gas, value in ((self.gas_o2, 20.9), (self.gas_methane, 0.0)):
                with form.line_ids.new() as line:
                    line.gas_id = gas
                    line.value = value
        test = permit.gas_test_ids
        self.assertEqual(len(test), 1)
        self.assertEqual(test.analyst_id, self.watcher)
        self.assertEqual(test.source, "manual")
        self.assertEqual(test.recorded_by_id, self.watcher_user)


@tagged("post_install", "-at_install")
class TestOverlapsFoundAtStart(HttpCase, WorksafeCase):
    """Overlaps that appear after submission are found when the crew scans to start: the
    start is refused, and the overlaps stay recorded for the coordinator to acknowledge."""

    def test_refused_start_keeps_the_new_overlaps(self):
        Rule = self.env["worksafe.simops.rule"]
        Rule.search([]).active = False  # only this test's rule
        painting_tag = self.env["worksafe.activity.tag"].create(
            {"name": "Painting", "code": "t_painting"})
        rule = Rule.create({
            "name": "Painting next to test work", "subject_a": "tag:t_painting",
            "subject_b": "test_work", "relation": "same_area", "action": "coordinate"})
        permit, _token = self.ready_to_start(coordinator_id=self.coordinator.id)
        self.assertFalse(permit.conflict_ids)
        # painting is planned in the same area after the permit was approved
        self.submit(self.make_permit(activity_tag_ids=[Command.set(painting_tag.ids)],
                                     coordinator_id=self.coordinator.id))

        path = permit._scan_url()
        path = path[path.index("/worksafe/scan/"):]
        self.authenticate("ws_applicant", "ws_applicant")
        page = self.url_open(path + "/start", data={"csrf_token": self._csrf(path)}).text
        self.assertIn(f'data-code="{b.SIMOPS_NOT_ACKNOWLEDGED}"', page)
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "issued")
        conflict = permit.conflict_ids
        self.assertEqual(conflict.rule_id, rule)
        self.assertFalse(conflict.acknowledged_by_id)

        conflict.with_user(self.coordinator).action_acknowledge()
        page = self.url_open(path + "/start", data={"csrf_token": self._csrf(path)}).text
        permit.invalidate_recordset()
        self.assertEqual(permit.state, "active")

    def _csrf(self, path):
        page = self.url_open(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        return match.group(1) if match else ""
