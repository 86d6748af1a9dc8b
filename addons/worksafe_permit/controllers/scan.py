from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request


class WorksafeScanController(http.Controller):
    """What a phone opens from the permit's QR code on site."""

    def _render(self, token, permit=None, error=None, message=None):
        now = request.env.cr.now().replace(tzinfo=None)
        blockers = []
        if permit and permit.state in ("issued", "suspended"):
            # rules.blockers.Blocker items: each shown with a link to what clears it
            blockers = permit._get_blockers(permit._start_stage(), now)
        values = {
            "token": token,
            "permit": permit,
            "error": error,
            "message": message,
            "blockers": blockers,
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
        if action not in ("start", "checkin"):
            return request.not_found()
        try:
            # A refused action leaves nothing behind, while the page can still show the
            # permit and what is missing in the same transaction. Only the overlaps found
            # on the way to a start stay (their own savepoint), so that the coordinator can
            # acknowledge the ones that refused it.
            if action == "start":
                with request.env.cr.savepoint():
                    permit, conflicts = permits._prepare_start(token)
                with request.env.cr.savepoint():
                    permit._start_prepared(conflicts)
                message = request.env._("Work started. Keep the watcher on site.")
            else:
                with request.env.cr.savepoint():
                    permit = permits._check_in_watcher(token)
                message = request.env._("You are checked in as the watcher.")
        except (ValidationError, AccessError, UserError) as error:
            try:
                permit = self._permit(token)
            except (ValidationError, AccessError):
                permit = None
            return self._render(token, permit=permit, error=error.args[0])
        return self._render(token, permit=permit, message=message)
