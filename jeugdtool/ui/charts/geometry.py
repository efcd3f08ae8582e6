"""Chart geometry as plain functions (no Qt): value-to-pixel mapping, ticks, date spans, the
points of a radar, the rows of a bar chart and hit tests, so each is tested without painting."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Never more date labels than this on one axis, however wide the chart.
MAX_DATE_TICKS = 8


@dataclass(frozen=True)
class Linear:
    """Maps the values low..high onto the pixels start..end (end < start for a y axis, which
    grows downwards on screen)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.high == self.low:  # one value: in the middle
            return (self.start + self.end) / 2
        return self.start + (value - self.low) * (self.end - self.start) / (self.high - self.low)


def value_ticks(low: float, high: float, step: float) -> list[float]:
    """The multiples of `step` from low to high (both included when they are multiples)."""
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [n * step for n in range(first, last + 1)]


def date_span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the axis shows: the scores' range with a little room on both sides (a twentieth
    of it, at least two days), so no dot sits on the chart's edge."""
    pad = dt.timedelta(days=max(2, (last - first).days // 20))
    return first - pad, last + pad


def day_value(day: dt.date) -> float:
    """A date as a number on the axis: noon of that day (a score is in the middle of its day)."""
    return day.toordinal() + 0.5


def date_ticks(start: dt.date, end: dt.date, room: float, label_width: float) -> list[dt.date]:
    """As many dates from start to end as fit side by side in `room` pixels (a label and a gap of
    `label_width` each), evenly spread, at most one a week and at most MAX_DATE_TICKS."""
    days = (end - start).days
    fitting = int(room // max(label_width, 1.0))
    count = max(2, min(fitting, days // 7 + 1, MAX_DATE_TICKS))
    if days <= 0:
        return [start]
    ticks = [start + dt.timedelta(days=round(n * days / (count - 1))) for n in range(count)]
    return sorted(set(ticks))


def radar_point(index: int, count: int, fraction: float) -> tuple[float, float]:
    """The spoke `index` of `count` at `fraction` (0 centre, 1 rim) of a unit circle: the first
    spoke points up and the others follow clockwise (y grows downwards, as on screen)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return fraction * math.cos(angle), fraction * math.sin(angle)


def radar_points(
    values: Sequence[float | None], maximum: float
) -> list[tuple[float, float] | None]:
    """Each value's point on the unit circle (None where there is no value)."""
    count = len(values)
    return [
        None if value is None else radar_point(index, count, value / maximum)
        for index, value in enumerate(values)
    ]


def radar_runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The stretches of points to join with a line: a gap (no value) breaks the ring; with no
    gap at all, the ring closes (its first point comes again at the end)."""
    if points and all(p is not None for p in points):
        ring = [p for p in points if p is not None]
        return [[*ring, ring[0]]]
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def bar_slots(
    groups: int, bars: int, top: float, height: float, fill: float = 0.8
) -> list[list[tuple[float, float]]]:
    """For each of `groups` rows from `top` down over `height` pixels, the (top, height) of each
    of its `bars` bars: together they take `fill` of the row, the rest is the gap between rows."""
    if groups <= 0 or bars <= 0:
        return []
    row = height / groups
    bar = row * fill / bars
    gap = row * (1 - fill) / 2
    return [[(top + g * row + gap + b * bar, bar) for b in range(bars)] for g in range(groups)]


def nearest(points: Sequence[tuple[float, float]], x: float, y: float, reach: float) -> int | None:
    """The index of the point nearest to (x, y) if it is within `reach` pixels, else None."""
    best, best_distance = None, reach
    for index, (px, py) in enumerate(points):
        distance = math.hypot(px - x, py - y)
        if distance <= best_distance:
            best, best_distance = index, distance
    return best
