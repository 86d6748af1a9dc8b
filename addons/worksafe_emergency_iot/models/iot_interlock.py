from odoo import fields, models
from odoo.exceptions import ValidationError


class WorksafeIotInterlock(models.Model):
    _inherit = "worksafe.iot.interlock"

    emergency_event_id = fields.Many2one("worksafe.emergency.event", "Emergency",
                                         readonly=True, index=True)

    def action_release(self):
        """No interlock of an area is released while a real emergency there is open: the
        actuator holds one retained command, so releasing a sensor trip would also undo
        the emergency's."""
        Event = self.env["worksafe.emergency.event"].sudo()
        for interlock in self:
            area = interlock.actuator_id.area_id
            open_event = area and Event.search([
                ("state", "=", "active"), ("is_drill", "=", False),
                ("affected_area_ids", "in", area.id)], limit=1)
            if open_event:
                raise ValidationError(self.env._(
                    "Emergency %(event)s is open in %(area)s: terminate the response before "
                    "releasing %(actuator)s.", event=open_event.name,
                    area=area.complete_name, actuator=interlock.actuator_id.display_name))
        return super().action_release()
