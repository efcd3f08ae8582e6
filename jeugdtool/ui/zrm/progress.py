"""Progress per person: the levels of every domain at every assessment, what changed from the
first assessment to the newest, and a chart of the newest against the previous and the targets.

`ProgressView.show_person(person_id, assessments, matrices)` gets the whole case's assessments
(the ZRM page has them already) and shows only that person's; it queries nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.zrm import compare
from jeugdtool.zrm.compare import Progress
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.case_page import scroll_into
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.zrm.progress_chart import BARS
from jeugdtool.ui.zrm.progress_chart import RADAR
from jeugdtool.ui.zrm.progress_chart import ProgressChart
from jeugdtool.ui.zrm.progress_chart import chart_data
from jeugdtool.ui.zrm.progress_model import ProgressModel

DATE_COLUMN_WIDTH = 140


def summary_text(progress: Progress) -> str:
    """First → newest: domains improved and worsened, and the targets reached."""
    mine = progress.assessments
    if not mine:
        return ""
    results = compare.targets(mine)
    reached = sum(1 for r in results if r.reached)
    if results:
        goals = _("targets reached {reached} of {total}").format(
            reached=reached, total=len(results)
        )
    else:
        goals = _("no target levels set")
    comparison = progress.first_to_latest()
    if comparison is None:
        return _(
            "One assessment so far ({date}); changes show from the next one on; {goals}."
        ).format(date=format_date_nl(mine[0].assessed_on), goals=goals)
    improved = ngettext("{n} domain improved", "{n} domains improved", comparison.improved).format(
        n=comparison.improved
    )
    return _("From {first} to {latest}: {improved}, {worsened} worsened, {goals}.").format(
        first=format_date_nl(mine[0].assessed_on),
        latest=format_date_nl(mine[-1].assessed_on),
        improved=improved,
        worsened=comparison.worsened,
        goals=goals,
    )


class ProgressView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress: Progress | None = None
        self.title = heading("", self)
        self.summary = WrappingLabel("", self)
        self.summary.setAccessibleName(_("Progress summary"))
        self.empty = muted("", self)
        self.model = ProgressModel(self)
        self.table = self._make_table()
        self.table.installEventFilter(self)
        self.legend = muted(
            _("▲ higher than the assessment before · ▼ lower · = the same · ★ focus domain"), self
        )
        self.chart = ProgressChart(self)
        self.bars_button = QRadioButton(_("&Bars"), self)
        self.radar_button = QRadioButton(_("Ra&dar"), self)
        self.bars_button.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.bars_button)
        self.modes.addButton(self.radar_button)
        self.bars_button.toggled.connect(self._mode_changed)
        self._lay_out()
        self.show_person(None, (), ())

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(_("Levels per domain and assessment"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.horizontalHeader().setDefaultSectionSize(DATE_COLUMN_WIDTH)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setHighlightSections(False)
        return table

    def _lay_out(self) -> None:
        self.chart_heading = heading(_("Chart"), self, 1.0)
        modes = QHBoxLayout()
        modes.addWidget(self.chart_heading)
        modes.addSpacing(12)
        modes.addWidget(self.bars_button)
        modes.addWidget(self.radar_button)
        modes.addStretch(1)
        body = QWidget(self)
        parts = (self.title, self.summary, self.empty, self.table, self.legend, modes, self.chart)
        vbox(body, *parts, spacing=8).addStretch(1)
        self.chart_controls = (self.chart_heading, self.bars_button, self.radar_button)
        scroll_into(self, body)  # the table and chart fit the width

    # ---- showing ---------------------------------------------------------------------------

    def show_person(
        self,
        person_id: int | None,
        assessments: Sequence[AssessmentDTO],
        matrices: Sequence[Matrix],
    ) -> None:
        """Show `person_id`'s assessments (of the case's `assessments`); None: nobody chosen."""
        progress = compare.progress(person_id, assessments) if person_id is not None else None
        self.progress = progress
        self.model.set_progress(progress, matrices)
        has_any = progress is not None and bool(progress.assessments)
        if person_id is None:
            self.title.setText(_("Progress"))
            self.empty.setText(_("Choose a person to see their progress."))
        elif not has_any:
            self.title.setText(_("Progress"))
            self.empty.setText(
                _(
                    "This person has not been assessed yet; progress shows after the first "
                    "assessment."
                )
            )
        else:
            assert progress is not None and progress.latest is not None
            self.title.setText(_("Progress of {name}").format(name=progress.latest.person_name))
        self.summary.setText(summary_text(progress) if has_any and progress else "")
        for widget in (self.summary, self.table, self.legend, self.chart, *self.chart_controls):
            widget.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.chart.set_data(
            chart_data(progress, matrices) if has_any and progress else None, matrices
        )
        if has_any:
            self._fit_table()

    def _fit_table(self) -> None:
        table = self.table
        table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            table.setColumnWidth(column, max(DATE_COLUMN_WIDTH, table.columnWidth(column)))
        # No empty grid right of the last assessment; many assessments scroll sideways.
        table.setMaximumWidth(self._content_width() + 2)
        self._fit_height()

    def _content_width(self) -> int:
        table = self.table
        wanted = table.verticalHeader().sizeHint().width() + 2 * table.frameWidth()
        return wanted + sum(table.columnWidth(c) for c in range(self.model.columnCount()))

    def _fit_height(self) -> None:
        """Tall enough for every domain (the page scrolls, not the table)."""
        table = self.table
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += self.model.rowCount() * table.verticalHeader().defaultSectionSize()
        if self._content_width() > table.width():  # many assessments: room for the scroll bar
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_height()
        return super().eventFilter(watched, event)

    def _mode_changed(self) -> None:
        self.chart.set_mode(BARS if self.bars_button.isChecked() else RADAR)
