from odoo import fields, models


class WorksafeIotAlarm(models.Model):
    _inherit = "worksafe.iot.alarm"

    emergency_event_id = fields.Many2one("worksafe.emergency.event", "Emergency",
                                         readonly=True, index=True)

    def _on_raise(self, event, batch=None):
        """A live alarm that meets an emergency trigger raises the emergency of its area
        (or joins the one already open there): replayed data never does."""
        result = super()._on_raise(event, batch)
        if not event.get("historical"):
            self._raise_emergency()
        return result

    def _raise_emergency(self):
        self.ensure_one()
        trigger = self.env["worksafe.emergency.iot.trigger"]._match(self)
        area = self.area_id or self.permit_id.area_id or self.device_id.area_id
        if not trigger or not area:
            return self.env["worksafe.emergency.event"]
        Event = self.env["worksafe.emergency.event"].sudo()
        event = Event.search([("state", "=", "active"), ("is_drill", "=", False),
                              ("company_id", "=", self.company_id.id),
                              ("scenario_id", "=", trigger.scenario_id.id),
                              ("affected_area_ids", "in", area.id)], limit=1)
        if event:
            event._audit("emergency.iot_alarm", self.env._(
                "Sensor alarm joined the emergency: %(alarm)s", alarm=self.name),
                {"alarm": self.id})
        else:
            event = Event._raise_alarm(trigger.scenario_id, area, source="iot",
                                       source_ref=self.name[:64],
                                       description=self.env._("Raised by the sensor alarm "
                                                              "%(alarm)s", alarm=self.name))
        self.sudo().write({"emergency_event_id": event.id})
        return event
