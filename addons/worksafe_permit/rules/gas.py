"""Gas-test evaluation: is the atmosphere safe enough to start or continue?

Why this lives outside the ORM: the pass/fail decision for a gas test is the
single most safety-critical computation of a permit, so it must be a small,
deterministic function that can be tested at every boundary without a
database.  Limits are *data* (``GasLimit`` records built by the caller from
configuration, e.g. GB 30871 values); nothing here knows a standard's number.

Conventions
-----------
* A value exactly at a limit passes (GB 30871 words limits as "not above" /
  "not below").  To keep that true after a unit conversion, a value within a
  relative 1e-9 of the limit is treated as equal to it: floating-point noise
  from ``ppm -> mg/m3 -> ppm`` must not turn a pass into a fail or back.
* Units: ``'ppm'``, ``'mg/m3'``, ``'%vol'`` (1 %vol = 10 000 ppm) and
  ``'%LEL'``.  Unit strings are compared case-insensitively and a few common
  spellings (``mg/m³``, ``vol%``, ``%LEL``/``%lel``) are accepted, because they
  come from user-maintained records and instrument imports.
* Gas codes are compared after ``strip()`` + ``casefold()``: a reading coded
  ``h2s`` silently escaping the ``H2S`` limit would be a false pass.
* Anything that cannot be evaluated (unknown unit, missing molar mass or
  molar volume, non-finite value) is *not* a pass: ``evaluate_reading`` raises
  and ``evaluate_gas_test`` reports the gas code as unconvertible.
* ppm <-> mg/m3 depends on the reference conditions of the limit, given as a
  molar volume (L/mol) by the caller, never assumed here: GBZ 2.1 limits refer
  to GBZ 159's standard sampling volume (20 °C, 101.3 kPa: 24.04 L/mol),
  whereas 25 °C (24.45 L/mol) would understate mg/m3 by about 1.7 %, which is
  not conservative at a limit.  The product keeps the value as a setting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "GasLimit",
    "GasReading",
    "GasVerdict",
    "LimitBreach",
    "applicable_limits",
    "convert",
    "evaluate_gas_test",
    "evaluate_reading",
    "mg_m3_to_ppm",
    "ppm_to_mg_m3",
]

# Numerical tolerance for "value == limit" after float arithmetic.  This is not
# a safety margin (instruments resolve 3-4 significant digits at best).
_REL_TOL = 1e-9
_ABS_TOL = 1e-12

_PPM_PER_PERCENT_VOL = 10_000.0  # definition of ppm (parts per million by volume)

_UNIT_ALIASES = {
    "ppm": "ppm",
    "mg/m3": "mg/m3",
    "mg/m³": "mg/m3",
    "mg/m^3": "mg/m3",
    "mg/m**3": "mg/m3",
    "%vol": "%vol",
    "% vol": "%vol",
    "vol%": "%vol",
    "vol %": "%vol",
    "%v/v": "%vol",
    "%lel": "%lel",
    "% lel": "%lel",
    "lel%": "%lel",
    "lel %": "%lel",
}


@dataclass(frozen=True)
class GasLimit:
    """One configured limit for one gas.

    ``lel_min``/``lel_max`` (the gas's own LEL, in %vol) restrict the limit to
    combustible gases whose LEL lies in ``[lel_min, lel_max)``; ``None`` means
    unbounded on that side.  This is how GB 30871 distinguishes combustible
    gases with LEL >= 4 % (limit 0.5 %vol) from those below (0.2 %vol).
    """

    gas_code: str
    unit: str
    min_value: float | None = None
    max_value: float | None = None
    lel_min: float | None = None
    lel_max: float | None = None


@dataclass(frozen=True)
class GasReading:
    """One measured value.

    ``lel_percent`` is the LEL (in %vol) of the gas actually measured, needed
    to pick the right combustible limit and to convert %LEL readings;
    ``molar_mass`` (g/mol) and ``molar_volume`` (L/mol, the reference
    conditions of the limits) are needed to convert between ppm and mg/m3.
    """

    gas_code: str
    value: float
    unit: str
    lel_percent: float | None = None
    molar_mass: float | None = None
    molar_volume: float | None = None


@dataclass(frozen=True)
class LimitBreach:
    """A reading outside a limit.

    ``value`` is the reading expressed in the *limit's* unit (``unit``), so
    ``value`` and ``limit`` are directly comparable in a message.
    ``bound`` is ``'min'`` or ``'max'``.
    """

    gas_code: str
    value: float
    unit: str
    bound: str
    limit: float


@dataclass(frozen=True)
class GasVerdict:
    """Outcome of a whole gas test.

    ``missing``: required gas codes with no reading at all.
    ``unconvertible``: gas codes having a reading that could not be compared
    with its limit (no molar mass, unknown unit, non-finite value...).
    """

    passed: bool
    breaches: tuple[LimitBreach, ...]
    missing: tuple[str, ...]
    unconvertible: tuple[str, ...]


def _norm_unit(unit: str) -> str:
    key = (unit or "").strip().casefold()
    try:
        return _UNIT_ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}") from None


def _norm_code(code: str) -> str:
    return (code or "").strip().casefold()


def _positive(name: str, number: float | None) -> float:
    if number is None or isinstance(number, bool):
        raise ValueError(f"{name} is required for this conversion")
    number = float(number)
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {number!r}")
    return number


def ppm_to_mg_m3(ppm: float, molar_mass: float, molar_volume: float) -> float:
    """ppm (by volume) -> mg/m3 at the conditions that give ``molar_volume`` (L/mol).

    mg/m3 = ppm x M / Vm.  ``molar_volume`` has no default on purpose: the
    reference conditions belong to the limit (GBZ 159: 20 °C, 101.3 kPa ->
    24.04 L/mol), so the caller must say which one it compares against.
    """
    molar_mass = _positive("molar_mass", molar_mass)
    molar_volume = _positive("molar_volume", molar_volume)
    return ppm * molar_mass / molar_volume


def mg_m3_to_ppm(mg: float, molar_mass: float, molar_volume: float) -> float:
    """mg/m3 -> ppm (by volume); inverse of :func:`ppm_to_mg_m3`."""
    molar_mass = _positive("molar_mass", molar_mass)
    molar_volume = _positive("molar_volume", molar_volume)
    return mg * molar_volume / molar_mass


def convert(
    value: float,
    from_unit: str,
    to_unit: str,
    molar_mass: float | None = None,
    molar_volume: float | None = None,
    *,
    lel_percent: float | None = None,
) -> float:
    """Convert a concentration between ``ppm``, ``mg/m3``, ``%vol`` and ``%LEL``.

    Raises ``ValueError`` when the conversion is impossible rather than
    guessing: mg/m3 needs the molar mass and the molar volume of the
    reference conditions, %LEL needs the gas's LEL
    (``lel_percent``, keyword-only extension: without it %LEL converts only to
    itself), unknown units are rejected.
    """
    src = _norm_unit(from_unit)
    dst = _norm_unit(to_unit)
    if src == dst:
        return float(value)

    # Bring everything to ppm, then out to the target unit.
    if src == "ppm":
        ppm = float(value)
    elif src == "%vol":
        ppm = value * _PPM_PER_PERCENT_VOL
    elif src == "mg/m3":
        ppm = mg_m3_to_ppm(value, molar_mass, molar_volume)
    else:  # %lel
        lel = _positive("lel_percent", lel_percent)
        ppm = value * lel / 100.0 * _PPM_PER_PERCENT_VOL

    if dst == "ppm":
        return ppm
    if dst == "%vol":
        return ppm / _PPM_PER_PERCENT_VOL
    if dst == "mg/m3":
        return ppm_to_mg_m3(ppm, molar_mass, molar_volume)
    lel = _positive("lel_percent", lel_percent)  # dst == %lel
    return ppm / _PPM_PER_PERCENT_VOL * 100.0 / lel


def _has_lel_bounds(limit: GasLimit) -> bool:
    return limit.lel_min is not None or limit.lel_max is not None


def applicable_limits(reading: GasReading, limits: Iterable[GasLimit]) -> list[GasLimit]:
    """The limits that apply to ``reading``.

    A limit applies when its gas code matches and, if it has LEL bounds, the
    reading's ``lel_percent`` lies in ``[lel_min, lel_max)``.  When the reading
    does not say which LEL its gas has, *every* LEL-bounded limit applies, so
    the strictest one decides: not knowing the gas must not loosen the rule.
    """
    code = _norm_code(reading.gas_code)
    lel = reading.lel_percent
    result = []
    for limit in limits:
        if _norm_code(limit.gas_code) != code:
            continue
        if _has_lel_bounds(limit) and lel is not None:
            if limit.lel_min is not None and lel < limit.lel_min:
                continue
            if limit.lel_max is not None and lel >= limit.lel_max:
                continue
        result.append(limit)
    return result


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=_ABS_TOL)


def evaluate_reading(reading: GasReading, limits: Iterable[GasLimit]) -> tuple[LimitBreach, ...]:
    """All breaches of ``reading`` against its applicable limits.

    A value at a bound passes.  When a limit is expressed in another unit the
    reading is converted with :func:`convert` (using the reading's molar mass
    and LEL); ``ValueError`` is raised if that is impossible or if the value is
    not a finite number, because an unevaluable reading must never pass.
    """
    try:
        value = float(reading.value)
    except (TypeError, ValueError):
        raise ValueError(f"reading value for {reading.gas_code!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"reading value for {reading.gas_code!r} is not finite")
    _norm_unit(reading.unit)  # an unknown unit is an error even when no limit applies
    breaches = []
    for limit in applicable_limits(reading, limits):
        measured = convert(
            value,
            reading.unit,
            limit.unit,
            molar_mass=reading.molar_mass,
            molar_volume=reading.molar_volume,
            lel_percent=reading.lel_percent,
        )
        if (
            limit.min_value is not None
            and measured < limit.min_value
            and not _close(measured, limit.min_value)
        ):
            breaches.append(
                LimitBreach(reading.gas_code, measured, limit.unit, "min", limit.min_value)
            )
        if (
            limit.max_value is not None
            and measured > limit.max_value
            and not _close(measured, limit.max_value)
        ):
            breaches.append(
                LimitBreach(reading.gas_code, measured, limit.unit, "max", limit.max_value)
            )
    return tuple(breaches)


def evaluate_gas_test(
    readings: Iterable[GasReading],
    limits: Iterable[GasLimit],
    required_gas_codes: Iterable[str] = (),
) -> GasVerdict:
    """Verdict for one gas test (several readings, e.g. top/middle/bottom).

    Passes only when there is no breach, every required gas has at least one
    reading and every reading could be evaluated.  Unconvertible readings are
    collected instead of raising so that the user sees the complete picture in
    one go.  Codes in ``missing``/``unconvertible`` are reported as given by
    the caller, without duplicates, in first-seen order.
    """
    limits = list(limits)  # iterated once per reading
    breaches: list[LimitBreach] = []
    unconvertible: dict[str, str] = {}
    seen: set[str] = set()
    for reading in readings:
        seen.add(_norm_code(reading.gas_code))
        try:
            breaches.extend(evaluate_reading(reading, limits))
        except ValueError:
            unconvertible.setdefault(_norm_code(reading.gas_code), reading.gas_code)
    missing: dict[str, str] = {}
    for code in required_gas_codes:
        if _norm_code(code) not in seen:
            missing.setdefault(_norm_code(code), code)
    return GasVerdict(
        passed=not breaches and not missing and not unconvertible,
        breaches=tuple(breaches),
        missing=tuple(missing.values()),
        unconvertible=tuple(unconvertible.values()),
    )
