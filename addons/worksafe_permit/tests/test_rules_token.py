"""Plain-pytest tests of rules/token.py (no Odoo, no database)."""

import base64
import hashlib
import hmac
import json
import string

import pytest

from ..rules import token as token_rules

TokenCheck = token_rules.TokenCheck

SECRET = "s3cr3t-database-uuid-and-salt"
SCOPE = "permit.start"
VALUES = {"permit": 1234, "worker": 56}
EXP = 1_750_000_000
NOW = EXP - 600
B64URL = string.ascii_letters + string.digits + "-_"


def sign(values=VALUES, exp=EXP, secret=SECRET, scope=SCOPE):
    return token_rules.sign_token(secret, scope, values, exp)


def verify(token, now=NOW, secret=SECRET, scope=SCOPE):
    return token_rules.verify_token(secret, scope, token, now)


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signed_raw_payload(payload_bytes, secret=SECRET, scope=SCOPE):
    """A correctly signed token around an arbitrary payload (as if the key leaked)."""
    part = b64(payload_bytes)
    mac = hmac.new(secret.encode(), f"{scope}\n{part}".encode(), hashlib.sha256).digest()
    return f"{part}.{b64(mac)}"


def flip(text, index):
    """Replace one character by another base64url character."""
    replacement = "A" if text[index] != "A" else "B"
    return text[:index] + replacement + text[index + 1 :]


class TestSignAndVerify:
    def test_round_trip(self):
        assert verify(sign()) == TokenCheck("ok", VALUES)

    def test_format(self):
        token = sign()
        payload, signature = token.split(".")
        assert set(payload) <= set(B64URL) and set(signature) <= set(B64URL)
        assert "=" not in token
        assert len(signature) == 43  # 32 bytes HMAC-SHA256
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert decoded == b'{"exp":1750000000,"v":{"permit":1234,"worker":56}}'

    def test_short_enough_for_a_qr_code(self):
        assert len(sign()) < 120

    def test_signature_covers_scope(self):
        payload, signature = sign().split(".")
        mac = hmac.new(SECRET.encode(), f"{SCOPE}\n{payload}".encode(), hashlib.sha256)
        assert signature == b64(mac.digest())

    def test_deterministic_and_key_order_independent(self):
        assert sign({"a": 1, "b": 2}) == sign({"b": 2, "a": 1})

    def test_non_ascii_values(self):
        values = {"area": "罐区 T-101", "n": [1, 2.5, None, True]}
        assert verify(sign(values)) == TokenCheck("ok", values)

    def test_empty_values(self):
        assert verify(sign({})) == TokenCheck("ok", {})

    def test_surrounding_whitespace_ignored(self):
        assert verify(f"  {sign()}\n").status == "ok"


class TestTampering:
    def test_every_single_payload_character_flip(self):
        token = sign()
        payload, signature = token.split(".")
        for index in range(len(payload)):
            forged = f"{flip(payload, index)}.{signature}"
            assert verify(forged).status == "tampered", index

    def test_every_single_signature_character_flip(self):
        # includes the last character, whose low bits are base64 padding: a
        # non-canonical spelling of the same bytes must not be accepted either
        token = sign()
        payload, signature = token.split(".")
        for index in range(len(signature)):
            forged = f"{payload}.{flip(signature, index)}"
            assert verify(forged).status == "tampered", index

    def test_non_canonical_spelling_of_the_signature(self):
        # 32 bytes take 43 characters; the last one carries 2 unused low bits.
        payload, signature = sign().split(".")
        std_order = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
        twin = std_order[std_order.index(signature[-1]) ^ 0b1]
        assert base64.urlsafe_b64decode(signature[:-1] + twin + "=") == (
            base64.urlsafe_b64decode(signature + "=")
        )
        assert verify(f"{payload}.{signature[:-1]}{twin}").status == "tampered"

    def test_swapped_payload(self):
        other_payload = sign({"permit": 9999}).split(".")[0]
        signature = sign().split(".")[1]
        assert verify(f"{other_payload}.{signature}").status == "tampered"

    def test_other_scope(self):
        assert verify(sign(scope="permit.view"), scope=SCOPE).status == "tampered"
        assert verify(sign(), scope="permit.view").status == "tampered"

    def test_other_secret(self):
        assert verify(sign(secret="another secret")).status == "tampered"
        assert verify(sign(), secret="another secret").status == "tampered"

    def test_tampered_and_expired_reports_tampered(self):
        forged = sign(secret="another secret", exp=NOW - 1)
        assert verify(forged).status == "tampered"


class TestExpiry:
    def test_one_second_before(self):
        assert verify(sign(), now=EXP - 1) == TokenCheck("ok", VALUES)

    def test_exactly_at_exp(self):
        assert verify(sign(), now=EXP) == TokenCheck("expired", None)

    def test_after(self):
        assert verify(sign(), now=EXP + 3600) == TokenCheck("expired", None)

    def test_already_expired_when_signed(self):
        assert verify(sign(exp=0), now=1).status == "expired"


class TestMalformed:
    @pytest.mark.parametrize(
        "token",
        [
            "",
            ".",
            "abc",
            "abc.",
            ".abc",
            "a.b.c",
            "a..b",
            "eyJ4IjoxfQ",
            "not base64!.abc",
            "abc.d e",
            "abc=.def",
            "ab+c.def",
            "A.AAAA",  # one-character payload: not valid base64
            "é.abc",
            None,
            b"abc.def",
            12345,
            ["a", "b"],
        ],
    )
    def test_never_raises(self, token):
        assert verify(token) == TokenCheck("malformed", None)

    def test_signature_of_wrong_length(self):
        payload, signature = sign().split(".")
        assert verify(f"{payload}.{signature[:-4]}").status == "malformed"
        assert verify(f"{payload}.{signature}AAAA").status == "malformed"

    def test_invalid_character_in_payload(self):
        payload, signature = sign().split(".")
        assert verify(f"{payload[:3]}*{payload[4:]}.{signature}").status == "malformed"

    def test_extra_part(self):
        assert verify(sign() + ".x").status == "malformed"

    @pytest.mark.parametrize(
        "payload",
        [
            b"not json",
            b"\xff\xfe",
            b"[1, 2]",
            b'{"v": {}}',
            b'{"exp": 1}',
            b'{"v": [], "exp": 1}',
            b'{"v": {}, "exp": "1"}',
            b'{"v": {}, "exp": true}',
            b'{"v": {}, "exp": 1.5}',
            b'{"v": {}, "exp": 9999999999, "x": 1}',
        ],
    )
    def test_correctly_signed_garbage(self, payload):
        assert verify(signed_raw_payload(payload)) == TokenCheck("malformed", None)

    def test_correctly_signed_raw_json_is_ok(self):
        payload = json.dumps({"v": {"a": 1}, "exp": EXP}).encode()
        assert verify(signed_raw_payload(payload)) == TokenCheck("ok", {"a": 1})


class TestMisuse:
    def test_empty_secret_refused(self):
        with pytest.raises(ValueError):
            sign(secret="")
        with pytest.raises(ValueError):
            verify(sign(), secret="")
        with pytest.raises(ValueError):
            verify("garbage", secret="")

    @pytest.mark.parametrize("exp", [1.5, "1750000000", None, True])
    def test_expiry_must_be_int(self, exp):
        with pytest.raises(TypeError):
            sign(exp=exp)

    def test_values_must_be_a_dict(self):
        with pytest.raises(TypeError):
            sign(values=[1, 2])
