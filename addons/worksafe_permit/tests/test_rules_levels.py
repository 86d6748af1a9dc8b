"""Plain-pytest tests of rules/levels.py (no Odoo, no database).

Bands are GB/T 3608 working-height classes and GB 30871 lifting classes,
supplied as data.
"""

from datetime import date, datetime, timedelta

import pytest

from ..rules import levels

Band = levels.Band

# GB/T 3608: I 2<=h<=5, II 5<h<=15, III 15<h<=30, IV h>30
HEIGHT = (
    Band("I", 1, 2, 5, lower_inclusive=True),
    Band("II", 2, 5, 15),
    Band("III", 3, 15, 30),
    Band("IV", 4, 30, None),
)
# GB 30871 lifting: 3rd class m<40 t, 2nd 40<=m<=100 t, 1st m>100 t
LIFTING = (
    Band("lift3", 1, None, 40, upper_inclusive=False),
    Band("lift2", 2, 40, 100, lower_inclusive=True),
    Band("lift1", 3, 100, None),
)


def key(value, bands):
    band = levels.select_band(value, bands)
    return None if band is None else band.key


class TestSelectBand:
    @pytest.mark.parametrize(
        ("height", "expected"),
        [
            (-1.0, None),
            (0.0, None),
            (1.99, None),
            (2.0, "I"),
            (3.0, "I"),
            (4.99, "I"),
            (5.0, "I"),
            (5.01, "II"),
            (15.0, "II"),
            (15.01, "III"),
            (29.99, "III"),
            (30.0, "III"),
            (30.01, "IV"),
            (30.5, "IV"),
            (1000.0, "IV"),
        ],
    )
    def test_height_classes(self, height, expected):
        assert key(height, HEIGHT) == expected

    @pytest.mark.parametrize(
        ("mass", "expected"),
        [
            (0.0, "lift3"),
            (39.99, "lift3"),
            (40.0, "lift2"),
            (40.01, "lift2"),
            (99.99, "lift2"),
            (100.0, "lift2"),
            (100.01, "lift1"),
            (500.0, "lift1"),
        ],
    )
    def test_lifting_classes(self, mass, expected):
        assert key(mass, LIFTING) == expected

    def test_order_of_bands_does_not_matter(self):
        assert key(5.01, reversed(HEIGHT)) == "II"
        assert key(2, list(reversed(HEIGHT))) == "I"

    def test_overlap_picks_highest_rank(self):
        low = Band("low", 1, 0, 10)
        high = Band("high", 5, 5, 20)
        assert key(7, [low, high]) == "high"
        assert key(7, [high, low]) == "high"
        assert key(3, [low, high]) == "low"

    def test_equal_rank_first_wins(self):
        a = Band("a", 1, None, None)
        b = Band("b", 1, None, None)
        assert key(1, [a, b]) == "a"
        assert key(1, [b, a]) == "b"

    def test_open_band_and_point_band(self):
        everything = Band("all", 0, None, None)
        point = Band("p", 1, 3, 3, lower_inclusive=True, upper_inclusive=True)
        assert key(-1e9, [everything, point]) == "all"
        assert key(3, [everything, point]) == "p"

    def test_exclusive_both_ends(self):
        band = Band("x", 1, 1, 2, lower_inclusive=False, upper_inclusive=False)
        assert key(1, [band]) is None
        assert key(1.5, [band]) == "x"
        assert key(2, [band]) is None

    def test_no_bands(self):
        assert levels.select_band(3, []) is None

    def test_returns_the_band_itself(self):
        assert levels.select_band(10, HEIGHT) is HEIGHT[1]

    def test_nan_rejected(self):
        with pytest.raises(ValueError):
            levels.select_band(float("nan"), HEIGHT)

    def test_integers_accepted(self):
        assert key(30, HEIGHT) == "III"


UPGRADES = {"I": "II", "II": "III", "III": "IV"}


