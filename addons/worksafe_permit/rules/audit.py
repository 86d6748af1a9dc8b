"""Tamper-evident audit trail: a hash chain over permit events.

Why: after an incident the permit history is evidence.  Each event stores the
hash of its predecessor and a hash over (sequence, predecessor hash,
canonical payload), so editing, inserting or deleting an event breaks the
chain at a detectable point.  (Removing the *last* events cannot be seen from
the chain alone; the caller should compare the head with an anchor kept
elsewhere, e.g. the event count or head hash recorded on the permit.)

The canonical JSON form is part of the stored data: changing it would
invalidate every existing chain, so treat ``canonical_json`` as frozen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = ["GENESIS", "ChainBreak", "canonical_json", "chain_hash", "verify_chain"]

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainBreak:
    """The first point where a chain fails verification.

    ``reason``: ``'first_not_genesis'`` (event 1 does not start from
    ``GENESIS``), ``'gap'`` (``seq`` is the sequence number that was expected
    but not found, e.g. 3 when event 3 was deleted; ``expected``/``found`` are
    the sequence numbers as strings), ``'prev_mismatch'`` (the event's
    ``prev_hash`` is not the previous event's hash) or ``'hash_mismatch'``
    (the stored hash does not match the event's content).  For hash reasons
    ``expected``/``found`` are the hashes.
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
    ``'hash_mismatch'``).
    """
    expected_seq = 1
    prev = GENESIS
    for seq, prev_hash, stored_hash, payload_json in events:
        if seq != expected_seq:
            return ChainBreak(expected_seq, "gap", str(expected_seq), str(seq))
        if prev_hash != prev:
            reason = "first_not_genesis" if seq == 1 else "prev_mismatch"
            return ChainBreak(seq, reason, prev, prev_hash)
        computed = chain_hash(prev_hash, seq, payload_json)
        if stored_hash != computed:
            return ChainBreak(seq, "hash_mismatch", computed, stored_hash)
        prev = stored_hash
        expected_seq += 1
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
