from odoo import api, fields, models, tools

from odoo.addons.worksafe_iot.models.alarm import KINDS, LEVELS


class WorksafeEmergencyIotTrigger(models.Model):
    """Which sensor alarms raise an emergency by themselves, and as what scenario: a
    critical gas reading, a helmet SOS, a fall (data a safety manager edits)."""

    _name = "worksafe.emergency.iot.trigger"
    _description = "Sensor alarm that raises an emergency"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    alarm_kind = fields.Selection(KINDS, required=True)
    level = fields.Selection(LEVELS, "At level",
                             help="For measurements: the level that raises the emergency.")
    event_kind = fields.Selection(
        [("fall", "Fall"), ("sos", "SOS"), ("harness_unclipped", "Harness not clipped"),
         ("no_motion", "No motion"), ("gas_alarm", "Detector gas alarm")], "Wearable event")
    scenario_id = fields.Many2one("worksafe.emergency.scenario", required=True)

    @api.model
    @tools.ormcache()
    def _rules(self):
        """(id, alarm kind, level, wearable event) of the active triggers, cached: the
        ingest asks on every raise."""
        return tuple((t.id, t.alarm_kind, t.level or False, t.event_kind or False)
                     for t in self.sudo().search([("active", "=", True)]))

    @api.model
    def _match_values(self, kind, level, event_kind):
        """The id of the first trigger an alarm of this kind, level and wearable event
        meets, or False."""
        for trigger_id, alarm_kind, trigger_level, trigger_event in self._rules():
            if alarm_kind != kind:
                continue
            if kind == "wearable" and trigger_event == event_kind:
                return trigger_id
            if kind != "wearable" and trigger_level == level:
                return trigger_id
        return False

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _clear_rules_cache(self):
        self.env.registry.clear_cache()
