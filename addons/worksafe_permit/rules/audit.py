"""Tamper-evident audit trail: a hash chain over permit events.

Why: after an incident the permit history is evidence.  Each event stores the
hash of its predecessor and a hash over (sequence, predecessor hash,
canonical payload), so editing, inserting or deleting an event breaks the
chain at a detectable point.  A chain starts at 1: an event numbered 0 or
below is a break too, wherever it sorts.  Removing the *last* events cannot be
seen from the chain alone: an anchor (``SEQ:HASH`` of a past head, kept
outside the database) shows it, see ``parse_anchor`` and ``check_anchor``.

The canonical JSON form is part of the stored data: changing it would
invalidate every existing chain, so treat ``canonical_json`` as frozen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "GENESIS",
    "ChainBreak",
    "canonical_json",
    "chain_hash",
    "check_anchor",
    "linked_id",
    "parse_anchor",
    "shown_column_mismatch",
    "verify_chain",
]

GENESIS = "0" * 64
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class ChainBreak:
    """The first point where a chain fails verification.

    ``reason``: ``'seq_not_positive'`` (an event numbered 0 or below: the
    chain starts at 1, so such a row can only have been added behind
    WorkSafe's back; ``found`` is its number), ``'first_not_genesis'``
    (event 1 does not start from ``GENESIS``), ``'gap'`` (``seq`` is the
    sequence number that was expected but not found, e.g. 3 when event 3 was
    deleted; ``expected``/``found`` are the sequence numbers as strings),
    ``'prev_mismatch'`` (the event's ``prev_hash`` is not the previous
    event's hash) or ``'hash_mismatch'`` (the stored hash does not match the
    event's content).  For hash reasons ``expected``/``found`` are the
    hashes.  Reported by the ORM on top of the chain: ``'column_mismatch'``
    (a column shown to people disagrees with the hashed content; ``found``
    names the column), ``'unnumbered'`` (rows without a number; ``found``
    counts them), ``'anchor_missing'`` (the anchored event is gone: the
    chain was cut) and ``'anchor_mismatch'`` (the anchored event has another
    hash); for anchors ``expected`` is the anchored hash and ``found`` the
    stored one (empty when missing).
    """

    seq: int
    reason: str
    expected: str
    found: str


def _json_default(value: object) -> str:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def canonical_json(payload: Mapping) -> str:
    """One deterministic JSON text for a payload.

    Sorted keys and no whitespace so that the same data always hashes the
    same; ``ensure_ascii=False`` keeps names in any script readable in the
    stored text; datetimes/dates become ISO strings.  NaN/Infinity are
    rejected (not JSON, and not stable across parsers).
    """
    return json.dumps(
        payload,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_json_default,
    )


def chain_hash(prev_hash: str, seq: int, payload_json: str) -> str:
    """SHA-256 hex of ``f"{seq}|{prev_hash}|{payload_json}"`` (UTF-8).

    The sequence number is hashed too, so events cannot be reordered.
    """
    return hashlib.sha256(f"{seq}|{prev_hash}|{payload_json}".encode()).hexdigest()


def verify_chain(events: Iterable[tuple[int, str, str, str]]) -> ChainBreak | None:
    """The first break in a chain, or ``None`` if it is intact (or empty).

    ``events`` are ``(seq, prev_hash, hash, payload_json)`` in ascending
    ``seq``; they are consumed once with O(1) memory, so the ORM can stream
    them from a cursor.  Checks per event, in order: ``seq`` is the next
    expected number starting at 1 (else ``'gap'``, reported at the expected
    number), ``prev_hash`` is ``GENESIS`` for seq 1 (else
    ``'first_not_genesis'``) or the previous stored hash (else
    ``'prev_mismatch'``), and the stored hash matches the content (else
    ``'hash_mismatch'``).  An event numbered below 1 is reported as such
    (``'seq_not_positive'``) rather than as a gap at 1, so the reader is sent
    to the forged row.
    """
    prev = GENESIS
    for expected_seq, (seq, prev_hash, stored_hash, payload_json) in enumerate(events, 1):
        if seq < 1:
            return ChainBreak(seq, "seq_not_positive", "1", str(seq))
        if seq != expected_seq:
            return ChainBreak(expected_seq, "gap", str(expected_seq), str(seq))
        if prev_hash != prev:
            reason = "first_not_genesis" if seq == 1 else "prev_mismatch"
            return ChainBreak(seq, reason, prev, prev_hash)
        computed = chain_hash(prev_hash, seq, payload_json)
        if stored_hash != computed:
            return ChainBreak(seq, "hash_mismatch", computed, stored_hash)
        prev = stored_hash
    return None


def shown_column_mismatch(payload_json: str, shown: Mapping[str, object]) -> str | None:
    """Name the first column shown to people that disagrees with the hashed content.

    The hash covers ``payload_json``; lists and forms show copies of some of its values
    in their own columns. An edit of such a column alone would leave the chain intact
    while misleading the reader, so each copy is compared with the content. Keys missing
    from an older payload are not compared; empty values (None, False, "") are equal.
    """
    try:
        payload = json.loads(payload_json)
    except (TypeError, ValueError):
        return "payload_json"
    if not isinstance(payload, dict):
        return "payload_json"
    for key, value in shown.items():
        if key not in payload:
            continue
        expected = payload[key]
        if (expected in (None, False, "")) and (value in (None, False, "")):
            continue
        if expected != value:
            return key
    return None


def linked_id(payload_json: str, key: str) -> int | None:
    """The record id the hashed content names under ``key`` (e.g. ``permit_id``), or None.

    Why: a link column may legitimately be emptied when the linked record is deleted (a
    draft permit), but only then; the caller compares it with this id to tell a deletion
    from an event hidden from a timeline.
    """
    try:
        payload = json.loads(payload_json)
    except (TypeError, ValueError):
        return None
    value = payload.get(key) if isinstance(payload, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value else None


def parse_anchor(text: str) -> tuple[int, str]:
    """``"SEQ:HASH"`` as ``(seq, hash)``; ``ValueError`` naming what is wrong otherwise.

    Why strict: an anchor is typed or pasted by a person from a file, a mail or a
    webhook log; a typo must be a clear refusal, never a silent pass (a shortened hash
    that happened to compare unequal would still be reported as tampering, which sends
    investigators the wrong way). ``SEQ`` is a whole number from 1, ``HASH`` 64 hex
    digits (case-insensitive, stored lowercase); spaces around either are ignored.
    """
    if not isinstance(text, str) or ":" not in text:
        raise ValueError("expected SEQ:HASH, e.g. 42:<64 hex digits>")
    seq_text, _sep, digest = (part.strip() for part in text.partition(":"))
    if not seq_text.isascii() or not seq_text.isdigit() or int(seq_text) < 1:
        raise ValueError("SEQ must be a whole number from 1")
    digest = digest.lower()
    if len(digest) != 64 or not set(digest) <= _HEX:
        raise ValueError("HASH must be 64 hexadecimal digits")
    return int(seq_text), digest


def check_anchor(seq: int, anchored_hash: str, stored_hash: str | None) -> ChainBreak | None:
    """Compare an anchor with the event the chain now holds at ``seq``.

    Why: deleting the newest events leaves a shorter chain that verifies; only a head
    recorded outside the database (the anchor) shows that event ``seq`` is gone
    (``'anchor_missing'``) or was replaced by a rebuilt chain (``'anchor_mismatch'``).
    """
    if stored_hash is None:
        return ChainBreak(seq, "anchor_missing", anchored_hash, "")
    if stored_hash != anchored_hash:
        return ChainBreak(seq, "anchor_mismatch", anchored_hash, stored_hash)
    return None
