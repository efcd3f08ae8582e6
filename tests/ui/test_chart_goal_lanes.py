"""The safety goals' lanes under the scale chart: a lane per goal on the scores' time axis, a
mark per judgement at the x of its date with a shape per judgement (disc, half-filled ring,
cross), the held bar, the words for tooltips and screen readers, and the "about" filter."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QPoint
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.colours import Role
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _

from jeugdtool.ui.charts.geometry import day_value
from jeugdtool.ui.charts.goal_lanes import bar_spans
from jeugdtool.ui.charts.goal_lanes import lanes_for
from jeugdtool.ui.charts.goal_lanes import mark_text
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.framework.scale_page import ScalePage

DAY = dt.date(2026, 9, 1)
TODAY = DAY + dt.timedelta(days=40)


def judged(number: int, lineage: str, on: dt.date, what: Judgement, since=None) -> JudgementDTO:
    return JudgementDTO(number, 1, lineage, on, what, since, "", "", None, None)


def track(lineage: str, *history: JudgementDTO, held_until=None) -> GoalTrack:
    latest = history[-1] if history else None
    return GoalTrack(
        lineage=lineage,
        text="Oma is er elke avond",
        amount=3,
        unit=PeriodUnit.MONTHS,
        seen_since=latest.seen_since if latest else None,
        latest=latest,
        held_until=held_until,
        held=False,
        history=history,
    )


#: Goal 1 (pairs with danger "d1"): partly on DAY, met on DAY+30 (seen since DAY+20, must hold
#: until after TODAY); goal 2 (pairs with "d2"): not met on DAY+15 and again on DAY+70, after
#: the last score.
TRACKS = (
    track(
        "g1",
        judged(1, "g1", DAY, Judgement.PARTLY),
        judged(2, "g1", DAY + dt.timedelta(days=30), Judgement.MET, DAY + dt.timedelta(days=20)),
        held_until=DAY + dt.timedelta(days=111),
    ),
    track(
        "g2",
        judged(3, "g2", DAY + dt.timedelta(days=15), Judgement.NOT_MET),
        judged(4, "g2", DAY + dt.timedelta(days=70), Judgement.NOT_MET),
    ),
)
PAIRS = {"g1": "d1", "g2": "d2"}


def history() -> ScoreHistory:
    manager = RaterSeries(
        Rater("A. de Boer", RaterRole.CASE_MANAGER),
        (
            ScorePoint(1, DAY, 2, "Nog geen plan", ""),
            ScorePoint(2, DAY + dt.timedelta(days=30), 8, "Plan werkt", ""),
        ),
        formal=True,
    )
    return ScoreHistory(household_id=1, about=None, series=(manager,))


def colour_at(widget: QWidget, picture: QImage, point: QPointF) -> str:
    ratio = picture.devicePixelRatio()
    return picture.pixelColor(QPoint(round(point.x() * ratio), round(point.y() * ratio))).name()


@pytest.fixture
def chart(qtbot) -> ScaleChart:
    widget = ScaleChart()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.set_history(history())
    widget.set_goals(TRACKS, PAIRS, None, today=TODAY)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_about_choice_picks_the_lanes_and_a_goal_keeps_its_number() -> None:
    assert [lane.number for lane in lanes_for(TRACKS, PAIRS, None)] == [1, 2]
    only = lanes_for(TRACKS, PAIRS, "d2")
    assert [(lane.number, lane.track.lineage) for lane in only] == [(2, "g2")]
    assert only[0].label == _("Goal {n}").format(n=2)
    assert lanes_for(TRACKS, PAIRS, "unpaired danger") == []


def test_each_goal_has_a_lane_under_the_plot_with_its_name_at_the_left(chart) -> None:
    frame = chart.plot.frame()
    assert len(frame.lanes) == 2
    assert frame.plot.bottom() < frame.lanes[0] < frame.lanes[1] <= frame.axis
    assert frame.lanes[1] - frame.lanes[0] == pytest.approx(frame.lane_height)
    assert [lane.label for lane in chart.lanes()] == [_("Goal {n}").format(n=n) for n in (1, 2)]
    assert chart.plot.minimumSizeHint().height() >= 160 + 2 * frame.lane_height


def test_a_mark_sits_at_the_x_of_its_date_on_the_scores_axis(chart) -> None:
    plot = chart.plot
    frame = plot.frame()
    marks = plot.marks()
    assert [m.day for m in marks] == [j.judged_on for t in TRACKS for j in t.history]
    # Judged on the day of a score: straight under that score's dot.
    assert marks[0].centre.x() == pytest.approx(plot.point_position(0, 0).x())
    assert marks[1].centre.x() == pytest.approx(plot.point_position(0, 1).x())
    for mark in marks:
        assert mark.centre.x() == pytest.approx(frame.x(day_value(mark.day)))
    assert {m.centre.y() for m in marks[:2]} == {frame.lanes[0]}
    assert {m.centre.y() for m in marks[2:]} == {frame.lanes[1]}


def test_the_time_axis_grows_to_a_judgement_after_the_scores(chart) -> None:
    frame = chart.plot.frame()
    last = DAY + dt.timedelta(days=111)  # goal 1 must hold until then
    assert frame.plot.left() < frame.x(day_value(last)) < frame.plot.right()
    chart.set_goals((), PAIRS, None, today=TODAY)
    narrow = chart.plot.frame()
    assert narrow.x(day_value(DAY + dt.timedelta(days=70))) > narrow.plot.right()
    assert narrow.lanes == []


def test_the_shapes_differ_per_judgement_not_only_the_colours(chart) -> None:
    plot = chart.plot
    picture = chart.grab().toImage()
    back = plot.ink().background.name()
    radius = plot.lane_marker() / 2
    partly, met, not_met = plot.marks()[0], plot.marks()[1], plot.marks()[2]
    assert (partly.shape, met.shape, not_met.shape) == ("half", "disc", "cross")
    ok, warning, error = (qcolor(role, plot).name() for role in (Role.OK, Role.WARNING, Role.ERROR))
    assert len({ok, warning, error}) == 3

    def at(mark, dx, dy):
        return colour_at(plot, picture, QPointF(mark.centre.x() + dx, mark.centre.y() + dy))

    half = radius * 0.45
    # Met: a filled disc, its colour in the middle and all round it.
    assert {at(met, 0, 0), at(met, 0, -half), at(met, half, 0), at(met, -half, 0)} == {ok}
    # Partly met: the left half filled, the right half open.
    assert at(partly, -half, 0) == warning
    assert at(partly, half, 0) == back
    # Not met: a cross: its colour in the middle and on the diagonals, not above the middle.
    assert at(not_met, 0, 0) == error
    assert at(not_met, half * 0.7, half * 0.7) == error
    assert at(not_met, 0, -radius * 0.7) != error


def test_the_held_bar_is_solid_to_today_and_dashed_after_it() -> None:
    since, until = DAY, DAY + dt.timedelta(days=90)
    assert bar_spans(since, until, TODAY) == [(since, TODAY, False), (TODAY, until, True)]
    assert bar_spans(since, until, until) == [(since, until, False)]
    assert bar_spans(TODAY, until, DAY) == [(TODAY, until, True)]


def test_each_mark_is_named_in_words_for_the_mouse_and_a_screen_reader(chart) -> None:
    met = TRACKS[0].history[1]
    words = _("Goal {n}: met on {date}").format(n=1, date=format_date_nl(met.judged_on))
    assert mark_text(1, met) == words
    tips = [target.text for target in chart.plot.targets()]
    assert words in tips
    assert len(tips) == 2 + 4  # two scores, four judgements
    assert words in chart.plot.accessibleDescription()
    not_met = _("Goal {n}: not met on {date}").format(
        n=2, date=format_date_nl(DAY + dt.timedelta(days=70))
    )
    assert not_met in chart.describe()


def test_only_judgements_show_the_chart_instead_of_the_empty_text(qtbot) -> None:
    widget = ScaleChart()
    qtbot.addWidget(widget)
    widget.set_history(ScoreHistory(household_id=1, about=None, series=()))
    assert widget.stack.currentWidget() is widget.empty
    widget.set_goals(TRACKS, PAIRS, None, today=TODAY)
    assert widget.stack.currentWidget() is widget.page
    widget.set_goals(TRACKS, PAIRS, "d3", today=TODAY)
    assert widget.stack.currentWidget() is widget.empty


@pytest.fixture
def paired(uow, case):
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value
    dangers = [
        statements.add_statement(uow, moment.id, StatementType.DANGER, {"behaviour": text}).value
        for text in ("drinkt en zorgt dan niet", "schreeuwt tegen de kinderen")
    ]
    goal = statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {"pairs_with": dangers[0].lineage, "carers_will": "oma komt als mama drinkt"},
    ).value
    goals.judge_goal(uow, case.id, goal.lineage, Judgement.PARTLY, on=DAY + dt.timedelta(days=3))
    return dangers, goal


def test_the_scale_page_gives_the_chart_its_goals_and_follows_the_about_choice(
    ctx, case, paired, qtbot
) -> None:
    dangers, goal = paired
    page = ScalePage(ctx, case.id)
    qtbot.addWidget(page)
    page.reload()
    assert [lane.track.lineage for lane in page.chart.lanes()] == [goal.lineage]
    assert page.chart.stack.currentWidget() is page.chart.page  # a judgement, no score yet
    about = page.chart_about
    about.setCurrentIndex(about.findData(dangers[1].lineage))
    assert page.chart.lanes() == []
    about.setCurrentIndex(about.findData(dangers[0].lineage))
    assert [lane.number for lane in page.chart.lanes()] == [1]
