from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.worksafe_permit.tests.common import WorksafeCase


class EmergencyCase(WorksafeCase):
    """WorksafeCase plus a sub-area, a neighbouring area, approved plans, responders with
    deputies, a muster point with a warden."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["worksafe.area"]
        cls.sub_area = Area.create({"name": "Test unit / pump bay", "parent_id": cls.area.id,
                                    "authority_id": cls.approver_1.id})
        cls.other_area = Area.create({"name": "Other unit", "authority_id": cls.approver_1.id})
        cls.manager = new_test_user(cls.env, login="ws_em_manager",
                                    groups="worksafe_permit.group_worksafe_manager", tz="UTC")
        cls.commander = new_test_user(cls.env, login="ws_em_commander",
                                      groups="worksafe_permit.group_worksafe_safety_officer")
        cls.deputy = new_test_user(cls.env, login="ws_em_deputy",
                                   groups="worksafe_permit.group_worksafe_safety_officer")
        cls.fire = cls.env.ref("worksafe_emergency.scenario_fire")
        cls.toxic = cls.env.ref("worksafe_emergency.scenario_toxic")
        cls.injury = cls.env.ref("worksafe_emergency.scenario_injury")
        Plan = cls.env["worksafe.emergency.plan"]
        # only this test's plans compete (the demo's are for another company's areas anyway)
        Plan.search([]).write({"state": "obsolete"})
        cls.site_plan = Plan.create({
            "name": "Site plan", "kind": "comprehensive", "owner_id": cls.manager.id,
            "role_ids": [Command.create({"role": "commander", "user_id": cls.commander.id,
                                         "deputy_id": cls.deputy.id}),
                         Command.create({"role": "safety", "user_id": cls.officer.id})],
        })
        cls.unit_plan = Plan.create({"name": "Unit fire plan", "kind": "onsite",
                                     "area_ids": [Command.set(cls.area.ids)],
                                     "scenario_ids": [Command.set(cls.fire.ids)]})
        (cls.site_plan | cls.unit_plan).write({"state": "approved",
                                               "approved_at": fields.Datetime.now()})
        cls.env["worksafe.emergency.oncall"].search([]).unlink()  # the demo's roster
        cls.point = cls.env["worksafe.emergency.muster.point"].create({
            "name": "Gate A", "area_id": cls.area.id,
            "warden_ids": [Command.set(cls.watcher_user.ids)]})
        cls.Event = cls.env["worksafe.emergency.event"]

    def active_permit(self, area=None, **values):
        """A permit at work in `area` (its path to 'active' is worksafe_permit's, tested
        there: here it is set directly)."""
        permit = self.make_permit(area_id=(area or self.area).id, **values)
        permit.sudo().write({"state": "active", "actual_start": fields.Datetime.now()})
        return permit

    def issued(self, area=None):
        permit = self.make_permit(area_id=(area or self.area).id)
        permit.sudo().write({"state": "issued"})
        return permit

    def raise_alarm(self, scenario=None, area=None, user=None, suspend=True, **kwargs):
        """The click, then (unless ``suspend`` is False) what the suspension cron it wakes
        does at once."""
        event = self.Event.with_user(user or self.worker_user)._raise_alarm(
            scenario or self.fire, area or self.area, **kwargs)
        if suspend:
            self.finish_suspensions()
        return event

    def finish_suspensions(self):
        self.env["worksafe.emergency.event"]._cron_finish_suspensions()

    def later(self, event, seconds):
        return event.started_at + timedelta(seconds=seconds)
