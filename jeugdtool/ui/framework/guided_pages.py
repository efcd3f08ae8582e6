"""The pages of guided mode: choosing the mapping moment, a step's parts, the closing summary.

They only show things and report what the user chose; `guided.GuidedMapping` does the work.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import Source
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework import checklist
from jeugdtool.ui.framework.score_input import ScoreInput
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: The "Someone else…" entry of who-said-it (a name is typed).
OTHER = "other"

WEAK_STYLE = "background: #fff8e1; color: #4e3b00; border-left: 3px solid #e0a04c; padding: 6px;"


def button(text: str, parent: QWidget) -> QPushButton:
    """A push button that also answers Enter when it has the focus (not only Space)."""
    widget = QPushButton(text, parent)
    widget.setAutoDefault(True)
    return widget


def bullet_list(lines: Sequence[str], ordered: bool = False, italic: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    wrap = ("<i>", "</i>") if italic else ("", "")
    items = "".join(
        f"<li style='margin-bottom:4px'>{wrap[0]}{html.escape(line)}{wrap[1]}</li>"
        for line in lines
    )
    return f"<{tag} style='margin-left:-20px'>{items}</{tag}>"


class ItemInput(QPlainTextEdit):
    """The text of a new item: several lines; Ctrl+Enter hands it in, Tab moves on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


# ---- choosing the moment -------------------------------------------------------------------


class StartPage(QWidget):
    """Before the first step: start a mapping moment (who is present), or continue the latest."""

    start_requested = Signal()
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading(_("Guided mode"), self, scale=1.5)
        self.text = WrappingLabel("", self)
        self.present = QListWidget(self)
        self.present.setAccessibleName(_("Present"))
        self.present_label = QLabel(_("Who is &present? (Space ticks a name)"), self)
        self.present_label.setBuddy(self.present)
        self.start_button = button("", self)
        self.continue_button = button("", self)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.present_label)
        layout.addWidget(self.present)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.present.setMaximumWidth(520)
        self.present.setMaximumHeight(260)
        self.start_button.clicked.connect(self.start_requested.emit)
        self.continue_button.clicked.connect(self.continue_requested.emit)

    def set_people(self, names: Sequence[str], ticked: Sequence[str]) -> None:
        checklist.fill(self.present, [(name, name) for name in names], ticked)
        self.present.setCurrentRow(0)

    def ticked(self) -> list[str]:
        return list(checklist.ticked(self.present))


# ---- one step --------------------------------------------------------------------------------


