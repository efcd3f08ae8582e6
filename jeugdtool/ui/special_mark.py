"""The mark for special categories of personal data (health, addiction, justice) on an
agreement, a family's own goal, a help item, a statement, "how the children are told", a
review, a review result and a ZRM note: the choice box the forms show, the hint when an
unmarked text seems to hold such data (`special_rules.suggest`), and the undo commands that
mark a saved text at once — one command per kind of text, all through `MarkCommand` (a help
item's mark is saved with the help dialog's other fields, `EditHelpCommand`; a statement's by
the statement dialog's commands, ui/framework/statement_commands.py).

The words that suggest a category are the core's (`framework/special_rules.py`); the box only
shows their verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import ClassVar

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import special
from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import special as zrm_special
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import DomainScore

from jeugdtool.ui.colours import Role
from jeugdtool.ui.commands import QuickFieldCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import hidden_label

FIELD = "special_category"
#: Command ids for merging marks of one text chosen one after the other (one per kind).
MARK_AGREEMENT_ID = 2001
MARK_CHILDREN_TOLD_ID = 2003
MARK_REVIEW_ID = 2004
MARK_RESULT_ID = 2005
MARK_DOMAIN_NOTE_ID = 2006
MARK_ASSESSMENT_NOTE_ID = 2007
MARK_FAMILY_GOAL_ID = 2008


class SpecialCategoryBox(QComboBox):
    """Not marked, health, addiction or justice; `category()` is the code as stored."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for category in SpecialCategory:
            self.addItem(category.label, category.value)
        self.setAccessibleName(_("Special category of personal data"))
        self.setToolTip(
            _(
                "Marked items are left out of every PDF unless its selection includes special "
                "categories of personal data."
            )
        )

    def category(self) -> str:
        return str(self.currentData() or "")

    def set_category(self, category: str) -> None:
        """Show `category` without it counting as the user's choice (no `activated`)."""
        index = self.findData(category or "")
        self.setCurrentIndex(max(index, 0))


def hint_label(parent: QWidget) -> QLabel:
    """The label under the box that says an unmarked text seems to hold such data."""
    return hidden_label(parent, Role.MUTED)


def show_hint(label: QLabel, marked: str, suggested: SpecialCategory) -> None:
    """ "The text seems to hold health data." while it is not marked; nothing otherwise."""
    if suggested and not marked:
        label.setText(
            _("The text seems to hold {data}: mark it, so a PDF leaves it out.").format(
                data=special_rules.data_words(suggested)
            )
        )
        label.show()
    else:
        label.hide()


def _text(what: str, category: str) -> str:
    if category:
        return _("Mark {item} as {category}").format(
            item=what, category=SpecialCategory(category).label.lower()
        )
    return _("Clear the mark of {item}").format(item=what)


class MarkCommand(QuickFieldCommand):
    """Mark a saved text (also of a finalised version, a past moment or an earlier
    assessment) or clear its mark, through the kind's `mark_…` service (`MARK`); undo puts
    back the mark it had, if nobody changed it since. Marks chosen one after the other (the
    arrow keys on the box) within a few seconds are one undo step."""

    #: `mark_x(uow, row_id, category, *, expected=None)` of framework/special.py or
    #: zrm/special.py, set with `staticmethod`.
    MARK: ClassVar[Callable[..., Outcome[Any]]]
    #: The column of the mark.
    COLUMN: ClassVar[str] = FIELD

    def __init__(self, ctx: AppContext, case_id: int, item: str, row_id: int, old: str, new: str):
        self.item = item
        super().__init__(
            ctx, case_id, _text(item, new), self._mark, row_id, self.COLUMN, old or "", new
        )

    def _mark(
        self, uow: UnitOfWork, row_id: int, changes: dict[str, Any], *, expected: Any = None
    ) -> Outcome[Any]:
        """The kind's service in the shape a FieldCommand calls a service."""
        return type(self).MARK(uow, row_id, changes[self.COLUMN], expected=expected)

    def mergeWith(self, other: QUndoCommand) -> bool:
        merged = super().mergeWith(other)
        if merged:
            self.setText(_text(self.item, self.new))
        return merged


