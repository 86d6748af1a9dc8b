from odoo import http
from odoo.http import request

from odoo.addons.worksafe_permit.controllers.scan import WorksafeScanController


class WorksafeAnalyticsScanController(WorksafeScanController):
    """A refused start on site leaves a mark in the audit trail (the refusal itself rolls
    back): the analytics count refused starts and their causes from it."""

    @http.route()
    def scan_action(self, token, action, **kwargs):
        response = super().scan_action(token, action, **kwargs)
        if action == "start":
            request.env["worksafe.permit"]._analytics_record_refused_start(token)
        return response
