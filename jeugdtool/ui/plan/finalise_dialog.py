"""Finalising (vaststellen) a draft: what still stands in the way, a written reason to go ahead
anyway, and the confirmation that a finalised version never changes (there is no undo).

Each problem the core names a place for (`ReadinessProblem.target_kind` / `target_key`) is a
link: Tab reaches it, Enter or a click closes the dialog and asks the page to open that place
(`target_requested`)."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_finalise import Readiness
from jeugdtool.framework.plan_finalise import ReadinessProblem
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import submitted
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

#: Finalises with the reason (None when the plan is ready); raises to keep the dialog open.
Submit = Callable[[str | None], None]


def problem_html(problem: ReadinessProblem) -> str:
    """The problem's sentence; a link to the place to fix it when the core names one."""
    text = html.escape(problem.message)
    if problem.target_kind == CommentTarget.PLAN:
        return f"• {text}"
    link = html.escape(f"{problem.target_kind.value}:{problem.target_key}", quote=True)
    return f'• <a href="{link}">{text}</a>'


class FinaliseDialog(QDialog):
    #: (target_kind, target_key): the user wants to fix a problem there; the dialog closed.
    target_requested = Signal(str, str)

    def __init__(
        self,
        plan: PlanVersionDTO,
        readiness: Readiness,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.readiness, self._submit = readiness, submit
        self.setWindowTitle(_("Finalise version {number}").format(number=plan.number))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        if readiness.ok:
            state = WrappingLabel(
                _(
                    "✓ The plan is ready: every agreement is SMART and accepted by everyone it "
                    "names, and every bottom line is satisfied."
                ),
                self,
            )
            style_text(state, Role.OK)
            layout.addWidget(state)
        else:
            state = WrappingLabel(_("The plan is not ready yet:"), self)
            style_text(state, Role.ERROR, "font-weight: bold;")
            layout.addWidget(state)
            problems = QWidget(self)
            problems.setObjectName("readiness-problems")
            rows = QVBoxLayout(problems)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(4)
            #: One label per problem (a link where the core says where to fix it).
            self.problem_labels: list[QLabel] = []
            for problem in readiness.problems:
                label = WrappingLabel(problem_html(problem), problems)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setTextInteractionFlags(
                    Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                    | Qt.TextInteractionFlag.LinksAccessibleByMouse
                    | Qt.TextInteractionFlag.TextSelectableByMouse
                )
                label.linkActivated.connect(self._open)
                rows.addWidget(label)
                self.problem_labels.append(label)
            if any(p.target_kind != CommentTarget.PLAN for p in readiness.problems):
                tip = muted(
                    _("Tab to a problem and press Enter to go to the place to fix it."), problems
                )
                rows.addWidget(tip)
            scroll = QScrollArea(self)  # a plan far from ready has a long list
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(problems)
            scroll.setMaximumHeight(self.fontMetrics().lineSpacing() * 12)
            layout.addWidget(scroll)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 14)
        self.reason.setPlaceholderText(_("Why it is right to finalise the plan as it is now"))
        reason_label = QLabel(_("&Reason to finalise it anyway (required; it is kept)"), self)
        reason_label.setBuddy(self.reason)
        self.reason_error = ErrorLabel(self)
        for widget in (reason_label, self.reason, self.reason_error):
            widget.setVisible(not readiness.ok)
            layout.addWidget(widget)
        understood = _("I understand that a finalised version &cannot be changed")
        self.confirm = QCheckBox(understood, self)
        later = WrappingLabel(_("Later changes start a new draft, the next version."), self)
        later.setIndent(24)
        layout.addWidget(self.confirm)
        layout.addWidget(later)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            _("&Finalise"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        self.confirm.toggled.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()
        (self.reason if not readiness.ok else self.confirm).setFocus()

    def _open(self, link: str) -> None:
        kind, _sep, key = link.partition(":")
        self.reject()
        self.target_requested.emit(kind, key)

    def reason_text(self) -> str | None:
        return None if self.readiness.ok else self.reason.toPlainText()

    def _update(self) -> None:
        reason_ok = self.readiness.ok or bool(self.reason.toPlainText().strip())
        self.ok_button.setEnabled(self.confirm.isChecked() and reason_ok)
        if reason_ok:
            self.reason_error.show_message(None)

    def accept(self) -> None:
        if not self.confirm.isChecked():
            self.error.show_message(_("Confirm that the finalised version will not change."))
            return
        if not self.readiness.ok and not self.reason.toPlainText().strip():
            self.reason_error.show_message(
                _("Write why you finalise the plan although it is not ready.")
            )
            self.reason.setFocus()
            return
        submit = partial(self._submit, self.reason_text())
        typed = self.reason_error.show_message  # the reason is all that is typed here
        if submitted(submit, lambda exc: typed(str(exc)), self.error.show_message):
            super().accept()