class TestUpgrade:
    @pytest.mark.parametrize(
        ("start", "steps", "expected"),
        [
            ("I", 0, "I"),
            ("I", 1, "II"),
            ("I", 2, "III"),
            ("II", 1, "III"),
            ("III", 1, "IV"),
            ("IV", 1, "IV"),
            ("I", 3, "IV"),
            ("I", 10, "IV"),
            ("unknown", 1, "unknown"),
        ],
    )
    def test_follows_the_map(self, start, steps, expected):
        assert levels.upgrade(start, steps, UPGRADES) == expected

    def test_none_successor_stops(self):
        assert levels.upgrade(1, 5, {1: 2, 2: None}) == 2

    def test_cyclic_map_terminates(self):
        assert levels.upgrade("a", 3, {"a": "b", "b": "a"}) == "b"

    def test_int_keys(self):
        assert levels.upgrade(7, 1, {7: 8}) == 8

    def test_negative_steps(self):
        with pytest.raises(ValueError):
            levels.upgrade("I", -1, UPGRADES)


def dt(day, hour, minute=0, second=0):
    return datetime(2025, 1, day, hour, minute, second)


class TestNight:
    """Night 18:00 -> 08:00 (wrapping midnight) unless stated."""

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (dt(6, 10), dt(6, 17), False),
            (dt(6, 8), dt(6, 18), False),  # exactly the day: half-open at 18:00
            (dt(6, 7, 59, 59), dt(6, 12), True),  # starts one second before 08:00
            (dt(6, 8), dt(6, 18, 0, 1), True),  # ends one second into the night
            (dt(6, 17, 59), dt(6, 18, 1), True),
            (dt(6, 18), dt(6, 18, 1), True),
            (dt(6, 17), dt(7, 2), True),  # across midnight
            (dt(6, 23), dt(7, 1), True),  # late evening into the small hours
            (dt(7, 0), dt(7, 1), True),
            (dt(7, 7), dt(7, 7, 30), True),
            (dt(7, 8), dt(7, 9), False),
            (dt(6, 9), dt(8, 17), True),  # several days
            (dt(6, 8), dt(7, 8), True),  # exactly 24 h
            (dt(6, 12), dt(6, 12), False),  # empty
            (dt(6, 13), dt(6, 12), False),  # reversed
        ],
    )
    def test_wrapping_night(self, start, end, expected):
        assert levels.window_touches_night(start, end, 18, 8) is expected

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (dt(6, 6), dt(6, 23, 59, 59), False),
            (dt(6, 5, 59), dt(6, 7), True),
            (dt(6, 23), dt(7, 0, 30), True),
            (dt(6, 23, 59), dt(7, 0), False),  # half-open: ends at midnight
        ],
    )
    def test_non_wrapping_night(self, start, end, expected):
        assert levels.window_touches_night(start, end, 0, 6) is expected

    def test_short_night_between_two_days(self):
        # night 22:00-23:00 only; a 23 h window from 23:00 to 22:00 next day misses both
        assert levels.window_touches_night(dt(6, 23), dt(7, 22), 22, 23) is False
        assert levels.window_touches_night(dt(6, 23), dt(7, 22, 0, 1), 22, 23) is True
        assert levels.window_touches_night(dt(6, 22, 59, 59), dt(7, 21), 22, 23) is True

    def test_fractional_hours(self):
        assert levels.window_touches_night(dt(6, 9), dt(6, 18, 30), 18.5, 7.5) is False
        assert levels.window_touches_night(dt(6, 9), dt(6, 18, 31), 18.5, 7.5) is True
        assert levels.window_touches_night(dt(7, 7, 30), dt(7, 9), 18.5, 7.5) is False
        assert levels.window_touches_night(dt(7, 7, 29), dt(7, 9), 18.5, 7.5) is True

    def test_all_day_night(self):
        assert levels.window_touches_night(dt(6, 12), dt(6, 12, 1), 0, 24) is True

    def test_very_long_window_touches_night(self):
        assert levels.window_touches_night(datetime(2000, 1, 1, 9), datetime(2030, 1, 1, 17), 18, 8)
        assert not levels.window_touches_night(
            datetime(2000, 1, 1, 9), datetime(2000, 1, 1, 17), 18, 8
        )

    @pytest.mark.parametrize(
        ("night_start", "night_end"), [(18, 18), (0, 0), (24, 0), (-1, 8), (18, 24.5)]
    )
    def test_invalid_hours(self, night_start, night_end):
        with pytest.raises(ValueError):
            levels.window_touches_night(dt(6, 9), dt(6, 10), night_start, night_end)


# 2025-01-03 is a Friday, 01-04 Saturday, 01-05 Sunday, 01-06 Monday.
WEEKEND = {5, 6}
NEW_YEAR = date(2025, 1, 1)  # a Wednesday


