from datetime import timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import token as token_rules

TOKEN_SCOPE = "worksafe.permit.start"


def _unix(utc_naive):
    """Odoo stores naive UTC datetimes."""
    return int(utc_naive.replace(tzinfo=timezone.utc).timestamp())


class WorksafePermitTokenMixin(models.AbstractModel):
    """The permit's QR code on site: the signed token, what a scan resolves to, and the two
    things done with it (a watcher checks in, the crew starts or resumes work).

    Mixed into worksafe.permit, which provides `state`, `token_version`, `planned_end`,
    the people, `_token_live_states` (the states whose QR code is worth scanning),
    `_raise_blockers` and `_transition`.
    """

    _name = "worksafe.permit.token.mixin"
    _description = "Permit QR token, scan and check-in"

    def _token_secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret")

    def _token_dbuuid(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.uuid")

    def _start_token(self):
        self.ensure_one()
        if self.state not in self._token_live_states:
            return False
        return token_rules.sign_token(
            self._token_secret(), TOKEN_SCOPE,
            {"p": self.id, "v": self.token_version, "db": self._token_dbuuid()},
            _unix(self.planned_end),
        )

    def _scan_url(self):
        self.ensure_one()
        token = self._start_token()
        if not token:
            return False
        return f"{self.get_base_url()}/worksafe/scan/{token}"

    @api.model
    def _permit_from_token(self, token, now=None):
        """Return the permit a scanned token names, or raise with the reason it is refused."""
        now = now or fields.Datetime.now()
        check = token_rules.verify_token(self._token_secret(), TOKEN_SCOPE, token or "",
                                         _unix(now))
        _ = self.env._
        if check.status == "malformed":
            raise ValidationError(_("This is not a WorkSafe permit code."))
        if check.status == "tampered":
            raise ValidationError(_("This permit code has been altered or belongs to another "
                                    "system: it is refused."))
        if check.status == "expired":
            raise ValidationError(_("This permit code has expired: the permit's validity "
                                    "ran out."))
        values = check.values
        if values.get("db") != self._token_dbuuid():
            raise ValidationError(_("This permit code belongs to another system."))
        permit = self.browse(values.get("p")).exists()
        if not permit:
            raise ValidationError(_("The permit of this code no longer exists."))
        try:
            permit.check_access("read")
        except AccessError:
            raise AccessError(_("This permit belongs to a company you cannot see.")) from None
        if values.get("v") != permit.token_version:
            raise ValidationError(_("This permit code was replaced by a newer one."))
        return permit

    def _start_with_token(self, token):
        """Start (or resume) from a scanned QR code: the only way a permit becomes active."""
        permit, conflicts = self._prepare_start(token)
        return permit._start_prepared(conflicts)

    def _prepare_start(self, token):
        """The first half of a start from a scanned QR code: the permit it names, checked to
        be the scanning person's to start, with the SIMOPS overlaps that appeared since
        submission recorded (returned as rules.simops.Conflict items).

        The scan page keeps this half even when the start itself is then refused, so that
        the coordinator can acknowledge the new overlaps that refused it."""
        permit = self._permit_from_token(token)
        user = self.env.user
        if not (permit._is_performing(user) or permit._is_watcher(user)):
            raise AccessError(self.env._(
                "Only the performing authority or a watcher of %(permit)s can start it.",
                permit=permit.name))
        return permit, self.env["worksafe.permit.conflict"]._refresh_for(permit)

    def _start_prepared(self, conflicts):
        """The second half: check every precondition and start (or resume)."""
        self.ensure_one()
        permit = self
        user = self.env.user
        now = fields.Datetime.now()
        resumed = permit.state == "suspended"
        permit._raise_blockers("resume" if resumed else "start", now=now, conflicts=conflicts)
        permit._transition(
            "start",
            self.env._("Work resumed on site") if resumed else self.env._("Work started on site"),
            {"actual_start": permit.actual_start or now, "break_started": False},
            {"gas_test": permit.last_gas_test_id.id or False, "scanned_by": user.login},
        )
        permit.message_post(body=self.env._("Started on site by %(user)s.", user=user.name),
                            subtype_xmlid="worksafe_permit.mt_permit_started")
        return permit

    def _check_in_watcher(self, token):
        permit = self._permit_from_token(token)
        employee = permit.watcher_ids.filtered(lambda e: e.user_id == self.env.user)
        if not employee:
            raise AccessError(self.env._("You are not a watcher of %(permit)s.",
                                         permit=permit.name))
        if permit.state not in self._token_live_states:
            raise UserError(self.env._("Watchers check in on an issued permit."))
        permit._system_write(
            {"watcher_on_site_id": employee[0].id,
             "watcher_on_site_since": fields.Datetime.now()})
        permit._audit("permit.watcher_in", self.env._("Watcher %(name)s on site",
                                                      name=employee[0].name),
                      {"employee": employee[0].id})
        return permit

    def action_watcher_leave(self):
        for permit in self:
            if permit.watcher_on_site_id.user_id != self.env.user and not self.env.user.has_group(
                    "worksafe_permit.group_worksafe_safety_officer"):
                raise AccessError(self.env._("Only the watcher on site can check out."))
            name = permit.watcher_on_site_id.name
            permit._system_write({"watcher_on_site_id": False, "watcher_on_site_since": False})
            permit._audit("permit.watcher_out", self.env._("Watcher %(name)s left", name=name))
            if permit.state == "active":
                # GB 30871: when the watcher leaves, the work stops.
                permit._suspend(self.env._("The watcher left the site."))
        return True
