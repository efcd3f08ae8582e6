"""The five steps of a network meeting's sitting, each a widget run by keyboard alone.

1. Who and where: the date, the place, who came (ticked with Space; others typed, separated by
   a semicolon) and who chaired.
2. What was shared: the newest moment's danger statements, safety goals and bottom lines
   (ticked with Space), what else was told, what was decided.
3. The scale round: per attendee the score (digit keys; 1 then 0 quickly is 10), why this
   number, and what would make it one point higher.
4. Acceptance of the draft plan: per attendee per agreement J (ja), N (nee) or Delete (niet
   gevraagd).
5. A review of the finalised plan (optional): per agreement kept or not, per safety goal met,
   partly or not, and since when the change is seen.

The widgets only gather what was typed; the dialog (sitting.py) saves each step through the
core, which checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.dossier import network_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_rules import same_person
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import LabelledEnum
from jeugdtool.i18n import _

from jeugdtool.ui.framework.score_input import WhoOption
from jeugdtool.ui.framework.score_row import ScoreRow
from jeugdtool.ui.framework.score_row import ShortText
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: The statements a network is told about (a harm statement stays with the professionals).
SHARED_TYPES = (StatementType.DANGER, StatementType.SAFETY_GOAL, StatementType.BOTTOM_LINE)


@dataclass(frozen=True)
class Attendee:
    """Someone at the table, as the steps after the first show them."""

    source: Source
    role: RaterRole
    chaired: bool = False

    @property
    def name(self) -> str:
        return self.source.label


def _text_edit(parent: QWidget, placeholder: str, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _scrolled_grid(parent: QWidget) -> tuple[QScrollArea, QWidget, QGridLayout]:
    """A grid of rows in a frameless scroll area (not a Tab stop: Tab goes to the fields)."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    inner = QWidget(scroll)
    grid = QGridLayout(inner)
    grid.setContentsMargins(0, 0, 0, 0)
    scroll.setWidget(inner)
    return scroll, inner, grid


# ---- 1. who and where ------------------------------------------------------------------------


class MeetingStep(QWidget):
    """Date, place, who came and who chaired."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NetworkMeetingStep")
        self.options: list[WhoOption] = []
        self.date = QLineEdit(v.format_date_nl(dt.date.today()), self)
        self.date.setPlaceholderText(_("dd-mm-jjjj"))
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(_("For example: at the family's home"))
        self.people = QListWidget(self)
        self.people.setAccessibleName(_("Who came"))
        self.others = QLineEdit(self)
        self.others.setPlaceholderText(_("Names, separated by a semicolon"))
        self.chair = QComboBox(self)
        self.errors = {name: ErrorLabel(self) for name in ("held_on", "place", "attendees")}
        form = QFormLayout()
        add_form_row(form, self, _("&Date"), self.date, self.errors["held_on"])
        add_form_row(form, self, _("&Place"), self.place, self.errors["place"])
        add_form_row(
            form,
            self,
            _("&Who came"),
            self.people,
            muted(_("Space ticks a person."), self),
            self.errors["attendees"],
        )
        add_form_row(form, self, _("&Others present"), self.others)
        add_form_row(form, self, _("C&haired by"), self.chair)
        vbox(self, form)
        self.people.itemChanged.connect(self._fill_chair)
        self.others.editingFinished.connect(self._fill_chair)

    def set_options(self, options: Sequence[WhoOption]) -> None:
        """The people who can come: the consultant, the household, the network."""
        self.options = [o for o in options if not o.needs_name]
        self.people.blockSignals(True)
        self.people.clear()
        for option in self.options:
            item = QListWidgetItem(option.label, self.people)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.people.blockSignals(False)
        if self.people.count():
            self.people.setCurrentRow(0)
        self._fill_chair()

    def set_values(self, held_on: dt.date, place: str, attendees: Sequence[Attendee]) -> None:
        """Show a meeting recorded before (to change it)."""
        self.date.setText(v.format_date_nl(held_on))
        self.place.setText(place)
        others: list[str] = []
        for attendee in attendees:
            row = self._row_of(attendee.source)
            if row is None:
                others.append(attendee.name)
            else:
                self.people.item(row).setCheckState(Qt.CheckState.Checked)
        self.others.setText("; ".join(others))
        self._fill_chair()
        chaired = [a.name for a in attendees if a.chaired]
        if chaired:
            self.chair.setCurrentIndex(max(0, self.chair.findText(chaired[0])))

    def _row_of(self, source: Source) -> int | None:
        for row, option in enumerate(self.options):
            if same_person(_source_of(option), source):
                return row
        return None

    def held_on(self) -> dt.date | None:
        return v.parse_date_nl(self.date.text(), "held_on")

    def attendees(self) -> list[Attendee]:
        """Who came, in the list's order, then the typed names; the chair marked."""
        chair = self.chair.currentIndex() - 1  # the first entry: nobody named
        return [
            Attendee(a.source, a.role, chaired=(i == chair))
            for i, a in enumerate(self.attendees_without_chair())
        ]

    def _typed(self) -> list[str]:
        return [name.strip() for name in self.others.text().split(";") if name.strip()]

    def _fill_chair(self, *_args: object) -> None:
        chosen = self.chair.currentText()
        names = [a.name for a in self.attendees_without_chair()]
        self.chair.blockSignals(True)
        self.chair.clear()
        self.chair.addItem(_("(nobody named)"))
        self.chair.addItems(names)
        index = self.chair.findText(chosen)
        self.chair.setCurrentIndex(max(0, index))
        self.chair.blockSignals(False)

    def attendees_without_chair(self) -> list[Attendee]:
        found = [
            Attendee(_source_of(o), o.role)
            for row, o in enumerate(self.options)
            if self.people.item(row).checkState() is Qt.CheckState.Checked
        ]
        found += [
            Attendee(Source(SourceKind.OTHER, label=n), RaterRole.NETWORK) for n in self._typed()
        ]
        return found


