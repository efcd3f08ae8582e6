"""Review moments (evaluaties) of a finalised version of the safety plan.

`PlanReviews(ctx, case_id)` is embedded in the plan page, which calls `set_plan(detail)` whenever
it shows a version. For a finalised version it lists that version's reviews, newest first: the
date, the general note and per agreement how it was kept (coloured and worded), the note, who
reported it and the follow-up. On a draft it only says that reviews are held on finalised
versions. Reviews never change the version's text.

Adding and removing a review are undoable commands (`AddReviewCommand`, `RemoveReviewCommand`),
and so is marking a review's note or a result as a special category of personal data
(`MarkReviewCommand`, `MarkResultCommand`: a box under the note and one per result, saved when
chosen, also on an earlier review).
Carrying a review's follow-ups into the draft is a plain service call after a confirmation, not
an undo step: it may start a new draft, and the agreements it adds are removed in that draft
like any other (each removal undoable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_rules
from jeugdtool.framework import plans
from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import Kept
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.special_mark import MarkResultCommand
from jeugdtool.ui.special_mark import MarkReviewCommand
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: Entities whose change alters what this part shows (the plan page passes plan changes on).
WATCHED = ("plan_review", "review_result", "household", "person", "network_member")
#: Kept: (colour role, mark); the mark and the word say it for those who do not see the colour.
KEPT_STYLE: dict[Kept, tuple[Role, str]] = {
    Kept.YES: (Role.OK, "✓"),
    Kept.PARTLY: (Role.WARNING, "◐"),
    Kept.NO: (Role.ERROR, "✗"),
}
CARD_STYLE = (
    "QFrame#review-card { border: 1px solid palette(mid); border-radius: 4px;"
    " background: palette(base); }"
)


def kept_text(kept: Kept) -> str:
    """ "✓ Nagekomen": the mark and the word."""
    return f"{KEPT_STYLE[kept][1]} {kept.label}"


def kept_label(kept: Kept, parent: QWidget | None = None) -> QLabel:
    label = QLabel(kept_text(kept), parent)
    style_text(label, KEPT_STYLE[kept][0], "font-weight: bold;")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- commands -------------------------------------------------------------------------------


def _not_chosen() -> str:
    return _("Choose how this agreement was kept, or empty its note, reporter and follow-up.")


class ReviewAdding(AddCommand):
    """Record a review of a plan through `record(*arguments)` (a service that returns it); undo
    removes it, with its results and goal judgements, only as recorded; redo puts it back with
    the same ids."""

    remove = staticmethod(plan_reviews.remove_review)
    restore = staticmethod(plan_reviews.restore_review)

    def __init__(
        self, ctx: AppContext, case_id: int, text: str, record: Callable[..., Any], *arguments: Any
    ):
        super().__init__(ctx, case_id, text)
        self.record, self.arguments = record, arguments

    def first(self) -> None:
        self.dto = self.ctx.run(self.record, *self.arguments)


class AddReviewCommand(ReviewAdding):
    """Record a review in the plan's review dialog."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        version_id: int,
        held_on: dt.date | None,
        note: str,
        results: Sequence[ResultInput],
    ):
        text, record = _("Add review"), plan_reviews.add_review
        super().__init__(ctx, case_id, text, record, version_id, held_on, note, list(results))


class RemoveReviewCommand(RemoveCommand):
    """Remove a review with its results; undo puts it back as it was."""

    remove = staticmethod(plan_reviews.remove_review)
    restore = staticmethod(plan_reviews.restore_review)

    def __init__(self, ctx: AppContext, case_id: int, dto: ReviewDTO):
        super().__init__(ctx, case_id, dto, _("Remove review"))


# ---- the dialog -----------------------------------------------------------------------------

#: Records the review; raises InvalidInput (fields "held_on", "note", "results[i].…") to keep
#: the dialog open.
Submit = Callable[[dt.date | None, str, list[ResultInput]], None]


