import base64
import binascii

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..rules.plan import plan_mimetype

# an SVG plan is served as an image with no right to run anything (it is only ever drawn
# inside the board's own SVG, where scripts do not run anyway)
SVG_HEADERS = [("Content-Security-Policy",
                ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"))]


class WorksafeBoardController(http.Controller):

    def _plan_response(self, area):
        """The site plan of `area` (read with the caller's rights), or 404."""
        if not area or not area.board_plan:
            raise NotFound()
        try:
            data = base64.b64decode(area.board_plan)
        except (binascii.Error, ValueError):
            raise NotFound() from None
        mimetype = plan_mimetype(data)
        if not mimetype:
            raise NotFound()
        headers = [("Content-Type", mimetype), ("X-Content-Type-Options", "nosniff"),
                   ("Cache-Control", "private, max-age=3600")]
        if mimetype == "image/svg+xml":
            headers += SVG_HEADERS
        return request.make_response(data, headers)

    @http.route("/worksafe/board/plan/<int:area_id>", type="http", auth="user",
                readonly=True)
    def plan(self, area_id, **_kw):
        area = request.env["worksafe.area"].search([("id", "=", area_id)])
        return self._plan_response(area)

    # ------------------------------------------------------------------ kiosk
    @http.route("/worksafe/board/kiosk/<string:token>", type="http", auth="public",
                readonly=True, sitemap=False)
    def kiosk(self, token, site=None, **_kw):
        """The read-only board of one company for a control-room screen: no login, the
        token is the only key; a wrong or replaced token is a 404."""
        company = request.env["worksafe.board"]._kiosk_company(token)
        if not company:
            raise NotFound()
        try:
            site_id = int(site) if site else False
        except ValueError:
            site_id = False
        props = {"token": token, "siteId": site_id, "companyName": company.name}
        return request.render("worksafe_board.kiosk_page", {
            "board_props": props, "company": company, "no_header": True,
            "no_footer": True, "title": company.name,
        }, headers=[("X-Robots-Tag", "noindex"), ("Referrer-Policy", "no-referrer")])

    @http.route("/worksafe/board/kiosk/<string:token>/state", type="jsonrpc",
                auth="public", readonly=True)
    def kiosk_state(self, token, site_id=False):
        company = request.env["worksafe.board"]._kiosk_company(token)
        if not company:
            raise NotFound()
        if not isinstance(site_id, int) or isinstance(site_id, bool):
            site_id = False
        return request.env["worksafe.board"]._kiosk_state(company, site_id)

    @http.route("/worksafe/board/kiosk/<string:token>/plan/<int:area_id>", type="http",
                auth="public", readonly=True, sitemap=False)
    def kiosk_plan(self, token, area_id, **_kw):
        company = request.env["worksafe.board"]._kiosk_company(token)
        if not company:
            raise NotFound()
        area = request.env["worksafe.area"].sudo().search(
            [("id", "=", area_id), ("company_id", "=", company.id),
             ("parent_id", "=", False)])
        return self._plan_response(area)
