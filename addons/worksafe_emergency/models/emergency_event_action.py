from odoo import fields, models

from .emergency_event import ARTICLE_17


class WorksafeEmergencyEventAction(models.Model):
    """One of the immediate actions of 应急条例 Art. 17, ticked on the event."""

    _name = "worksafe.emergency.event.action"
    _description = "Immediate emergency action"
    _order = "event_id, sequence"

    event_id = fields.Many2one("worksafe.emergency.event", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    sequence = fields.Integer()
    code = fields.Selection(ARTICLE_17, required=True, readonly=True)
    done_at = fields.Datetime(readonly=True)
    done_by_id = fields.Many2one("res.users", readonly=True)
    note = fields.Char()

    def action_done(self):
        self.event_id._check_officer()
        for action in self.filtered(lambda a: not a.done_at):
            action.sudo().write({"done_at": fields.Datetime.now(), "done_by_id": self.env.uid})
            action.event_id._audit("emergency.action", self.env._("Done: %(action)s",
                                                                  action=action.code),
                                   {"action": action.code, "note": action.note or False})
        return True