class _MarkNumberedCommand(MarkCommand):
    """`(ctx, case_id, row, category)`: mark a text of a numbered list (its `position`), or
    clear its mark; undo calls it `ITEM` with its number ("agreement 2")."""

    #: What undo calls the text, `{n}` its number (an `N_` msgid).
    ITEM: ClassVar[str]

    def __init__(
        self, ctx: AppContext, case_id: int, row: AgreementDTO | FamilyGoalDTO, category: str
    ):
        item = _(self.ITEM).format(n=row.position)
        super().__init__(ctx, case_id, item, row.id, row.special_category, category)


class MarkAgreementCommand(_MarkNumberedCommand):
    """Mark an agreement (also of a finalised version) or clear its mark."""

    MERGE_ID = MARK_AGREEMENT_ID
    ROW_KIND = "agreement"
    MARK = staticmethod(special.mark_agreement)
    ITEM = N_("agreement {n}")


class MarkFamilyGoalCommand(_MarkNumberedCommand):
    """Mark a goal of the family's own, or clear its mark."""

    MERGE_ID = MARK_FAMILY_GOAL_ID
    ROW_KIND = "family_goal"
    MARK = staticmethod(special.mark_family_goal)
    ITEM = N_("the family's goal {n}")


class MarkChildrenToldCommand(MarkCommand):
    """Mark "how the children are told" of a plan version, or clear its mark."""

    MERGE_ID = MARK_CHILDREN_TOLD_ID
    ROW_KIND = "plan_version"
    MARK = staticmethod(special.mark_children_told)
    COLUMN = special.CHILDREN_TOLD

    def __init__(self, ctx: AppContext, case_id: int, plan: PlanVersionDTO, category: str):
        item = _("how the children are told")
        super().__init__(ctx, case_id, item, plan.id, plan.children_told_category, category)


class MarkReviewCommand(MarkCommand):
    """Mark a review's note, or clear its mark."""

    MERGE_ID = MARK_REVIEW_ID
    ROW_KIND = "review"
    MARK = staticmethod(special.mark_review)

    def __init__(self, ctx: AppContext, case_id: int, review: ReviewDTO, category: str):
        item = _("the review of {date}").format(date=format_date_nl(review.held_on))
        super().__init__(ctx, case_id, item, review.id, review.special_category, category)


class MarkResultCommand(MarkCommand):
    """Mark a review result (its note and follow-up), or clear its mark; `item` names it."""

    MERGE_ID = MARK_RESULT_ID
    ROW_KIND = "review_result"
    MARK = staticmethod(special.mark_review_result)

    def __init__(
        self, ctx: AppContext, case_id: int, result: ReviewResultDTO, category: str, item: str
    ):
        super().__init__(ctx, case_id, item, result.id, result.special_category, category)


class MarkDomainNoteCommand(MarkCommand):
    """Mark the note of one domain of an assessment, or clear its mark; `item` names the
    domain as the grid does."""

    MERGE_ID = MARK_DOMAIN_NOTE_ID
    ROW_KIND = "zrm_domain"
    MARK = staticmethod(zrm_special.mark_domain_note)

    def __init__(self, ctx: AppContext, case_id: int, score: DomainScore, category: str, item: str):
        if score.id is None:
            raise ValueError("a domain score that is not saved")  # a programming error
        super().__init__(ctx, case_id, item, score.id, score.special_category, category)

    def stored_value(self, result: Any) -> Any:
        """The domain's mark in the assessment the service returns."""
        return next(d.special_category for d in result.domains if d.id == self.row_id)


class MarkAssessmentNoteCommand(MarkCommand):
    """Mark an assessment's own note, or clear its mark."""

    MERGE_ID = MARK_ASSESSMENT_NOTE_ID
    ROW_KIND = "zrm_assessment"
    MARK = staticmethod(zrm_special.mark_assessment_note)

    def __init__(self, ctx: AppContext, case_id: int, assessment: AssessmentDTO, category: str):
        item = _("the note on the assessment of {date}").format(
            date=format_date_nl(assessment.assessed_on)
        )
        super().__init__(ctx, case_id, item, assessment.id, assessment.special_category, category)
