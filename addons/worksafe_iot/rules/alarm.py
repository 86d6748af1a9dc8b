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
from array import array
from dataclasses import dataclass, replace

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


def classify(value: float, sp: Setpoints, current: str = NORMAL, side: str | None = None) -> str:
    """Level of ``value`` given the level it had (``current``), with hysteresis.

    A rung at or below the current level stays tripped until the value leaves the deadband
    (so a value oscillating around a setpoint does not chatter); a higher rung trips at the
    setpoint itself.  Non-finite values are faults.

    ``side`` (``"high"`` / ``"low"``, see ``tripped_side``) says which setpoint tripped the
    current level: only that side's deadband holds.  Why: in a band whose high setpoint is
    close to normal values (oxygen 19.5-21 %vol), the high deadband (clear below 80 % of
    21 = 16.8) covers normal air; a *low* oxygen alarm must clear at 20.9 %, not stay
    critical for ever.  Without ``side``, the deadband of the side the value is on holds.
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
        if side in ("high", "low"):
            hold_hi, hold_lo = hold and side == "high", hold and side == "low"
        else:
            # a held rung keeps its deadband only on the side the value is on: with a band
            # the high deadband must not hold a low alarm, and vice versa
            mid = (hi + lo) / 2.0 if hi is not None and lo is not None else None
            hold_hi = hold and (mid is None or value > mid)
            hold_lo = hold and (mid is None or value < mid)
        hi_factor = (1.0 - sp.deadband) if hold_hi else 1.0
        lo_factor = (1.0 + sp.deadband_low) if hold_lo else 1.0
        if _above(value, hi, hi_factor) or _below(value, lo, lo_factor):
            level = rung
    return LEVELS[level]


def tripped_side(value: float, sp: Setpoints, level: str, previous: str | None = None):
    """Which setpoint holds ``level`` (``"high"`` / ``"low"``, None when normal): the side
    the value is beyond, else (held in a deadband) the side that tripped before."""
    if level not in LEVELS or level == NORMAL:
        return None
    rung = LEVELS.index(level) - 1
    if _above(value, sp.high[rung]):
        return "high"
    if _below(value, sp.low[rung]):
        return "low"
    return previous


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


@dataclass(frozen=True)
class AlarmRecord:
    """What an alarm record holds of its latch: current and worst level, ISA-18.2 state,
    worst value.  A new record starts closed at normal (``AlarmRecord()``)."""

    level: str = NORMAL
    peak: str = NORMAL
    state: str = "closed"
    peak_value: float = 0.0


def apply_level(alarm: AlarmRecord, level: str, value=None) -> tuple[AlarmRecord, str | None]:
    """One level report of the bridge applied to an alarm record: the record after it and
    the latch event (``latch_level``'s ``raise`` / ``normal`` / ``close`` / ``change`` /
    None).

    Why a function of its own: in an alarm storm a batch carries hundreds of level reports
    of the same alarm; Odoo folds them in memory and writes the record once, so each
    report must give exactly what writing it alone would have given.  Rules:
    * a closed alarm keeps the worst level it reached (it is evidence);
    * a raise on a closed record (a new alarm) starts its worst level afresh, a raise on
      an open one can only make it worse;
    * the worst value restarts at a raise and otherwise only grows (``value`` None:
      unchanged)."""
    latch = Latch(alarm.level, alarm.peak, alarm.state in ("acknowledged", "closed"))
    new, change = latch_level(latch, level)
    peak_value = alarm.peak_value
    if value is not None and (change == "raise" or value > alarm.peak_value):
        peak_value = value
    if not change:
        return replace(alarm, peak_value=peak_value), None
    if change == "close":
        return AlarmRecord(NORMAL, alarm.peak, "closed", peak_value), change
    peak = new.peak if change == "raise" and alarm.state == "closed" \
        else worst(new.peak, alarm.peak)
    return AlarmRecord(new.level, peak, new.state, peak_value), change


# ---------------------------------------------------------------- staleness
def stale_after(reporting_interval_s: float, keepalive_s: float = 0.0, factor: float = 3.0):
    """Seconds of silence after which a sensor is stale: max(factor * interval,
    2 * keepalive)."""
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
class _Ring:
    """Integrals (value * seconds) per fixed time bucket over one window: a ring of
    ``ceil(window / bucket) + 1`` slots, each tagged with its bucket number so that a
    slot left over from an earlier lap counts as empty.  Memory is fixed whatever the
    reading rate.

    Why a running total: the bridge asks for the STEL and the TWA at every reading; a sum
    over the window's 60 and 97 buckets cost more than the rest of the reading's
    evaluation.  The total of the buckets from ``_from`` on is kept as they fill and
    moved forward as the window moves, so a query costs the buckets that left the window
    since the last one (amortised O(1)).  A query that reaches further back (a clock
    stepping back) or beyond the newest bucket sums the buckets one by one, and every
    ``RESUM`` queries the total is summed afresh (no drift of the floating-point sum)."""

    __slots__ = ("_from", "_newest", "_queries", "_total", "size", "sums", "tags", "window")
    RESUM = 4096

    def __init__(self, window_s, bucket_s):
        self.size = float(bucket_s)
        self.window = float(window_s)
        slots = math.ceil(window_s / bucket_s) + 1
        self.sums = array("d", [0.0]) * slots
        self.tags = array("q", [-1]) * slots
        self._total = 0.0   # sum of the buckets numbered _from or later
        self._from = 0
        self._newest = -1
        self._queries = 0

    def add(self, t0, t1, value):
        """Spread ``value`` held over [t0, t1) across the buckets it covers."""
        size, slots = self.size, len(self.sums)
        bucket = int(t0 // size)
        while t0 < t1:
            end = min(t1, (bucket + 1) * size)
            slot = bucket % slots
            if self.tags[slot] != bucket:
                if self.tags[slot] >= self._from:
                    self._total -= self.sums[slot]
                self.tags[slot], self.sums[slot] = bucket, 0.0
            amount = value * (end - t0)
            self.sums[slot] += amount
            if bucket >= self._from:
                self._total += amount
            if bucket > self._newest:
                self._newest = bucket
            t0, bucket = end, bucket + 1

    def integral(self, start, end):
        """Integral over [start, end] (``end`` is the newest time added); the oldest bucket
        counts pro rata, as if its exposure were spread evenly over it."""
        size, slots = self.size, len(self.sums)
        first, last = int(start // size), int(end // size)
        first = max(first, last - slots + 1)
        self._queries += 1
        if first < self._from or self._newest > last:
            return self._integral_full(start, first, last)
        if first - self._from > slots or self._queries % self.RESUM == 0:
            self._from = first
            self._total = sum(self.sums[i] for i in range(slots) if self.tags[i] >= first)
        else:
            for bucket in range(self._from, first):  # left the window since the last query
                slot = bucket % slots
                if self.tags[slot] == bucket:
                    self._total -= self.sums[slot]
            self._from = first
        total = self._total
        slot = first % slots
        if self.tags[slot] == first and first * size < start:
            total -= self.sums[slot] * (start - first * size) / size
        return total

    def _integral_full(self, start, first, last):
        size, slots = self.size, len(self.sums)
        total = 0.0
        for bucket in range(first, last + 1):
            slot = bucket % slots
            if self.tags[slot] != bucket:
                continue
            amount = self.sums[slot]
            if bucket * size < start:
                amount *= ((bucket + 1) * size - start) / size
            total += amount
        return total


class Exposure:
    """Time-weighted running averages of one measurement (step interpolation: a value
    holds until the next sample; gaps longer than ``max_gap_s`` count as zero exposure,
    like the unmeasured part of a shift in an 8-h TWA).

    Why buckets: keeping every sample for 8 h costs memory linear in rate * window (a
    bridge grew by ~100 MB in 5 minutes at 2,000 readings/s).  Integrals per bucket (15 s
    for the 15-min STEL, 5 min for the 8-h TWA) keep it fixed, at a precision far below
    the T90 of a gas sensor.

    Time is the caller's clock, which should be the receiver's: a sample that is not
    after the previous one (a clock stepping back) replaces the held value and adds no
    time; it never stops the windows from moving."""

    __slots__ = ("_last_t", "_last_v", "_rings", "max_gap_s")

    def __init__(self, max_gap_s: float = 300.0, stel_bucket_s: float = 15.0,
                 twa_bucket_s: float = 300.0):
        self.max_gap_s = max_gap_s
        # smallest buckets first: average() takes the finest ring covering its window
        self._rings = (_Ring(STEL_WINDOW_S, stel_bucket_s), _Ring(TWA_WINDOW_S, twa_bucket_s))
        self._last_t = None
        self._last_v = 0.0

    def add(self, t: float, value: float) -> None:
        value = float(value)
        if not (math.isfinite(value) and math.isfinite(t)):
            return  # an unusable value is a fault (classify), never a poisoned sum
        value = max(value, 0.0)
        if self._last_t is not None and t > self._last_t:
            end = self._last_t + min(t - self._last_t, self.max_gap_s)
            for ring in self._rings:
                ring.add(self._last_t, end, self._last_v)
        if self._last_t is None or t > self._last_t:
            self._last_t = t
        self._last_v = value

    def average(self, now: float, window_s: float) -> float:
        """Average over the last ``window_s`` seconds ending at ``now`` (the window is
        the divisor even when fewer data exist: the 8-h TWA definition)."""
        if self._last_t is None:
            return 0.0
        ring = next((r for r in self._rings if r.window >= window_s), self._rings[-1])
        start = now - window_s
        total = ring.integral(start, min(now, self._last_t))
        if now > self._last_t:  # the held value, up to now (capped like any gap)
            total += self._last_v * max(0.0, min(now - self._last_t, self.max_gap_s)
                                        - max(0.0, start - self._last_t))
        return total / window_s

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
