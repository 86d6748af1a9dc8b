from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .requirement import ROLES

SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"
TEMP_MAX_DAYS = "worksafe_training.temporary_max_days"
REMINDER_DAYS = "worksafe_training.reminder_days"


class WorksafeAuthorisation(models.Model):
    """Permission for a person to do a work type in a role, for a time (and, for temporary
    authorisations of contractor staff, in named areas only)."""

    _name = "worksafe.authorisation"
    _description = "Work authorisation"
    _inherit = ["mail.thread", "worksafe.audit.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True,
                                  ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    kind = fields.Selection([("regular", "Trained"), ("temporary", "Temporary")],
                            required=True, default="regular", tracking=True)
    work_type_ids = fields.Many2many("worksafe.work.type", string="Work types", required=True)
    role = fields.Selection(ROLES, required=True, default="worker", tracking=True)
    date_from = fields.Datetime("Valid from", required=True, default=fields.Datetime.now,
                                tracking=True)
    date_to = fields.Datetime("Valid until", required=True, tracking=True)
    area_ids = fields.Many2many(
        "worksafe.area", string="Areas",
        help="Temporary authorisations: only in these areas (and the areas inside them).")
    attempt_id = fields.Many2one("worksafe.training.attempt", "Exam passed", readonly=True,
                                 ondelete="restrict")
    briefed_by_id = fields.Many2one("hr.employee", "Accompanied briefing by")
    briefing_date = fields.Datetime("Briefing held at")
    briefing_notes = fields.Text("Briefing content")
    granted_by_id = fields.Many2one("res.users", "Granted by", readonly=True,
                                    default=lambda s: s.env.user)
    state = fields.Selection([("valid", "Granted"), ("revoked", "Revoked")], default="valid",
                             required=True, readonly=True, tracking=True)
    status = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring"), ("expired", "Expired"),
         ("suspended", "Suspended"), ("revoked", "Revoked"), ("future", "Not yet valid")],
        compute="_compute_status")
    sanction_ids = fields.One2many("worksafe.sanction", "authorisation_id", "Sanctions")
    reminder_sent = fields.Date("Expiry reminder sent", readonly=True)

    _window = models.Constraint("CHECK (date_to > date_from)",
                                "An authorisation ends after it starts.")

    # set by WorkSafe only (exam, sanctions, reminders): never from a client
    SYSTEM_FIELDS = frozenset({"state", "granted_by_id", "reminder_sent"})
    # what was granted: after creation, only superuser code (the actions) changes it
    GRANT_FIELDS = SYSTEM_FIELDS | {"attempt_id", "employee_id", "company_id", "kind",
                                    "work_type_ids", "role", "date_from", "date_to",
                                    "area_ids", "briefed_by_id", "briefing_date"}

    @api.depends("employee_id", "work_type_ids", "role", "kind")
    def _compute_name(self):
        roles = dict(ROLES)
        for auth in self:
            auth.name = f"{auth.employee_id.name or ''} · " \
                f"{', '.join(auth.work_type_ids.mapped('name'))} · {roles.get(auth.role, '')}"

    def _compute_status(self):
        now = fields.Datetime.now()
        horizon = now + timedelta(days=self._reminder_days())
        for auth in self:
            if auth.state == "revoked":
                auth.status = "revoked"
            elif auth.date_to <= now:
                auth.status = "expired"
            elif auth.date_from > now:
                auth.status = "future"
            elif auth.sanction_ids.filtered(lambda s: s._suspends_at(now)):
                auth.status = "suspended"
            elif auth.date_to <= horizon:
                auth.status = "expiring"
            else:
                auth.status = "valid"

    @api.model
    def _reminder_days(self):
        return int(self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS) or 30)

    @api.constrains("kind", "area_ids", "date_from", "date_to", "briefed_by_id", "attempt_id")
    def _check_temporary(self):
        max_days = float(self.env["ir.config_parameter"].sudo().get_param(TEMP_MAX_DAYS) or 7)
        for auth in self.filtered(lambda a: a.kind == "temporary"):
            if not auth.area_ids:
                raise ValidationError(self.env._(
                    "A temporary authorisation names the areas it is valid in."))
            if not (auth.briefed_by_id and auth.briefing_date):
                raise ValidationError(self.env._(
                    "A temporary authorisation needs an accompanied briefing (who and when)."))
            attempt = auth.attempt_id.sudo()
            if not attempt or attempt.state != "passed" \
                    or attempt.employee_id != auth.employee_id:
                raise ValidationError(self.env._(
                    "A temporary authorisation needs a passed short exam of %(name)s.",
                    name=auth.employee_id.name))
            if attempt.training_id.kind != "briefing" or attempt.role != auth.role \
                    or auth.work_type_ids - attempt.work_type_id:
                raise ValidationError(self.env._(
                    "A temporary authorisation needs the short exam after the briefing of "
                    "its work type and role."))
            if auth.date_to - auth.date_from > timedelta(days=max_days):
                raise ValidationError(self.env._(
                    "A temporary authorisation lasts at most %(days)s days.", days=max_days))

    @api.constrains("attempt_id")
    def _check_attempt_once(self):
        for auth in self.filtered("attempt_id"):
            if self.sudo().search_count([("attempt_id", "=", auth.attempt_id.id),
                                         ("id", "!=", auth.id)]):
                raise ValidationError(self.env._(
                    "This exam was already used for another authorisation."))

    def _check_grant(self):
        """Non-superuser grants: never to oneself; a trained authorisation needs the passed
        exam of the same person, work type and role."""
        for auth in self:
            if auth.employee_id.user_id and auth.employee_id.user_id == self.env.user:
                raise AccessError(self.env._(
                    "Another safety officer grants your own authorisations."))
            if auth.kind != "regular":
                continue
            attempt = auth.attempt_id.sudo()
            if not attempt or attempt.state != "passed" \
                    or attempt.employee_id != auth.employee_id \
                    or attempt.training_id.kind != "full" or attempt.role != auth.role \
                    or auth.work_type_ids != attempt.work_type_id:
                raise ValidationError(self.env._(
                    "A trained authorisation is granted by passing the exam of its work type "
                    "and role: name the passed exam of %(name)s.", name=auth.employee_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if not self.env.user.has_group(SAFETY_OFFICER):
                raise AccessError(self.env._("Only a safety officer grants authorisations."))
            if any(self.SYSTEM_FIELDS & set(vals) for vals in vals_list):
                raise AccessError(self.env._(
                    "An authorisation is granted valid: its state and bookkeeping are set by "
                    "WorkSafe."))
        auths = super().create(vals_list)
        if not self.env.su:
            auths._check_grant()
        for auth in auths:
            auth._audit("authorisation.grant", self.env._(
                "Authorisation granted: %(name)s", name=auth.name), auth._audit_values())
        return auths

    def write(self, vals):
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            if self.filtered(lambda a: a.state == "revoked"):
                raise AccessError(self.env._(
                    "A revoked authorisation cannot change: grant a new one after training."))
            if self.GRANT_FIELDS & set(vals):
                raise AccessError(self.env._(
                    "An authorisation changes only through its actions (exam, sanction, "
                    "shorten); revoke it and grant a new one otherwise."))
        result = super().write(vals)
        watched = {"employee_id", "work_type_ids", "role", "date_from", "date_to", "area_ids",
                   "kind", "state"}
        if watched.intersection(vals):
            for auth in self:
                auth._audit("authorisation.change", self.env._(
                    "Authorisation changed: %(name)s", name=auth.name), auth._audit_values())
        return result

    def unlink(self):
        raise ValidationError(self.env._(
            "Authorisations are kept for the record: revoke them instead."))

    def _audit_values(self):
        self.ensure_one()
        return {
            "employee": self.employee_id.id, "kind": self.kind, "role": self.role,
            "work_types": self.work_type_ids.mapped("code"),
            "from": fields.Datetime.to_string(self.date_from),
            "to": fields.Datetime.to_string(self.date_to),
            "areas": self.area_ids.ids, "attempt": self.attempt_id.id or False,
        }

    def action_shorten(self, until):
        """End an authorisation earlier (never later: a longer one is a new grant)."""
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer changes authorisations."))
        until = fields.Datetime.to_datetime(until)
        for auth in self:
            if auth.state == "revoked":
                raise AccessError(self.env._(
                    "A revoked authorisation cannot change: grant a new one after training."))
            if not until or until >= auth.date_to:
                raise ValidationError(self.env._(
                    "An authorisation can only be shortened: grant a new one to extend it."))
            auth.sudo().date_to = until  # audited by write() as the acting user
        return True

    def action_open_sanction(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.sanction",
                "view_mode": "form", "target": "new", "name": self.env._("Sanction"),
                "context": {"default_authorisation_id": self.id,
                            "default_employee_id": self.employee_id.id,
                            "default_kind": "suspension"}}


class WorksafeSanction(models.Model):
    """A recorded consequence of a violation: a warning, or suspending or revoking an
    authorisation, always with its reason."""

    _name = "worksafe.sanction"
    _description = "Sanction"
    _inherit = ["mail.thread", "worksafe.audit.mixin"]
    _order = "date_from desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True,
                                  ondelete="restrict")
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    authorisation_id = fields.Many2one(
        "worksafe.authorisation", index=True, ondelete="restrict",
        domain="[('employee_id', '=', employee_id)]")
    violation_id = fields.Many2one("worksafe.violation", ondelete="set null")
    kind = fields.Selection([("warning", "Warning"), ("suspension", "Suspend authorisation"),
                             ("revocation", "Revoke authorisation")], required=True,
                            default="warning")
    reason = fields.Text(required=True)
    date_from = fields.Datetime("From", required=True, default=fields.Datetime.now)
    date_to = fields.Datetime("Until", help="End of a suspension; empty = until lifted.")
    state = fields.Selection([("active", "In force"), ("lifted", "Lifted")], default="active",
                             required=True, readonly=True)
    issued_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)
    lifted_by_id = fields.Many2one("res.users", readonly=True)
    lifted_at = fields.Datetime(readonly=True)

    def _suspends_at(self, moment):
        self.ensure_one()
        return (self.kind == "suspension" and self.state == "active"
                and self.date_from <= moment and (not self.date_to or moment < self.date_to))

    @api.constrains("kind", "authorisation_id", "date_from", "date_to")
    def _check_sanction(self):
        for sanction in self:
            if sanction.kind != "warning" and not sanction.authorisation_id:
                raise ValidationError(self.env._("Name the authorisation to suspend or revoke."))
            if sanction.authorisation_id and \
                    sanction.authorisation_id.employee_id != sanction.employee_id:
                raise ValidationError(self.env._("The authorisation is not this person's."))
            if sanction.date_to and sanction.date_to <= sanction.date_from:
                raise ValidationError(self.env._("A suspension ends after it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer records sanctions."))
        if not self.env.su and any({"state", "issued_by_id", "lifted_by_id", "lifted_at"}
                                   & set(vals) for vals in vals_list):
            raise AccessError(self.env._(
                "A sanction is recorded in force: it is lifted with its action."))
        sanctions = super().create(vals_list)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for sanction in sanctions:
            if sanction.kind == "revocation":
                sanction.authorisation_id.sudo().state = "revoked"
            summary = self.env._("%(kind)s for %(name)s: %(reason)s", kind=kinds[sanction.kind],
                                 name=sanction.employee_id.name, reason=sanction.reason)
            sanction._audit("sanction.create", summary, {
                "employee": sanction.employee_id.id, "kind": sanction.kind,
                "authorisation": sanction.authorisation_id.id or False,
                "reason": sanction.reason,
                "from": fields.Datetime.to_string(sanction.date_from),
                "to": fields.Datetime.to_string(sanction.date_to) if sanction.date_to else False,
            })
            if sanction.authorisation_id:
                sanction.authorisation_id.message_post(body=summary)
        return sanctions

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"} and not self.env.su:
            raise ValidationError(self.env._(
                "A sanction is a record: lift it and record a new one instead of editing it."))
        return super().write(vals)

    def unlink(self):
        raise ValidationError(self.env._("Sanctions are kept for the record: lift them instead."))

    def action_lift(self):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer lifts sanctions."))
        for sanction in self.filtered(lambda s: s.state == "active"):
            if sanction.kind == "revocation":
                raise ValidationError(self.env._(
                    "A revocation cannot be lifted: grant a new authorisation after training."))
            sanction.sudo().write({"state": "lifted", "lifted_by_id": self.env.uid,
                                   "lifted_at": fields.Datetime.now()})
            sanction._audit("sanction.lift", self.env._("Sanction lifted for %(name)s",
                                                        name=sanction.employee_id.name),
                            {"sanction": sanction.id})
        return True


