"""Signed, expiring tokens for QR codes (start work on site, show permit).

Why: a QR code on a printed permit or a worker's phone must not be forgeable
or reusable forever, yet must stay small enough to scan reliably on a dusty
site.  A token is ``<payload>.<signature>``: the payload is base64url (no
padding) of canonical JSON ``{"exp": ..., "v": {...}}``, the signature is
base64url of HMAC-SHA256(secret, scope + "\\n" + payload).  The *scope* (e.g.
``'permit.start'``) is bound into the signature so a token issued for one
purpose cannot be replayed for another.

The payload is signed, not encrypted: do not put secrets in ``values``.
Verification never raises on a bad token; it returns a status code the web
layer maps to a message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass

__all__ = ["TokenCheck", "sign_token", "verify_token"]

_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_SIG_BYTES = hashlib.sha256().digest_size


@dataclass(frozen=True)
class TokenCheck:
    """Result of :func:`verify_token`.

    ``status``: ``'ok'``, ``'malformed'``, ``'tampered'`` or ``'expired'``.
    ``values`` is the signed dict when ``status == 'ok'``, else ``None``.
    """

    status: str
    values: dict | None


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    """Strict base64url decoding (alphabet checked; padding optional)."""
    if not _B64URL.fullmatch(text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _canonical_json(payload: dict) -> str:
    # Same canonical form as rules.audit (duplicated: rule modules are
    # self-contained by design).
    return json.dumps(
        payload,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def _signature(secret: str, scope: str, payload_part: str) -> str:
    if not secret:
        # An empty key makes every signature forgeable: refuse, loudly.
        raise ValueError("token secret must not be empty")
    mac = hmac.new(secret.encode(), f"{scope}\n{payload_part}".encode(), hashlib.sha256).digest()
    return _b64encode(mac)


def sign_token(secret: str, scope: str, values: dict, expires_at: int) -> str:
    """A token carrying ``values`` for ``scope`` until ``expires_at`` (unix seconds).

    Keep ``values`` small (ids, not records): QR capacity drops fast with
    length.  The signature alone is 43 characters.
    """
    if not isinstance(values, dict):
        raise TypeError("values must be a dict")
    if isinstance(expires_at, bool) or not isinstance(expires_at, int):
        raise TypeError("expires_at must be an int (unix seconds)")
    payload_part = _b64encode(_canonical_json({"v": values, "exp": expires_at}).encode())
    return f"{payload_part}.{_signature(secret, scope, payload_part)}"


def verify_token(secret: str, scope: str, token: str, now: int) -> TokenCheck:
    """Check a token for ``scope`` at time ``now`` (unix seconds).

    Order matters: shape first (``'malformed'``: not two base64url parts, or a
    signature of the wrong size), then the signature (``'tampered'``: altered
    payload or signature, other secret, other scope; compared in constant time
    on the canonical encoding so no two spellings of one signature are
    accepted), then the signed content (``'malformed'`` if it is not the JSON
    object we sign, which only a holder of the secret could produce), and only
    then expiry (``'expired'`` when ``now >= exp``): an attacker must not
    learn anything from a forged token.  Surrounding whitespace (scanner
    artefacts) is ignored.  Never raises for any ``token`` value; an empty
    ``secret`` is a configuration error and raises ``ValueError``.
    """
    if not secret:
        raise ValueError("token secret must not be empty")
    malformed = TokenCheck("malformed", None)
    if not isinstance(token, str):
        return malformed
    parts = token.strip().split(".")
    if len(parts) != 2:
        return malformed
    payload_part, signature_part = parts
    try:
        _b64decode(payload_part)
        signature = _b64decode(signature_part)
    except (ValueError, binascii.Error):
        return malformed
    if len(signature) != _SIG_BYTES:
        return malformed

    expected = _signature(secret, scope, payload_part)
    if not hmac.compare_digest(expected, signature_part):
        return TokenCheck("tampered", None)

    try:
        data = json.loads(_b64decode(payload_part).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return malformed
    if not isinstance(data, dict) or set(data) != {"v", "exp"}:
        return malformed
    values, exp = data["v"], data["exp"]
    if not isinstance(values, dict) or isinstance(exp, bool) or not isinstance(exp, int):
        return malformed
    if now >= exp:
        return TokenCheck("expired", None)
    return TokenCheck("ok", values)
