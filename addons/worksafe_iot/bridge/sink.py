"""Where the bridge sends data: Odoo's ingest endpoint over HTTP (bearer API key)."""

import http.client
import json
import threading
import urllib.parse


class SinkError(Exception):
    """Odoo did not confirm: keep the data in the spool and retry later."""


class SinkTimeout(SinkError):
    """No answer in time: Odoo may still be working on the batch (do not resend at once,
    and send less next time)."""


class SinkBusy(SinkError):
    """Odoo is still storing another copy of this batch lane: wait, then resend."""


class HttpSink:
    """POST /worksafe/iot/v1/ingest and GET /worksafe/iot/v1/config on an Odoo server."""

    def __init__(self, url, api_key, database=None, timeout=10.0):
        self.url = url
        self.api_key = api_key
        self.database = database
        self.timeout = timeout
        self._local = threading.local()

    @property
    def url(self):
        return self._url

    @url.setter
    def url(self, value):
        self._url = value.rstrip("/")
        self._parsed = urllib.parse.urlsplit(self._url)
        self._generation = getattr(self, "_generation", 0) + 1

    def _connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.generation != self._generation:
            if conn is not None:
                conn.close()
            cls = (http.client.HTTPSConnection if self._parsed.scheme == "https"
                   else http.client.HTTPConnection)
            conn = cls(self._parsed.hostname, self._parsed.port, timeout=self.timeout)
            self._local.conn, self._local.generation = conn, self._generation
        return conn

    def _request(self, method, path, body=None, raw=None, timeout=None):
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        if self.database:
            headers["X-Odoo-Database"] = self.database
        data = raw
        if body is not None:
            data = json.dumps(body, separators=(",", ":")).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn = self._connection()
        conn.timeout = timeout or self.timeout
        if conn.sock is not None:
            conn.sock.settimeout(conn.timeout)
        try:
            conn.request(method, self._parsed.path + path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except TimeoutError as error:
            conn.close()
            self._local.conn = None
            raise SinkTimeout(f"{method} {path}: no answer in {conn.timeout:g} s") from error
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            self._local.conn = None
            raise SinkError(f"{method} {path}: {error}") from error
        if response.status == 503 and b'"busy"' in raw:
            raise SinkBusy(f"{method} {path}: busy")
        if response.status != 200:
            raise SinkError(f"{method} {path}: HTTP {response.status} {raw[:200]!r}")
        try:
            return json.loads(raw)
        except ValueError as error:
            raise SinkError(f"{method} {path}: bad JSON answer") from error

    def send(self, readings, events, stats=None, timeout=None):
        answer = self._request("POST", "/worksafe/iot/v1/ingest",
                               {"readings": readings, "events": events, "stats": stats or {}},
                               timeout=timeout)
        if not answer.get("ok"):
            raise SinkError(f"ingest refused: {answer.get('error')}")
        return answer

    def send_json(self, readings_json, events_json, stats=None, timeout=None):
        """Same as send() from rows already serialised (the spool keeps JSON text): the
        bridge never re-parses and re-encodes every reading."""
        raw = "".join(['{"readings":[', ",".join(readings_json), '],"events":[',
                       ",".join(events_json), '],"stats":',
                       json.dumps(stats or {}, separators=(",", ":")), "}"]).encode()
        answer = self._request("POST", "/worksafe/iot/v1/ingest", raw=raw, timeout=timeout)
        if not answer.get("ok"):
            raise SinkError(f"ingest refused: {answer.get('error')}")
        return answer

    def get_config(self, since=None):
        """The configuration, or ``{"unchanged": true}`` when it is still version
        ``since``."""
        query = "?" + urllib.parse.urlencode({"since": since}) if since else ""
        return self._request("GET", "/worksafe/iot/v1/config" + query)
