from odoo import api, fields, models


class WorksafeIotAlarm(models.Model):
    _inherit = "worksafe.iot.alarm"

    emergency_trigger_id = fields.Many2one(
        "worksafe.emergency.iot.trigger", "Emergency trigger", readonly=True, index=True,
        help="The trigger this alarm met: the emergency is raised from it at once, by a cron "
        "woken for it.")
    emergency_event_id = fields.Many2one("worksafe.emergency.event", "Emergency",
                                         readonly=True, index=True)

    def _on_live_raise(self):
        """A live raise that meets an emergency trigger marks the alarm and wakes the cron
        that raises the emergency. The bridge's batch stays as cheap as before (no dispatch
        or roll call inside it): the permits are already suspended and the interlocks
        tripped by worksafe_iot itself; the emergency follows within seconds. Replayed data
        never raises one (worksafe_iot calls this for live raises only)."""
        result = super()._on_live_raise()
        Trigger = self.env["worksafe.emergency.iot.trigger"]
        marked = False
        for alarm in self:
            if alarm.emergency_trigger_id or alarm.emergency_event_id:
                continue
            trigger_id = Trigger._match_values(alarm.kind, alarm.level, alarm.event_kind)
            if trigger_id:
                alarm.sudo().write({"emergency_trigger_id": trigger_id})
                marked = True
        if marked:
            self.env.ref("worksafe_emergency_iot.ir_cron_raise_emergencies").sudo()._trigger()
        return result

    @api.model
    def _cron_raise_emergencies(self, limit=200):
        """Raise (or join) the emergency of every alarm that met a trigger, oldest first."""
        alarms = self.sudo().search([("emergency_trigger_id", "!=", False),
                                     ("emergency_event_id", "=", False)],
                                    order="raised_at, id", limit=limit)
        for alarm in alarms:
            alarm._raise_emergency()
        return True

    def _raise_emergency(self):
        self.ensure_one()
        trigger = self.emergency_trigger_id
        area = self.area_id or self.permit_id.area_id or self.device_id.area_id
        if not trigger or not area:
            self.sudo().write({"emergency_trigger_id": False})
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
                                                              "%(alarm)s", alarm=self.name),
                                       now=self.raised_at)
        self.sudo().write({"emergency_event_id": event.id})
        return event
