"""Plain-pytest tests of rules/alarm.Exposure's running totals: the STEL and TWA asked at
every reading cost a few bucket reads, not one per bucket of the window (60 for the
STEL, 97 for the TWA), and give what summing every bucket gives."""

import random

import pytest

from ..rules import alarm


class _CountedSums(list):
    """A ring's bucket sums that count how often they are read."""

    reads = 0

    def __getitem__(self, index):
        _CountedSums.reads += 1
        return super().__getitem__(index)


def test_stel_and_twa_at_every_reading_read_few_buckets():
    exposure = alarm.Exposure()
    for ring in exposure._rings:
        ring.sums = _CountedSums(ring.sums)
    t = 1.7e9
    for _ in range(9 * 3600):  # a shift and more, one reading a second
        t += 1.0
        exposure.add(t, 5.0)
        exposure.stel(t)
        exposure.twa(t)
    _CountedSums.reads = 0
    for _ in range(1000):
        t += 1.0
        exposure.add(t, 5.0)
        assert exposure.stel(t) == pytest.approx(5.0, rel=1e-6)
        assert exposure.twa(t) == pytest.approx(5.0, rel=1e-6)
    # an add reads its bucket; a query the bucket(s) that left the window and the oldest
    assert _CountedSums.reads < 10 * 1000, _CountedSums.reads


def test_running_totals_equal_the_sum_of_every_bucket():
    rng = random.Random(8)
    for _trial in range(40):
        exposure = alarm.Exposure(max_gap_s=rng.choice([60, 300, 3600]))
        t = 1.7e9 + rng.random() * 1000
        for _ in range(1500):
            # mostly forward, sometimes a long gap, sometimes a clock stepping back
            t += rng.choice([0.01, 0.5, 3, 20, 400, 4000]) if rng.random() < 0.9 \
                else -rng.random() * 50
            exposure.add(t, rng.random() * 30)
            now = t + rng.choice([0, 0, 0.3, 100, -0.2])
            for ring in exposure._rings:
                start, end = now - ring.window, min(now, exposure._last_t)
                last = int(end // ring.size)
                first = max(int(start // ring.size), last - len(ring.sums) + 1)
                assert ring.integral(start, end) == pytest.approx(
                    ring._integral_full(start, first, last), rel=1e-9, abs=1e-9)
