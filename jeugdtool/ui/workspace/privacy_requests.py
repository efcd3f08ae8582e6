"""Privacyverzoeken: the family's requests about their file (access, correction, destruction)
for one case — register one, see its deadline, record the decision (cases/privacy.py decides
what is allowed; every step is saved at once and undoable with Ctrl+Z).

A granted destruction request leads to the destroy dialog with the legal ground "at the request
of the client" chosen; destroying itself stays there, with its own confirmation.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.privacy import KIND_LABELS
from jeugdtool.cases.privacy import REFUSAL_GROUNDS
from jeugdtool.cases.privacy import STATUS_LABELS
from jeugdtool.cases.privacy import RequestDTO
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.privacy_request_forms import DecideRequestDialog
from jeugdtool.ui.workspace.privacy_request_forms import RegisterRequestDialog
from jeugdtool.ui.workspace.privacy_request_forms import RequestForm
from jeugdtool.ui.workspace.undo_keys import add_undo_keys

#: Decided requests whose destruction may follow.
DESTROYABLE = (RequestStatus.GRANTED, RequestStatus.PARTLY)
INTRO = N_(
    "Requests of the parents or the young person about their own file. Answer a request for "
    "access or correction within one month, a request for destruction within three months "
    "(Jeugdwet art. 7.3.9). Every change is saved at once; undo a step with Ctrl+Z."
)


def answer_by(request: RequestDTO, today: dt.date) -> str:
    """The deadline, and for an open request how far it is."""
    day = format_date_nl(request.deadline)
    if not request.is_open:
        return day
    return _("{date} ({when})").format(date=day, when=privacy.days_note(request.days_left(today)))


def _overdue(request: RequestDTO, today: dt.date) -> bool:
    return request.is_open and request.days_left(today) < 0


def columns(today: dt.date) -> tuple[Column, ...]:
    return (
        Column(
            N_("Received"), lambda r: format_date_nl(r.received_on), key=lambda r: r.received_on
        ),
        Column(N_("Kind"), lambda r: _(KIND_LABELS[r.kind])),
        Column(N_("Requested by"), lambda r: r.requested_by),
        Column(N_("Status"), lambda r: _(STATUS_LABELS[r.status]), grey=lambda r: not r.is_open),
        Column(
            N_("Answer by"),
            lambda r: answer_by(r, today),
            key=lambda r: r.deadline,
            warn=lambda r: _overdue(r, today),
            grey=lambda r: not r.is_open,
        ),
        Column(
            N_("Decided on"),
            lambda r: format_date_nl(r.decided_on),
            key=lambda r: r.decided_on or dt.date.min,
        ),
    )


def details(request: RequestDTO) -> str:
    """The selected request in full: what was asked, what was decided and on what ground."""
    lines = [_("What is asked: {text}").format(text=request.subject or _("(not written down)"))]
    if request.decided_on is not None:
        lines.append(
            _("Decided on {date}: {status}.").format(
                date=format_date_nl(request.decided_on),
                status=_(STATUS_LABELS[request.status]).lower(),
            )
        )
    if request.outcome:
        lines.append(_("Outcome: {text}").format(text=request.outcome))
    for key in request.refusal_grounds:
        lines.append(_("Ground: {ground}").format(ground=_(REFUSAL_GROUNDS.get(key, key))))
    if request.delivered_on is not None:
        lines.append(
            _("Documents handed over on {date}.").format(date=format_date_nl(request.delivered_on))
        )
    return "\n".join(lines)


class PrivacyRequestsDialog(QDialog):
    """The requests of one case, newest first, with their deadlines; register and decide."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.today = today or dt.date.today()
        household = queries.get_case(ctx.uow, case_id).household
        self.case_title = f"{household.case_number} {household.name}"
        self.setWindowTitle(_("Privacy requests — {case}").format(case=self.case_title))
        self.resize(900, 520)
        self.model = RowsModel(columns(self.today), self)
        self.view = make_table(
            self.model,
            _("Privacy requests"),
            self,
            stretch=2,
            sort=(0, Qt.SortOrder.DescendingOrder),
        )
        self.details = WrappingLabel("", self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # the family's words, as typed
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(_("No requests registered for this case."), self)
        style_text(self.empty, Role.MUTED)
        self.new_button = QPushButton(_("&New request…"), self)
        self.decide_button = QPushButton(_("&Decide…"), self)
        self.destroy_button = QPushButton(_("De&stroy case…"), self)
        # Enter on an open request decides it (the table passes Enter on to the default).
        self.decide_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._layout()
        add_undo_keys(self, self.ctx.undo_stack)
        self.new_button.clicked.connect(self.register)
        self.decide_button.clicked.connect(self.decide)
        self.destroy_button.clicked.connect(self.destroy)
        self.buttons.rejected.connect(self.reject)
        self.view.doubleClicked.connect(lambda _index: self.decide())
        self.view.selectionModel().currentRowChanged.connect(lambda _a, _b: self._show_current())
        ctx.signals.changed.connect(self._on_changed)
        self._listening = True
        self.reload()

    def _layout(self) -> None:
        intro = WrappingLabel(_(INTRO), self)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.decide_button)
        row.addWidget(self.destroy_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        title = heading(_("Privacy requests — {case}").format(case=self.case_title), self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    # ---- showing -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) or changes.touches("household"):
            self.reload()

    def reload(self) -> None:
        """Show the requests as saved now; the case gone (destroyed): close."""
        selected = self.current()
        try:
            found = privacy.list_requests(self.ctx.uow, self.case_id)
        except NotFound:
            self.reject()
            return
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return
        self.model.set_rows(found)
        fit_columns(self.view)
        self.view.setVisible(bool(found))
        self.empty.setVisible(not found)
        ids = [r.id for r in self.model.rows]
        if ids:
            keep = selected.id if selected is not None and selected.id in ids else ids[0]
            self.view.selectRow(ids.index(keep))
        self._show_current()

    def current(self) -> RequestDTO | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_request(self, request_id: int) -> None:
        ids = [r.id for r in self.model.rows]
        if request_id in ids:
            self.view.selectRow(ids.index(request_id))

    def _show_current(self) -> None:
        request = self.current()
        self.details.setText(details(request) if request is not None else "")
        self.details.setVisible(request is not None)
        writable = not self.ctx.read_only
        self.new_button.setEnabled(writable)
        self.decide_button.setEnabled(writable and request is not None and request.is_open)
        self.destroy_button.setVisible(
            request is not None
            and request.kind == RequestKind.DESTRUCTION
            and request.status in DESTROYABLE
        )
        self.destroy_button.setEnabled(writable and self._may_destroy())

    def _may_destroy(self) -> bool:
        from jeugdtool.ui.destroy_dialog import may_destroy

        return may_destroy(self.ctx)

    # ---- changing ------------------------------------------------------------------------

    def register(self) -> RegisterRequestDialog:
        dialog = RegisterRequestDialog(self.ctx, self.case_id, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after(dialog))
        dialog.finished.connect(lambda _r: self._back())
        dialog.open()
        return dialog

    def decide(self) -> DecideRequestDialog | None:
        request = self.current()
        if request is None or not request.is_open or self.ctx.read_only:
            return None
        dialog = DecideRequestDialog(self.ctx, request, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after(dialog))
        dialog.finished.connect(lambda _r: self._back())
        dialog.open()
        return dialog

    def _back(self) -> None:
        """Back from a form: this window takes the keys again (Ctrl+Z undoes its step)."""
        self.activateWindow()
        self.view.setFocus()

    def _after(self, form: RequestForm) -> None:
        """Select the request the form saved (the list reloaded when it was saved)."""
        row = getattr(form.command, "row", None)
        if isinstance(row, RequestDTO):
            self.select_request(row.id)

    def destroy(self) -> None:
        """The destroy dialog for this case, the ground "at the request of the client" chosen
        and a reason without names filled in (the user can change both)."""
        from jeugdtool.ui.destroy_dialog import open_destroy

        request = self.current()
        if request is None:
            return
        dialog = open_destroy(self.ctx, self, self.case_id)
        if dialog is None:
            return
        dialog.ground.setCurrentIndex(dialog.ground.findData(Ground.REQUEST.value))
        dialog.reason.setText(destroy_reason(request))

    def done(self, result: int) -> None:
        if self._listening:  # the context outlives this dialog
            self._listening = False
            self.ctx.signals.changed.disconnect(self._on_changed)
        super().done(result)


def destroy_reason(request: RequestDTO) -> str:
    """The reason the destroy dialog proposes: the request and its decision, no names."""
    return _("Request for destruction of {received}, granted on {decided}").format(
        received=format_date_nl(request.received_on),
        decided=format_date_nl(request.decided_on),
    )


class OpenRequestsLabel(CaseWatcher, WrappingLabel):
    """On the case's screen: each open request of the family with its deadline, red once one
    has passed; hidden, with its `caption`, while there is none (Case > Privacy requests…
    shows them all). Read again only when a request of the case changes."""

    ENTITIES = ("privacy_request",)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__("", parent)
        #: The label naming it in the form, shown and hidden with it.
        self.caption: QWidget | None = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(_("Case > Privacy requests… shows the requests and their decisions."))
        self.watch_case(ctx, case_id)

    def reload(self, today: dt.date | None = None) -> None:
        """Show the open requests as saved now."""
        day = today or dt.date.today()
        self.loaded = True
        try:
            found = [r for r in privacy.list_requests(self.ctx.uow, self.case_id) if r.is_open]
        except JeugdtoolError:  # the case screen says what is wrong; this line just waits
            found = []
        lines = [self._line(r, day) for r in sorted(found, key=lambda r: r.deadline)]
        self.setText("<br>".join(lines))
        for widget in (self, self.caption):
            if widget is not None:
                widget.setVisible(bool(found))

    @staticmethod
    def _line(request: RequestDTO, today: dt.date) -> str:
        """One request as rich text: red once its deadline has passed."""
        text = _("{kind}: answer by {when}").format(
            kind=_(KIND_LABELS[request.kind]), when=answer_by(request, today)
        )
        if _overdue(request, today):
            return f'<span style="color: {colour(Role.ERROR)};">{escape(text)}</span>'
        return escape(text)


def open_privacy_requests(
    ctx: AppContext, parent: QWidget | None, case_id: int | None
) -> PrivacyRequestsDialog | None:
    """Show the privacy requests of the case in view (window-modal)."""
    if case_id is None:
        ctx.dialogs.error(_("Open a case first: privacy requests belong to a case."))
        return None
    try:
        dialog = PrivacyRequestsDialog(ctx, case_id, parent)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.view.setFocus()
    return dialog
