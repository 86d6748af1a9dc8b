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
    def config(self, since=None):
        self._check_bridge()
        return request.make_json_response(
            request.env["worksafe.iot.ingest"]._bridge_config_since(
                since if isinstance(since, str) else None))

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
        status, answer = serve_ingest(request.env, data)
        return request.make_json_response(answer, status=status)


def serve_ingest(env, data):
    """Store one batch and commit it *before* answering; returns (HTTP status, answer).

    The bridge deletes from its spool what the answer confirms, so the answer must never
    run ahead of the commit.  Odoo's request wrapper commits only if the cursor is still
    open (a lost database connection skips it silently): so commit here, where a failure
    is an exception (a 500) and the bridge keeps the whole batch.  Busy (another copy of
    this lane is being stored; nothing was written): 503."""
    answer = env["worksafe.iot.ingest"]._ingest(data)
    if not answer.get("ok"):
        return 503, answer
    env.cr.commit()
    return 200, answer
