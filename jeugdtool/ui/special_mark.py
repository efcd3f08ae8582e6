"""The mark for special categories of personal data (health, addiction, justice) on an agreement
or a help item: the choice box the agreement form and the help dialog show, the hint when an
unmarked text seems to hold such data (`special_rules.suggest`), and the undo command that
marks a saved agreement at once (a help item's mark is saved with the help dialog's other
fields, `EditHelpCommand`).

The words that suggest a category are the core's (`framework/special_rules.py`); the box only
shows their verdict.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.special import mark_agreement
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import QuickFieldCommand
from jeugdtool.ui.context import AppContext

FIELD = "special_category"
#: Command id for merging marks of one agreement chosen one after the other.
MARK_AGREEMENT_ID = 2001


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
    label = QLabel(parent)
    label.setWordWrap(True)
    style_text(label, Role.MUTED)
    label.hide()
    return label


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


def _mark(
    uow: UnitOfWork, agreement_id: int, changes: dict[str, Any], *, expected: Any = None
) -> Outcome[AgreementDTO]:
    """`mark_agreement` in the shape a FieldCommand calls a service."""
    return mark_agreement(uow, agreement_id, changes[FIELD], expected=expected)


def _text(what: str, category: str) -> str:
    if category:
        return _("Mark {item} as {category}").format(
            item=what, category=SpecialCategory(category).label.lower()
        )
    return _("Clear the mark of {item}").format(item=what)


class MarkAgreementCommand(QuickFieldCommand):
    """Mark an agreement (also of a finalised version) or clear its mark; undo puts back the
    mark it had, if nobody changed it since. Marks chosen one after the other (the arrow keys
    on the box) within a few seconds are one undo step."""

    MERGE_ID = MARK_AGREEMENT_ID
    ROW_KIND = "agreement"

    def __init__(self, ctx: AppContext, case_id: int, agreement: AgreementDTO, category: str):
        self.item = _("agreement {n}").format(n=agreement.position)
        super().__init__(
            ctx,
            case_id,
            _text(self.item, category),
            _mark,
            agreement.id,
            FIELD,
            agreement.special_category,
            category,
        )

    def mergeWith(self, other: QUndoCommand) -> bool:
        merged = super().mergeWith(other)
        if merged:
            self.setText(_text(self.item, self.new))
        return merged