def _source_of(option: WhoOption) -> Source:
    return Source(
        option.kind, person_id=option.person_id, network_id=option.network_id, label=option.name
    )


# ---- 2. what was shared ------------------------------------------------------------------------


class SharedStep(QWidget):
    """The statements shared (ticked), what else was told, what was decided."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NetworkSharedStep")
        self.lineages: list[str] = []
        self.statements = QListWidget(self)
        self.statements.setWordWrap(True)
        self.statements.setAccessibleName(_("Statements shared"))
        self.none_note = muted(
            _("The newest mapping has no danger statements, safety goals or bottom lines yet."),
            self,
        )
        self.none_note.hide()
        self.told = _text_edit(self, _("What else the network was told"), 3)
        self.decisions = _text_edit(self, _("What was decided, and who does what"), 4)
        form = QFormLayout()
        add_form_row(
            form,
            self,
            _("&Shared"),
            self.statements,
            self.none_note,
            muted(_("Space ticks what was shared with the network."), self),
        )
        add_form_row(form, self, _("&Told as well"), self.told)
        add_form_row(form, self, _("&Decisions"), self.decisions)
        vbox(self, form)

    def set_statements(self, statements: Sequence[StatementDTO], ticked: Sequence[str]) -> None:
        self.statements.clear()
        self.lineages = []
        shown = [s for s in statements if s.type in SHARED_TYPES]
        for statement in sorted(shown, key=lambda s: (SHARED_TYPES.index(s.type), s.position)):
            text = _("{kind}: {text}").format(kind=statement.type.label, text=statement.text)
            item = QListWidgetItem(text, self.statements)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = statement.lineage in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.lineages.append(statement.lineage)
        self.none_note.setVisible(not shown)
        if shown:
            self.statements.setCurrentRow(0)

    def shared(self) -> list[str]:
        return [
            lineage
            for row, lineage in enumerate(self.lineages)
            if self.statements.item(row).checkState() is Qt.CheckState.Checked
        ]


# ---- 3. the scale round ------------------------------------------------------------------------


class RoundRow:
    """One attendee's score, reason and "one point higher"."""

    def __init__(self, parent: QWidget, attendee: Attendee):
        self.attendee = attendee
        self.name = QLabel(attendee.name, parent)
        self.row = ScoreRow(parent)
        self.row.setAccessibleName(_("Score of {name}").format(name=attendee.name))
        self.reason = ShortText(parent, lines=2)
        self.reason.setPlaceholderText(_("Why this number and not lower?"))
        self.one_higher = ShortText(parent, lines=2)
        self.one_higher.setPlaceholderText(_("What would make it one point higher?"))
        self.error = ErrorLabel(parent)


