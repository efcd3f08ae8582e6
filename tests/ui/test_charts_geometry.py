"""The charts' geometry without painting: value-to-pixel mapping, ticks, date spans, the radar's
points and rings, the bar rows and the hit test."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest

from jeugdtool.ui.charts.geometry import MAX_DATE_TICKS
from jeugdtool.ui.charts.geometry import Linear
from jeugdtool.ui.charts.geometry import bar_slots
from jeugdtool.ui.charts.geometry import date_span
from jeugdtool.ui.charts.geometry import date_ticks
from jeugdtool.ui.charts.geometry import day_value
from jeugdtool.ui.charts.geometry import nearest
from jeugdtool.ui.charts.geometry import radar_point
from jeugdtool.ui.charts.geometry import radar_points
from jeugdtool.ui.charts.geometry import radar_runs
from jeugdtool.ui.charts.geometry import value_ticks


def test_linear_maps_the_ends_and_runs_backwards_for_a_y_axis() -> None:
    y = Linear(0, 10, 200, 0)  # score 0 at the bottom (200 px), 10 at the top
    assert (y(0), y(10), y(5)) == (200, 0, 100)
    assert y(2.5) == pytest.approx(150)
    assert Linear(3, 3, 0, 100)(3) == 50  # one value: the middle, not a division by zero


def test_value_ticks_are_the_multiples_of_the_step() -> None:
    assert value_ticks(0, 10, 2) == [0, 2, 4, 6, 8, 10]
    assert value_ticks(0, 10, 5) == [0, 5, 10]
    assert value_ticks(-0.4, 10.4, 2) == [0, 2, 4, 6, 8, 10]  # not past the axis' own ends


def test_date_span_leaves_room_on_both_sides() -> None:
    first, last = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    start, end = date_span(first, last)
    assert (first - start).days == (end - last).days == 364 // 20
    one_day = date_span(first, first)
    assert one_day == (dt.date(2025, 12, 30), dt.date(2026, 1, 3))  # at least two days


def test_date_ticks_fit_the_room_and_are_evenly_spread() -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    ticks = date_ticks(start, end, room=1000, label_width=100)
    assert len(ticks) == MAX_DATE_TICKS  # ten would fit; never more than eight
    assert ticks[0] == start and ticks[-1] == end
    gaps = {(b - a).days for a, b in itertools.pairwise(ticks)}
    assert max(gaps) - min(gaps) <= 1
    assert len(date_ticks(start, end, room=350, label_width=100)) == 3  # only three fit
    assert len(date_ticks(start, end, room=50, label_width=100)) == 2  # the ends, always
    # At most one a week: a fortnight gets three labels however wide the chart.
    assert len(date_ticks(start, start + dt.timedelta(days=14), 2000, 50)) == 3
    assert date_ticks(start, start, 500, 50) == [start]


def test_a_day_is_drawn_at_its_noon() -> None:
    day = dt.date(2026, 3, 1)
    assert day_value(day) - day.toordinal() == 0.5
    assert day_value(day + dt.timedelta(days=1)) - day_value(day) == 1


def test_the_radar_starts_at_the_top_and_goes_clockwise() -> None:
    assert radar_point(0, 4, 1.0) == pytest.approx((0, -1))
    assert radar_point(1, 4, 1.0) == pytest.approx((1, 0))  # right: clockwise on screen
    assert radar_point(2, 4, 0.5) == pytest.approx((0, 0.5))
    x, y = radar_point(1, 13, 0.6)
    assert math.hypot(x, y) == pytest.approx(0.6)


def test_radar_points_scale_by_the_top_level_and_skip_missing_values() -> None:
    points = radar_points([5, None, 1, 4], maximum=5)
    assert points[0] == pytest.approx((0, -1))
    assert points[1] is None
    assert points[2] == pytest.approx((0, 0.2))


def test_a_full_ring_closes_and_a_gap_breaks_it() -> None:
    full = radar_runs([(0, -1), (1, 0), (0, 1)])
    assert full == [[(0, -1), (1, 0), (0, 1), (0, -1)]]
    broken = radar_runs([(0, -1), None, (0, 1), (-1, 0)])
    assert broken == [[(0, -1)], [(0, 1), (-1, 0)]]
    assert radar_runs([None, None]) == []


def test_bar_slots_share_each_row_between_the_sets() -> None:
    slots = bar_slots(groups=2, bars=3, top=10, height=200, fill=0.75)
    assert len(slots) == 2 and all(len(row) == 3 for row in slots)
    (first, _h), *_rest = slots[0]
    assert first == pytest.approx(10 + 100 * 0.125)  # half the row's gap above the bars
    heights = {round(h, 6) for row in slots for _t, h in row}
    assert heights == {25.0}  # 100 px row × 0.75 / 3 bars
    # Bars follow each other without overlapping, and the second row starts lower down.
    tops = [t for row in slots for t, _h in row]
    assert tops == sorted(tops)
    assert slots[1][0][0] >= slots[0][-1][0] + 25
    assert bar_slots(0, 3, 0, 100) == []


def test_nearest_finds_the_closest_point_within_reach() -> None:
    points = [(0, 0), (10, 0), (30, 0)]
    assert nearest(points, 9, 1, reach=5) == 1
    assert nearest(points, 20, 0, reach=5) is None  # nothing that close
    assert nearest([], 0, 0, reach=5) is None
