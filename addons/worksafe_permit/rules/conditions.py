"""Weather conditions the standards name: wind force on the Beaufort scale.

Why: GB 30871-2022 stops some outdoor work in strong wind: hot work at force
5 or more is prohibited in principle and, where production really requires
it, done one level up; outdoor lifting at force 6 or more is prohibited;
outdoor work at height stops at force 5.  The thresholds and whether the
"one level up" escape exists are configuration data of each work type; this
module only decides, for one permit, what they mean.
"""

from __future__ import annotations

__all__ = ["ALLOWED", "BEAUFORT_MAX", "PROHIBITED", "UPGRADE", "wind_verdict"]

ALLOWED = "allowed"
UPGRADE = "upgrade"
PROHIBITED = "prohibited"
BEAUFORT_MAX = 12  # the scale's definition (hurricane force), not a standard's limit


def _beaufort(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole Beaufort force, got {value!r}")  # noqa: TRY004
    if not 0 <= value <= BEAUFORT_MAX:
        raise ValueError(f"{name} must be within 0..{BEAUFORT_MAX}, got {value!r}")
    return value


def wind_verdict(
    force: int,
    prohibited_from: int | None,
    *,
    outdoor: bool,
    upgrade_allowed: bool,
    production_requires: bool,
) -> str:
    """``ALLOWED``, ``UPGRADE`` (one level up) or ``PROHIBITED``.

    ``prohibited_from``: the force from which the work type's outdoor work is
    prohibited ("force 5 or more" -> 5, the threshold itself included);
    ``None``/``0`` means the work type has no wind rule.  Indoor work is not
    concerned.  At or above the threshold the work is prohibited unless the
    work type allows the escape (``upgrade_allowed``) *and* the permit says
    production requires it, which raises the level by one.  Forces outside
    the Beaufort scale (negative, above 12, fractions) raise ``ValueError``:
    a typo must not read as calm.
    """
    force = _beaufort(force, "force")
    if not prohibited_from:
        return ALLOWED
    prohibited_from = _beaufort(prohibited_from, "prohibited_from")
    if not outdoor or force < prohibited_from:
        return ALLOWED
    if upgrade_allowed and production_requires:
        return UPGRADE
    return PROHIBITED