class WorksafeQualificationReminder(models.AbstractModel):
    """The daily job: activities (and a mail to the contractor) for certificates and
    authorisations expiring within the configured horizon. Each item is reminded once."""

    _name = "worksafe.qualification.reminder"
    _description = "Qualification expiry reminders"

    def _responsible(self, employee, officers):
        for user in (employee.parent_id.user_id, employee.coach_id.user_id):
            if user and not user.share:
                return user
        company_officers = officers.filtered(lambda u: employee.company_id in u.company_ids)
        return company_officers[:1] or self.env.ref("base.user_admin")

    @api.model
    def _cron_expiry_reminders(self):
        today = fields.Date.context_today(self)
        days = self.env["worksafe.authorisation"]._reminder_days()
        horizon = today + timedelta(days=days)
        Skill = self.env["hr.employee.skill"].sudo()
        certificates = Skill.search([
            ("skill_type_id.worksafe_kind", "!=", False), ("valid_to", ">=", today),
            ("valid_to", "<=", horizon), ("worksafe_reminder_sent", "=", False)])
        # a newer certificate of the same kind already renews it
        renewed = Skill.search([("employee_id", "in", certificates.employee_id.ids),
                                ("skill_id", "in", certificates.skill_id.ids),
                                "|", ("valid_to", "=", False), ("valid_to", ">", horizon)])
        renewed_keys = {(c.employee_id.id, c.skill_id.id) for c in renewed}
        certificates = certificates.filtered(
            lambda c: (c.employee_id.id, c.skill_id.id) not in renewed_keys)
        auths = self.env["worksafe.authorisation"].sudo().search([
            ("state", "=", "valid"), ("kind", "=", "regular"),
            ("date_to", ">=", fields.Datetime.now()),
            ("date_to", "<", fields.Datetime.to_datetime(horizon + timedelta(days=1))),
            ("reminder_sent", "=", False)])
        officers = self.env.ref("worksafe_permit.group_worksafe_safety_officer").all_user_ids
        activity_type = self.env.ref("worksafe_training.mail_activity_renew_qualification")
        _ = self.env._
        by_contractor = {}
        for cert in certificates:
            employee = cert.employee_id
            text = _("%(name)s: certificate %(cert)s expires on %(date)s",
                     name=employee.name, cert=cert.skill_id.name, date=cert.valid_to)
            employee.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=text, date_deadline=cert.valid_to,
                user_id=self._responsible(employee, officers).id)
            by_contractor.setdefault(employee.worksafe_contractor_id, []).append(text)
        for auth in auths:
            employee = auth.employee_id
            deadline = fields.Date.to_date(auth.date_to)
            text = _("%(name)s: authorisation %(auth)s expires on %(date)s",
                     name=employee.name, auth=", ".join(auth.work_type_ids.mapped("name")),
                     date=deadline)
            employee.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=text, date_deadline=deadline,
                user_id=self._responsible(employee, officers).id)
            by_contractor.setdefault(employee.worksafe_contractor_id, []).append(text)
        certificates.write({"worksafe_reminder_sent": today})
        auths.write({"reminder_sent": today})
        for contractor, lines in by_contractor.items():
            if not contractor:
                continue
            body = _("These qualifications of your staff expire within %(days)s days; send "
                     "the renewed certificates or plan the training:", days=days)
            items = Markup().join(Markup("<li>%s</li>") % line for line in lines)
            contractor.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (body, items),
                partner_ids=contractor.ids, message_type="comment",
                subtype_xmlid="mail.mt_comment")
        return len(certificates) + len(auths)
