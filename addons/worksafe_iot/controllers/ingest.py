import json
import logging

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)

BRIDGE_GROUP = "worksafe_iot.group_worksafe_iot_bridge"


class WorksafeIotIngestController(http.Controller):
    """The bridge's endpoints, authenticated by the API key of a user of the "IoT bridge"
    group (``Authorization: Bearer <key>``)."""

    def _check_bridge(self):
        if not request.env.user.has_group(BRIDGE_GROUP):
            raise Forbidden("not an IoT bridge user")

    @http.route("/worksafe/iot/v1/config", type="http", auth="bearer", methods=["GET"],
                csrf=False, readonly=True)
    def config(self):
        self._check_bridge()
        return request.make_json_response(request.env["worksafe.iot.ingest"]._bridge_config())

    @http.route("/worksafe/iot/v1/ingest", type="http", auth="bearer", methods=["POST"],
                csrf=False)
    def ingest(self):
        self._check_bridge()
        try:
            data = json.loads(request.httprequest.get_data())
        except ValueError:
            raise BadRequest("body is not JSON") from None
        if not isinstance(data, dict):
            raise BadRequest("body is not a JSON object")
        return request.make_json_response(request.env["worksafe.iot.ingest"]._ingest(data))