class TestRestDay:
    def test_calendar_assumptions(self):
        assert [date(2025, 1, d).weekday() for d in (1, 3, 4, 5, 6)] == [2, 4, 5, 6, 0]

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (dt(3, 9), dt(3, 17), False),  # Friday
            (dt(3, 20), dt(4, 0), False),  # Friday evening to Saturday 00:00 (excluded)
            (dt(3, 20), dt(4, 0, 0, 1), True),  # one second into Saturday
            (dt(4, 9), dt(4, 10), True),  # Saturday
            (dt(5, 23), dt(6, 1), True),  # Sunday night into Monday
            (dt(6, 0), dt(6, 8), False),  # Monday
            (dt(6, 8), dt(10, 18), False),  # Monday to Friday
            (dt(6, 8), dt(11, 0), False),  # ... until Saturday 00:00 exactly
            (dt(6, 8), dt(13, 8), True),  # a full week
            (dt(2, 8), dt(2, 8), False),  # empty window
            (dt(4, 9), dt(4, 8), False),  # reversed
        ],
    )
    def test_weekend(self, start, end, expected):
        assert levels.window_touches_rest_day(start, end, WEEKEND, ()) is expected

    def test_holiday_inside_window(self):
        assert levels.window_touches_rest_day(dt(1, 9), dt(1, 10), WEEKEND, [NEW_YEAR])
        assert levels.window_touches_rest_day(datetime(2024, 12, 31, 20), dt(1, 2), (), {NEW_YEAR})
        # New Year's Eve ending at midnight does not touch New Year's Day
        assert not levels.window_touches_rest_day(
            datetime(2024, 12, 31, 20), dt(1, 0), (), {NEW_YEAR}
        )
        assert not levels.window_touches_rest_day(dt(2, 0), dt(3, 23), (), {NEW_YEAR})

    def test_holiday_given_as_datetime(self):
        assert levels.window_touches_rest_day(dt(1, 9), dt(1, 10), (), [datetime(2025, 1, 1)])

    def test_long_window_without_rest_days(self):
        far = datetime(2035, 1, 1)
        assert not levels.window_touches_rest_day(dt(1, 0), far, (), [date(2036, 1, 1)])
        assert levels.window_touches_rest_day(dt(1, 0), far, (), [date(2030, 5, 1)])
        assert levels.window_touches_rest_day(dt(6, 0), far, {6}, ())

    def test_custom_rest_weekdays(self):
        # a site resting on Friday only
        assert levels.window_touches_rest_day(dt(3, 9), dt(3, 10), [4], ())
        assert not levels.window_touches_rest_day(dt(4, 9), dt(5, 10), [4], ())

    def test_six_day_window_checks_each_day(self):
        start = dt(6, 0)  # Monday
        assert not levels.window_touches_rest_day(start, start + timedelta(days=6), {6}, ())
        assert levels.window_touches_rest_day(start, start + timedelta(days=6, seconds=1), {6}, ())

    def test_invalid_weekday(self):
        with pytest.raises(ValueError):
            levels.window_touches_rest_day(dt(6, 0), dt(20, 0), {7}, ())


