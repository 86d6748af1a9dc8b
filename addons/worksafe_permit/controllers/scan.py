from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request


class WorksafeScanController(http.Controller):
    """What a phone opens from the permit's QR code on site."""

    def _render(self, token, permit=None, error=None, message=None):
        now = request.env.cr.now().replace(tzinfo=None)
        values = {
            "token": token,
            "permit": permit,
            "error": error,
            "message": message,
            "blockers": permit._start_blockers(now) if permit and permit.state in (
                "issued", "suspended") else [],
            "user": request.env.user,
        }
        return request.render("worksafe_permit.scan_page", values)

    def _permit(self, token):
        return request.env["worksafe.permit"]._permit_from_token(token)

    @http.route("/worksafe/scan/<string:token>", type="http", auth="user", methods=["GET"])
    def scan(self, token, **kwargs):
        try:
            permit = self._permit(token)
        except (ValidationError, AccessError) as error:
            return self._render(token, error=error.args[0])
        return self._render(token, permit=permit)

    @http.route("/worksafe/scan/<string:token>/<string:action>", type="http", auth="user",
                methods=["POST"])
    def scan_action(self, token, action, **kwargs):
        permits = request.env["worksafe.permit"]
        try:
            if action == "start":
                permit = permits._start_with_token(token)
                message = request.env._("Work started. Keep the watcher on site.")
            elif action == "checkin":
                permit = permits._check_in_watcher(token)
                message = request.env._("You are checked in as the watcher.")
            else:
                return request.not_found()
        except (ValidationError, AccessError, UserError) as error:
            request.env.cr.rollback()
            try:
                permit = self._permit(token)
            except (ValidationError, AccessError):
                permit = None
            return self._render(token, permit=permit, error=error.args[0])
        return self._render(token, permit=permit, message=message)
