"""Inzageverzoek: the documents a family receives when it asks to see its file.

The case is read first (off the GUI thread); the dialog then shows which request is answered
(a new one, or an open one), what in the file is about others — each proposal with what, where
and why, checked means "leave out" — and the folder. The PDF and the JSON are made off the GUI
thread with progress and a Cancel button; a file of the same name is only replaced after a
question. The work is export/access_request.py's, which the command line uses as well.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QThread
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import privacy
from jeugdtool.cases.privacy import RequestDTO
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import unexpected_message
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import Proposal
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import PDF_FILES
from jeugdtool.ui.dialogs import remember_folder
from jeugdtool.ui.dialogs import start_folder
from jeugdtool.ui.export.batch_dialog import AskFolder
from jeugdtool.ui.export.batch_dialog import ask_folder
from jeugdtool.ui.ops import run_in_background
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.widgets import show_error

log = logging.getLogger(__name__)

#: What a delivery changes: the request register and the disclosure log of the case.
CHANGED = frozenset({"privacy_request", "disclosure"})


@dataclass(frozen=True)
class Prepared:
    """What the dialog shows: the dossier, its proposals and the open access requests."""

    case_id: int
    dossier: ar.Dossier
    proposals: tuple[Proposal, ...]
    open_requests: tuple[RequestDTO, ...]


def prepare(uow: UnitOfWork, case_id: int) -> Prepared:
    """Read the case (logged as an export) and what the dialog offers; runs off the GUI."""
    dossier = ar.collect(uow, case_id)
    requests = tuple(ar.open_access_requests(uow, case_id))
    return Prepared(case_id, dossier, ar.proposals(dossier), requests)


class DeliveryThread(QThread):
    """Runs `access_request.deliver`; `cancel()` may be called from any thread and takes
    effect before the files are written."""

    #: (step, of steps, what) as the work goes on.
    stepped = Signal(int, int, str)
    #: The Delivery.
    delivered = Signal(object)
    #: The message of what went wrong, or of the cancel.
    failed = Signal(str)

    def __init__(self, uow: UnitOfWork, prepared: Prepared, args: tuple, parent: QObject):
        super().__init__(parent)
        self._uow, self._prepared, self._args = uow, prepared, args
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        folder, accepted, who, overwrite = self._args
        p = self._prepared
        try:
            done = ar.deliver(
                self._uow,
                p.case_id,
                p.dossier,
                folder,
                accepted,
                who,
                overwrite=overwrite,
                progress=self.stepped.emit,
                cancelled=self._stop.is_set,
            )
        except JeugdtoolError as exc:  # Cancelled, FilesExist, a full disk…
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # shown, never swallowed
            log.exception("access request of case %s failed", p.case_id)
            self.failed.emit(unexpected_message(exc))
            return
        self.delivered.emit(done)


def _request_label(r: RequestDTO) -> str:
    return _("Received {received} from {who}; answer by {deadline}").format(
        received=format_date_nl(r.received_on),
        who=r.requested_by,
        deadline=format_date_nl(r.deadline),
    )


class AccessRequestDialog(QDialog):
    """Review what is left out, choose the folder, and make the documents."""

    def __init__(
        self,
        ctx: AppContext,
        prepared: Prepared,
        parent: QWidget | None = None,
        *,
        ask: AskFolder = ask_folder,
    ):
        super().__init__(parent)
        self.ctx, self.prepared, self._ask = ctx, prepared, ask
        self.delivery: ar.Delivery | None = None
        self._failure = ""
        self.thread: DeliveryThread | None = None
        d = prepared.dossier
        self.setWindowTitle(_("Access request — {case}").format(case=d.case_number))
        self.about = QLabel(
            _(
                "{household} ({case}) asked to see their file. They receive a PDF in plain "
                "Dutch with everything stored about them, and the case file (JSON). Check "
                "below what is about others: a checked line is left out of both files."
            ).format(household=d.household_name, case=d.case_number),
            self,
        )
        self.about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        # Team mode: colleagues' working notes the user may not read are not in the dossier.
        self.missing_notes = QLabel(ar.missing_working_notes(d), self)
        self.missing_notes.setWordWrap(True)
        self.missing_notes.setVisible(bool(self.missing_notes.text()))
        style_text(self.missing_notes, Role.WARNING, "font-weight: bold;")
        layout.addWidget(self.missing_notes)
        layout.addLayout(self._request_form())
        heading = QLabel(_("Data about others"), self)
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(self._proposal_list(), 1)
        layout.addLayout(self._tick_buttons())
        layout.addLayout(self._folder_row())
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.make_button = self.buttons.addButton(
            _("&Make the documents"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        # An incomplete dossier is refused (access_request.deliver); the warning says who can.
        self.make_button.setEnabled(not self.missing_notes.text())
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._request_changed()
        self.resize(860, 620)

    # ---- building

    def _request_form(self) -> QFormLayout:
        form = QFormLayout()
        self.request_box = QComboBox(self)
        self.request_box.addItem(_("Register a new request"), None)
        for r in self.prepared.open_requests:
            self.request_box.addItem(_request_label(r), r.id)
        if self.prepared.open_requests:  # the open request is the likely one to answer
            self.request_box.setCurrentIndex(1)
        self.request_box.currentIndexChanged.connect(self._request_changed)
        self.requested_by = QLineEdit(self)
        self.requested_by.setPlaceholderText(_("for example: moeder, or Sanne (16)"))
        self.received = QDateEdit(QDate.currentDate(), self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd-MM-yyyy")
        self.received.setMaximumDate(QDate.currentDate())
        self.received.dateChanged.connect(self._request_changed)
        self.deadline = QLabel(self)
        form.addRow(_("&Request"), self.request_box)
        form.addRow(_("Requested &by"), self.requested_by)
        form.addRow(_("Received &on"), self.received)
        form.addRow("", self.deadline)
        return form

    def _proposal_list(self) -> QTreeWidget:
        self.proposals = QTreeWidget(self)
        self.proposals.setHeaderLabels([_("Leave out"), _("Where"), _("Why")])
        self.proposals.setRootIsDecorated(False)
        self.proposals.setAccessibleName(_("Data about others"))
        self.proposals.setWordWrap(True)
        for p in self.prepared.proposals:
            item = QTreeWidgetItem([p.what, p.where, p.why])
            item.setData(0, Qt.ItemDataRole.UserRole, p.key)
            # A provider's name is offered unticked: part of the family's own help.
            ticked = Qt.CheckState.Checked if p.checked else Qt.CheckState.Unchecked
            item.setCheckState(0, ticked)
            for column in range(3):
                item.setToolTip(column, f"{p.what}\n{p.where}\n{p.why}")
            self.proposals.addTopLevelItem(item)
        header = self.proposals.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if not self.prepared.proposals:
            self.proposals.setHeaderLabels([_("Nothing in this case is about others.")])
        return self.proposals

    def _tick_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, state in (
            (_("Leave &all out"), Qt.CheckState.Checked),
            (_("Leave &nothing out"), Qt.CheckState.Unchecked),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, s=state: self._tick_all(s))
            button.setEnabled(bool(self.prepared.proposals))
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _folder_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Folder"), self))
        self.folder_edit = line_edit(self, str(start_folder(PDF_FILES)), _("Folder"))
        button = QPushButton(_("C&hoose…"), self)
        button.clicked.connect(self.choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(button)
        return row

    # ---- reacting

    def _tick_all(self, state: Qt.CheckState) -> None:
        for index in range(self.proposals.topLevelItemCount()):
            self.proposals.topLevelItem(index).setCheckState(0, state)

    def _request_changed(self) -> None:
        new = self.request_box.currentData() is None
        self.requested_by.setEnabled(new)
        self.received.setEnabled(new)
        if new:
            received = self.received.date().toPython()
            due = privacy.deadline(RequestKind.ACCESS, received)
        else:  # the chosen request's own facts, shown (not editable: they are registered)
            chosen = self._chosen_request()
            self.requested_by.setText(chosen.requested_by)
            self.received.blockSignals(True)
            self.received.setDate(QDate(chosen.received_on))
            self.received.blockSignals(False)
            due = chosen.deadline
        self.deadline.setText(
            _("Deliver by {deadline} (one month after the request).").format(
                deadline=format_date_nl(due)
            )
        )

    def _chosen_request(self) -> RequestDTO:
        wanted = self.request_box.currentData()
        return next(r for r in self.prepared.open_requests if r.id == wanted)

    def choose_folder(self) -> None:
        folder = self._ask(self, _("Where should the documents go?"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def accepted_proposals(self) -> tuple[Proposal, ...]:
        """The proposals whose line is checked: left out of both files."""
        keys = set()
        for index in range(self.proposals.topLevelItemCount()):
            item = self.proposals.topLevelItem(index)
            if item.checkState(0) == Qt.CheckState.Checked:
                keys.add(item.data(0, Qt.ItemDataRole.UserRole))
        return tuple(p for p in self.prepared.proposals if p.key in keys)

    # ---- making the documents

    def _requester(self) -> ar.Requester:
        if self.request_box.currentData() is not None:
            return ar.Requester(request_id=self.request_box.currentData())
        who = privacy.check_requested_by(self.requested_by.text())  # InvalidInput when empty
        return ar.Requester(received_on=self.received.date().toPython(), requested_by=who)

    def _may_write(self, folder: Path) -> bool | None:
        """Whether existing files may be replaced (asked); None when the user said no."""
        taken = ar.existing(ar.targets(folder, self.prepared.dossier.case_number, dt.date.today()))
        if not taken:
            return False
        names = ", ".join(p.name for p in taken)
        question = _("The folder already holds {files}. Replace?").format(files=names)
        return True if self.ctx.dialogs.confirm(question) else None

    def accept(self) -> None:
        if self.thread is not None:
            return
        folder = Path(self.folder_edit.text().strip())
        try:
            who = self._requester()
        except InvalidInput as exc:
            show_error(self.error, [p.message for p in exc.problems])
            self.requested_by.setFocus()
            return
        if not folder.is_dir():
            show_error(self.error, [_("Choose an existing folder for the documents.")])
            return
        overwrite = self._may_write(folder)
        if overwrite is None:
            return
        show_error(self.error, [])
        remember_folder(PDF_FILES, folder)
        self._start((folder, self.accepted_proposals(), who, overwrite))

    def _start(self, args: tuple) -> None:
        self.thread = DeliveryThread(self.ctx.uow.sibling(), self.prepared, args, self)
        self.progress = QProgressDialog(_("Making the documents…"), _("Cancel"), 0, 4, self)
        self.progress.setWindowTitle(_("Access request"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.thread.cancel)
        self.thread.stepped.connect(self._stepped)
        self.thread.delivered.connect(self._delivered)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._finished)
        self.make_button.setEnabled(False)
        self.thread.start()

    def _stepped(self, step: int, of: int, what: str) -> None:
        self.progress.setMaximum(of)
        self.progress.setValue(step - 1)
        self.progress.setLabelText(what)

    def _failed(self, message: str) -> None:
        self._failure = message

    def _delivered(self, done: ar.Delivery) -> None:
        self.delivery = done

    def _finished(self) -> None:
        """The thread has ended (only now may the dialog close and be deleted): say how."""
        self.progress.reset()
        self.make_button.setEnabled(True)
        self.thread = None
        # A new request may be registered even when writing failed afterwards.
        self.ctx.signals.emit_changes(ChangeSet(CHANGED, frozenset({self.prepared.case_id})))
        if self.delivery is None:
            show_error(self.error, [self._failure])
            return
        self.ctx.dialogs.written(self.delivery.pdf, summary(self.delivery), _("Access request"))
        if self.delivery.unlogged:
            self.ctx.dialogs.error(self.delivery.unlogged)
        super().accept()

    def reject(self) -> None:
        if self.thread is not None:  # the files are being made: stop that first
            self.thread.cancel()
            return
        super().reject()


def summary(done: ar.Delivery) -> str:
    """What was written and registered, for the consultant."""
    hidden = len(done.hidden)
    left_out = ngettext(
        "{n} datum about others was left out.", "{n} data about others were left out.", hidden
    ).format(n=hidden)
    written = _("Written: {pdf} ({pages} pages) and {json}.").format(
        pdf=done.pdf, pages=done.pages, json=done.case_file
    )
    registered = _("The request received on {received} is registered as delivered today.").format(
        received=format_date_nl(done.request.received_on)
    )
    return "\n".join((written, left_out, registered))


def open_access_request(ctx: AppContext, parent: QWidget, case_id: int | None) -> None:
    """Read the case off the GUI thread, then show the dialog (window-modal)."""
    if case_id is None:
        ctx.dialogs.info(_("Open the case first; then choose Case > Access request."))
        return
    uow = ctx.uow.sibling()

    def show(prepared: Prepared) -> None:
        dialog = AccessRequestDialog(ctx, prepared, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, without a nested event loop

    run_in_background(
        ctx, parent, lambda: prepare(uow, case_id), label=_("Reading the case…"), on_success=show
    )
