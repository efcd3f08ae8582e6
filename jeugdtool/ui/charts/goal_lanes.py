"""The safety goals' lanes under the scale chart, on its time axis: a mark per judgement (a
filled disc when met, a half-filled ring when partly met, a cross when not met: the shapes
differ, not only the colours) and a thin bar from "seen since" to "held until" (dashed where it
lies in the future). The geometry and the words are plain functions; `paint_lanes` draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPainterPath
from PySide6.QtGui import QPen

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.colours import Role
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.vocab import Judgement
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.charts.geometry import Linear
from jeugdtool.ui.charts.geometry import day_value

#: A judgement's mark: its shape and the meaning its colour has.
SHAPES: dict[Judgement, str] = {
    Judgement.MET: "disc",
    Judgement.PARTLY: "half",
    Judgement.NOT_MET: "cross",
}
ROLES: dict[Judgement, Role] = {
    Judgement.MET: Role.OK,
    Judgement.PARTLY: Role.WARNING,
    Judgement.NOT_MET: Role.ERROR,
}
#: What a mark says (tooltip, screen reader): "Doel 1: gehaald op 23-11-2026".
MARK_TEXTS: dict[Judgement, str] = {
    Judgement.MET: N_("Goal {n}: met on {date}"),
    Judgement.PARTLY: N_("Goal {n}: partly met on {date}"),
    Judgement.NOT_MET: N_("Goal {n}: not met on {date}"),
}


@dataclass(frozen=True)
class Lane:
    """One safety goal's lane: its number among the case's goals ("Doel 2") and its track."""

    number: int
    track: GoalTrack

    @property
    def label(self) -> str:
        return _("Goal {n}").format(n=self.number)


def lanes_for(
    tracks: Sequence[GoalTrack], pairs: Mapping[str, str | None], about: str | None
) -> list[Lane]:
    """The lanes the chart shows: every goal for the case as a whole (`about` None), else the
    goals paired with the danger statement `about` (`pairs`: goal lineage to danger lineage).
    A goal keeps its number among all goals, as in the table of goals."""
    lanes = [Lane(number, track) for number, track in enumerate(tracks, 1)]
    if about is None:
        return lanes
    return [lane for lane in lanes if pairs.get(lane.track.lineage) == about]


def lane_days(lanes: Sequence[Lane]) -> list[dt.date]:
    """Every day the lanes draw something on: judgements, "seen since" and "held until"."""
    days: list[dt.date] = []
    for lane in lanes:
        days.extend(j.judged_on for j in lane.track.history)
        days.extend(d for d in (lane.track.seen_since, lane.track.held_until) if d is not None)
    return days


def mark_text(number: int, judgement: JudgementDTO) -> str:
    return _(MARK_TEXTS[Judgement(judgement.judgement)]).format(
        n=number, date=format_date_nl(judgement.judged_on)
    )


def bar_text(lane: Lane) -> str | None:
    """The held bar in words, or None when the lane has no bar."""
    track = lane.track
    if track.seen_since is None or track.held_until is None:
        return None
    return _("Goal {n}: seen since {since}, must hold until {until}").format(
        n=lane.number,
        since=format_date_nl(track.seen_since),
        until=format_date_nl(track.held_until),
    )


def describe_lanes(lanes: Sequence[Lane]) -> str:
    """For a screen reader: each goal's judgements and its held bar."""
    parts = []
    for lane in lanes:
        said = [mark_text(lane.number, j) for j in lane.track.history]
        bar = bar_text(lane)
        if bar is not None:
            said.append(bar)
        parts.append(
            "; ".join(said) if said else _("Goal {n}: not judged yet").format(n=lane.number)
        )
    return ". ".join(parts)


def lane_centres(count: int, top: float, height: float) -> list[float]:
    """The y of the middle of each of `count` lanes of `height` pixels from `top` down."""
    return [top + (index + 0.5) * height for index in range(count)]


def bar_spans(
    since: dt.date, until: dt.date, today: dt.date
) -> list[tuple[dt.date, dt.date, bool]]:
    """The held bar as (from, to, future) pieces: solid up to today, dashed after it."""
    if until <= today:
        return [(since, until, False)]
    if since > today:
        return [(since, until, True)]
    return [(since, today, False), (today, until, True)]


@dataclass(frozen=True)
class Mark:
    """A judgement's mark as drawn: its centre, its shape, its colour's meaning, its words."""

    centre: QPointF
    shape: str
    role: Role
    text: str
    day: dt.date


def lane_marks(
    lanes: Sequence[Lane], x: Linear, centres: Sequence[float], size: float
) -> list[Mark]:
    """Each judgement's mark, lane by lane, oldest first."""
    found = []
    for lane, y in zip(lanes, centres, strict=True):
        for judged in lane.track.history:
            kind = Judgement(judged.judgement)
            found.append(
                Mark(
                    QPointF(x(day_value(judged.judged_on)), y),
                    SHAPES[kind],
                    ROLES[kind],
                    mark_text(lane.number, judged),
                    judged.judged_on,
                )
            )
    return found


def paint_mark(
    painter: QPainter, mark: Mark, size: float, colour: QColor, back: QColor, width: float
) -> None:
    """One mark: a filled disc, a ring with its left half filled, or a cross."""
    radius = size / 2
    c = mark.centre
    painter.save()
    if mark.shape == "disc":
        painter.setPen(QPen(back, max(1.0, width / 2)))
        painter.setBrush(colour)
        painter.drawEllipse(c, radius + 0.5, radius + 0.5)
    elif mark.shape == "half":
        painter.setPen(QPen(colour, width))
        painter.setBrush(back)
        painter.drawEllipse(c, radius, radius)
        half = QPainterPath()
        box = QRectF(c.x() - radius, c.y() - radius, size, size)
        half.moveTo(c)
        half.arcTo(box, 90, 180)  # the left half
        half.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(half)
    else:
        pen = QPen(colour, width * 1.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        arm = radius * 0.85
        painter.drawLine(QPointF(c.x() - arm, c.y() - arm), QPointF(c.x() + arm, c.y() + arm))
        painter.drawLine(QPointF(c.x() - arm, c.y() + arm), QPointF(c.x() + arm, c.y() - arm))
    painter.restore()


def paint_bar(
    painter: QPainter,
    lane: Lane,
    x: Linear,
    y: float,
    today: dt.date,
    colour: QColor,
    later: QColor,
    width: float,
) -> None:
    """The thin bar from "seen since" to "held until": solid in `colour`, and dashed in
    `later` where it lies in the future."""
    track = lane.track
    if track.seen_since is None or track.held_until is None:
        return
    painter.save()
    for since, until, future in bar_spans(track.seen_since, track.held_until, today):
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if future:  # short, lighter dashes from a gap at today: even a few days show
            pen.setColor(later)
            pen.setDashPattern([1.2, 1.2])
            pen.setDashOffset(1.2)
        painter.setPen(pen)
        painter.drawLine(QPointF(x(day_value(since)), y), QPointF(x(day_value(until)), y))
    painter.restore()