class TestDeclaredHours:
    """Night 18 -> 8, weekend Saturday/Sunday; January 2025 (the 6th is a Monday)."""

    @pytest.mark.parametrize(
        ("hours", "expected"),
        [
            ((8, 17), False),
            ((8, 18), False),  # ends as the night starts
            ((8, 18.5), True),
            ((7.5, 17), True),  # starts before the night ends
            ((20, 4), True),  # night shift over midnight
            ((0, 24), True),  # round the clock
        ],
    )
    def test_hours_overlap_night(self, hours, expected):
        assert levels.hours_overlap_night(*hours, 18, 8) is expected

    @pytest.mark.parametrize("hours", [(8, 8), (24, 0), (-1, 8), (8, 25)])
    def test_impossible_hours(self, hours):
        with pytest.raises(ValueError):
            levels.check_daily_hours(*hours)
        with pytest.raises(ValueError):
            levels.hours_overlap_night(*hours, 18, 8)

    @pytest.mark.parametrize("hours", [(0, 24), (8, 17), (20, 4), (23.5, 0)])
    def test_usable_hours(self, hours):
        assert levels.check_daily_hours(*hours) is None

    def test_72_hour_day_job_is_day_work(self):
        # Monday 08:00 to Thursday 08:00: the window spans three nights, the work none
        start, end = dt(6, 8), dt(9, 8)
        assert levels.window_touches_night(start, end, 18, 8)
        assert not levels.declared_hours_touch_night(start, end, 8, 17, 18, 8)
        assert not levels.declared_hours_touch_rest_day(start, end, 8, 17, WEEKEND, ())

    def test_night_work_is_still_night_work(self):
        assert levels.declared_hours_touch_night(dt(6, 8), dt(9, 8), 8, 20, 18, 8)
        assert levels.declared_hours_touch_night(dt(6, 8), dt(9, 8), 20, 4, 18, 8)

    def test_hours_are_clipped_to_the_window(self):
        # hours 8 -> 20 but the window ends Monday 17:00: no night work is done
        assert not levels.declared_hours_touch_night(dt(6, 8), dt(6, 17), 8, 20, 18, 8)
        # a window starting Monday 19:00 with hours 8 -> 20: an hour of night work
        assert levels.declared_hours_touch_night(dt(6, 19), dt(7, 12), 8, 20, 18, 8)

    def test_rest_day_only_when_work_is_done_on_it(self):
        # Friday 08:00 to Saturday 06:00 with hours 8 -> 17: no Saturday work
        assert not levels.declared_hours_touch_rest_day(dt(3, 8), dt(4, 6), 8, 17, WEEKEND, ())
        # ... until Saturday 09:00: an hour of Saturday work
        assert levels.declared_hours_touch_rest_day(dt(3, 8), dt(4, 9), 8, 17, WEEKEND, ())
        # a Friday night shift reaches into Saturday
        assert levels.declared_hours_touch_rest_day(dt(3, 8), dt(4, 6), 20, 4, WEEKEND, ())

    def test_holiday(self):
        # New Year's Day (Wednesday) inside a Tuesday-Thursday day job
        assert levels.declared_hours_touch_rest_day(
            datetime(2024, 12, 31, 8), dt(2, 17), 8, 17, (), {NEW_YEAR}
        )
        assert not levels.declared_hours_touch_rest_day(dt(2, 8), dt(2, 17), 8, 17, (), {NEW_YEAR})

    def test_long_windows_stay_cheap_and_exact(self):
        start, far = dt(6, 8), datetime(2035, 1, 1)
        assert not levels.declared_hours_touch_night(start, far, 8, 17, 18, 8)
        assert levels.declared_hours_touch_night(start, far, 8, 19, 18, 8)
        assert levels.declared_hours_touch_rest_day(start, far, 8, 17, WEEKEND, ())
        assert not levels.declared_hours_touch_rest_day(start, far, 8, 17, (), ())
        assert levels.declared_hours_touch_rest_day(start, far, 8, 17, (), [date(2030, 5, 1)])
        # a holiday in the middle, before the window's last hours of the day: still found
        assert levels.declared_hours_touch_rest_day(
            start, far, 20, 4, (), [date(2031, 6, 10)]
        )
        # cheap: the working days examined do not grow with the window (a decade costs
        # what a month does), plus the two days around each holiday
        month = levels._declared_periods(start, start + timedelta(days=30), 8, 17)
        assert len(levels._declared_periods(start, far, 8, 17)) == len(month) <= 13
        holiday = levels._declared_periods(start, far, 20, 4, [date(2031, 6, 10)])
        assert len(holiday) <= len(month) + 2

    def test_long_window_matches_day_by_day(self):
        """The sampled days decide as a check of every single day would."""
        start = datetime(2025, 1, 2, 13)  # Thursday afternoon
        for days in (12, 13, 20, 40):
            end = start + timedelta(days=days, hours=5)
            for hours in ((8, 17), (20, 4), (6, 9)):
                for rest in ((), (2,), (5, 6)):
                    slow = any(
                        levels.declared_hours_touch_rest_day(s, e, *hours, rest, ())
                        for s, e in _one_day_windows(start, end)
                    )
                    fast = levels.declared_hours_touch_rest_day(start, end, *hours, rest, ())
                    assert fast is slow, (days, hours, rest)


def _one_day_windows(start, end):
    current = start
    while current < end:
        following = min(end, datetime.combine(current.date(), datetime.min.time()) + timedelta(1))
        yield current, following
        current = following
