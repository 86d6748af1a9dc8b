from odoo import api, fields, models

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
    def _match(self, alarm):
        """The first trigger this alarm meets, or an empty recordset."""
        for trigger in self.sudo().search([("active", "=", True)]):
            if trigger.alarm_kind != alarm.kind:
                continue
            if alarm.kind == "wearable" and trigger.event_kind == alarm.event_kind:
                return trigger
            if alarm.kind != "wearable" and trigger.level == alarm.level:
                return trigger
        return self.browse()