class ScaleStep(QWidget):
    """Per attendee: the 0–10 row, why, one point higher. An empty row: not scored."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NetworkScaleStep")
        self.rows: list[RoundRow] = []
        self.question = WrappingLabel("", self)
        self.scroll, self.inner, self.grid = _scrolled_grid(self)
        hint = muted(
            _(
                "Type the digit in the row of numbers (1 and then 0 quickly is 10); Tab goes to "
                "the reason and on to the next person. Leave a row empty for someone who did "
                "not score."
            ),
            self,
        )
        vbox(self, self.question, hint, self.scroll, stretch=self.scroll)

    def set_attendees(self, attendees: Sequence[Attendee], question: str) -> None:
        self.question.setText(question)
        for row in self.rows:
            for widget in (row.name, row.row, row.reason, row.one_higher, row.error):
                widget.deleteLater()
        self.rows = [RoundRow(self.inner, a) for a in attendees]
        for i, row in enumerate(self.rows):
            self.grid.addWidget(row.name, 2 * i, 0)
            self.grid.addWidget(row.row, 2 * i, 1)
            self.grid.addWidget(row.reason, 2 * i, 2)
            self.grid.addWidget(row.one_higher, 2 * i, 3)
            self.grid.addWidget(row.error, 2 * i + 1, 1, 1, 3)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setRowStretch(2 * len(self.rows), 1)
        if self.rows:
            self.setFocusProxy(self.rows[0].row)


# ---- 4. acceptance ------------------------------------------------------------------------------


#: Keys held with J, N or Delete that make them something else (a shortcut, a selection).
MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.MetaModifier
)


class AcceptanceTable(QTableWidget):
    """Rows: an agreement and one of its people who is at the table. J, N and Delete answer
    for the current row and move to the next."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        answers = {Qt.Key.Key_J: True, Qt.Key.Key_N: False, Qt.Key.Key_Delete: None}
        key = Qt.Key(event.key())
        if key in answers and not event.modifiers() & MODIFIERS:
            step = self.parent()
            assert isinstance(step, AcceptanceStep)
            step.answer(self.currentRow(), answers[key])
            self.setCurrentCell(min(self.currentRow() + 1, self.rowCount() - 1), 2)
            event.accept()
            return
        super().keyPressEvent(event)


