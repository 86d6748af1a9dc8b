import json

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

ERRORS = (AccessError, UserError, ValidationError)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class WorksafeEmergencyController(http.Controller):
    """The phone: the alarm page (home-screen shortcut), the event page with the emergency
    cards and the muster check-in, and the alarm button of the permit scan page."""

    # ------------------------------------------------------------------ helpers
    def _render_home(self, error=None):
        env = request.env
        Permit = env["worksafe.permit"]
        mine = Permit.search([("state", "in", ("issued", "active", "suspended")), "|", "|",
                              ("performing_authority_id.user_id", "=", env.uid),
                              ("worker_ids.user_id", "=", env.uid),
                              ("watcher_ids.user_id", "=", env.uid)], limit=1)
        return request.render("worksafe_emergency.emergency_home", {
            "scenarios": env["worksafe.emergency.scenario"].search([]),
            "areas": env["worksafe.area"].search([]),
            "default_area": mine.area_id,
            "events": env["worksafe.emergency.event"]._open_for_user(),
            "error": error,
        })

    def _event(self, event_id):
        event = request.env["worksafe.emergency.event"].browse(_int(event_id)).exists()
        if not event:
            raise request.not_found()
        event.check_access("read")
        return event

    def _render_event(self, event, error=None, message=None):
        env = request.env
        employee = env.user.employee_id
        line = event.muster_line_ids.filtered(lambda m: m.employee_id == employee)[:1] \
            if employee else None
        points = event._muster_points()
        return request.render("worksafe_emergency.emergency_event_page", {
            "event": event, "cards": event.card_ids, "points": points, "line": line,
            "employee": employee, "error": error, "message": message,
            "my_call": event.notification_ids.filtered(lambda n: n.user_id == env.user)[:1],
        })

    # ------------------------------------------------------------------ pages
    @http.route("/worksafe/emergency", type="http", auth="user", methods=["GET"])
    def home(self, **kwargs):
        return self._render_home()

    @http.route("/worksafe/emergency/manifest.webmanifest", type="http", auth="public",
                methods=["GET"])
    def manifest(self, **kwargs):
        """Lets a phone put the alarm page on its home screen."""
        body = {
            "name": request.env._("WorkSafe emergency"),
            "short_name": request.env._("Emergency"),
            "start_url": "/worksafe/emergency", "scope": "/worksafe/emergency",
            "display": "standalone", "background_color": "#dc3545", "theme_color": "#dc3545",
            "icons": [{"src": "/worksafe_emergency/static/description/icon.png",
                       "sizes": "256x256", "type": "image/png"}],
        }
        return request.make_response(json.dumps(body), headers=[
            ("Content-Type", "application/manifest+json")])

    @http.route("/worksafe/emergency/raise", type="http", auth="user", methods=["POST"])
    def raise_alarm(self, scenario_id=None, area_id=None, source="phone", source_ref=None,
                    **kwargs):
        env = request.env
        scenario = env["worksafe.emergency.scenario"].browse(_int(scenario_id)).exists()
        area = env["worksafe.area"].browse(_int(area_id)).exists()
        source = source if source in ("phone", "scan") else "phone"
        try:
            with env.cr.savepoint():
                event = env["worksafe.emergency.event"]._raise_alarm(
                    scenario, area, source=source, source_ref=(source_ref or "")[:64] or None)
        except ERRORS as error:
            return self._render_home(error=error.args[0])
        return request.redirect(f"/worksafe/emergency/{event.id}")

    @http.route("/worksafe/emergency/<int:event_id>", type="http", auth="user",
                methods=["GET"])
    def event_page(self, event_id, **kwargs):
        return self._render_event(self._event(event_id))

    @http.route("/worksafe/emergency/<int:event_id>/checkin", type="http", auth="user",
                methods=["POST"])
    def checkin(self, event_id, point_id=None, status="accounted", **kwargs):
        event = self._event(event_id)
        point = request.env["worksafe.emergency.muster.point"].browse(_int(point_id)).exists()
        employee = request.env.user.employee_id
        try:
            if not employee:
                raise ValidationError(request.env._("Your user has no employee record: ask a "
                                                    "warden to mark you."))
            with request.env.cr.savepoint():
                event._check_in(employee, point or None, method="phone",
                                status=status if status in ("accounted", "need_help")
                                else "accounted")
        except ERRORS as error:
            return self._render_event(event, error=error.args[0])
        return self._render_event(event, message=request.env._("Checked in. Stay at the "
                                                                "muster point."))

    @http.route("/worksafe/emergency/<int:event_id>/badge", type="http", auth="user",
                methods=["POST"])
    def badge(self, event_id, badge=None, point_id=None, **kwargs):
        """A warden's phone or a reader at a muster point reads a badge."""
        event = self._event(event_id)
        point = request.env["worksafe.emergency.muster.point"].browse(_int(point_id)).exists()
        try:
            if not point or (request.env.user not in point.warden_ids and not
                             request.env.user.has_group(
                                 "worksafe_permit.group_worksafe_safety_officer")):
                raise AccessError(request.env._("Only a warden of the muster point reads "
                                                "badges."))
            with request.env.cr.savepoint():
                line = event._check_in_badge(badge, point)
        except ERRORS as error:
            return self._render_event(event, error=error.args[0])
        return self._render_event(event, message=request.env._(
            "%(person)s checked in.", person=line.employee_id.name))

    @http.route("/worksafe/emergency/<int:event_id>/ack", type="http", auth="user",
                methods=["POST"])
    def acknowledge(self, event_id, **kwargs):
        event = self._event(event_id)
        mine = event.notification_ids.filtered(lambda n: n.user_id == request.env.user)
        try:
            with request.env.cr.savepoint():
                mine.action_acknowledge()
        except ERRORS as error:
            return self._render_event(event, error=error.args[0])
        return self._render_event(event, message=request.env._("Acknowledged."))

    @http.route("/worksafe/emergency/card/<int:card_id>", type="http", auth="user",
                methods=["GET"])
    def card(self, card_id, **kwargs):
        card = request.env["worksafe.emergency.card"].browse(card_id).exists()
        if not card:
            raise request.not_found()
        return request.render("worksafe_emergency.emergency_card_page", {"card": card})
