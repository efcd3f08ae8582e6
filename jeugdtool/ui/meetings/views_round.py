"""View 4 of a case on the big screen: the scale history per rater, and this meeting's round
(scores, reasons, spread); when the chair unlocked editing, a row to enter a score by keyboard."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import scale
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import ParticipantDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.meetings.commands import RecordScoreCommand
from jeugdtool.ui.meetings.views_common import ACCENT
from jeugdtool.ui.meetings.views_common import WORRY
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import apply_size
from jeugdtool.ui.meetings.views_common import note_label
from jeugdtool.ui.meetings.views_common import rule
from jeugdtool.ui.meetings.views_common import sized
from jeugdtool.ui.meetings.views_common import text_label
from jeugdtool.ui.meetings.views_data import CaseData
from jeugdtool.ui.widgets import line_edit

#: The chart's type (axes, legend) relative to the body text.
CHART_REL = 0.7
#: The body text size at which the chart's lines are twice as wide as on a page (1920×1080).
CHART_SCALE_PT = 30.0
#: The chart takes at least this share of the view's height (no tiny chart beside a long round).
CHART_SHARE = 0.55


def masked_history(history: ScoreHistory, mask: NameMask) -> ScoreHistory:
    """The history with rater names and reasons masked (the chart's legend and tooltips)."""
    series = tuple(
        dataclasses.replace(
            s,
            rater=dataclasses.replace(s.rater, label=mask.text(s.rater.label)),
            points=tuple(
                dataclasses.replace(
                    p, reason=mask.text(p.reason), one_higher=mask.text(p.one_higher)
                )
                for p in s.points
            ),
        )
        for s in history.series
    )
    return dataclasses.replace(history, series=series)


def spread_text(item: ItemDTO) -> str:
    spread = item.spread
    if spread is None:
        return _("No scores in this round yet.")
    median = f"{spread.median:g}".replace(".", ",")
    return ngettext(
        "{n} score: {low} to {high}, median {median}",
        "{n} scores: {low} to {high}, median {median}",
        spread.count,
    ).format(n=spread.count, low=spread.low, high=spread.high, median=median)


class BigScaleChart(ScaleChart):
    """The scale chart in large type, its lines and dots growing with the screen as the type
    does. Its date labels never run into each other: the chart measures them in its own font."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # The chair's keys (→, PgDn, Space) move the presentation: a click on the chart must
        # not take them.
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def fit_screen(self, base_pt: float) -> None:
        """Type and lines for a view whose body text is `base_pt` points (1920×1080: lines
        twice as wide as on a page)."""
        font = self.font()
        font.setPointSizeF(base_pt * CHART_REL)
        self.setFont(font)
        self.set_line_scale(2 * base_pt / CHART_SCALE_PT)


class ScoreForm(QWidget):
    """Participant, score, reason; Enter saves (undoably) and moves on to the next person."""

    #: Emitted with True when a field gains focus, False when the form gives it back.
    entered = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ItemDTO | None = None
        self.participants: tuple[ParticipantDTO, ...] = ()
        self.participant = QComboBox(self)
        self.participant.setAccessibleName(_("Participant"))
        self.score = line_edit(self, "", _("Score"), _("0–10"))
        self.score.setMaximumWidth(140)
        self.reason = line_edit(self, "", _("Reason"), _("Short reason"))
        self.error = text_label("", 0.85, bold=True, colour=WORRY, parent=self)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.participant, 2)
        row.addWidget(self.score)
        row.addWidget(self.reason, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = _("Enter a score: choose the participant, type the score and a reason, press Enter.")
        layout.addWidget(text_label(hint, 0.75, colour=ACCENT, parent=self))
        layout.addLayout(row)
        layout.addWidget(self.error)
        for field in (self.participant, self.score, self.reason):
            sized(field, 0.9)
            field.setStyleSheet("border: 2px solid #000000; padding: 4px; background: #ffffff;")
        for field in (self.score, self.reason):
            field.returnPressed.connect(self.save)
        self.score.textEdited.connect(lambda _t: self.error.hide())

    def set_item(self, item: ItemDTO, participants: tuple[ParticipantDTO, ...], mask: NameMask):
        chosen = self.participant.currentData()
        self.item, self.participants = item, participants
        self.participant.clear()
        for p in participants:
            self.participant.addItem(mask.label(p.name), p.id)
        at = self.participant.findData(chosen)
        self.participant.setCurrentIndex(at if at >= 0 else self._next_unscored(-1))

    def _next_unscored(self, after: int) -> int:
        scored = {e.participant_id for e in self.item.round} if self.item else set()
        count = self.participant.count()
        for step in range(1, count + 1):
            at = (after + step) % count
            if self.participant.itemData(at) not in scored:
                return at
        return max(0, min(after + 1, count - 1))

    def start(self) -> None:
        self.participant.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save(self) -> None:
        if self.item is None or self.participant.currentIndex() < 0:
            return
        try:
            value = scale.check_score(self.score.text().strip())
            participant = next(
                p for p in self.participants if p.id == self.participant.currentData()
            )
            command = RecordScoreCommand(
                self.ctx, self.item, participant, value, self.reason.text().strip()
            )
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.score.clear()
        self.reason.clear()
        self.participant.setCurrentIndex(self._next_unscored(self.participant.currentIndex()))
        self.score.setFocus()


class RoundView(View):
    name = N_("Scale history and round")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = ScoreForm(ctx, self)
        self.form.hide()
        self.layout().addWidget(self.form)
        self.chart: ScaleChart | None = None

    def set_editing(self, editing: bool) -> None:
        self.form.setVisible(editing)
        apply_size(self.form, self.base_pt)
        if self.isVisible():
            self.fit()  # the form takes room from the body

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        columns = QHBoxLayout()
        columns.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(8)  # not the 40 between the columns
        left.addWidget(text_label(_("Scale scores per rater"), 1.1, bold=True, colour=ACCENT))
        left.addWidget(rule(ACCENT))
        if data.history.is_empty:
            left.addWidget(note_label(_("Not yet: nobody has scored this case.")))
            left.addStretch(1)
            self.chart = None
        else:
            left.addWidget(self._chart(data, mask), 1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(text_label(_("Round of this meeting"), 1.1, bold=True, colour=ACCENT))
        right.addWidget(rule(ACCENT))
        right.addWidget(text_label(spread_text(item), 1.0, bold=True))
        for entry in item.round:
            line = _("{name}: {score}").format(name=mask.label(entry.name), score=entry.score)
            right.addWidget(text_label(line, 1.0, bold=True))
            if entry.reason:
                right.addWidget(text_label(mask.text(entry.reason), 0.85))
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        holder = QWidget()
        holder.setLayout(columns)
        self.add(holder, 1)  # the chart takes the height there is

    def before_fit(self, room: int) -> None:
        if self.chart is not None:
            self.chart.setMinimumHeight(int(room * CHART_SHARE))

    def _chart(self, data: CaseData, mask: NameMask) -> ScaleChart:
        chart = BigScaleChart()
        chart.fit_screen(self.screen_base())
        sized(chart, CHART_REL)  # the fit changes the type; the chart follows it
        chart.set_history(masked_history(data.history, mask))
        self.chart = chart
        return chart