class AcceptanceStep(QWidget):
    """Per attendee per agreement of the draft plan: accepted (ja), refused (nee), not asked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NetworkAcceptanceStep")
        self.parties: list[PartyDTO] = []
        self.answers: list[bool | None] = []
        self.note = muted("", self)
        self.table = AcceptanceTable(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Agreement"), _("Who"), _("Answer")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setAccessibleName(_("Acceptance per agreement"))
        keys = muted(_("J: yes, accepted · N: no · Delete: not asked"), self)
        vbox(self, self.note, keys, self.table, stretch=self.table)

    def set_plan(
        self, agreements: Sequence[AgreementDTO], attendees: Sequence[Attendee], plan_label: str
    ) -> None:
        self.parties, self.answers = [], []
        rows: list[tuple[str, PartyDTO]] = []
        present = [a.source for a in attendees]
        for agreement in agreements:
            for party in agreement.parties:
                if network_rules.attended(party.source, present):  # the core's rule
                    rows.append((agreement.what, party))
        self.table.setRowCount(len(rows))
        for row, (what, party) in enumerate(rows):
            self.parties.append(party)
            self.answers.append(party.accepted)
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(party.source.label))
            self.table.setItem(row, 2, QTableWidgetItem(""))
            self._show(row)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        if rows:
            self.table.setCurrentCell(0, 2)
            self.note.setText(plan_label)
        else:
            self.note.setText(
                plan_label
                or _("There is no draft plan, or nobody at the table is named in its agreements.")
            )
        self.setFocusProxy(self.table)

    def answer(self, row: int, value: bool | None) -> None:
        if 0 <= row < len(self.answers):
            self.answers[row] = value
            self._show(row)

    def _show(self, row: int) -> None:
        texts = {True: _("yes"), False: _("no"), None: _("not asked")}
        self.table.item(row, 2).setText(texts[self.answers[row]])

    def changed(self) -> list[tuple[int, bool | None]]:
        """(party id, answer) of the rows whose answer differs from what was recorded."""
        return [
            (party.id, answer)
            for party, answer in zip(self.parties, self.answers, strict=True)
            if answer != party.accepted
        ]


# ---- 5. review -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalChoice:
    lineage: str
    text: str


class ReviewStep(QWidget):
    """An optional review of the finalised plan: per agreement kept or not, per safety goal met,
    partly or not and since when."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NetworkReviewStep")
        self.agreements: list[AgreementDTO] = []
        self.goals: list[GoalChoice] = []
        self.enabled = QCheckBox(_("&Review the finalised plan in this meeting"), self)
        self.plan_note = muted("", self)
        self.note = _text_edit(self, _("How it went since the last review"), 2)
        self.kept: list[QComboBox] = []
        self.judged: list[QComboBox] = []
        self.seen: list[QLineEdit] = []
        self.scroll, self.inner, self.grid = _scrolled_grid(self)
        self.error = ErrorLabel(self)
        vbox(self, self.enabled, self.plan_note, self.note, self.scroll, self.error)
        self.enabled.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.note.setEnabled(on)
        self.inner.setEnabled(on)

    def _choice_row(
        self, row: int, text: str, unset: str, choices: Iterable[LabelledEnum]
    ) -> QComboBox:
        """`text` with a box to choose one of `choices` (or `unset`) beside it, in `row`."""
        label = WrappingLabel(text, self.inner)
        combo = QComboBox(self.inner)
        combo.addItem(unset, None)
        for choice in choices:
            combo.addItem(choice.label, choice)
        combo.setAccessibleName(text)
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(combo, row, 1)
        return combo

    def set_plan(
        self,
        agreements: Sequence[AgreementDTO],
        goals: Sequence[GoalChoice],
        plan_label: str,
        seen_since: dict[str, dt.date | None],
    ) -> None:
        self.agreements, self.goals = list(agreements), list(goals)
        self.plan_note.setText(plan_label)
        self.enabled.setEnabled(bool(agreements or goals))
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.kept, self.judged, self.seen = [], [], []
        row = 0
        if agreements:
            self.grid.addWidget(heading(_("Agreements"), self.inner, scale=1.0), row, 0, 1, 3)
            row += 1
        for agreement in agreements:
            self.kept.append(self._choice_row(row, agreement.what, _("(not discussed)"), Kept))
            row += 1
        if goals:
            self.grid.addWidget(heading(_("Safety goals"), self.inner, scale=1.0), row, 0, 1, 3)
            row += 1
        for goal in goals:
            combo = self._choice_row(row, goal.text, _("(not judged)"), Judgement)
            since = QLineEdit(v.format_date_nl(seen_since.get(goal.lineage)), self.inner)
            since.setPlaceholderText(_("seen since dd-mm-jjjj"))
            since.setAccessibleName(_("Seen since"))
            since.setMinimumWidth(
                since.fontMetrics().horizontalAdvance(since.placeholderText()) + 24
            )
            self.grid.addWidget(since, row, 2)
            self.judged.append(combo)
            self.seen.append(since)
            row += 1
        self.grid.setColumnStretch(0, 1)
        self.grid.setRowStretch(row, 1)
        # Tab: the note, then each agreement's and each goal's fields, top to bottom.
        chain: list[QWidget] = [self.enabled, self.note, *self.kept]
        for combo, since in zip(self.judged, self.seen, strict=True):
            chain += [combo, since]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
