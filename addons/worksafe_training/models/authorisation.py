from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .requirement import ROLES

SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"
TEMP_MAX_DAYS = "worksafe_training.temporary_max_days"
REMINDER_DAYS = "worksafe_training.reminder_days"


class WorksafeAuthorisation(models.Model):
    """Permission for a person to do a work type in a role, for a time (and, for temporary
    authorisations of contractor staff, in named areas only)."""

    _name = "worksafe.authorisation"
    _description = "Work authorisation"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
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
    # what was granted: after creation, only the actions (exam, sanction, shorten) change it
    GRANT_FIELDS = SYSTEM_FIELDS | {"attempt_id", "employee_id", "company_id", "kind",
                                    "work_type_ids", "role", "date_from", "date_to",
                                    "area_ids", "briefed_by_id", "briefing_date"}
    _guard_system_fields = SYSTEM_FIELDS
    _guard_create_fields = GRANT_FIELDS - SYSTEM_FIELDS
    _guard_frozen_states = frozenset({"revoked"})
    _guard_deletable_states = frozenset()

    def _guard_action_message(self, names):
        return self.env._("An authorisation changes only through its actions (exam, sanction, "
                          "shorten); revoke it and grant a new one otherwise.")

    def _guard_frozen_message(self):
        return self.env._("A revoked authorisation cannot change: grant a new one after "
                          "training.")

    def _guard_delete_message(self):
        return self.env._("Authorisations are kept for the record: revoke them instead.")

    def _guard_check_create(self, vals_list):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer grants authorisations."))

    def _guard_check_created(self):
        self._check_grant()

    @api.depends("employee_id", "work_type_ids", "role", "kind")
    def _compute_name(self):
        roles = dict(ROLES)
        for auth in self:
            works = ", ".join(auth.work_type_ids.mapped("name"))
            auth.name = f"{auth.employee_id.name or ''} · {works} · {roles.get(auth.role, '')}"

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
        auths = super().create(vals_list)
        for auth in auths:
            auth._audit("authorisation.grant", self.env._(
                "Authorisation granted: %(name)s", name=auth.name), auth._audit_values())
        return auths

    def write(self, vals):
        vals, changed = self._guard_effective_vals(vals)
        result = super().write(vals)
        watched = {"employee_id", "work_type_ids", "role", "date_from", "date_to", "area_ids",
                   "kind", "state"}
        if watched.intersection(changed):
            for auth in self:
                auth._audit("authorisation.change", self.env._(
                    "Authorisation changed: %(name)s", name=auth.name), auth._audit_values())
        return result

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
                raise UserError(auth._guard_frozen_message())
            if not until or until >= auth.date_to:
                raise ValidationError(self.env._(
                    "An authorisation can only be shortened: grant a new one to extend it."))
            auth._system_write({"date_to": until})  # audited by write() as the acting user
        return True

    def action_open_sanction(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.sanction",
                "view_mode": "form", "target": "new", "name": self.env._("Sanction"),
                "context": {"default_authorisation_id": self.id,
                            "default_employee_id": self.employee_id.id,
                            "default_kind": "suspension"}}
