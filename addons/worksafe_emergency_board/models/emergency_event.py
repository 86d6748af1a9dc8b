from odoo import api, models


class WorksafeEmergencyEvent(models.Model):
    _inherit = "worksafe.emergency.event"

    @api.model
    def _raise_alarm(self, scenario, area, *args, **kwargs):
        event = super()._raise_alarm(scenario, area, *args, **kwargs)
        self.env["worksafe.board"]._touch(event.company_id)
        return event

    def _transition(self, action, vals, summary, values=None):
        result = super()._transition(action, vals, summary, values=values)
        self.env["worksafe.board"]._touch(self.company_id)
        return result

    def write(self, vals):
        # the scenario, place or response level edited on an open event
        result = super().write(vals)
        if {"scenario_id", "area_id", "level_id"}.intersection(vals):
            self.env["worksafe.board"]._touch(self.company_id)
        return result