class GuidePanel(QScrollArea):
    """Left of a step: the questions for the family and how good items look."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self)
        self.questions_title = heading(_("Questions for the family"), body)
        self.questions = WrappingLabel("", body)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        self.examples_title = heading(_("Good items look like this"), body)
        self.examples = WrappingLabel("", body)
        self.examples.setTextFormat(Qt.TextFormat.RichText)
        self.weak_toggle = QToolButton(body)
        self.weak_toggle.setText(_("Not like this (and why)"))
        self.weak_toggle.setCheckable(True)
        self.weak_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.weak_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.weak_toggle.setAutoRaise(True)
        self.weak = WrappingLabel("", body)
        self.weak.setTextFormat(Qt.TextFormat.RichText)
        self.weak.setStyleSheet(WEAK_STYLE)
        self.weak.hide()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        for widget in (self.questions_title, self.questions, self.examples_title, self.examples):
            layout.addWidget(widget)
        layout.addWidget(self.weak_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.weak)
        layout.addStretch(1)
        self.setWidget(body)
        self.weak_toggle.toggled.connect(self._show_weak)

    def _show_weak(self, shown: bool) -> None:
        self.weak.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.weak_toggle.setArrowType(arrow)

    def show_guide(
        self, questions: Sequence[str], good: Sequence[str], weak: str | None, why: str = ""
    ) -> None:
        self.questions.setText(bullet_list(questions, ordered=True))
        self.examples.setText(bullet_list(good, italic=True))
        has_examples = bool(good)
        self.examples_title.setVisible(has_examples)
        self.examples.setVisible(has_examples)
        self.weak_toggle.setVisible(weak is not None)
        self.weak_toggle.setChecked(False)
        if weak is not None:
            self.weak.setText(f"<i>“{html.escape(weak)}”</i><br>{html.escape(why)}")
        self.verticalScrollBar().setValue(0)


class EntryPanel(QWidget):
    """Right of a step: what the cell holds already and the field to add the next item."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items_title = heading("", self)
        self.items = QListWidget(self)
        self.items.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items.setWordWrap(True)
        self.items.setAccessibleName(_("Items in this cell"))
        #: The items the list shows (the list holds a grey line when there are none).
        self.shown: tuple[MapItemDTO, ...] = ()
        self.input = ItemInput(self)
        self.input.setAccessibleName(_("New item"))
        self.input.setPlaceholderText(_("Write what is said, in the family's own words…"))
        self.input_label = QLabel(_("New &item"), self)
        self.input_label.setBuddy(self.input)
        self.source = QComboBox(self)
        self.source.setAccessibleName(_("Said by"))
        self.other_name = line_edit(
            self, "", _("Name of who said it"), _("Name and role, e.g. “aunt Petra”")
        )
        self.worry_kind = QComboBox(self)
        self.worry_kind.addItem(_("Problem (it can be solved)"), WorryKind.PROBLEM)
        self.worry_kind.addItem(
            _("Limitation (no solution; it is lived with)"), WorryKind.LIMITATION
        )
        self.worry_kind.addItem(_("Not marked"), None)
        self.add_button = button(_("&Add  (Ctrl+Enter)"), self)
        self.error = ErrorLabel(self)
        self.hint = muted(
            _("Ctrl+Enter adds the item. Alt+→ adds what is typed and goes to the next step."),
            self,
        )
        self._build()
        self.source.currentIndexChanged.connect(self._toggle_other)

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("&Said by"), self.source)
        form.addRow("", self.other_name)
        self.kind_label = QLabel(_("&Problem or limitation"), self)
        self.kind_label.setBuddy(self.worry_kind)
        form.addRow(self.kind_label, self.worry_kind)
        self.source_label = form.labelForField(self.source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.items_title)
        layout.addWidget(self.items, 3)
        layout.addSpacing(6)
        layout.addWidget(self.input_label)
        layout.addWidget(self.input, 2)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.input.setMinimumHeight(70)
        self.input.setMaximumHeight(220)
        self.items.setMinimumHeight(60)
        self.items.setAlternatingRowColors(True)
        self.items.setSpacing(2)
        self._toggle_other()

    def _toggle_other(self) -> None:
        self.other_name.setVisible(self.source.currentData() == OTHER)

    def set_sources(self, choices: Sequence[tuple[str, Source]]) -> None:
        """Fill who-said-it, keeping the current choice (it is remembered between items)."""
        current = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        for label, source in choices:
            self.source.addItem(label, source)
        self.source.addItem(_("Someone else…"), OTHER)
        self.source.setCurrentIndex(max(self.index_of(current), 0))
        self.source.blockSignals(False)
        self._toggle_other()

    def index_of(self, wanted: Source | str | None) -> int:
        for row in range(self.source.count()):
            found = self.source.itemData(row)
            if isinstance(found, Source) and isinstance(wanted, Source):
                if (found.kind, found.person_id, found.network_id, found.label) == (
                    wanted.kind,
                    wanted.person_id,
                    wanted.network_id,
                    wanted.label,
                ):
                    return row
            elif found == wanted:
                return row
        return -1

    def choose_source(self, source: Source) -> None:
        """Show `source` as who said it (a default, not the user's own choice)."""
        row = self.index_of(source)
        if row >= 0:
            self.source.setCurrentIndex(row)

    def chosen_source(self) -> Source:
        data = self.source.currentData()
        if data == OTHER:
            return Source(SourceKind.OTHER, label=self.other_name.text().strip())
        return data

    def show_items(self, title: str, items: Sequence[MapItemDTO]) -> None:
        self.items_title.setText(title)
        self.shown = tuple(items)
        self.items.clear()
        for item in items:
            who = item.source.label or item.source.kind.label
            mark = f" · {item.worry_kind.label}" if item.worry_kind is not None else ""
            QListWidgetItem(f"{item.text}\n— {who}{mark}", self.items)
        if not items:
            empty = QListWidgetItem(_("Nothing in this cell yet."), self.items)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)

    def show_worry(self, is_worry: bool) -> None:
        """Problem or limitation is asked for worries only."""
        self.kind_label.setVisible(is_worry)
        self.worry_kind.setVisible(is_worry)

    def reset_worry(self) -> None:
        self.worry_kind.setCurrentIndex(0)


