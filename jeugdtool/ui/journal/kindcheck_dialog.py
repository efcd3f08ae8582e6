"""The kindcheck outside the meldcode: an adult's low ZRM level, or a worry about an adult, asks
whether children depend on this adult and whether their safety is assessed. The answer (date,
who) is recorded with a journal entry of its own, undoably.

Asked from the overview (pending kindchecks, with a button) and, least intrusively, from a slim
bar above the case's pages that appears right after a change raised a new question
(`KindcheckBar`): it never takes the keyboard from the ZRM or the map the consultant works on.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier import journal
from jeugdtool.dossier import kindcheck
from jeugdtool.dossier import kindcheck_rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import KindcheckTrigger
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.base import utcnow
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit

#: What a change must touch for a new kindcheck question to be possible.
TRIGGER_ENTITIES = ("zrm_assessment", "zrm_domain_score", "map_item", "person", "kindcheck")
#: Milliseconds after the last such change before the bar looks (scoring is many changes).
SETTLE_MS = 300


class AnswerKindcheckCommand(AddCommand):
    """Answer a kindcheck (the answer and its journal entry); undo takes both back."""

    remove = staticmethod(kindcheck.remove_kindcheck)
    restore = staticmethod(kindcheck.restore_kindcheck)

    def __init__(self, ctx: AppContext, case_id: int, trigger: KindcheckTrigger, values: Any):
        super().__init__(ctx, case_id, _("Answer kindcheck"))
        self.trigger, self.values = trigger, dict(values)
        #: Its journal entry as written: undo takes it away only so (redo puts it back so).
        self.entry: JournalEntryDTO | None = None

    def first(self) -> None:
        self.dto = self.ctx.run(
            kindcheck.answer_kindcheck, self.case_id, self.trigger, **self.values
        )
        if self.dto.journal_entry_id is not None:
            self.entry = journal.get_entry(self.ctx.uow, self.dto.journal_entry_id)

    def removal_options(self) -> dict[str, Any]:
        return {"entry_seen": self.entry}


class KindcheckDialog(MemberDialog):
    """The two questions (yes / no / not known yet) and a note, about one adult."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        trigger: KindcheckTrigger,
    ):
        super().__init__(parent, _("Kindcheck"), dialogs, submit, self._check)
        self.setObjectName("KindcheckDialog")
        self.setMinimumWidth(560)  # the reason and the questions on few lines
        self.trigger = trigger
        title = _("Kindcheck: {adult}").format(adult=trigger.adult_label)
        self.form.addRow(QLabel("<b>" + html.escape(title) + "</b>", self))
        why = muted(
            _(
                "{reason}. When an adult has problems like these, check whether children depend "
                "on them and whether those children are safe. The answer is written in the "
                "journal."
            ).format(reason=trigger.reason),
            self,
        )
        self.form.addRow(why)
        self.add_field("children_depend", _("&Children depend on them?"), self._answers())
        self.add_field("safety_assessed", _("&Safety assessed?"), self._answers())
        self.fields["children_depend"].setAccessibleName(kindcheck_rules.depend_question())
        self.fields["safety_assessed"].setAccessibleName(kindcheck_rules.safety_question())
        note = GrowingTextEdit(self, min_lines=3, max_lines=8)
        note.setPlaceholderText(_("Which children, who assessed their safety, what follows"))
        note.setAccessibleName(_("Note"))
        self.add_field("note", _("&Note"), note)

    def _answers(self) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(_("Choose an answer…"), None)
        for member in KindcheckAnswer:
            combo.addItem(member.label, member.value)
        return combo

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """The core's check of the whole answer; a field checked alone gets its own problems."""
        given = {name: self.raw_value(name) for name in self.fields} | dict(fields)
        try:
            return kindcheck_rules.clean_answer(
                given["children_depend"], given["safety_assessed"], given["note"]
            )
        except InvalidInput as exc:
            own = [p for p in exc.problems if p.field in fields]
            if own:
                raise InvalidInput(own) from None
            return {}


def ask_kindcheck(
    ctx: AppContext, parent: QWidget, case_id: int, trigger: KindcheckTrigger
) -> KindcheckDialog:
    """Open the kindcheck for `trigger` (window-modal, no nested event loop); OK records it."""

    def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
        execute(ctx, AnswerKindcheckCommand(ctx, case_id, trigger, values))

    dialog = KindcheckDialog(parent, ctx.dialogs, submit, trigger)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class KindcheckBar(QFrame):
    """A slim bar above the case's pages, shown when a change just raised a kindcheck (a ZRM
    saved with a low level, a worry marked about an adult): "Answer now…" or "Later". The
    questions pending when the case opened are the overview's to show, not the bar's.

    Opening a case asks nothing: the bar notes the moment it was made, and its first look
    (after the first change that can raise a kindcheck) learns from the audit trail which of
    the pending questions were raised since (`kindcheck.kindchecks_raised_since`); the others
    were pending at the opening. So what was there before does not depend on when that look
    runs, and a question raised in the first moment after opening still shows."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.setObjectName("kindcheckBar")
        self.setStyleSheet(
            "#kindcheckBar { background: #e8f0fe; border: 1px solid #7a9cd6; border-radius: 4px; }"
            " #kindcheckBar QLabel { color: #1a2f57; }"
        )
        #: When the bar was made: what changes after it can show the bar.
        self.since = utcnow()
        #: The triggers seen so far (None: not looked yet), so only new ones show the bar.
        self.known: set[str] | None = None
        self.trigger: KindcheckTrigger | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.answer_button = QPushButton(_("Answer kindcheck…"), self)
        self.later_button = QPushButton(_("Later"), self)
        self.later_button.setToolTip(_("The overview keeps the question until it is answered."))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.answer_button)
        row.addWidget(self.later_button)
        self.answer_button.clicked.connect(self.answer)
        self.later_button.clicked.connect(self.hide)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.look)
        ctx.signals.changed.connect(self._on_changed)
        self.hide()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) and changes.touches(*TRIGGER_ENTITIES):
            self._timer.start()

    def look(self) -> None:
        """Show the first trigger that was not there before; hide once none is pending."""
        try:
            if self.known is None:
                pending, raised = kindcheck.kindchecks_raised_since(
                    self.ctx.uow, self.case_id, self.since
                )
                self.known = {t.trigger for t in pending} - raised
            else:
                pending = kindcheck.pending_kindchecks(self.ctx.uow, self.case_id)
        except (NotFound, JeugdtoolError):
            return  # the workspace says what is wrong with the case
        keys = {t.trigger for t in pending}
        new = [t for t in pending if t.trigger not in self.known]
        self.known |= keys
        if self.trigger is not None and self.trigger.trigger not in keys:
            self.trigger = None
            self.hide()
        if new and not self.ctx.read_only:
            self.trigger = new[0]
            text = _("Kindcheck: {adult} — {reason}. Do children depend on this adult?")
            self.text.setText(text.format(adult=new[0].adult_label, reason=new[0].reason))
            self.show()

    def answer(self) -> KindcheckDialog | None:
        if self.trigger is None:
            return None
        dialog = ask_kindcheck(self.ctx, self.window(), self.case_id, self.trigger)
        dialog.accepted.connect(self.hide)
        return dialog