@dataclass
class ResultRow:
    """The fields of one agreement in the dialog."""

    agreement: AgreementDTO
    kept: QComboBox
    note: GrowingTextEdit
    reported_by: QComboBox
    follow_up: GrowingTextEdit
    error: ErrorLabel

    def typed(self) -> bool:
        return any(
            w.strip()
            for w in (self.note.text(), self.reported_by.currentText(), self.follow_up.text())
        )


class ReviewDialog(QDialog):
    """Date, general note, and per agreement: kept, note, reported by, follow-up."""

    def __init__(
        self,
        detail: PlanDetail,
        names: Sequence[str],
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.plan, self._submit = detail.plan, submit
        self.setWindowTitle(_("Review of version {n}").format(n=detail.plan.number))
        self.setMinimumWidth(1000)
        intro = muted(
            _(
                "How were the agreements kept? Leave an agreement that was not discussed on "
                "“(not discussed)”. The finalised plan itself does not change."
            ),
            self,
        )

        self.held_on = QLineEdit(v.format_date_nl(dt.date.today()), self)
        self.held_on.setPlaceholderText(_("dd-mm-jjjj"))
        self.held_on.setMaximumWidth(120)
        self.held_on.setAccessibleName(_("Date of the review"))
        self.held_on_error = ErrorLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.note.setPlaceholderText(_("Who was there, what went well, what worries remain"))
        self.note.setAccessibleName(_("General note"))
        self.note_error = ErrorLabel(self)
        date_label = QLabel(_("&Date"), self)
        date_label.setBuddy(self.held_on)
        note_label = QLabel(_("General &note"), self)
        note_label.setBuddy(self.note)
        top = QGridLayout()
        top.addWidget(date_label, 0, 0)
        date_box = QVBoxLayout()
        date_box.setSpacing(2)
        date_box.addWidget(self.held_on)
        date_box.addWidget(self.held_on_error)
        top.addLayout(date_box, 0, 1)
        top.addWidget(note_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        note_box = QVBoxLayout()
        note_box.setSpacing(2)
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_error)
        top.addLayout(note_box, 1, 1)
        top.setColumnStretch(1, 1)

        self.rows: list[ResultRow] = []
        grid_widget = QWidget(self)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        captions = (
            _("Agreement"),
            _("How it was kept"),
            _("Note"),
            _("Reported by"),
            _("Follow-up (new agreement)"),
        )
        for column, caption in enumerate(captions):
            label = QLabel(f"<b>{_escape(caption)}</b>", grid_widget)
            grid.addWidget(label, 0, column)
        for index, agreement in enumerate(detail.agreements):
            self.rows.append(self._add_row(grid, grid_widget, 1 + 2 * index, agreement, names))
        if not detail.agreements:
            grid.addWidget(
                QLabel(_("This version has no agreements."), grid_widget), 1, 0, 1, len(captions)
            )
        for column, stretch in enumerate((4, 0, 3, 2, 3)):
            grid.setColumnStretch(column, stretch)
        grid.setColumnMinimumWidth(0, 220)
        grid.setRowStretch(grid.rowCount(), 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(grid_widget)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(min(grid_widget.sizeHint().height() + 8, 420))

        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton(
            _("&Save review"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(_("Ctrl+Enter saves"), self)
        style_text(hint, Role.MUTED)
        bottom = QHBoxLayout()
        bottom.addWidget(hint)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(heading(_("Per agreement"), self, 1.0))
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        # Room for a few messages under the rows before the list has to scroll.
        self.resize(1040, min(self.sizeHint().height() + 90, 760))
        self.held_on.setFocus()
        self.held_on.selectAll()

    def _add_row(
        self,
        grid: QGridLayout,
        parent: QWidget,
        row: int,
        agreement: AgreementDTO,
        names: Sequence[str],
    ) -> ResultRow:
        n = agreement.position
        what = WrappingLabel(f"{n}. {short(agreement.what, 200)}", parent)
        what.setToolTip(agreement.what)
        what.setMinimumWidth(220)
        kept = QComboBox(parent)
        kept.addItem(_("(not discussed)"), None)
        for value in Kept:
            kept.addItem(kept_text(value), value)
        kept.setAccessibleName(_("How agreement {n} was kept").format(n=n))
        # Notes and follow-ups are often a sentence: they wrap and grow (GrowingTextEdit).
        note = GrowingTextEdit(parent, max_lines=4, one_paragraph=True)
        note.setAccessibleName(_("Note on agreement {n}").format(n=n))
        reported_by = QComboBox(parent)
        reported_by.setEditable(True)
        reported_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        reported_by.addItems(list(names))
        reported_by.setCurrentIndex(-1)
        reported_by.setEditText("")
        reported_by.setAccessibleName(_("Who reported on agreement {n}").format(n=n))
        line = reported_by.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("name or choose"))
        reported_by.setMinimumWidth(150)
        follow_up = GrowingTextEdit(parent, max_lines=4, one_paragraph=True)
        follow_up.setAccessibleName(_("Follow-up of agreement {n}").format(n=n))
        follow_up.setPlaceholderText(_("becomes a new agreement"))
        error = ErrorLabel(parent)
        grid.addWidget(what, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, widget in enumerate((kept, note, reported_by, follow_up), 1):
            grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(error, row + 1, 1, 1, 4)
        return ResultRow(agreement, kept, note, reported_by, follow_up, error)

    # ---- reading and saving -------------------------------------------------------------

    def values(self) -> tuple[dt.date | None, str, list[ResultInput], list[ResultRow]]:
        """The typed review; raises InvalidInput (nothing typed is touched)."""
        results: list[ResultInput] = []
        used: list[ResultRow] = []
        with collect() as problems:
            # Checked here too, so every problem shows at once (the service checks again).
            held_on = problems.check(
                plan_rules.review_held_on,
                self.held_on.text(),
                self.plan.finalised_on,
                dt.date.today(),
            )
            for index, row in enumerate(self.rows):
                kept = row.kept.currentData()
                if kept is None:
                    if row.typed():
                        problems.add(Problem(f"row[{index}]", _not_chosen()))
                    continue
                results.append(
                    ResultInput(
                        row.agreement.lineage,
                        kept,
                        row.note.text(),
                        row.reported_by.currentText(),
                        row.follow_up.text(),
                    )
                )
                used.append(row)
        return held_on, self.note.toPlainText(), results, used

    def show_problems(self, problems: Sequence[Problem], used: Sequence[ResultRow] = ()) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        date: list[str] = []
        note: list[str] = []
        per_row: dict[int, list[str]] = {}
        other: list[str] = []
        for problem in problems:
            field = problem.field
            if field == "held_on":
                date.append(problem.message)
            elif field == "note":
                note.append(problem.message)
            elif field.startswith("row["):
                per_row.setdefault(int(field[4 : field.index("]")]), []).append(problem.message)
            elif field.startswith("results[") and used:
                index = int(field[8 : field.index("]")])
                row_index = self.rows.index(used[index]) if index < len(used) else -1
                if row_index >= 0:
                    per_row.setdefault(row_index, []).append(problem.message)
                else:
                    other.append(problem.message)
            else:
                other.append(problem.message)
        self.held_on_error.show_message("\n".join(date) or None)
        self.note_error.show_message("\n".join(note) or None)
        for index, row in enumerate(self.rows):
            row.error.show_message("\n".join(per_row.get(index, [])) or None)
        self.error.show_message("\n".join(other) or None)
        focus: QWidget | None = None
        if date:
            focus = self.held_on
        elif note:
            focus = self.note
        elif per_row:
            focus = self.rows[min(per_row)].kept
            self.scroll.ensureWidgetVisible(focus)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        used: list[ResultRow] = []
        try:
            held_on, note, results, used = self.values()
            self._submit(held_on, note, results)
        except InvalidInput as exc:
            self.show_problems(exc.problems, used)
            return
        except JeugdtoolError as exc:
            self.show_problems([Problem("", str(exc))])
            return
        super().accept()


# ---- the list -------------------------------------------------------------------------------


class ReviewCard(QFrame):
    """One review: date, note, per agreement the result; remove and carry the follow-ups;
    the marks for special categories of the note and of each result."""

    #: The user chose another mark for the review's note.
    review_marked = Signal(str)
    #: The user chose another mark for a result: (ReviewResultDTO, category).
    result_marked = Signal(object, str)

    def __init__(
        self,
        review: ReviewDTO,
        detail: PlanDetail,
        editable: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.review = review
        self.editable = editable
        #: ("review", id) or ("result", id) -> its mark box (to keep the focus on a reload).
        self.mark_boxes: dict[tuple[str, int], SpecialCategoryBox] = {}
        self.setObjectName("review-card")
        self.setStyleSheet(CARD_STYLE)
        title = heading(
            _("Review of {date}").format(date=v.format_date_nl(review.held_on)), self, 1.0
        )
        self.carry_button = QPushButton(_("Follow-ups to draft…"), self)
        self.carry_button.setToolTip(
            _("Make each follow-up of this review a new, proposed agreement in the draft")
        )
        self.remove_button = QPushButton(_("Remove…"), self)
        self.remove_button.setAccessibleName(
            _("Remove the review of {date}").format(date=v.format_date_nl(review.held_on))
        )
        self.follow_ups = [r for r in review.results if r.follow_up.strip()]
        self.carry_button.setVisible(editable and bool(self.follow_ups))
        self.remove_button.setVisible(editable)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.carry_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(bar)
        if review.note.strip():
            note = WrappingLabel(review.note, self)
            note.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(note)
        if review.note.strip() or review.special_category:
            layout.addLayout(self._note_mark())
        #: Agreement lineage -> the kept label (for tests).
        self.kept_labels: dict[str, QLabel] = {}
        if not review.results:
            empty = QLabel(_("No agreement was discussed in this review."), self)
            style_text(empty, Role.MUTED, "font-style: italic;")
            layout.addWidget(empty)
            return
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        captions = (
            _("Agreement"),
            _("How it was kept"),
            _("Note"),
            _("Reported by"),
            _("Follow-up"),
            _("Special data"),
        )
        for column, caption in enumerate(captions):
            label = QLabel(caption, self)
            style_text(label, Role.MUTED)
            grid.addWidget(label, 0, column)
        by_lineage = {a.lineage: a for a in detail.agreements}
        for row, result in enumerate(review.results, 1):
            self._add_result(grid, row, result, by_lineage.get(result.agreement_lineage))
        for column, stretch in enumerate((4, 0, 3, 2, 3, 0)):
            grid.setColumnStretch(column, stretch)
        layout.addLayout(grid)

    def _mark_box(self, key: tuple[str, int], category: str, name: str) -> SpecialCategoryBox:
        box = SpecialCategoryBox(self)
        box.set_category(category)
        box.setAccessibleName(name)
        box.setEnabled(self.editable)
        self.mark_boxes[key] = box
        return box

    def _note_mark(self) -> QHBoxLayout:
        """ "Special data in the note: [not marked]" under the review's note."""
        review = self.review
        box = self._mark_box(
            ("review", review.id),
            review.special_category,
            _("Special category of personal data in the note of this review"),
        )
        box.activated.connect(lambda _i: self._chosen_for_review(box.category()))
        label = QLabel(_("Special data in the note"), self)
        label.setBuddy(box)
        hint = hint_label(self)
        show_hint(hint, review.special_category, special_rules.suggest([review.note]))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(box)
        row.addWidget(hint, 1)
        return row

    def _chosen_for_review(self, category: str) -> None:
        if category != self.review.special_category:
            self.review_marked.emit(category)

    def _chosen_for_result(self, result: ReviewResultDTO, category: str) -> None:
        if category != result.special_category:
            self.result_marked.emit(result, category)

    def _add_result(
        self, grid: QGridLayout, row: int, result: ReviewResultDTO, agreement: AgreementDTO | None
    ) -> None:
        what = (
            f"{agreement.position}. {short(agreement.what, 200)}"
            if agreement is not None
            else _("(an agreement no longer in this version)")
        )
        kept = kept_label(result.kept, self)
        self.kept_labels[result.agreement_lineage] = kept
        cells: list[QWidget] = [WrappingLabel(what, self), kept]
        for text in (result.note, result.reported_by, result.follow_up):
            label = WrappingLabel(text or "—", self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if not text:
                style_text(label, Role.MUTED)
            cells.append(label)
        box = self._mark_box(
            ("result", result.id),
            result.special_category,
            _("Special category of personal data in the result of agreement {what}").format(
                what=agreement.position if agreement is not None else "—"
            ),
        )
        box.activated.connect(lambda _i: self._chosen_for_result(result, box.category()))
        suggested = special_rules.suggest_result(result)
        if suggested and not result.special_category:
            box.setToolTip(
                _("The text seems to hold {data}: mark it, so a PDF leaves it out.").format(
                    data=special_rules.data_words(suggested)
                )
            )
        cells.append(box)
        for column, cell in enumerate(cells):
            if isinstance(cell, QLabel):
                cell.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)


class PlanReviews(StaleWhileHidden, QWidget):
    """`(ctx, case_id)`; the plan page calls `set_plan(detail)` for the version it shows.
    Follows the reviews' changes while seen, else once when shown again; it hides itself when
    there is no version, so its page says when it is seen (`seen_with`)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.detail: PlanDetail | None = None
        self.case: CaseDetail | None = None
        self.reviews: tuple[ReviewDTO, ...] = ()
        #: Review id -> its card (for tests).
        self.cards: dict[int, ReviewCard] = {}
        self.add_button = QPushButton(_("Add revie&w…"), self)
        self.add_button.setToolTip(
            _("Record how the agreements of this finalised version were kept")
        )
        self.add_button.clicked.connect(self.add_review)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(heading(_("Reviews"), self))
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        self.info = muted("", self, italic=True)
        self.list_layout = QVBoxLayout()
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(8)
        vbox(self, bar, self.info, self.list_layout, spacing=6)
        ctx.signals.changed.connect(self._on_changed)
        self._show()

    # ---- loading -------------------------------------------------------------------------

    def set_plan(self, detail: PlanDetail | None) -> None:
        """Show the reviews of this version (a draft or None: none)."""
        self.detail = detail
        self.reload()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) and changes.touches(*WATCHED):
            self.reload_when_seen()

    def reload(self) -> None:
        self.stale = False  # also when the plan page passes a version (set_plan)
        try:
            self.case = queries.get_case(self.ctx.uow, self.case_id)
            final = self.detail is not None and self.detail.plan.is_final
            found = plan_reviews.list_reviews(self.ctx.uow, self.case_id) if final else ()
        except NotFound:
            self.setEnabled(False)
            return
        plan_id = self.detail.plan.id if self.detail is not None else None
        self.reviews = tuple(r for r in found if r.plan_version_id == plan_id)
        self._show()

    @property
    def case_open(self) -> bool:
        """Whether reviews may change at all (`AppContext.can_edit`)."""
        return self.case is not None and self.ctx.can_edit(self.case.household)

    @property
    def can_add(self) -> bool:
        """Reviews are held on a finalised version of an open case."""
        return self.case_open and self.detail is not None and self.detail.plan.is_final

    def names(self) -> list[str]:
        """Who can report: the household, then the network."""
        if self.case is None:
            return []
        found = [p.full_name for p in self.case.persons] + [n.name for n in self.case.network]
        return list(dict.fromkeys(name for name in found if name))

    def _focused_mark(self) -> tuple[str, int] | None:
        """Which card's mark box has the keyboard focus (it is rebuilt on a reload)."""
        focused = QApplication.focusWidget()
        for card in self.cards.values():
            for key, box in card.mark_boxes.items():
                if box is focused:
                    return key
        return None

    def _show(self) -> None:
        focused = self._focused_mark()
        while (item := self.list_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = {}
        detail = self.detail
        self.setVisible(detail is not None)
        self.add_button.setVisible(self.can_add)
        if detail is None:
            return
        if not detail.plan.is_final:
            text = _(
                "Reviews are held on a finalised version: they look back at what was agreed "
                "and never change it. Finalise this draft, or choose a finalised version."
            )
        elif not self.reviews:
            text = _("No reviews of version {n} yet.").format(n=detail.plan.number)
        else:
            text = ""
        self.info.setText(text)
        self.info.setVisible(bool(text))
        for review in self.reviews:
            card = ReviewCard(review, detail, self.case_open, self)
            card.remove_button.clicked.connect(lambda _c=False, r=review: self.remove_review(r))
            card.carry_button.clicked.connect(lambda _c=False, r=review: self.carry_follow_ups(r))
            card.review_marked.connect(lambda category, r=review: self.mark_review(r, category))
            card.result_marked.connect(self.mark_result)
            self.cards[review.id] = card
            self.list_layout.addWidget(card)
            if focused in card.mark_boxes:
                card.mark_boxes[focused].setFocus()

    # ---- actions -------------------------------------------------------------------------

    def add_review(self) -> ReviewDialog | None:
        """Open the review dialog (non-modal, returned for tests); None when not possible."""
        if not self.can_add or self.detail is None:
            return None
        detail = self.detail

        def submit(held_on: dt.date | None, note: str, results: list[ResultInput]) -> None:
            command = AddReviewCommand(
                self.ctx, self.case_id, detail.plan.id, held_on, note, results
            )
            execute(self.ctx, command)
            self.ctx.signals.status_message.emit(
                _("Review of {date} saved.").format(date=v.format_date_nl(held_on))
            )

        dialog = ReviewDialog(detail, self.names(), submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def mark_review(self, review: ReviewDTO, category: str) -> None:
        """Mark the review's note as a special category, or clear it (undoable)."""
        if self.case_open:
            run_command(
                self.ctx, self.case_id, MarkReviewCommand(self.ctx, self.case_id, review, category)
            )

    def mark_result(self, result: ReviewResultDTO, category: str) -> None:
        """Mark a result (its note and follow-up) as a special category, or clear it."""
        if not self.case_open or self.detail is None:
            return
        agreement = next(
            (a for a in self.detail.agreements if a.lineage == result.agreement_lineage), None
        )
        item = (
            _("the result of agreement {n}").format(n=agreement.position)
            if agreement is not None
            else _("a review result")
        )
        command = MarkResultCommand(self.ctx, self.case_id, result, category, item)
        run_command(self.ctx, self.case_id, command)

    def remove_review(self, review: ReviewDTO) -> None:
        question = _(
            "Remove the review of {date}, with how each agreement was kept? You can undo this."
        ).format(date=v.format_date_nl(review.held_on))
        if self.ctx.dialogs.confirm(question, _("Remove review")):
            run_command(self.ctx, self.case_id, RemoveReviewCommand(self.ctx, self.case_id, review))

    def carry_follow_ups(self, review: ReviewDTO) -> list[AgreementDTO] | None:
        """After a confirmation, make the follow-ups new proposed agreements in the draft (a
        plain service call, not an undo step); None when not done."""
        count = sum(1 for r in review.results if r.follow_up.strip())
        if not count:
            return None
        question = ngettext(
            "Add the follow-up of this review as a new, proposed agreement to the draft of the "
            "plan? A draft is started when there is none. Follow-ups already in the plan are "
            "skipped; you can remove the new agreement in the draft.",
            "Add the {n} follow-ups of this review as new, proposed agreements to the draft of "
            "the plan? A draft is started when there is none. Follow-ups already in the plan are "
            "skipped; you can remove the new agreements in the draft.",
            count,
        ).format(n=count)
        if not self.ctx.dialogs.confirm(question, _("Follow-ups to draft")):
            return None
        try:
            added = self.ctx.run(plan_reviews.carry_follow_ups, review.id)
        except JeugdtoolError as exc:
            show_failure(self.ctx, self.case_id, exc)
            return None
        number = next(
            (
                x.number
                for x in plans.list_versions(self.ctx.uow, self.case_id)
                if added and x.id == added[0].plan_version_id
            ),
            0,
        )
        self.ctx.signals.status_message.emit(
            ngettext(
                "{n} agreement added to draft {number}.",
                "{n} agreements added to draft {number}.",
                len(added),
            ).format(n=len(added), number=number)
        )
        return added
