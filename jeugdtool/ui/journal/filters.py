"""The journal's filter bar: kind, period, text to find, what the entries are about, and
whether working notes show. It only builds a `JournalFilter`; the core applies it
(journal_rules.matches)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import parse_date_nl
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.journal import texts
from jeugdtool.ui.widgets import date_edit

#: Milliseconds of quiet typing before the search runs (not a query per key).
SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    """Emits `changed` whenever what the timeline should show changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.addItem(_("All kinds"), None)
        for member in JournalKind:
            self.kind.addItem(member.label, member.value)
        self.kind.setAccessibleName(_("Kind of entry"))
        self.start, self.end = self._date(_("From date")), self._date(_("Until date"))
        self.text = QLineEdit(self)
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(_("Words in the note, names, who wrote it, links"))
        self.text.setAccessibleName(_("Search the journal"))
        self.about = QComboBox(self)
        self.about.setAccessibleName(_("About"))
        self.about.setMinimumContentsLength(28)
        self.about.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.working = QCheckBox(_("&Include working notes"), self)
        self.working.setChecked(True)
        self.clear = QPushButton(_("Show all"), self)
        self.clear.setToolTip(_("Clear every filter"))
        self.problem = QLabel(self)
        style_text(self.problem, Role.ERROR)
        self.problem.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._layout()
        self._connect()
        self.set_choices(())

    def _date(self, name: str) -> QLineEdit:
        return date_edit(self, None, name, least=120)

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        period = QHBoxLayout()
        period.setSpacing(8)
        until = QLabel(_("until"), self)
        until.setContentsMargins(4, 0, 4, 0)  # not glued to the dates on either side
        period.addWidget(self.start)
        period.addWidget(until)
        period.addWidget(self.end)
        period.addStretch(1)
        period.addWidget(self.working)
        period.addWidget(self.clear)
        grid.addWidget(self._label(_("&Kind"), self.kind), 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(self._label(_("&Period from"), self.start), 0, 2)
        grid.addLayout(period, 0, 3)
        grid.addWidget(self._label(_("&Look for"), self.text), 1, 0)
        grid.addWidget(self.text, 1, 1)
        grid.addWidget(self._label(_("&About what"), self.about), 1, 2)
        grid.addWidget(self.about, 1, 3)
        grid.addWidget(self.problem, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        # Tab goes row by row, as the filters read.
        order = (self.kind, self.start, self.end, self.working, self.clear, self.text, self.about)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _connect(self) -> None:
        # Qt's signals carry an index, a state or a text: the bar's says only "changed".
        self.kind.currentIndexChanged.connect(lambda *_a: self.changed.emit())
        self.about.currentIndexChanged.connect(lambda *_a: self.changed.emit())
        self.working.toggled.connect(lambda *_a: self.changed.emit())
        self.text.textChanged.connect(lambda *_a: self._timer.start())
        self.text.returnPressed.connect(self._search_now)
        for edit in (self.start, self.end):
            edit.editingFinished.connect(self.changed.emit)
        self.clear.clicked.connect(lambda *_a: self.reset())

    def _search_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    # ---- choices and state -----------------------------------------------------------------

    def set_choices(self, choices: Sequence[LinkChoice]) -> None:
        """The targets entries can be about, under their headings; the choice made stays."""
        current = self.about.currentData()
        self.about.blockSignals(True)
        self.about.clear()
        self.about.addItem(_("Anything"), "")
        model = self.about.model()
        assert isinstance(model, QStandardItemModel)
        for group, members in texts.grouped(choices).items():
            self.about.addItem(group)
            heading = model.item(self.about.count() - 1)
            heading.setEnabled(False)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            for choice in members:
                self.about.addItem("   " + choice.label, texts.target(choice.kind, choice.key))
        self.about.setCurrentIndex(max(0, self.about.findData(current or "")))
        self.about.blockSignals(False)

    def show_about(self, target: str, label: str = "") -> None:
        """Show only what is about `target` ("kind:key"), added to the list when not offered."""
        index = self.about.findData(target)
        if index < 0:
            self.about.addItem(label or target, target)
            index = self.about.count() - 1
        self.about.setCurrentIndex(index)

    def reset(self) -> None:
        for widget in (self.kind, self.about, self.text, self.start, self.end, self.working):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.about.setCurrentIndex(0)
        self.text.clear()
        self.start.clear()
        self.end.clear()
        self.working.setChecked(True)
        for widget in (self.kind, self.about, self.text, self.start, self.end, self.working):
            widget.blockSignals(False)
        self.changed.emit()

    def value(self) -> JournalFilter:
        """The filter as set; a date that cannot be read is left out, and said so."""
        kind = self.kind.currentData()
        problems = []
        dates = []
        for edit in (self.start, self.end):
            try:
                dates.append(parse_date_nl(edit.text(), "date"))
            except InvalidInput as exc:
                problems.extend(p.message for p in exc.problems)
                dates.append(None)
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        return JournalFilter(
            kinds=frozenset({kind}) if kind else frozenset(),
            start=dates[0],
            end=dates[1],
            text=self.text.text().strip(),
            about=self.about.currentData() or "",
            include_working_notes=self.working.isChecked(),
        )

    def is_default(self) -> bool:
        return self.value() == JournalFilter()
