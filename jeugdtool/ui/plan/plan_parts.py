"""Parts of the plan page besides the agreements: what the plan answers (danger statements,
safety goals, bottom lines with the agreements that satisfy them) and the plan's own sections."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.framework.item_dialog import people_choices as people_choices  # the plan's too
from jeugdtool.ui.plan.approval_panel import comment_line
from jeugdtool.ui.plan.zrm_links import ZrmLink
from jeugdtool.ui.plan.zrm_links import zrm_line
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.widgets import LinesTextEdit
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading


def short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def version_label(version: PlanVersionDTO) -> str:
    if version.is_final:
        return _("Version {n} · Finalised on {date} by {who}").format(
            n=version.number,
            date=format_date_nl(version.finalised_on),
            who=version.finalised_by or "",
        )
    return _("Version {n} · Draft").format(n=version.number)


def serves_choices(detail: PlanDetail) -> list[tuple[str, str]]:
    titles = {
        StatementType.DANGER: _("Danger statement {n}"),
        StatementType.SAFETY_GOAL: _("Safety goal {n}"),
        StatementType.BOTTOM_LINE: _("Bottom line {n}"),
    }
    found = []
    for kind, title in titles.items():
        for n, s in enumerate((s for s in detail.statements if s.type is kind), 1):
            found.append((s.lineage, f"{title.format(n=n)}: {short(s.text, 70)}"))
    return found


class StatementsBox(QWidget):
    """Read-only: the danger statements and safety goals, and per bottom line the agreements
    that satisfy it (or a warning when none does)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        #: Bottom line lineage -> the label saying what covers it (for tests).
        self.coverage: dict[str, QLabel] = {}
        #: Safety goal lineage -> the label naming the ZRM focus domains linked to it.
        self.zrm: dict[str, QLabel] = {}
        #: Statement lineage -> the label with the reviewer's comment on it (plan review).
        self.review_comments: dict[str, QLabel] = {}

    def show_plan(
        self,
        detail: PlanDetail | None,
        zrm: Mapping[str, Sequence[ZrmLink]] | None = None,
        comments: Mapping[tuple[str, str], Sequence[str]] | None = None,
    ) -> None:
        """`comments`: the reviewer's comments by (target kind, lineage), shown under the
        statement they are about (ui/plan/approval_review.py)."""
        while (item := self.layout_.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.coverage, self.zrm, self.review_comments = {}, {}, {}
        self.layout_.addWidget(heading(_("What the plan answers"), self))
        statements = detail.statements if detail is not None else ()
        if not statements:
            self._add(
                _(
                    "There are no danger statements, safety goals or bottom lines yet; write them "
                    "on the Statements page."
                ),
                f"color: {colour(Role.MUTED)}; font-style: italic;",
            )
            return
        titles = {
            StatementType.DANGER: _("Danger statement {n}"),
            StatementType.SAFETY_GOAL: _("Safety goal {n}"),
            StatementType.BOTTOM_LINE: _("Bottom line {n}"),
        }
        assert detail is not None
        for kind in (StatementType.DANGER, StatementType.SAFETY_GOAL, StatementType.BOTTOM_LINE):
            for n, statement in enumerate((s for s in statements if s.type is kind), 1):
                title = titles[kind].format(n=n)
                self._add(f"<b>{_escape(title)}</b>: {_escape(short(statement.text))}")
                if kind is StatementType.BOTTOM_LINE:
                    self._coverage(detail, statement.lineage)
                said = (comments or {}).get((CommentTarget.STATEMENT.value, statement.lineage))
                if said:
                    text = comment_line(list(said))
                    style = f"color: {colour(Role.ERROR)}; margin-left: 18px;"
                    self.review_comments[statement.lineage] = self._add(_escape(text), style)
                line = zrm_line(zrm or {}, statement.lineage)
                if kind is StatementType.SAFETY_GOAL and line:
                    style = f"color: {colour(Role.MUTED)}; margin-left: 18px;"
                    self.zrm[statement.lineage] = self._add(_escape(line), style)

    def _coverage(self, detail: PlanDetail, lineage: str) -> None:
        covering = detail.covering(lineage)
        if covering:
            numbers = ", ".join(str(a.position) for a in covering)
            text = _("✓ Satisfied by agreement {numbers}").format(numbers=numbers)
            style = f"color: {colour(Role.OK)}; margin-left: 18px;"
        else:
            text = _("⚠ No agreement satisfies this bottom line yet; this blocks finalising.")
            style = f"color: {colour(Role.ERROR)}; font-weight: bold; margin-left: 18px;"
        self.coverage[lineage] = self._add(text, style)

    def _add(self, text: str, style: str = "") -> QLabel:
        label = WrappingLabel(text, self)
        label.setStyleSheet(style)
        self.layout_.addWidget(label)
        return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CommitText(LinesTextEdit):
    """A text box that says when the user leaves it (autosave)."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


#: Commits one field: (field, new value); raises InvalidInput to show under the field.
#: Saves one field: (field, value, the widget it was typed in — marked when a fault keeps it).
Commit = Callable[[str, Any, QWidget], None]


class PlanSections(QWidget):
    """How the children are told (with its mark for special categories), the review
    schedule and next review, when not kept.

    Each field saves by itself when the user leaves it (one undo step per field); the mark
    saves when chosen.
    """

    def __init__(self, commit: Commit, parent: QWidget | None = None):
        super().__init__(parent)
        self._commit = commit
        self.plan: PlanVersionDTO | None = None
        self.children_told = CommitText(self)
        self.children_told.setPlaceholderText(
            _("In words a child understands: who tells them, and what")
        )
        self.review_schedule = CommitText(self, 2)
        self.review_schedule.setPlaceholderText(_("e.g. every six weeks with the whole network"))
        self.next_review_on = QLineEdit(self)
        self.next_review_on.setPlaceholderText(_("dd-mm-jjjj"))
        self.next_review_on.setMaximumWidth(120)
        self.when_not_kept = CommitText(self)
        self.when_not_kept.setPlaceholderText(_("Who notices, who is told, what happens then"))
        #: The mark for special categories on how the children are told (saved at once, also
        #: in a finalised version: `mark_requested`).
        self.children_mark = SpecialCategoryBox(self)
        self.children_mark.setAccessibleName(
            _("Special category of personal data in how the children are told")
        )
        self.children_mark.activated.connect(self._mark_chosen)
        self.children_hint = hint_label(self)
        self.errors = {f: ErrorLabel(self) for f in self.FIELDS}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, field in (
            (_("How the children are told"), "children_told"),
            (_("Review sche&dule"), "review_schedule"),
            (_("Ne&xt review"), "next_review_on"),
            (_("When an agreement is not kept"), "when_not_kept"),
        ):
            add_form_row(form, self, caption, getattr(self, field), self.errors[field])
            if field == "children_told":
                mark = _("Special data")
                add_form_row(form, self, mark, self.children_mark, self.children_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Agreements about the plan"), self))
        layout.addLayout(form)
        for field in ("children_told", "review_schedule", "when_not_kept"):
            getattr(self, field).committed.connect(lambda f=field: self._save(f))
        self.next_review_on.editingFinished.connect(lambda: self._save("next_review_on"))

    FIELDS = ("children_told", "review_schedule", "next_review_on", "when_not_kept")

    #: The user chose another mark for how the children are told (the plan page saves it).
    mark_requested = Signal(str)

    def show_plan(
        self, plan: PlanVersionDTO | None, editable: bool, markable: bool | None = None
    ) -> None:
        """Show `plan`'s sections; `markable`: the mark may change (an open case, also when
        the version is finalised; None: as `editable`)."""
        self.plan = plan
        marked = plan.children_told_category if plan is not None else ""
        self.children_mark.set_category(marked)
        may_mark = editable if markable is None else markable
        self.children_mark.setEnabled(plan is not None and may_mark)
        told = plan.children_told if plan is not None else ""
        show_hint(self.children_hint, marked, special_rules.suggest([told]))
        for field in self.FIELDS:
            widget = getattr(self, field)
            value = getattr(plan, field) if plan is not None else None
            if field == "next_review_on":
                text = v.format_date_nl(value)
                if widget.text() != text and not widget.hasFocus():
                    widget.setText(text)
            elif widget.toPlainText() != (value or "") and not widget.hasFocus():
                widget.setPlainText(value or "")
            widget.setReadOnly(not editable)

    def _mark_chosen(self, _index: int) -> None:
        category = self.children_mark.category()
        if self.plan is not None and category != self.plan.children_told_category:
            self.mark_requested.emit(category)

    def _value(self, field: str) -> Any:
        widget = getattr(self, field)
        if field == "next_review_on":
            return v.parse_date_nl(widget.text(), field)
        return widget.toPlainText()

    def _save(self, field: str) -> None:
        if self.plan is None or getattr(self, field).isReadOnly():
            return
        try:
            value = self._value(field)
            stored = getattr(self.plan, field)
            if (value.strip() if isinstance(value, str) else value) != stored:
                self._commit(field, value, getattr(self, field))
        except InvalidInput as exc:
            self.errors[field].show_message("\n".join(p.message for p in exc.problems))
            return
        self.errors[field].show_message(None)
