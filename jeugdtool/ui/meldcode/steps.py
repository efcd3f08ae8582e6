"""The editors of the meldcode's five steps: each a box with the step's explanation (from
resources/meldcode), its own fields, and when it was done and by whom.

A box only shows and gathers: a field that is left changed emits `edited(step, changes)` (or
`record_edited(changes)` for the kindcheck), which the tab saves as an undoable command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import parse_date_nl
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import MeldcodeSignalDTO
from jeugdtool.dossier.dto import MeldcodeStepDTO
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.meldcode.afweging import AfwegingPanel
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

TextField = QLineEdit | GrowingTextEdit


def contact_line(contact: VeiligThuisContactDTO) -> str:
    """ "12-03-2026, by phone, with J. Visser — reference VT-123" (a report without its
    reference says so)."""
    channel = ReportChannel(contact.channel).label
    # Mid-sentence: "12-03-2026, by phone", not "…, By phone".
    parts = [format_date_nl(contact.contact_on), channel[:1].lower() + channel[1:]]
    if contact.with_whom:
        parts.append(_("with {name}").format(name=contact.with_whom))
    text = ", ".join(parts)
    if contact.reference:
        return _("{contact} — reference {reference}").format(
            contact=text, reference=contact.reference
        )
    if veilig_thuis.missing_reference(contact):
        return _("{contact} — reference not recorded yet").format(contact=text)
    return text


class StepBox(QGroupBox):
    """One step: explanation, the step's fields (`form`), done on / by."""

    #: (step number, {field: new value}) — a field left changed.
    edited = Signal(int, dict)
    #: (step number) — the journal, showing only the entries about this step.
    journal_requested = Signal(int)

    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(f"{number}. {title}", parent)
        self.number = number
        self.setObjectName(f"meldcodeStep{number}")
        # The five steps are scanned by their titles: bold (a style sheet's font is not passed on
        # to the fields inside).
        self.setStyleSheet(f"QGroupBox#meldcodeStep{number} {{ font-weight: bold; }}")
        self.explanation = muted(explanation, self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.texts: dict[str, TextField] = {}
        self.done_on = line_edit(self, "", _("Step {n} done on").format(n=number), _("dd-mm-jjjj"))
        self.done_on.setMaximumWidth(130)
        self.done_by = QLineEdit(self)
        self.done_by.setAccessibleName(_("Step {n} done by").format(n=number))
        self.done_by.setMaxLength(200)
        self.today_button = QPushButton(_("Done today"), self)
        self.today_button.setToolTip(_("Mark this step as done today, by you"))
        self.state = QLabel(self)
        self.date_error = WrappingLabel("", self)
        style_text(self.date_error, Role.ERROR)
        self.date_error.hide()
        #: The journal entries about this step (linked from the journal).
        self.journal = muted("", self)
        self.journal_button = QPushButton(_("Show in the journal"), self)
        self.journal_button.setToolTip(_("The journal, showing only the entries about this step"))
        self.journal_button.hide()
        self.journal_button.clicked.connect(lambda: self.journal_requested.emit(self.number))
        journal_row = QHBoxLayout()
        journal_row.addWidget(self.journal, 1)
        journal_row.addWidget(self.journal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.explanation)
        layout.addLayout(self.body)
        layout.addLayout(self.form)
        layout.addLayout(journal_row)
        layout.addLayout(self._footer())
        layout.addWidget(self.date_error)
        self.done_on.editingFinished.connect(self._date_left)
        self.done_by.editingFinished.connect(lambda: self._left("done_by", self.done_by))
        #: Set by the tab: marks the step done today by the current user.
        self.today_requested: Callable[[int], None] = lambda _step: None
        self.today_button.clicked.connect(lambda: self.today_requested(self.number))

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        on = QLabel(_("Done on"), self)
        on.setBuddy(self.done_on)
        by = QLabel(_("by"), self)
        by.setBuddy(self.done_by)
        for widget in (on, self.done_on, by, self.done_by, self.today_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.state)
        return row

    # ---- fields --------------------------------------------------------------------------

    def add_text(self, name: str, caption: str, *, lines: int = 0, hint: str = "") -> TextField:
        """A text field of the step, saved when left changed (`lines`: a growing field)."""
        field: TextField
        field = GrowingTextEdit(self, min_lines=lines, max_lines=8) if lines else QLineEdit(self)
        field.setPlaceholderText(hint)
        field.setAccessibleName(caption)
        field.editingFinished.connect(lambda: self._left(name, field))
        self.texts[name] = field
        self.form.addRow(caption, field)
        return field

    def _left(self, name: str, field: TextField) -> None:
        if field.isModified() and not field.isReadOnly():
            field.setModified(False)
            self.edited.emit(self.number, {name: field.text()})

    def _date_left(self) -> None:
        if not self.done_on.isModified() or self.done_on.isReadOnly():
            return
        try:
            day = parse_date_nl(self.done_on.text(), "done_on")
        except InvalidInput as exc:
            self.show_date_error(str(exc.problems[0].message))
            return
        self.done_on.setModified(False)
        self.show_date_error("")
        self.edited.emit(self.number, {"done_on": day})

    def keep(self, values: dict[str, Any]) -> None:
        """Show `values` (an edit that could not be saved) as typed and still to be saved."""
        for name, value in values.items():
            field = self.texts.get(name)
            if field is not None and isinstance(value, str):
                field.setText(value)
                field.setModified(True)
        if isinstance(values.get("done_on"), dt.date):
            self.done_on.setText(format_date_nl(values["done_on"]))
            self.done_on.setModified(True)

    def show_date_error(self, message: str) -> None:
        self.date_error.setText(message)
        self.date_error.setVisible(bool(message))

    # ---- showing ---------------------------------------------------------------------------

    def set_step(self, step: MeldcodeStepDTO, editable: bool) -> None:
        for name, field in self.texts.items():
            _show_text(field, getattr(step, name))
            field.setReadOnly(not editable)
        if not (self.done_on.hasFocus() and self.done_on.isModified()):
            self.done_on.setText(format_date_nl(step.done_on) if step.done_on else "")
            self.done_on.setModified(False)
        _show_text(self.done_by, step.done_by)
        self.done_on.setReadOnly(not editable)
        self.done_by.setReadOnly(not editable)
        self.today_button.setEnabled(editable and step.done_on is None)
        self._show_state(step)

    def set_journal(self, entries: Sequence[str], editable: bool) -> None:
        """The journal entries about this step, as "06-12-2026 Home visit"."""
        if entries:
            self.journal.setText(_("In the journal: {entries}").format(entries="; ".join(entries)))
        elif editable:
            self.journal.setText(
                _("No journal entry about this step yet; link one from the journal (Ctrl+0).")
            )
        self.journal.setVisible(bool(entries) or editable)
        self.journal_button.setVisible(bool(entries))

    def _show_state(self, step: MeldcodeStepDTO) -> None:
        if step.done_on is not None:
            self.state.setText(_("Done"))
            style_text(self.state, Role.OK, "font-weight: bold;")
        elif step.overdue:
            self.state.setText(_("Open longer than the organisation's term"))
            style_text(self.state, Role.WARNING, "font-weight: bold;")
        else:
            self.state.setText(_("Open"))
            style_text(self.state, Role.MUTED)


def _show_text(field: TextField, value: str) -> None:
    """The stored text, unless the user is changing it right now (kept, not overwritten)."""
    if field.hasFocus() and field.isModified():
        return
    if field.text() != value:
        field.setText(value)
        if isinstance(field, QLineEdit):
            field.setCursorPosition(0)  # a long text is read from its start
    field.setModified(False)


# ---- step 1: signals and the kindcheck --------------------------------------------------


class SignalsStep(StepBox):
    """The signals (from the map or one's own) and the kindcheck."""

    #: The record's own fields (the kindcheck) left changed.
    record_edited = Signal(dict)
    pick_requested = Signal()
    own_requested = Signal()
    #: Payload: the MeldcodeSignalDTO to remove.
    remove_requested = Signal(object)

    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(number, title, explanation, parent)
        self.signals: list[MeldcodeSignalDTO] = []
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Signals"))
        self.list.setWordWrap(True)
        self.empty = muted(_("No signals recorded yet."), self, italic=True)
        self.pick_button = QPushButton(_("From the map…"), self)
        self.own_button = QPushButton(_("Own observation…"), self)
        self.remove_button = QPushButton(_("Remove signal"), self)
        self.remove_button.setToolTip(_("Remove the selected signal (key: Del)"))
        buttons = QHBoxLayout()
        for button in (self.pick_button, self.own_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)
        self.body.addLayout(buttons)
        self._kindcheck()
        self.add_text("notes", _("Notes"), lines=2)
        self.pick_button.clicked.connect(self.pick_requested.emit)
        self.own_button.clicked.connect(self.own_requested.emit)
        self.remove_button.clicked.connect(self._remove)
        self.list.installEventFilter(self)

    def _fit_list(self) -> None:
        """As tall as its signals, each wrapped at the list's width (up to six; more scroll)."""
        width = max(self.list.width() - 2 * self.list.frameWidth() - 12, 80)
        metrics = self.list.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        heights = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            height = metrics.boundingRect(0, 0, width, 10_000, flags, item.text()).height() + 6
            item.setSizeHint(QSize(width, height))
            heights.append(height)
        shown = sum(heights[:6]) or metrics.lineSpacing()
        self.list.setFixedHeight(shown + 2 * self.list.frameWidth() + 2)

    def _kindcheck(self) -> None:
        title = QLabel(_("Kindcheck"), self)
        title.setStyleSheet("font-weight: bold;")
        self.body.addWidget(title)
        self.adults = line_edit(
            self, "", _("Adults"), _("The adult(s) the signals are about, separated by commas")
        )
        self.adults.editingFinished.connect(self._adults_left)
        self.form.addRow(_("About the adult(s)"), self.adults)
        self.depend = self._answer_combo(
            "kindcheck_children_depend", _("Do children depend on them?")
        )
        self.assessed = self._answer_combo(
            "kindcheck_safety_assessed", _("Is the safety of those children assessed?")
        )
        self.kindcheck_note = QLineEdit(self)
        self.kindcheck_note.setAccessibleName(_("Kindcheck note"))
        self.kindcheck_note.editingFinished.connect(self._note_left)
        self.form.addRow(_("Kindcheck note"), self.kindcheck_note)

    def _answer_combo(self, name: str, caption: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(caption)
        combo.addItem(_("Not asked yet"), None)
        for answer in KindcheckAnswer:
            combo.addItem(answer.label, answer.value)
        combo.activated.connect(lambda _row: self.record_edited.emit({name: combo.currentData()}))
        self.form.addRow(caption, combo)
        return combo

    def _adults_left(self) -> None:
        if self.adults.isModified() and not self.adults.isReadOnly():
            self.adults.setModified(False)
            names = tuple(n.strip() for n in self.adults.text().split(",") if n.strip())
            self.record_edited.emit({"kindcheck_adults": names})

    def _note_left(self) -> None:
        if self.kindcheck_note.isModified() and not self.kindcheck_note.isReadOnly():
            self.kindcheck_note.setModified(False)
            self.record_edited.emit({"kindcheck_note": self.kindcheck_note.text()})

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.list and event.type() == event.Type.Resize:
            self._fit_list()  # wrapped at the new width, the signals take other heights
        deleting = event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Delete
        if watched is self.list and deleting and self.remove_button.isEnabled():
            self._remove()
            return True
        return super().eventFilter(watched, event)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.signals):
            self.remove_requested.emit(self.signals[row])

    def set_record(self, record: MeldcodeRecordDTO, editable: bool) -> None:
        self.signals = list(record.signals)
        current = self.list.currentRow()
        self.list.clear()
        for signal in self.signals:
            source = SignalSource(signal.source).label
            QListWidgetItem(f"{signal.text}  ({source})", self.list)
        if self.signals:
            self.list.setCurrentRow(min(max(current, 0), len(self.signals) - 1))
        self._fit_list()
        self.list.setVisible(bool(self.signals))
        self.empty.setVisible(not self.signals)
        for button in (self.pick_button, self.own_button):
            button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(self.signals))
        _show_text(self.adults, ", ".join(record.kindcheck_adults))
        _show_text(self.kindcheck_note, record.kindcheck_note)
        self.adults.setReadOnly(not editable)
        self.kindcheck_note.setReadOnly(not editable)
        for combo, value in (
            (self.depend, record.kindcheck_children_depend),
            (self.assessed, record.kindcheck_safety_assessed),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.setEnabled(editable)


# ---- step 2: consultation -------------------------------------------------------------


class ContactsList(QWidget):
    """The Veilig Thuis contacts made from a step, and the button to record one."""

    def __init__(self, caption: str, button_text: str, parent: QWidget):
        super().__init__(parent)
        self.caption = caption
        self.text = WrappingLabel("", self)
        self.button = QPushButton(button_text, self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)

    def set_contacts(self, contacts: Sequence[VeiligThuisContactDTO], editable: bool) -> None:
        lines = [contact_line(c) for c in contacts]
        self.text.setText(f"{self.caption}: " + ("; ".join(lines) if lines else _("none yet")))
        self.button.setEnabled(editable)


class ConsultStep(StepBox):
    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(number, title, explanation, parent)
        self.add_text("with_whom", _("Colleague consulted"))
        self.add_text("advice", _("Their advice"), lines=2)
        self.consultations = ContactsList(
            _("Veilig Thuis consulted"), _("Consult Veilig Thuis…"), self
        )
        self.form.addRow("", self.consultations)
        self.add_text("notes", _("Notes"), lines=2)


# ---- step 3: the talk -----------------------------------------------------------------


class TalkStep(StepBox):
    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(number, title, explanation, parent)
        self.held = QComboBox(self)
        self.held.setAccessibleName(_("Was the talk held?"))
        for text, value in ((_("Not yet"), None), (_("Yes"), True), (_("No"), False)):
            self.held.addItem(text, value)
        self.held.activated.connect(
            lambda _row: self.edited.emit(self.number, {"talk_held": self.held.currentData()})
        )
        self.form.addRow(_("Was the talk held?"), self.held)
        self.add_text("with_whom", _("With whom"))
        self.add_text(
            "not_held_reason",
            _("Why not"),
            lines=1,
            hint=_("Only when the talk was not held: for safety, or the person's own reason"),
        )
        self.add_text("notes", _("Notes"), lines=2)

    def set_step(self, step: MeldcodeStepDTO, editable: bool) -> None:
        super().set_step(step, editable)
        self.held.setCurrentIndex(max(0, self.held.findData(step.talk_held)))
        self.held.setEnabled(editable)


# ---- step 4: weigh -------------------------------------------------------------------


class WeighStep(StepBox):
    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(number, title, explanation, parent)
        self.panel = AfwegingPanel(self)
        self.body.addWidget(self.panel)
        self.add_text("notes", _("Notes"), lines=2)


# ---- step 5: decide ------------------------------------------------------------------


class DecideStep(StepBox):
    """The decision: report to Veilig Thuis and/or offer or organise help, with a reason."""

    #: (report, help, reason)
    decide_requested = Signal(bool, bool, str)

    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(number, title, explanation, parent)
        self.report = QCheckBox(_("Report to Veilig Thuis"), self)
        self.help = QCheckBox(_("Offer or organise help"), self)
        self.reason = GrowingTextEdit(self, min_lines=2, max_lines=6)
        self.reason.setAccessibleName(_("Reason for the decision"))
        self.reason.setPlaceholderText(
            _("Why this decision; required when it departs from the afwegingskader's outcome")
        )
        self.decide_button = QPushButton(_("Record decision"), self)
        self.decision = WrappingLabel("", self)
        self.error = WrappingLabel("", self)
        style_text(self.error, Role.ERROR)
        self.error.hide()
        choices = QHBoxLayout()
        choices.addWidget(self.report)
        choices.addWidget(self.help)
        choices.addStretch(1)
        choices.addWidget(self.decide_button)
        self.body.addLayout(choices)
        self.body.addWidget(self.reason)
        self.body.addWidget(self.error)
        self.body.addWidget(self.decision)
        self.reports = ContactsList(
            _("Reports to Veilig Thuis"), _("Report to Veilig Thuis…"), self
        )
        self.body.addWidget(self.reports)
        self.add_text("notes", _("Notes"), lines=2)
        self.decide_button.clicked.connect(self._decide)
        # The decision dates step 5: its date follows from "Record decision".
        self.done_on.setEnabled(False)
        self.today_button.hide()

    def _decide(self) -> None:
        self.decide_requested.emit(
            self.report.isChecked(), self.help.isChecked(), self.reason.text()
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def set_record(self, record: MeldcodeRecordDTO, editable: bool) -> None:
        decided = record.decided_report is not None
        if decided:
            self.report.setChecked(bool(record.decided_report))
            self.help.setChecked(bool(record.decided_help))
            _show_text(self.reason, record.decision_reason)
        elif not self.report.hasFocus() and not self.help.hasFocus() and not self.reason.hasFocus():
            # Not decided yet: propose what the afwegingskader leads to.
            self.report.setChecked(record.outcome.report)
            self.help.setChecked(record.outcome.help)
        open_to_decide = editable and not decided
        for widget in (self.report, self.help, self.decide_button):
            widget.setEnabled(open_to_decide)
        self.reason.setReadOnly(not open_to_decide)
        self.decision.setText(decision_text(record))
        style_text(self.decision, None if decided else Role.MUTED)

    def set_step(self, step: MeldcodeStepDTO, editable: bool) -> None:
        super().set_step(step, editable)
        self.done_by.setEnabled(False)  # who decided: recorded with the decision


def decision_text(record: MeldcodeRecordDTO) -> str:
    if record.decided_report is None and not record.outcome.complete:
        return _("Not decided yet. Answer the afwegingskader in step 4 first.")
    if record.decided_report is None:
        return _("Not decided yet. The afwegingskader proposes: {outcome}").format(
            outcome=record.outcome.summary
        )
    if record.decided_report and record.decided_help:
        return _("Decided: report to Veilig Thuis and offer or organise help.")
    if record.decided_report:
        return _("Decided: report to Veilig Thuis.")
    if record.decided_help:
        return _("Decided: offer or organise help, without a report.")
    return _("Decided: no report and no help.")