class ScaleStep(QWidget):
    """Right of the scale step: the score widget, for everyone present in turn."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.note = muted(
            _(
                "Everyone present gives their own number, with what makes it this number. "
                "Enter saves a score and clears the fields for the next person; all scores and "
                "their history are on the Scale page."
            ),
            self,
        )
        self.score_input = ScoreInput(ctx, case_id, self)
        #: Scores saved here while guided mode is open ("Sanne Jansen: 6").
        self.given: list[str] = []
        self.given_label = muted("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.score_input)
        layout.addWidget(self.given_label)
        layout.addStretch(1)
        self.setFocusProxy(self.score_input)
        self.score_input.score_entered.connect(self._saved)

    def pending(self) -> bool:
        """A score chosen or a reason typed, not yet saved."""
        entry = self.score_input
        typed = entry.reason.toPlainText().strip() or entry.one_higher.toPlainText().strip()
        return entry.row.score() is not None or bool(typed)

    def save_pending(self) -> bool:
        """Save what is entered, if anything. False if that failed (the problems show under
        the fields, which keep what was typed)."""
        return not self.pending() or self.score_input.save() is not None

    def _saved(self, score: ScoreDTO) -> None:
        self.given.append(f"{score.source.label or score.source.kind.label}: {score.score}")
        self.given_label.setText(_("Given now: {scores}").format(scores=", ".join(self.given)))


# ---- the closing summary ---------------------------------------------------------------------


#: What comes after the map, in the method's order: (page key for the workspace, button text).
NEXT_STEPS = (
    ("statements", N_("1. &Write danger statements and safety goals")),
    ("scale", N_("2. Give &scale scores")),
    ("plan", N_("3. Make the safety &plan")),
)


class SummaryPage(QWidget):
    """At the end: which cells are still empty (each with a way back), what comes next (each
    with a way there) and Done."""

    #: Payload: the Cell to go back to.
    jump_requested = Signal(object)
    done_requested = Signal()
    back_requested = Signal()
    #: Payload: the page to go on to (a key of `NEXT_STEPS`); the map is saved first.
    next_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading(_("What is still empty?"), self, scale=1.4)
        self.text = WrappingLabel("", self)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(16)
        self.jump_buttons: dict[Cell, QPushButton] = {}
        self.next_title = heading(_("What comes next?"), self, scale=1.2)
        self.next_text = WrappingLabel(
            _(
                "With the map filled in, write the danger statements and safety goals together "
                "with the family: what everyone is afraid of if nothing changes, and what has to "
                "be seen to be sure the children are safe. Then everyone gives a number on the "
                "scale. Then make the safety plan with the family and its network."
            ),
            self,
        )
        self.next_buttons = {key: button(_(text), self) for key, text in NEXT_STEPS}
        self.back_button = button(_("← &Back"), self)
        self.done_button = button(_("&Done"), self)
        self.done_button.setDefault(True)
        self.done_button.setToolTip(_("Save what is typed and show the whole map"))
        self._build()
        self.back_button.clicked.connect(self.back_requested.emit)
        self.done_button.clicked.connect(self.done_requested.emit)
        for key, widget in self.next_buttons.items():
            widget.clicked.connect(lambda _checked=False, k=key: self.next_requested.emit(k))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        compact = QHBoxLayout()
        compact.addLayout(self.rows)
        compact.addStretch(1)
        layout.addLayout(compact)
        layout.addSpacing(20)
        layout.addWidget(self.next_title)
        self.next_text.setMaximumWidth(900)
        layout.addWidget(self.next_text)
        steps = QVBoxLayout()
        for widget in self.next_buttons.values():
            widget.setToolTip(_("Save the map and go there"))
            steps.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(steps)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)

    def show_cells(self, rows: Sequence[tuple[Cell, str, str]], filled: int) -> None:
        """`rows`: (cell, title, what is the matter) in guided order; `filled`: cells with
        items."""
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.jump_buttons = {}
        total = len(Cell)
        if filled < total:
            self.text.setText(
                _("{filled} of {total} cells have items. Still to do:").format(
                    filled=filled, total=total
                )
            )
        else:
            self.text.setText(_("Every cell has at least one item."))
        for row, (cell, title, state) in enumerate(rows):
            self._row(row, cell, title, state)
        order = [
            *self.jump_buttons.values(),
            *self.next_buttons.values(),
            self.back_button,
            self.done_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _row(self, row: int, cell: Cell, title: str, state: str) -> None:
        name = QLabel(f"<b>{html.escape(title)}</b>", self)
        note = QLabel(state, self)
        style_text(note, Role.MUTED)
        jump = button(_("Go there"), self)
        jump.setAccessibleName(_("Go to “{cell}”").format(cell=title))
        jump.clicked.connect(lambda _checked=False, c=cell: self.jump_requested.emit(c))
        self.rows.addWidget(name, row, 0)
        self.rows.addWidget(note, row, 1)
        self.rows.addWidget(jump, row, 2)
        for widget in (name, note, jump):
            widget.show()  # now, not on the next turn of the event loop, so it can take focus
        self.jump_buttons[cell] = jump
