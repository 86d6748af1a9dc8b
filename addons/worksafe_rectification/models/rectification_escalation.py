from odoo import api, fields, models
from odoo.exceptions import ValidationError

SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"


class WorksafeRectificationEscalation(models.Model):
    """One rung of the escalation ladder of late rectifications, as data a WorkSafe manager
    edits: how many days from the deadline (-1 reminder, 0 due, +3, +7 …), who is told and
    how. The daily cron sends each rung once per rectification."""

    _name = "worksafe.rectification.escalation"
    _description = "Rectification escalation rung"
    _order = "offset_days, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True,
                                 help="Leave empty for every company.")
    offset_days = fields.Integer(
        "Days from deadline", required=True,
        help="-1: the day before the deadline; 0: the deadline; 3: three days late.")
    notify_owner = fields.Boolean("Owner", default=True)
    notify_manager = fields.Boolean("Manager")
    notify_safety_officers = fields.Boolean("Safety officers")
    by_activity = fields.Boolean("Activity", default=True,
                                 help="A to-do for each person told, due today.")
    by_mail = fields.Boolean("Message", default=True,
                             help="A message in the rectification's chatter sent to each "
                             "person told (by email or in Odoo, as they prefer).")

    _offset_range = models.Constraint(
        "CHECK (offset_days BETWEEN -365 AND 365)",
        "An escalation rung is at most a year from the deadline.")

    @api.constrains("notify_owner", "notify_manager", "notify_safety_officers",
                    "by_activity", "by_mail")
    def _check_someone_told(self):
        for rung in self:
            if not (rung.notify_owner or rung.notify_manager or rung.notify_safety_officers):
                raise ValidationError(self.env._(
                    "Escalation %(name)s must tell someone (owner, manager or safety "
                    "officers).", name=rung.name))
            if not (rung.by_activity or rung.by_mail):
                raise ValidationError(self.env._(
                    "Escalation %(name)s must send an activity, a message or both.",
                    name=rung.name))

    def _recipients(self, rectification):
        """The users this rung tells about `rectification`."""
        self.ensure_one()
        users = self.env["res.users"]
        if self.notify_owner:
            users |= rectification.owner_id
        if self.notify_manager:
            users |= rectification.manager_id
        if self.notify_safety_officers:
            officers = self.env.ref(SAFETY_OFFICER).sudo().all_user_ids.filtered(
                lambda u: rectification.company_id in u.company_ids and u.active
                and not u.share)
            users |= officers
        return users

    def _notify(self, rectification, today):
        """Tell this rung's people about `rectification` (as the system)."""
        self.ensure_one()
        rec = rectification.sudo()
        users = self._recipients(rec)
        if not users:
            return
        _ = self.env._
        body = _("%(rung)s: rectification %(name)s (%(requirement)s), deadline %(deadline)s, "
                 "owner %(owner)s.", rung=self.name, name=rec.name,
                 requirement=(rec.requirement or "")[:120], deadline=rec.deadline,
                 owner=rec.owner_id.name)
        if self.by_activity:
            for user in users:
                rec.activity_schedule(
                    "worksafe_rectification.mail_activity_rectification_escalation",
                    date_deadline=today, user_id=user.id,
                    summary=_("%(rung)s: %(name)s", rung=self.name, name=rec.name))
        if self.by_mail:
            rec.message_post(body=body, partner_ids=users.partner_id.ids,
                             subtype_xmlid="mail.mt_comment",
                             message_type="notification")
