"""The period's production figures (open, new, closed, mean duration, help by kind with its
cost) and the family's experience (the mean per question); each count opens its cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.outcomes.indicators import HelpKind
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import Mean
from jeugdtool.outcomes.indicators import shown_value
from jeugdtool.outcomes.vocab import ExperienceQuestion

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dashboard.figures import format_count
from jeugdtool.ui.dashboard.figures import format_days
from jeugdtool.ui.dashboard.figures import format_euros
from jeugdtool.ui.dashboard.figures import format_mean
from jeugdtool.ui.dashboard.figures import period_text
from jeugdtool.ui.dashboard.numbers import DrillRequest
from jeugdtool.ui.dashboard.numbers import NumberButton
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table


@dataclass(frozen=True)
class KindRow:
    """A row of the help table: the kind, as shown (counts perhaps hidden)."""

    kind: HelpKind
    items: str
    cost: str
    cases: str


#: The help table shows this many kinds without a scroll bar of its own (the window scrolls).
MAX_KIND_ROWS = 24

KIND_COLUMNS = (
    Column(N_("Kind of help"), lambda r: r.kind.label, tip=lambda r: r.kind.label),
    Column(N_("Items"), lambda r: r.items, key=lambda r: r.kind.items, right=True),
    Column(N_("Cases"), lambda r: r.cases, key=lambda r: len(r.kind.cases), right=True),
    Column(N_("Cost"), lambda r: r.cost, key=lambda r: r.kind.cost_cents or 0, right=True),
)


def kind_row(kind: HelpKind, suppress: bool) -> KindRow:
    cost = shown_value(kind.cost_cents, kind.items, suppress=suppress)
    return KindRow(
        kind,
        format_count(kind.items, suppress),
        format_euros(cost),
        format_count(len(kind.cases), suppress),
    )


def _request(title: str, ids: tuple[int, ...], count: int, suppress: bool) -> DrillRequest | None:
    """What a count asks for; a hidden count asks for nothing (its cases would tell it)."""
    return None if format_count(count, suppress).startswith("<") else DrillRequest(title, ids)


class ProductionPanel(QGroupBox):
    """Open, new and closed cases, the mean duration, and the help by kind with its cost."""

    drill = Signal(DrillRequest)

    #: (caption, attribute of the count, attribute of its cases)
    COUNTS = (
        (N_("Open at the end of the period"), "open", "open_cases"),
        (N_("New in the period"), "new", "new_cases"),
        (N_("Closed in the period"), "closed", "closed_cases"),
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Production"), parent)
        grid = QGridLayout()
        self.counts: dict[str, NumberButton] = {}
        for row, (caption, attribute, _cases) in enumerate(self.COUNTS):
            grid.addWidget(QLabel(_(caption), self), row, 0)
            button = NumberButton(self)
            button.drill.connect(self.drill)
            self.counts[attribute] = button
            grid.addWidget(button, row, 1)
        grid.addWidget(QLabel(_("Mean duration of the closed cases"), self), 3, 0)
        self.duration = QLabel(self)
        grid.addWidget(self.duration, 3, 1)
        grid.setColumnStretch(2, 1)
        self.kinds = RowsModel(KIND_COLUMNS, self)
        self.kinds_view = make_table(self.kinds, _("Help by kind"), self, stretch=0)
        self.kinds_view.setToolTip(_("Enter or a double click shows the cases with this help"))
        self.kinds_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.kinds_view.activated.connect(lambda index: self._kind_activated(index.row()))
        self.no_help = QLabel(_("No help was recorded in this period."), self)
        style_text(self.no_help, Role.MUTED)
        self.cost_note = QLabel(self)
        self.cost_note.setWordWrap(True)
        style_text(self.cost_note, Role.MUTED)
        box = QVBoxLayout(self)
        box.addLayout(grid)
        help_title = QLabel(_("Help by kind"), self)
        help_title.setBuddy(self.kinds_view)
        for widget in (help_title, self.no_help, self.kinds_view, self.cost_note):
            box.addWidget(widget)
        self._suppress = False

    def fill(self, total: IndicatorResult, suppress: bool) -> None:
        self._suppress = suppress
        figures = total.production
        span = period_text(total.period)
        for caption, attribute, cases in self.COUNTS:
            count = getattr(figures, attribute)
            label = _(caption)
            title = f"{label}, {span}"
            self.counts[attribute].show_count(
                format_count(count, suppress),
                _request(title, getattr(figures, cases), count, suppress),
                _(caption),
            )
        duration = shown_value(figures.mean_duration_days, figures.closed, suppress=suppress)
        self.duration.setText(format_days(duration))
        self._fill_kinds(figures.help_by_kind, suppress)

    def _fill_kinds(self, kinds: tuple[HelpKind, ...], suppress: bool) -> None:
        """The help table (all its rows in view: the window scrolls) and the total cost."""
        self.kinds.set_rows(kind_row(kind, suppress) for kind in kinds)
        fit_columns(self.kinds_view)
        rows = len(kinds)
        self.kinds_view.setVisible(rows > 0)
        self.no_help.setVisible(rows == 0)
        shown = max(1, min(rows, MAX_KIND_ROWS))
        header = self.kinds_view.horizontalHeader().height()
        self.kinds_view.setFixedHeight(header + shown * self._row_height() + 4)
        costs = [k.cost_cents for k in kinds if k.cost_cents is not None]
        self.cost_note.setText(
            _("Cost: unit cost × units, where both were recorded. Total: {amount}.").format(
                amount=format_euros(sum(costs) if costs else None)
            )
            if rows and not suppress
            else ""
        )
        self.cost_note.setVisible(bool(self.cost_note.text()))

    def _row_height(self) -> int:
        return self.kinds_view.verticalHeader().defaultSectionSize()

    def _kind_activated(self, row: int) -> None:
        shown = self.kinds.row(row) if 0 <= row < len(self.kinds.rows) else None
        if shown is None:
            return
        kind = shown.kind
        request = _request(
            _("Help: {kind}").format(kind=kind.label), kind.cases, kind.items, self._suppress
        )
        if request is not None and request.case_ids:
            self.drill.emit(request)


QUESTIONS: tuple[tuple[str, Callable[[], str]], ...] = tuple(
    (q.value, lambda q=q: q.label) for q in ExperienceQuestion
)


class ExperiencePanel(QGroupBox):
    """The mean answer (1–5) per question of the family's experience, with how many answered."""

    drill = Signal(DrillRequest)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Client experience (1–5)"), parent)
        grid = QGridLayout(self)
        self.means: dict[str, QLabel] = {}
        self.answers: dict[str, NumberButton] = {}
        for row, (key, label) in enumerate(QUESTIONS):
            question = QLabel(label(), self)
            question.setWordWrap(True)
            grid.addWidget(question, row, 0)
            self.means[key] = QLabel(self)
            grid.addWidget(self.means[key], row, 1)
            self.answers[key] = NumberButton(self)
            self.answers[key].drill.connect(self.drill)
            grid.addWidget(self.answers[key], row, 2)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(QUESTIONS), 1)  # the questions at the top, not spread out

    def fill(self, total: IndicatorResult, suppress: bool) -> None:
        for key, label in QUESTIONS:
            found = total.client_experience.get(key, Mean(0, None))
            mean = shown_value(found.mean, found.n, suppress=suppress)
            self.means[key].setText(format_mean(mean))
            count = format_count(found.n, suppress)
            self.answers[key].show_count(
                ngettext("{count} answer", "{count} answers", found.n).format(count=count),
                _request(f"{label()}, {period_text(total.period)}", found.cases, found.n, suppress),
                _("Answers"),
            )
