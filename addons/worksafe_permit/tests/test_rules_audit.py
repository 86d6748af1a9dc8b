"""Plain-pytest tests of rules/audit.py (no Odoo, no database)."""

import hashlib
import json
from datetime import date, datetime

import pytest

from ..rules import audit

ChainBreak = audit.ChainBreak
GENESIS = audit.GENESIS


class TestCanonicalJson:
    def test_sorted_compact(self):
        assert audit.canonical_json({"b": 1, "a": [1, 2], "c": {"z": 1, "y": None}}) == (
            '{"a":[1,2],"b":1,"c":{"y":null,"z":1}}'
        )

    def test_key_order_does_not_matter(self):
        assert audit.canonical_json({"x": 1, "y": 2}) == audit.canonical_json({"y": 2, "x": 1})

    def test_non_ascii_kept(self):
        assert audit.canonical_json({"name": "动火作业 – Ölwerk"}) == (
            '{"name":"动火作业 – Ölwerk"}'
        )

    def test_datetimes_as_iso(self):
        payload = {"at": datetime(2025, 6, 2, 8, 30, 15), "day": date(2025, 6, 2)}
        assert audit.canonical_json(payload) == ('{"at":"2025-06-02T08:30:15","day":"2025-06-02"}')

    def test_round_trips_through_json(self):
        payload = {"values": {"state": "approved", "level": 2}, "summary": "ok", "ids": [3]}
        assert json.loads(audit.canonical_json(payload)) == payload

    def test_unsupported_type(self):
        with pytest.raises(TypeError):
            audit.canonical_json({"x": object()})

    def test_nan_rejected(self):
        with pytest.raises(ValueError):
            audit.canonical_json({"x": float("nan")})


class TestChainHash:
    def test_genesis(self):
        assert GENESIS == "0" * 64

    def test_definition(self):
        expected = hashlib.sha256(f"1|{GENESIS}|{{}}".encode()).hexdigest()
        assert audit.chain_hash(GENESIS, 1, "{}") == expected

    def test_utf8(self):
        payload = '{"n":"氧气"}'
        expected = hashlib.sha256(f"2|{'a' * 64}|{payload}".encode()).hexdigest()
        assert audit.chain_hash("a" * 64, 2, payload) == expected

    def test_depends_on_every_input(self):
        base = audit.chain_hash(GENESIS, 1, "{}")
        assert audit.chain_hash(GENESIS, 2, "{}") != base
        assert audit.chain_hash("1" * 64, 1, "{}") != base
        assert audit.chain_hash(GENESIS, 1, '{"a":1}') != base

    def test_is_lowercase_hex_64(self):
        digest = audit.chain_hash(GENESIS, 1, "{}")
        assert len(digest) == 64 and digest == digest.lower()
        int(digest, 16)


def make_chain(count):
    """Events as the ORM stores them: (seq, prev_hash, hash, payload_json)."""
    events, prev = [], GENESIS
    for seq in range(1, count + 1):
        payload = audit.canonical_json({"type": "state", "seq": seq, "permit": "PTW/0001"})
        digest = audit.chain_hash(prev, seq, payload)
        events.append((seq, prev, digest, payload))
        prev = digest
    return events


def edit_payload(event, **changes):
    seq, prev, digest, payload = event
    data = json.loads(payload)
    data.update(changes)
    return (seq, prev, digest, audit.canonical_json(data))


