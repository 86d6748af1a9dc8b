"""Simultaneous operations (SIMOPS) conflict detection.

Why: many serious accidents come from two individually safe jobs that are
unsafe together (hot work next to line blinding that releases hydrocarbons,
painting solvent vapour in a confined space where someone welds).  Which
pairs are incompatible, and at what distance, is site configuration
(``SimopsRule`` records); this module only finds the pairs that trip a rule.

Each permit is reduced to a ``Footprint`` (what, where, on which equipment and
pipelines, when) so the check can run on plain data.  Where information is
missing the check errs on the side of reporting a conflict.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

__all__ = [
    "Conflict",
    "Footprint",
    "SimopsRule",
    "find_conflicts",
    "normalize_code",
    "windows_overlap",
]

_TAG_PREFIX = "tag:"


@dataclass(frozen=True)
class Footprint:
    """What one permit occupies.

    ``area_path``: the permit's area id followed by its ancestors (own area
    first).  ``position``: (x, y) in metres on the site plan, ``None`` if not
    located.  The window is half-open ``[start, end)``.
    """

    permit_id: int
    work_type: str
    tags: frozenset[str]
    area_path: tuple[int, ...]
    position: tuple[float, float] | None
    equipment_ids: frozenset[int]
    pipelines: frozenset[str]
    start: datetime
    end: datetime


@dataclass(frozen=True)
class SimopsRule:
    """An incompatibility between two kinds of work.

    ``subject_a``/``subject_b``: a work type code or ``'tag:<tag>'``; the rule
    is symmetric.  ``relation``: ``'same_area'``, ``'distance'`` (within
    ``distance_m`` metres, inclusive), ``'same_pipeline'`` or
    ``'same_equipment'``.  ``action``: ``'block'`` or ``'coordinate'``.
    """

    rule_id: int
    subject_a: str
    subject_b: str
    relation: str
    distance_m: float = 0.0
    action: str = "block"


@dataclass(frozen=True)
class Conflict:
    """A rule tripped by the candidate permit and another permit.

    ``distance_m`` is the measured distance between the two positions when
    both are known, else ``None`` (including a distance rule that fell back to
    the same-area test because a position was missing).
    """

    permit_id: int
    other_id: int
    rule_id: int
    action: str
    distance_m: float | None


def windows_overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether half-open windows ``[a_start, a_end)`` and ``[b_start, b_end)`` overlap.

    Half-open so that a job starting exactly when another ends (a hand-over)
    is not a conflict.
    """
    return a_start < b_end and b_start < a_end


def normalize_code(code: str | None) -> str:
    """The comparison key of a pipeline or equipment code ("" when there is none).

    Why: "two blinding jobs on one pipeline" must trip whether one applicant
    typed ``L-101`` and the other ``l-101``, ``L - 101`` or the full-width
    ``Ｌ－１０１`` of a Chinese input method; a missed match is a missed
    conflict.  So the key is NFKC-normalised (full-width letters, digits,
    hyphens and the ideographic space become their ASCII forms), case-folded,
    and stripped of every whitespace character.  Other punctuation is kept:
    ``L-101`` and ``L101`` may be different lines on a site's numbering.
    """  # noqa: RUF002 - the full-width example is the point
    text = unicodedata.normalize("NFKC", code or "").casefold()
    return "".join(text.split())


def _codes(codes: Iterable[str]) -> set[str]:
    return {key for key in map(normalize_code, codes) if key}


def _subject_matches(subject: str, footprint: Footprint) -> bool:
    if subject.startswith(_TAG_PREFIX):
        return subject[len(_TAG_PREFIX) :] in footprint.tags
    return subject == footprint.work_type


def _rule_applies(rule: SimopsRule, a: Footprint, b: Footprint) -> bool:
    return (_subject_matches(rule.subject_a, a) and _subject_matches(rule.subject_b, b)) or (
        _subject_matches(rule.subject_b, a) and _subject_matches(rule.subject_a, b)
    )


def _same_area(a: Footprint, b: Footprint) -> bool:
    """One's own area is the other's area or one of its ancestors.

    So a job in a sub-area (tank T-101 inside unit U-1) shares the area with a
    job registered on the parent (unit U-1), but two sibling sub-areas do not.
    """
    if not a.area_path or not b.area_path:
        return False
    return a.area_path[0] in b.area_path or b.area_path[0] in a.area_path


def _distance(a: Footprint, b: Footprint) -> float | None:
    if a.position is None or b.position is None:
        return None
    return math.dist(a.position, b.position)


def _relation_holds(rule: SimopsRule, a: Footprint, b: Footprint, dist: float | None) -> bool:
    relation = rule.relation
    if relation == "same_area":
        return _same_area(a, b)
    if relation == "distance":
        if dist is None:
            # Unknown position: we cannot prove the jobs are far apart, so fall
            # back to the coarser area test rather than assume they are.
            return _same_area(a, b)
        return dist <= rule.distance_m
    if relation == "same_pipeline":
        return bool(_codes(a.pipelines) & _codes(b.pipelines))
    if relation == "same_equipment":
        return bool(a.equipment_ids & b.equipment_ids)
    raise ValueError(f"unknown SIMOPS relation {relation!r} in rule {rule.rule_id}")


def find_conflicts(
    candidate: Footprint,
    others: Iterable[Footprint],
    rules: Iterable[SimopsRule],
) -> list[Conflict]:
    """Every (other permit, rule) pair that conflicts with ``candidate``.

    A rule matches a pair in either subject order.  Only permits whose windows
    overlap in time are considered; the candidate itself (same ``permit_id``)
    is skipped.  One pair can trip several rules: each is reported, so the
    user sees every reason.  Sorted with ``'block'`` first, then by other
    permit id, then rule id, for a stable display.  An unknown relation raises
    ``ValueError`` (a misconfigured rule must not silently never fire).
    """
    rules = list(rules)
    conflicts = []
    for other in others:
        if other.permit_id == candidate.permit_id:
            continue
        if not windows_overlap(candidate.start, candidate.end, other.start, other.end):
            continue
        dist = _distance(candidate, other)
        for rule in rules:
            if not _rule_applies(rule, candidate, other):
                continue
            if _relation_holds(rule, candidate, other, dist):
                conflicts.append(
                    Conflict(
                        permit_id=candidate.permit_id,
                        other_id=other.permit_id,
                        rule_id=rule.rule_id,
                        action=rule.action,
                        distance_m=dist,
                    )
                )
    conflicts.sort(key=lambda c: (c.action != "block", c.other_id, c.rule_id))
    return conflicts
