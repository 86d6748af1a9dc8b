from odoo import fields, models
from odoo.exceptions import AccessError, ValidationError

from .alarm import _dt


class WorksafeIotInterlock(models.Model):
    """A command the bridge sent to an actuator (retained desired state), its
    acknowledgement, and its manual release."""

    _name = "worksafe.iot.interlock"
    _description = "Interlock command"
    _inherit = ["worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "sent_at desc, id desc"
    _rec_name = "cmd_id"

    actuator_id = fields.Many2one("worksafe.iot.device", "Actuator", required=True, index=True,
                                  ondelete="restrict")
    company_id = fields.Many2one(related="actuator_id.company_id", store=True)
    permit_ids = fields.Many2many("worksafe.permit", string="Permits")
    alarm_id = fields.Many2one("worksafe.iot.alarm", "Alarm", index=True)
    cmd_id = fields.Char("Command", required=True, index=True, readonly=True)
    reason = fields.Char(readonly=True)
    state = fields.Selection([("sent", "Trip sent"), ("acked", "Tripped (acknowledged)"),
                              ("release_requested", "Release requested"),
                              ("released", "Released")], default="sent", required=True,
                             index=True)
    sent_at = fields.Datetime(readonly=True)
    acked_at = fields.Datetime("Trip acknowledged at", readonly=True)
    released_by_id = fields.Many2one("res.users", "Released by", readonly=True)
    release_cmd_id = fields.Char(readonly=True, index=True)
    release_requested_at = fields.Datetime(readonly=True)
    released_at = fields.Datetime("Release acknowledged at", readonly=True)

    _cmd_unique = models.UniqueIndex("(cmd_id)")

    def _record_trips(self):
        """The audit entry (one per actuator, listing every command) and the chatter
        message (one per permit) of these trips, recorded together."""
        for actuator in self.actuator_id:
            trips = self.filtered(lambda i, a=actuator: i.actuator_id == a).sorted("id")
            permits = trips.permit_ids
            last = trips[-1]
            last._audit("iot.interlock", self.env._("Interlock tripped: %(actuator)s",
                                                    actuator=actuator.display_name),
                        {"cmd_id": last.cmd_id, "permits": permits.ids,
                         "reason": last.reason or False,
                         "commands": [[t.cmd_id, fields.Datetime.to_string(t.sent_at),
                                       t.reason or False] for t in trips]},
                        permit=permits[:1])
            for permit in permits:
                mine = trips.filtered(lambda t, p=permit: p in t.permit_ids)
                permit.message_post(body=self.env._(
                    "Interlock %(actuator)s tripped: %(reason)s",
                    actuator=actuator.display_name, reason=mine[-1].reason or "")
                    if len(mine) == 1 else self.env._(
                    "Interlock %(actuator)s tripped %(count)s times, last: %(reason)s",
                    actuator=actuator.display_name, count=len(mine),
                    reason=mine[-1].reason or ""))

    def _record_ack(self, event, actuator):
        """An acknowledgement counts only for a command sent to the actuator that acks it."""
        mine = [("actuator_id", "=", actuator.id)]
        trip = self.search(mine + [("cmd_id", "=", event["cmd_id"])], limit=1)
        if trip and not trip.acked_at:
            trip.write({"acked_at": _dt(event.get("ts")),
                        "state": "acked" if trip.state == "sent" else trip.state})
            return trip
        release = self.search(mine + [("release_cmd_id", "=", event["cmd_id"])], limit=1)
        if release and release.state != "released":
            release.write({"released_at": _dt(event.get("ts")), "state": "released"})
            release._audit("iot.interlock.released", self.env._(
                "Interlock released: %(actuator)s", actuator=release.actuator_id.display_name),
                {"cmd_id": release.release_cmd_id}, permit=release.permit_ids[:1])
        return release

    # Commands are the bridge's; people release them with the 'Release' action.
    _guard_system_only = True

    def _guard_action_message(self, names):
        return self.env._("An interlock is released only with its 'Release' action, once its "
                          "alarms are reset.")

    def action_release(self):
        """Manual reset: only a safety officer, only when no critical alarm or fault of
        these permits, nor of the actuator's area, is still open (active, or not
        acknowledged)."""
        if not self.env.user.has_group("worksafe_permit.group_worksafe_safety_officer"):
            raise AccessError(self.env._("Only a safety officer releases an interlock."))
        for interlock in self:
            if interlock.state not in ("sent", "acked"):
                continue
            scope = [("permit_id", "in", interlock.permit_ids.ids),
                     ("suspended_permit_ids", "in", interlock.permit_ids.ids)]
            area = interlock.actuator_id.area_id
            if area:
                scope.append(("area_id", "=", area.id))
            open_alarms = self.env["worksafe.iot.alarm"].sudo().search(
                ["|"] * (len(scope) - 1) + scope + [
                    ("company_id", "=", interlock.company_id.id),
                    ("peak_level", "in", ("critical", "fault")), ("state", "!=", "closed")])
            if open_alarms:
                raise ValidationError(self.env._(
                    "Reset these alarms first (back to normal and acknowledged): %(alarms)s",
                    alarms=", ".join(open_alarms.mapped("name"))))
            interlock._system_write({"state": "release_requested",
                                     "released_by_id": self.env.uid,
                                     "release_requested_at": fields.Datetime.now(),
                                     "release_cmd_id": f"rel-{interlock.cmd_id}"})
            interlock._audit("iot.interlock.release", self.env._(
                "Interlock release requested: %(actuator)s",
                actuator=interlock.actuator_id.display_name),
                {"cmd_id": interlock.cmd_id}, permit=interlock.permit_ids[:1])
        self.env["worksafe.permit"]._iot_config_changed()
        return True