class TestVerifyChain:
    def test_intact_chain_of_5(self):
        assert audit.verify_chain(make_chain(5)) is None

    def test_empty_chain(self):
        assert audit.verify_chain([]) is None

    def test_single_event(self):
        assert audit.verify_chain(make_chain(1)) is None

    def test_accepts_a_generator(self):
        assert audit.verify_chain(iter(make_chain(5))) is None

    def test_edited_payload_of_event_3(self):
        events = make_chain(5)
        events[2] = edit_payload(events[2], type="approved")
        brk = audit.verify_chain(events)
        assert brk == ChainBreak(
            3, "hash_mismatch", audit.chain_hash(events[2][1], 3, events[2][3]), events[2][2]
        )

    def test_deleted_event_3_is_a_gap_at_3(self):
        events = make_chain(5)
        del events[2]
        assert audit.verify_chain(events) == ChainBreak(3, "gap", "3", "4")

    def test_event_3_edited_and_rehashed_breaks_at_4(self):
        events = make_chain(5)
        seq, prev, old_hash, _payload = events[2]
        forged_payload = edit_payload(events[2], type="approved")[3]
        new_hash = audit.chain_hash(prev, seq, forged_payload)
        events[2] = (seq, prev, new_hash, forged_payload)
        assert audit.verify_chain(events) == ChainBreak(4, "prev_mismatch", new_hash, old_hash)

    def test_edited_hash_of_last_event(self):
        events = make_chain(5)
        seq, prev, digest, payload = events[4]
        events[4] = (seq, prev, "f" * 64, payload)
        assert audit.verify_chain(events) == ChainBreak(5, "hash_mismatch", digest, "f" * 64)

    def test_first_event_not_from_genesis(self):
        events = make_chain(3)
        seq, _prev, _digest, payload = events[0]
        forged_prev = "1" * 64
        events[0] = (seq, forged_prev, audit.chain_hash(forged_prev, seq, payload), payload)
        assert audit.verify_chain(events) == ChainBreak(
            1, "first_not_genesis", GENESIS, forged_prev
        )

    def test_first_event_deleted(self):
        assert audit.verify_chain(make_chain(3)[1:]) == ChainBreak(1, "gap", "1", "2")

    def test_duplicated_event(self):
        events = make_chain(3)
        events.insert(2, events[1])
        assert audit.verify_chain(events) == ChainBreak(3, "gap", "3", "2")

    def test_swapped_events(self):
        events = make_chain(4)
        events[1], events[2] = events[2], events[1]
        assert audit.verify_chain(events) == ChainBreak(2, "gap", "2", "3")

    def test_renumbered_after_deletion(self):
        # delete event 3 and renumber 4, 5 -> 3, 4: the hashes cover seq and prev
        events = make_chain(5)
        renumbered = events[:2] + [(s - 1, p, h, j) for s, p, h, j in events[3:]]
        brk = audit.verify_chain(renumbered)
        assert (brk.seq, brk.reason) == (3, "prev_mismatch")

    def test_reports_only_the_first_break(self):
        events = make_chain(5)
        events[1] = edit_payload(events[1], type="x")
        events[3] = edit_payload(events[3], type="y")
        assert audit.verify_chain(events).seq == 2

    def test_stops_reading_at_the_first_break(self):
        events = make_chain(5)
        events[1] = edit_payload(events[1], type="x")

        def stream():
            yield from events[:2]
            raise AssertionError("read past the break")

        assert audit.verify_chain(stream()).seq == 2

    def test_long_chain_streamed(self):
        def stream(count):
            prev = GENESIS
            for seq in range(1, count + 1):
                payload = f'{{"seq":{seq}}}'
                digest = audit.chain_hash(prev, seq, payload)
                yield seq, prev, digest, payload
                prev = digest

        assert audit.verify_chain(stream(20_000)) is None

    def test_truncated_tail_is_not_visible_without_an_anchor(self):
        # Documented limitation: the caller must compare the head with an anchor.
        assert audit.verify_chain(make_chain(5)[:3]) is None


class TestNumbersBelowOne:
    def test_event_numbered_zero_is_a_break_at_that_event(self):
        forged = audit.canonical_json({"type": "forged"})
        events = [(0, GENESIS, audit.chain_hash(GENESIS, 0, forged), forged), *make_chain(3)]
        assert audit.verify_chain(events) == ChainBreak(0, "seq_not_positive", "1", "0")

    def test_negative_number_is_a_break(self):
        forged = audit.canonical_json({"type": "forged"})
        events = [(-4, GENESIS, audit.chain_hash(GENESIS, -4, forged), forged), *make_chain(2)]
        assert audit.verify_chain(events).reason == "seq_not_positive"


class TestAnchors:
    digest = "ab" * 32

    def test_parse(self):
        assert audit.parse_anchor(f"42:{self.digest}") == (42, self.digest)

    def test_parse_tolerates_case_and_spaces(self):
        assert audit.parse_anchor(f" 42 : {self.digest.upper()} ") == (42, self.digest)

    @pytest.mark.parametrize("text", [
        "", "42", "abc:def", f"0:{'ab' * 32}", f"-1:{'ab' * 32}", f"4.5:{'ab' * 32}",
        "3:abc", f"3:{'zz' * 32}", f"3:{'ab' * 33}", f"٣:{'ab' * 32}", None,
    ])
    def test_malformed_is_a_value_error(self, text):
        with pytest.raises(ValueError):
            audit.parse_anchor(text)

    def test_check_anchor(self):
        assert audit.check_anchor(5, self.digest, self.digest) is None
        assert audit.check_anchor(5, self.digest, None) == ChainBreak(
            5, "anchor_missing", self.digest, "")
        assert audit.check_anchor(5, self.digest, "f" * 64) == ChainBreak(
            5, "anchor_mismatch", self.digest, "f" * 64)

    def test_truncated_tail_is_visible_with_an_anchor(self):
        events = make_chain(5)
        seq, _prev, digest, _payload = events[-1]
        kept = {e[0]: e[2] for e in events[:3]}
        assert audit.verify_chain(events[:3]) is None
        assert audit.check_anchor(seq, digest, kept.get(seq)).reason == "anchor_missing"


class TestLinkedId:
    def test_named_permit(self):
        assert audit.linked_id('{"permit_id":7}', "permit_id") == 7

    @pytest.mark.parametrize("payload", ['{"permit_id":false}', '{"permit_id":true}', "{}",
                                         '{"permit_id":"7"}', "[]", "not json", None])
    def test_no_permit(self, payload):
        assert audit.linked_id(payload, "permit_id") is None
