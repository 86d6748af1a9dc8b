"""Alarm semantics for live sensor readings: levels, hysteresis, latching, staleness,
TWA / STEL.

Pure Python (standard library only): the bridge loads this file by path (it runs without
Odoo) and the Odoo models import it, so both sides take the same decisions.

Vocabulary
----------
* level: ``normal`` < ``warning`` (A1) < ``alarm`` (A2) < ``critical`` (trips the
  interlock and suspends the permit).  ``fault`` (stale, offline, bad quality, calibration
  or bump test overdue) is ranked with ``alarm``: an unknown atmosphere is unsafe.
* setpoints come from the permit's gas limits (data), the early-warning ratios and the
  hysteresis from company settings (data): nothing here knows a standard's number.
* hysteresis: a high level clears only once the value is below ``(1 - deadband)`` of its
  setpoint (detectors: 80 % of the setpoint); a low level (oxygen deficiency) only once the
  value is above ``(1 + deadband_low)`` of it.
* latching (ISA-18.2): an alarm stays until the condition is normal *and* somebody
  acknowledged it; acknowledging records who and when and never clears by itself.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field, replace

NORMAL, WARNING, ALARM, CRITICAL, FAULT = "normal", "warning", "alarm", "critical", "fault"
LEVELS = (NORMAL, WARNING, ALARM, CRITICAL)
RANK = {NORMAL: 0, WARNING: 1, ALARM: 2, FAULT: 2, CRITICAL: 3}

TWA_WINDOW_S = 8 * 3600.0
STEL_WINDOW_S = 15 * 60.0


def rank(level: str) -> int:
    return RANK.get(level, 0)


def worst(*levels: str) -> str:
    """The most severe level (``critical`` beats ``fault`` beats ``alarm``...)."""
    best = NORMAL
    for level in levels:
        if rank(level) > rank(best) or (rank(level) == rank(best) and level == FAULT):
            best = level
    return best


@dataclass(frozen=True)
class Setpoints:
    """Thresholds of one measurement, in ``unit``.  ``None`` means "no such level".

    ``high`` / ``low`` are (warning, alarm, critical) triples: high setpoints trip on a
    value *above* them, low setpoints on a value *below* them.  A value exactly at a
    setpoint does not trip (limits read "not above" / "not below").
    """

    code: str
    unit: str
    high: tuple = (None, None, None)
    low: tuple = (None, None, None)
    twa: float | None = None
    stel: float | None = None
    deadband: float = 0.2
    deadband_low: float = 0.01


def setpoints_from_limit(code, unit, min_value=None, max_value=None, *, kind="toxic",
                         warning_ratio=0.5, alarm_ratio=0.8, twa=None, stel=None,
                         deadband=0.2, deadband_low=0.01) -> Setpoints:
    """Derive the alarm ladder from a permit limit.

    The permit's limit is the *critical* setpoint: beyond it the conditions the permit was
    granted on no longer hold.  For rising toxic / combustible limits, warning and alarm
    come earlier, at ``warning_ratio`` and ``alarm_ratio`` of the limit (company settings).
    Oxygen and falling limits get no early rungs: a ratio of 19.5 % vol or of 23.5 % vol
    means nothing (normal air is 20.9 %).
    """
    high = (None, None, None)
    low = (None, None, None)
    if max_value is not None:
        if kind in ("toxic", "combustible") and max_value > 0:
            high = (max_value * warning_ratio if warning_ratio else None,
                    max_value * alarm_ratio if alarm_ratio else None, max_value)
        else:
            high = (None, None, max_value)
    if min_value is not None:
        low = (None, None, min_value)
    return Setpoints(code, unit, high, low, twa, stel, deadband, deadband_low)


def _above(value, setpoint, clear_factor=1.0):
    return setpoint is not None and value > setpoint * clear_factor and not math.isclose(
        value, setpoint * clear_factor, rel_tol=1e-9, abs_tol=1e-12)


def _below(value, setpoint, clear_factor=1.0):
    return setpoint is not None and value < setpoint * clear_factor and not math.isclose(
        value, setpoint * clear_factor, rel_tol=1e-9, abs_tol=1e-12)


def classify(value: float, sp: Setpoints, current: str = NORMAL) -> str:
    """Level of ``value`` given the level it had (``current``), with hysteresis.

    A rung at or below the current level stays tripped until the value leaves the deadband
    (so a value oscillating around a setpoint does not chatter); a higher rung trips at the
    setpoint itself.  Non-finite values are faults.
    """
    try:
        value = float(value)
    except (TypeError, ValueError):
        return FAULT
    if not math.isfinite(value):
        return FAULT
    held = rank(current) if current in LEVELS else 0
    level = 0
    for i, (hi, lo) in enumerate(zip(sp.high, sp.low, strict=True)):
        rung = i + 1
        hold = rung <= held
        # a held rung keeps its deadband only on the side the value is on: with a band
        # (oxygen 19.5-23.5 %) the high deadband must not hold a low alarm, and vice versa
        mid = (hi + lo) / 2.0 if hi is not None and lo is not None else None
        hi_factor = (1.0 - sp.deadband) if hold and (mid is None or value > mid) else 1.0
        lo_factor = (1.0 + sp.deadband_low) if hold and (mid is None or value < mid) else 1.0
        if _above(value, hi, hi_factor) or _below(value, lo, lo_factor):
            level = rung
    return LEVELS[level]


# ---------------------------------------------------------------- latching
@dataclass(frozen=True)
class Latch:
    """State of one alarm (one device measurement): what it is now, the worst it reached,
    and whether that was acknowledged.  ``open`` is False once it is normal and acked."""

    level: str = NORMAL
    peak: str = NORMAL
    acked: bool = True

    @property
    def open(self) -> bool:
        return self.peak != NORMAL and not (self.level == NORMAL and self.acked)

    @property
    def state(self) -> str:
        """active / acknowledged / unacked_normal / closed (ISA-18.2 state names)."""
        if not self.open:
            return "closed"
        if self.level != NORMAL:
            return "acknowledged" if self.acked else "active"
        return "unacked_normal"


def latch_level(latch: Latch, level: str) -> tuple[Latch, str | None]:
    """Feed the current level.  Returns the new latch and the event to report:
    ``raise`` (new or escalated alarm: needs a fresh acknowledgement), ``normal``
    (condition gone; still latched if unacknowledged), ``close`` (latch released),
    ``change`` (de-escalated but not normal) or None."""
    if not latch.open:
        latch = Latch()
    if rank(level) > rank(latch.level) or (level == FAULT and latch.level != FAULT
                                           and rank(level) >= rank(latch.level)):
        peak = worst(latch.peak, level)
        return Latch(level, peak, False), "raise"
    if level == latch.level:
        return latch, None
    if level == NORMAL:
        new = replace(latch, level=NORMAL)
        return (Latch(), "close") if not new.open else (new, "normal")
    return replace(latch, level=level), "change"


def latch_ack(latch: Latch) -> tuple[Latch, str | None]:
    """Acknowledge: records the operator saw it.  Closes only if already normal."""
    if not latch.open:
        return latch, None
    new = replace(latch, acked=True)
    return (Latch(), "close") if not new.open else (new, "ack")


# ---------------------------------------------------------------- staleness
def stale_after(reporting_interval_s: float, keepalive_s: float = 0.0, factor: float = 3.0):
    """Seconds of silence after which a sensor is stale: max(factor × interval,
    2 × keepalive)."""
    return max(factor * max(reporting_interval_s or 0.0, 0.0), 2.0 * (keepalive_s or 0.0))


def fault_reasons(*, now, last_seen=None, reporting_interval_s=60.0, keepalive_s=0.0,
                  stale_factor=3.0, online=True, quality="good", calibration_due=None,
                  bump_test_due=None, today=None) -> list[str]:
    """Why a sensor cannot be trusted right now (empty list: it can).

    ``now``/``last_seen`` are epoch seconds on the *receiver's* clock; ``calibration_due``
    and ``bump_test_due`` are dates compared with ``today`` (a date).
    """
    reasons = []
    if not online:
        reasons.append("offline")
    if last_seen is None:
        reasons.append("never_seen")
    elif now - last_seen > stale_after(reporting_interval_s, keepalive_s, stale_factor):
        reasons.append("stale")
    if quality not in (None, "good"):
        reasons.append("bad_quality")
    if today is not None:
        if calibration_due is not None and calibration_due < today:
            reasons.append("calibration_overdue")
        if bump_test_due is not None and bump_test_due < today:
            reasons.append("bump_test_overdue")
    return reasons


# ---------------------------------------------------------------- TWA / STEL
@dataclass
class Exposure:
    """Time-weighted running averages of one measurement (step interpolation: a value
    holds until the next sample; gaps longer than ``max_gap_s`` count as zero exposure,
    like the unmeasured part of a shift in an 8-h TWA)."""

    max_gap_s: float = 300.0
    horizon_s: float = TWA_WINDOW_S
    _samples: deque = field(default_factory=deque)  # (t, value, integral up to t)

    def add(self, t: float, value: float) -> None:
        value = max(float(value), 0.0)
        if self._samples:
            t0, v0, acc = self._samples[-1]
            if t <= t0:
                return  # out of order or duplicate: ignore
            acc += v0 * min(t - t0, self.max_gap_s)
        else:
            acc = 0.0
        self._samples.append((t, value, acc))
        while len(self._samples) > 2 and self._samples[1][0] < t - self.horizon_s:
            self._samples.popleft()

    def _integral_at(self, t: float) -> float:
        """Integral from the first sample to ``t``."""
        samples = self._samples
        if not samples or t <= samples[0][0]:
            return 0.0
        lo, hi = 0, len(samples) - 1
        while lo < hi:  # last sample with time <= t
            mid = (lo + hi + 1) // 2
            if samples[mid][0] <= t:
                lo = mid
            else:
                hi = mid - 1
        ts, v, acc = samples[lo]
        return acc + v * min(t - ts, self.max_gap_s)

    def average(self, now: float, window_s: float) -> float:
        """Average over the last ``window_s`` seconds ending at ``now`` (the window is
        the divisor even when fewer data exist: the 8-h TWA definition)."""
        if not self._samples:
            return 0.0
        return (self._integral_at(now) - self._integral_at(now - window_s)) / window_s

    def twa(self, now: float) -> float:
        return self.average(now, TWA_WINDOW_S)

    def stel(self, now: float) -> float:
        return self.average(now, STEL_WINDOW_S)


def exposure_level(exposure: Exposure, now: float, sp: Setpoints) -> str:
    """``alarm`` when the 15-min STEL or the 8-h TWA exceeds its limit (both in sp.unit)."""
    if sp.stel is not None and _above(exposure.stel(now), sp.stel):
        return ALARM
    if sp.twa is not None and _above(exposure.twa(now), sp.twa):
        return ALARM
    return NORMAL
