"""The meldcode page's "Meldcode" tab: the case's meldcode records (newest first; a closed record
reads as the record it is) and the five steps of the record chosen, each edited in place.

Every change is an undoable command (commands.py); a field whose save is refused keeps what was
typed and says why beside it. A closed case, a closed record or a database that may only be read
shows the same, read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Container
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import SignalChoice
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import MeldcodeStep
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.journal.texts import kind_label
from jeugdtool.ui.journal.texts import when
from jeugdtool.ui.meldcode import commands as mc
from jeugdtool.ui.meldcode.contact_dialog import ContactDialog
from jeugdtool.ui.meldcode.record_pdf import save_record_pdf
from jeugdtool.ui.meldcode.signal_picker import SignalPicker
from jeugdtool.ui.meldcode.steps import ConsultStep
from jeugdtool.ui.meldcode.steps import DecideStep
from jeugdtool.ui.meldcode.steps import SignalsStep
from jeugdtool.ui.meldcode.steps import StepBox
from jeugdtool.ui.meldcode.steps import TalkStep
from jeugdtool.ui.meldcode.steps import WeighStep
from jeugdtool.ui.meldcode.veilig_thuis_tab import AddContactCommand
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

STEP_CLASSES = (SignalsStep, ConsultStep, TalkStep, WeighStep, DecideStep)


def record_label(record: MeldcodeRecordDTO) -> str:
    """ "Meldcode 2 — started 12-03-2026 (open)"."""
    status = MeldcodeStatus(record.status).label.lower()
    return _("Meldcode {number} — started {day} ({status})").format(
        number=record.number, day=format_date_nl(record.started_on), status=status
    )


class MeldcodeTab(CaseWatcher, QWidget):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MeldcodeTab")
        self.ctx, self.case_id = ctx, case_id
        self.stale = True
        self.case: CaseDetail | None = None
        self.records: list[MeldcodeRecordDTO] = []
        self.contacts: list[VeiligThuisContactDTO] = []
        #: The case's journal entries by id (what the steps link to).
        self.entries: dict[int, JournalEntryDTO] = {}
        self.record: MeldcodeRecordDTO | None = None
        self._chosen_id: int | None = None
        self.editable = False
        self._build()
        self.watch_case(ctx, case_id)

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_("Meldcode record"))
        self.combo.setMinimumContentsLength(34)
        self.combo_label = label = QLabel(_("Record"), self)
        label.setBuddy(self.combo)
        self.start_button = QPushButton(_("Start meldcode…"), self)
        self.pdf_button = QPushButton(_("PDF for the file…"), self)
        self.pdf_button.setToolTip(_("A PDF of this record for the case file (not for partners)"))
        self.close_button = QPushButton(_("Close record…"), self)
        bar = QHBoxLayout()
        for widget in (label, self.combo, self.start_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.close_button)
        self.summary = WrappingLabel("", self)
        self.locked = WrappingLabel("", self)
        style_text(self.locked, Role.WARNING)
        self.error = WrappingLabel("", self)
        style_text(self.error, Role.ERROR)
        self.empty = muted(_empty_text(), self, italic=True)
        self.steps = self._step_boxes()
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        for box in self.steps:
            column.addWidget(box)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(bar)
        for widget in (self.summary, self.locked, self.error, self.empty):
            layout.addWidget(widget)
        layout.addWidget(self.scroll, 1)
        self._connect()
        self.setFocusProxy(self.combo)

    def _step_boxes(self) -> list[StepBox]:
        texts = {text.step: text for text in meldcode_text.steps()}
        return [
            cls(number, texts[number].title, texts[number].explanation, self)
            for number, cls in enumerate(STEP_CLASSES, start=1)
        ]

    def _connect(self) -> None:
        self.combo.activated.connect(self._record_chosen)
        self.start_button.clicked.connect(lambda: self.start_record())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close_record)
        for box in self.steps:
            box.edited.connect(self.edit_step)
            box.journal_requested.connect(self.show_journal)
            box.today_requested = self.done_today
        signals = self.signals_step
        signals.record_edited.connect(self.edit_record)
        signals.pick_requested.connect(self.pick_signals)
        signals.own_requested.connect(self.add_own_signal)
        signals.remove_requested.connect(self.remove_signal)
        self.steps[1].consultations.button.clicked.connect(
            lambda: self.add_contact(VeiligThuisKind.CONSULTATION.value)
        )
        self.weigh_step.panel.answered.connect(self.answer)
        self.decide_step.decide_requested.connect(self.decide)
        self.decide_step.reports.button.clicked.connect(
            lambda: self.add_contact(VeiligThuisKind.REPORT.value)
        )

    @property
    def signals_step(self) -> SignalsStep:
        return self.steps[0]  # type: ignore[return-value]

    @property
    def weigh_step(self) -> WeighStep:
        return self.steps[3]  # type: ignore[return-value]

    @property
    def decide_step(self) -> DecideStep:
        return self.steps[4]  # type: ignore[return-value]

    # ---- showing ---------------------------------------------------------------------------

    def reload(self) -> None:
        uow = self.ctx.uow
        try:
            self.case = queries.get_case(uow, self.case_id)
            self.records = meldcode.records(uow, self.case_id)
            self.contacts = veilig_thuis.contacts(uow, self.case_id)
            self.entries = {e.id: e for e in journal.journal(uow, self.case_id)}
            weigh = meldcode.weigh_context(uow, self.case_id)
        except NotFound:
            self.case, self.records, self.contacts, self.entries = None, [], [], {}
            weigh = None
        except JeugdtoolError as exc:  # said where the record would be
            self.load_failed(self.error, exc)
            return
        self.error.hide()
        if weigh is not None:
            self.weigh_step.panel.set_context(
                weigh.scale_score, weigh.scored_on, weigh.danger_statements
            )
        self._show()

    def _show(self) -> None:
        ids = [r.id for r in self.records]
        if self._chosen_id not in ids:
            self._chosen_id = ids[0] if ids else None
        self.combo.clear()
        for record in self.records:
            self.combo.addItem(record_label(record), record.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self._chosen_id)))
        self.record = next((r for r in self.records if r.id == self._chosen_id), None)
        household = self.case.household if self.case else None
        case_editable = self.ctx.can_edit(household)
        has_open = any(r.status == MeldcodeStatus.OPEN for r in self.records)
        self.start_button.setEnabled(case_editable and not has_open)
        self.start_button.setToolTip(
            _("Finish and close the open record first: one record at a time.") if has_open else ""
        )
        self.empty.setVisible(self.record is None)
        self.empty.setText(
            _empty_text() if case_editable else _("No meldcode record for this case.")
        )
        self.scroll.setVisible(self.record is not None)
        self.combo.setVisible(bool(self.records))
        self.combo_label.setVisible(bool(self.records))
        # The keyboard starts where there is something to do: the records, or starting one.
        self.setFocusProxy(self.combo if self.records else self.start_button)
        self.summary.setVisible(self.record is not None)
        record = self.record
        is_open = record is not None and record.status == MeldcodeStatus.OPEN
        self.editable = case_editable and is_open
        self.pdf_button.setEnabled(record is not None)
        self.close_button.setEnabled(self.editable)
        self._show_locked(case_editable)
        if record is not None:
            self._show_record(record)

    def _show_locked(self, case_editable: bool) -> None:
        record = self.record
        if record is None or self.editable:
            self.locked.hide()
            return
        if not case_editable:
            text = self.ctx.locked_note(
                _(
                    "This case is closed: the meldcode is shown as it was. To change it, reopen "
                    "the case."
                )
            )
        else:
            text = _(
                "This record was closed on {day} by {who}: it is the record of what was "
                "weighed and decided, and can no longer change."
            ).format(day=format_date_nl(record.closed_on), who=record.closed_by or "")
        self.locked.setText(text)
        self.locked.show()

    def _show_record(self, record: MeldcodeRecordDTO) -> None:
        self.summary.setText(
            _("Started on {day} by {who}.").format(
                day=format_date_nl(record.started_on), who=record.started_by
            )
        )
        for box, step in zip(self.steps, record.steps, strict=True):
            box.set_step(step, self.editable)
            entries = [self.entries[i] for i in step.journal_entry_ids if i in self.entries]
            box.set_journal([f"{when(e)} {kind_label(e.kind)}" for e in entries], self.editable)
        self.signals_step.set_record(record, self.editable)
        self.weigh_step.panel.set_record(record, self.editable)
        self.decide_step.set_record(record, self.editable)
        mine = [c for c in self.contacts if c.meldcode_record_id == record.id]
        consulted = [c for c in mine if c.kind == VeiligThuisKind.CONSULTATION.value]
        reported = [c for c in mine if c.kind == VeiligThuisKind.REPORT.value]
        self.steps[1].consultations.set_contacts(consulted, self.editable)
        self.decide_step.reports.set_contacts(reported, self.editable)

    def show_journal(self, step: int) -> None:
        """The case's journal, showing only the entries about `step` of the record in view."""
        record = self.record
        parent = self.parentWidget()
        while parent is not None and not hasattr(parent, "show_journal_about"):
            parent = parent.parentWidget()
        if record is None or parent is None:  # the tab on its own (tests): no journal to show
            return
        title = MeldcodeStep(str(step)).label
        label = _("Meldcode {number}, step {step}: {title}").format(
            number=record.number, step=step, title=title
        )
        parent.show_journal_about(f"{LinkKind.MELDCODE_STEP.value}:{record.id}:{step}", label)

    def _record_chosen(self, row: int) -> None:
        self._chosen_id = self.combo.itemData(row)
        self._show()

    def show_record(self, record_id: int) -> None:
        """Show the record `record_id` (after starting it)."""
        self._chosen_id = record_id
        if not self.stale:
            self._show()

    # ---- records -------------------------------------------------------------------------

    def start_record(self, preselect: str | None = None) -> SignalPicker | None:
        """Pick the signals from the map (`preselect`: a map item's or statement's lineage,
        ticked already) and start a record on OK; undoable. The dialog opened, or None."""
        if self.case is None or self.stale:
            self.reload_now()
        if not self.start_button.isEnabled():
            if any(r.status == MeldcodeStatus.OPEN for r in self.records):
                self.ctx.dialogs.info(
                    _("This case has an open meldcode record: finish and close it first.")
                )
            return None
        return self._pick(
            self._start, title=_("Start meldcode"), ok_text=_("Start meldcode"), preselect=preselect
        )

    def _start(self, picked: list[SignalChoice]) -> None:
        command = mc.StartRecordCommand(self.ctx, self.case_id, picked)
        if run_command(self.ctx, self.case_id, command) and command.dto is not None:
            self.show_record(command.dto.id)
            self.signals_step.list.setFocus()

    def _open(self, dialog: QDialog) -> QDialog:
        """Open without a nested event loop; the keyboard comes back to this tab afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._refocus())
        dialog.open()
        return dialog

    def _pick(
        self,
        then: Callable[[list[SignalChoice]], None],
        taken: Container[str] = (),
        **options: Any,
    ) -> SignalPicker | None:
        """Open the picker of the map's signals (but the `taken` lineages, already in the
        record) with `options`; its OK calls `then(picked)`. None when they cannot be read."""
        choices = self._signal_choices()
        if choices is None:
            return None
        choices = [c for c in choices if c.lineage not in taken]
        picker = SignalPicker(self, choices, **options)
        picker.accepted.connect(lambda: then(picker.picked()))
        return self._open(picker)

    def _signal_choices(self) -> list[Any] | None:
        """The signals the case's map offers; None (and said why) when they cannot be read."""
        try:
            return meldcode.signal_choices(self.ctx.uow, self.case_id)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return None

    def _refocus(self) -> None:
        if self.isVisible() and not self.isAncestorOf(QApplication.focusWidget()):
            self.setFocus()

    def close_record(self) -> None:
        record = self.record
        if record is None or not self.editable:
            return
        question = _(
            "Close meldcode record {number}?\nA closed record can no longer change; you can "
            "take this back with Undo (Ctrl+Z)."
        ).format(number=record.number)
        if self.ctx.dialogs.confirm(question, _("Close record")):
            run_command(self.ctx, self.case_id, mc.CloseRecordCommand(self.ctx, record))

    def save_pdf(self) -> Path | None:
        """ "PDF for the file": the record as a PDF for the case file."""
        if self.record is None:
            return None
        number = self.case.household.case_number if self.case else ""
        return save_record_pdf(self.ctx, self.record, number)

    # ---- steps -----------------------------------------------------------------------------

    def edit_step(self, step: int, changes: dict[str, Any]) -> None:
        record = self.record
        if record is None or not self.editable:
            return
        # Who did it and step 4's formal score follow from the service when not given.
        command = mc.StepFieldsCommand(self.ctx, record, step, changes)
        if command.new:
            self._execute(command, self.steps[step - 1])

    def done_today(self, step: int) -> None:
        self.edit_step(step, {"done_on": dt.date.today()})

    def edit_record(self, changes: dict[str, Any]) -> None:
        record = self.record
        if record is not None and self.editable:
            command = mc.RecordFieldsCommand(self.ctx, record, changes)
            if command.new:
                self._execute(command, self.signals_step)

    def _execute(self, command: Any, box: StepBox) -> bool:
        """Save; a refusal is said under the step (what was typed stays)."""
        try:
            execute(self.ctx, command, box)
        except JeugdtoolError as exc:
            self._latest(exc)
            box.keep(command.new)  # what was typed stays on screen, to try again
            box.show_date_error(_message(exc))
            return False
        box.show_date_error("")
        return True

    def _latest(self, exc: JeugdtoolError) -> None:
        """After a refusal that is not about what was typed (a colleague changed the record, it
        was closed meanwhile): show the record as it is now."""
        if not isinstance(exc, InvalidInput):
            self.reload_now()

    # ---- step 1: signals -----------------------------------------------------------------

    def pick_signals(self) -> QDialog | None:
        record = self.record
        if record is None or not self.editable:
            return None
        return self._pick(
            lambda picked: self._add_signals(record.id, picked),
            {s.source_lineage for s in record.signals if s.source_lineage},
            title=_("Add signals from the map"),
            ok_text=_("Add signals"),
            allow_none=False,
        )

    def _add_signals(self, record_id: int, picked: list[SignalChoice]) -> None:
        """The signals ticked, as one undo step."""
        self.ctx.undo_stack.beginMacro(_("Add signals"))
        try:
            for choice in picked:
                fields = {
                    "source": choice.source,
                    "source_lineage": choice.lineage,
                    "text": choice.text,
                }
                command = mc.AddSignalCommand(self.ctx, self.case_id, record_id, fields)
                if not run_command(self.ctx, self.case_id, command):
                    break
        finally:
            self.ctx.undo_stack.endMacro()

    def add_own_signal(self) -> None:
        record = self.record
        if record is None or not self.editable:
            return
        text = self.ctx.dialogs.ask_text(
            _("What did you see or hear that worries you?"), _("Own observation")
        )
        if text and text.strip():
            fields = {"source": SignalSource.OWN.value, "text": text.strip()}
            command = mc.AddSignalCommand(self.ctx, self.case_id, record.id, fields)
            run_command(self.ctx, self.case_id, command)

    def remove_signal(self, signal: Any) -> None:
        if self.record is None or not self.editable:
            return
        command = mc.RemoveSignalCommand(self.ctx, self.case_id, signal)
        if run_command(self.ctx, self.case_id, command):
            self.signals_step.list.setFocus()

    # ---- step 4 and 5 --------------------------------------------------------------------

    def answer(self, question: str, answer: bool | None, reason: str) -> None:
        record = self.record
        if record is None or not self.editable:
            return
        command = mc.AnswerCommand(self.ctx, record, question, answer, reason)
        row = next(r for r in self.weigh_step.panel.rows if r.key == question)
        try:
            execute(self.ctx, command, row.reason)
        except JeugdtoolError as exc:
            row.show_message(_message(exc), Role.ERROR)
            self._latest(exc)

    def decide(self, report: bool, help: bool, reason: str) -> None:
        record = self.record
        if record is None or not self.editable:
            return
        command = mc.DecideCommand(self.ctx, record, report, help, reason)
        try:
            execute(self.ctx, command, self.decide_step.reason)
        except JeugdtoolError as exc:
            self.decide_step.show_error(_message(exc))
            self._latest(exc)
            return
        self.decide_step.show_error("")
        if report:
            self.decide_step.reports.button.setFocus()

    def add_contact(self, kind: str) -> ContactDialog | None:
        """Record a consultation (step 2) or report (step 5) to Veilig Thuis for this record."""
        record = self.record
        if record is None or not self.editable:
            return None

        def submit(_dialog: ContactDialog, fields: dict[str, Any]) -> None:
            execute(self.ctx, AddContactCommand(self.ctx, self.case_id, fields))

        dialog = ContactDialog(
            self, self.ctx.dialogs, kind=kind, meldcode_record_id=record.id, submit=submit
        )
        self._open(dialog)
        return dialog


def _empty_text() -> str:
    return _(
        "No meldcode record for this case yet. When you worry about domestic violence or child "
        "abuse, start one: the five steps of the meldcode, with the afwegingskader in step 4. "
        "You can also start it from a harm or danger item on the map."
    )


def _message(exc: JeugdtoolError) -> str:
    if isinstance(exc, InvalidInput):
        return "\n".join(p.message for p in exc.problems)
    return str(exc)
