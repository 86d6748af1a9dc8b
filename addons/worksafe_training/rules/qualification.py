"""Who may do which work: the qualification check, without Odoo.

Given the people of a permit with their roles, the requirements of the work type (and variant),
the credentials those people hold (certificates and authorisations with validity ranges, optional
area limits and suspensions), the window to cover and the approved exceptions, return every
problem as a `Problem(person, role, requirement, code, date)`.

A requirement is satisfied by a credential of the same kind and item that
- covers the whole window (starts at or before its start, ends at or after its end, or never
  ends),
- is not suspended during the window,
- and, when the credential is limited to areas (temporary authorisations), names the permit's
  area or one of its parents.

Work with no requirement needs nothing. The function is linear in people * requirements plus
the number of credentials: credentials are indexed once.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

ROLES = ("worker", "watcher", "approver", "analyst")

# problem codes, most serious first (what a refusal reports when several credentials fail)
MISSING = "missing"          # nothing held at all
EXPIRED = "expired"          # ended before the window starts
NOT_YET_VALID = "not_yet_valid"  # starts after the window starts
EXPIRES = "expires"          # ends inside the window
SUSPENDED = "suspended"      # suspended during the window
AREA = "area"                # limited to other areas
CODES = (MISSING, EXPIRED, NOT_YET_VALID, EXPIRES, SUSPENDED, AREA)


@dataclass(frozen=True)
class Requirement:
    """What a role needs: a certificate (item = skill id) or an authorisation (item = work type
    id) for the role."""

    key: object
    role: str
    kind: str  # "certificate" | "authorisation"
    item: object
    label: str = ""


@dataclass(frozen=True)
class Credential:
    """Something a person holds. `role` is None for certificates; for authorisations it is the
    role authorised. `end` None = never expires. `areas` None = anywhere."""

    person: object
    kind: str
    item: object
    start: datetime | None
    end: datetime | None
    role: str | None = None
    areas: frozenset | None = None
    suspended: tuple = field(default=())  # ((start, end|None), ...)
    ref: object = None


@dataclass(frozen=True)
class Problem:
    person: object
    role: str
    requirement: Requirement
    code: str
    date: datetime | None = None
    credential: Credential | None = None


def _overlaps(a_start, a_end, b_start, b_end):
    """Half-open intervals; None end = open-ended."""
    return (b_end is None or a_start < b_end) and (a_end is None or b_start < a_end)


def evaluate(credential, window_start, window_end, area_path=()):
    """Return None when the credential covers the window, else (code, date)."""
    if credential.areas is not None and not (credential.areas & set(area_path)):
        return AREA, None
    if credential.end is not None and credential.end <= window_start:
        return EXPIRED, credential.end
    if credential.start is not None and credential.start > window_start:
        return NOT_YET_VALID, credential.start
    for s_start, s_end in credential.suspended:
        if _overlaps(s_start, s_end, window_start, window_end):
            return SUSPENDED, s_end
    if credential.end is not None and credential.end < window_end:
        return EXPIRES, credential.end
    return None


def _rank(result, credential):
    """Which failing credential to report: the one closest to being good."""
    code, _date = result
    closeness = {AREA: 0, SUSPENDED: 1, EXPIRES: 2, NOT_YET_VALID: 3, EXPIRED: 4}[code]
    end = credential.end or datetime.max
    return (closeness, -end.timestamp() if credential.end else float("-inf"))


def index_credentials(credentials):
    """{(person, kind, item, role): [credential, ...]}; certificates have role None."""
    index = defaultdict(list)
    for credential in credentials:
        role = credential.role if credential.kind == "authorisation" else None
        index[credential.person, credential.kind, credential.item, role].append(credential)
    return index


def check(people_roles, requirements, credentials, window_start, window_end, area_path=(),
          exceptions=()):
    """Every qualification problem of the people for the window.

    people_roles: {person: iterable of roles}
    requirements: iterable of Requirement
    credentials: iterable of Credential
    area_path: the permit's area and its parents (ids), for area-limited credentials
    exceptions: iterable of (person, requirement key) or (person, None) = every requirement of
                that person, approved beforehand
    """
    by_role = defaultdict(list)
    for requirement in requirements:
        by_role[requirement.role].append(requirement)
    if not by_role:
        return []
    index = index_credentials(credentials)
    waived = set(exceptions)
    problems = []
    for person, roles in people_roles.items():
        if (person, None) in waived:
            continue
        for role in sorted(set(roles), key=lambda r: ROLES.index(r) if r in ROLES else 99):
            for requirement in by_role.get(role, ()):
                if (person, requirement.key) in waived:
                    continue
                held_role = role if requirement.kind == "authorisation" else None
                held = index.get((person, requirement.kind, requirement.item, held_role), ())
                failures = []
                for credential in held:
                    result = evaluate(credential, window_start, window_end, area_path)
                    if result is None:
                        failures = None
                        break
                    failures.append((result, credential))
                if failures is None:
                    continue
                if not failures:
                    problems.append(Problem(person, role, requirement, MISSING))
                    continue
                (code, date), credential = min(failures, key=lambda f: _rank(*f))
                problems.append(Problem(person, role, requirement, code, date, credential))
    return problems
