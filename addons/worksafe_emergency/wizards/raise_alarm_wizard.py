from odoo import fields, models


class WorksafeEmergencyRaise(models.TransientModel):
    """The back office's alarm button: what happened and where, one click."""

    _name = "worksafe.emergency.raise"
    _description = "Raise an emergency alarm"

    scenario_id = fields.Many2one("worksafe.emergency.scenario", "What happened", required=True)
    area_id = fields.Many2one("worksafe.area", "Where", required=True,
                              default=lambda s: s.env.context.get("default_area_id"))
    description = fields.Text("Situation")

    def action_raise(self):
        self.ensure_one()
        event = self.env["worksafe.emergency.event"]._raise_alarm(
            self.scenario_id, self.area_id, source="backoffice", description=self.description)
        return {"type": "ir.actions.act_window", "res_model": event._name, "res_id": event.id,
                "view_mode": "form"}
