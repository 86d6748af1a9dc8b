from odoo import fields, models

STATUS = [("unknown", "Unknown"), ("accounted", "Accounted"), ("need_help", "Needs help"),
          ("not_on_site", "Not on site")]


class WorksafeEmergencyMusterLine(models.Model):
    """One person of the roll call of an event."""

    _name = "worksafe.emergency.muster.line"
    _description = "Roll call line"
    _order = "event_id, status desc, id"

    event_id = fields.Many2one("worksafe.emergency.event", required=True, index=True,
                               ondelete="cascade")
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    status = fields.Selection(STATUS, default="unknown", required=True, index=True)
    source = fields.Selection([("permit", "On a live permit"), ("checkin", "Checked in"),
                               ("helmet", "Helmet in the area")], default="permit")
    method = fields.Selection([("badge", "Badge"), ("phone", "Phone"), ("warden", "Warden"),
                               ("helmet", "Helmet geofence")])
    muster_point_id = fields.Many2one("worksafe.emergency.muster.point")
    reason = fields.Char(help="Why the warden marked this person.")
    recorded_by_id = fields.Many2one("res.users")
    accounted_at = fields.Datetime()
    last_known = fields.Char("Last known position")
    last_seen_at = fields.Datetime("Last seen at")

    _event_employee_unique = models.UniqueIndex("(event_id, employee_id)")
