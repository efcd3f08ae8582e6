"""The household's ZRM picture: persons × domains, the newest level of each, in colour with the
number written in; the date of each person's newest assessment; who is not assessed yet.

`set_data(rows, matrices)` takes `zrm.compare.latest_per_person` rows; double-click or Enter on
a row emits `person_chosen` with the person's id (the ZRM page then shows that person).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.zrm.compare import HeatRow
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import builtin_matrices

from jeugdtool.ui.row_table import read_only_rows
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.zrm.heat_colours import LEVEL_COLOURS
from jeugdtool.ui.zrm.heat_header import RotatedHeader
from jeugdtool.ui.zrm.heat_model import DATE
from jeugdtool.ui.zrm.heat_model import FIRST_DOMAIN
from jeugdtool.ui.zrm.heat_model import PERSON
from jeugdtool.ui.zrm.heat_model import HeatModel
from jeugdtool.ui.zrm.heat_model import PersonRole
from jeugdtool.ui.zrm.progress_model import FOCUS_MARK

DOMAIN_COLUMN_WIDTH = 40


def legend_html(matrices: Sequence[Matrix]) -> str:
    """The five levels as coloured numbers with their names (the first matrix's wording)."""
    matrix = next(iter(matrices), None) or builtin_matrices()[0]
    entries = []
    for level in LEVELS:
        background, text = LEVEL_COLOURS[level]
        name = html.escape(matrix.level(level).name.get()).replace(" ", "&nbsp;")
        entries.append(
            f'<span style="background:{background}; color:{text};">'
            f"&nbsp;<b>{level}</b>&nbsp;</span>&nbsp;{name}"
        )
    focus = html.escape(_("focus domain")).replace(" ", "&nbsp;")
    return " &nbsp;&nbsp; ".join([*entries, f"{FOCUS_MARK}&nbsp;{focus}"])


class HouseholdMap(QWidget):
    #: The person of the row that was double-clicked or where Enter was pressed.
    person_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = HeatModel(self)
        self.table = QTableView(self)
        self.table.setHorizontalHeader(RotatedHeader(FIRST_DOMAIN, self.table))
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Household ZRM overview"))
        read_only_rows(self.table)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Enter and double-click both "activate" a row (a single click on some desktops).
        self.table.activated.connect(self._activated)
        self.empty = muted(_("No household members to show."), self)
        self.legend = WrappingLabel("", self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.hint = muted(
            _("Double-click a person (or press Enter) to open their assessment."), self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading(_("Household overview"), self))
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.set_data((), ())

    def set_data(self, rows: Sequence[HeatRow], matrices: Sequence[Matrix]) -> None:
        chosen = self.current_person_id()
        self.model.set_data(rows, matrices)
        has_rows = bool(rows)
        for widget in (self.table, self.legend, self.hint):
            widget.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.legend.setText(legend_html(matrices))
        self._fit()
        for row, heat in enumerate(self.model.rows):
            if heat.person_id == chosen:
                self.table.selectRow(row)

    def current_person_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(PersonRole) if index.isValid() else None

    def _fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        table.resizeColumnToContents(PERSON)
        table.resizeColumnToContents(DATE)
        for column in range(FIRST_DOMAIN, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, DOMAIN_COLUMN_WIDTH)
        header.setStretchLastSection(False)
        rows = self.model.rowCount()
        height = header.sizeHint().height() + 2 * table.frameWidth() + 2
        height += rows * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height)
        width = sum(table.columnWidth(c) for c in range(self.model.columnCount()))
        table.setMaximumWidth(width + 2 * table.frameWidth() + 2)

    def _activated(self, index: QModelIndex) -> None:
        person_id = index.data(PersonRole)
        if person_id is not None:
            self.person_chosen.emit(person_id)
