"""The detail form of one agreement, with its SMART check live while typing and who accepted.

The form saves as a whole (one undo step): with Ctrl+Enter, or by itself as soon as the focus
leaves the form (the page watches that) — moving between the form's own fields saves nothing
yet, so a half-typed agreement is not saved field by field. Invalid input (a date that is not
one, no "what") shows its message under the field and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework import plan_rules
from jeugdtool.framework import special_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_rules import same_person
from jeugdtool.framework.plan_rules import smart_draft
from jeugdtool.framework.plans import CONTENT_FIELDS
from jeugdtool.framework.smart import AgreementDraft
from jeugdtool.framework.smart import SmartResult
from jeugdtool.framework.smart import check_smart
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.plan.acceptance import AcceptanceBox
from jeugdtool.ui.plan.plan_commands import find_party
from jeugdtool.ui.plan.smart_panel import SmartPanel
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading

DATE_FIELDS = {
    "start_on": "Start date",
    "due_on": "Deadline",
    "review_on": "Review date",
}
LIST_ROWS = 4


def _list(parent: QWidget, name: str) -> QListWidget:
    widget = QListWidget(parent)
    widget.setAccessibleName(name)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setFixedHeight(widget.fontMetrics().lineSpacing() * LIST_ROWS + 18)
    return widget


def _paragraph(parent: QWidget) -> GrowingTextEdit:
    """A field for a text of a line or a few (when, where, how we know): it grows as typed."""
    return GrowingTextEdit(parent, min_lines=1, max_lines=4, one_paragraph=True)


def _checked(widget: QListWidget) -> list[Any]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class AgreementForm(QFrame):
    """Shows one agreement (or a new one); the page saves it through undo commands."""

    #: Ctrl+Enter: the user asks to save now.
    commit_requested = Signal()
    #: The user chose another special category for the saved agreement (saved at once, also
    #: in a finalised version: the page runs the undo command).
    mark_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        #: The agreement as saved (None: a new one, not saved yet).
        self.agreement: AgreementDTO | None = None
        self.plan: PlanVersionDTO | None = None
        #: Name -> agreements carried in the rest of the plan (this one not counted).
        #: The version's other agreements: what their people carry counts in the SMART check.
        self.others: tuple[AgreementDTO, ...] = ()
        self.today = dt.date.today()
        #: The user changed something since it was shown or saved.
        self.dirty = False
        self.editable = True
        #: The mark may change (an open case; a finalised version too).
        self.markable = True
        #: The user chose the mark of a new agreement (then the words no longer suggest one).
        self._mark_chosen = False
        self._filling = False
        self.errors: dict[str, ErrorLabel] = {}
        self._build()
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.commit_requested.emit)
        self.show_agreement(None)

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = heading("", self)
        self.state = QLabel(self)
        style_text(self.state, Role.MUTED)
        self.save_button = QPushButton(_("Save a&greement"), self)
        self.save_button.setToolTip(_("Saves by itself when you leave the form (key: Ctrl+Enter)"))
        self.save_button.clicked.connect(self.commit_requested.emit)
        # Long texts wrap and grow (a one-line field showed only their end); the fields that
        # were one line stay one paragraph.
        self.what = GrowingTextEdit(self, min_lines=3, max_lines=8)
        self.what.setPlaceholderText(_("Who does what, e.g. 'Mark drinks no alcohol when …'"))
        self.when = _paragraph(self)
        self.when.setPlaceholderText(_("e.g. every Wednesday after school, before 1 December"))
        self.start_on, self.due_on, self.review_on = (QLineEdit(self) for _i in range(3))
        for edit in (self.start_on, self.due_on, self.review_on):
            edit.setPlaceholderText(_("dd-mm-jjjj"))
            edit.setMaximumWidth(120)
        self.where = _paragraph(self)
        self.check = _paragraph(self)
        self.check.setPlaceholderText(_("Something someone can see or hear"))
        self.checked_by = QLineEdit(self)
        #: The agreement as the family says it, for the family's version of the plan.
        self.family_words = GrowingTextEdit(self, min_lines=2, max_lines=6)
        self.family_words.setPlaceholderText(
            _(
                "Optional: the agreement as the family says it. The family's version of the "
                "plan uses these words."
            )
        )
        self.family_words.setAccessibleName(_("In the family's own words"))
        self.status = QComboBox(self)
        for status in AgreementStatus:
            self.status.addItem(status.label, status)
        self.realistic = QCheckBox(_("Realistic: talked through and feasi&ble"), self)
        self.special = SpecialCategoryBox(self)
        self.special.activated.connect(self._special_chosen)
        self.special_hint = hint_label(self)
        self.people = _list(self, _("Who does it"))
        self.serves = _list(self, _("Serves"))
        self.smart = SmartPanel(self)
        self.acceptance = AcceptanceBox(self)
        self._lay_out()
        order = (
            self.what,
            self.people,
            self.when,
            self.start_on,
            self.due_on,
            self.review_on,
            self.where,
            self.check,
            self.checked_by,
            self.family_words,
            self.serves,
            self.status,
            self.realistic,
            self.special,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        for edit in (self.when, self.start_on, self.due_on, self.review_on, self.where):
            edit.textChanged.connect(self._edited)
        for edit in (self.check, self.checked_by, self.family_words):
            edit.textChanged.connect(self._edited)
        self.what.textChanged.connect(self._edited)
        self.status.currentIndexChanged.connect(self._edited)
        self.realistic.toggled.connect(self._edited)
        self.people.itemChanged.connect(self._edited)
        self.serves.itemChanged.connect(self._edited)

    def _row(self, form: QFormLayout, caption: str, widget: QWidget, field: str) -> None:
        self.errors[field] = ErrorLabel(self)
        add_form_row(form, self, caption, widget, self.errors[field])

    def _dates(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for column, (caption, edit, field) in enumerate(
            (
                (_("&Start date"), self.start_on, "start_on"),
                (_("Dead&line"), self.due_on, "due_on"),
                (_("Revie&w date"), self.review_on, "review_on"),
            )
        ):
            label = QLabel(caption, self)
            label.setBuddy(edit)
            self.errors[field] = ErrorLabel(self)
            grid.addWidget(label, 0, column)
            grid.addWidget(edit, 1, column)
            grid.addWidget(self.errors[field], 2, column)
        grid.setColumnStretch(3, 1)
        return grid

    def _lay_out(self) -> None:
        left = QFormLayout()
        left.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(left, _("What exactl&y"), self.what, "what")
        self._row(left, _("Who does it"), self.people, "parties")
        self._row(left, _("When or how often"), self.when, "when")
        left.addRow("", self._dates())
        self._row(left, _("Where or in which situatio&n"), self.where, "where")
        self._row(left, _("How we &know it happened"), self.check, "check")
        self._row(left, _("Who checks"), self.checked_by, "checked_by")
        self._row(left, _("In the family's own words"), self.family_words, "family_words")

        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(right, _("Se&rves"), self.serves, "serves")
        self._row(right, _("Stat&us"), self.status, "status")
        right.addRow("", self.realistic)
        self._row(right, _("Categori&ze as special data"), self.special, "special_category")
        right.addRow("", self.special_hint)
        right.addRow(heading(_("SMART check"), self))
        right.addRow(self.smart)
        right.addRow(heading(_("Acceptance"), self))
        right.addRow(self.acceptance)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.state, 1)
        top.addWidget(self.save_button)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        left_column = QVBoxLayout()
        left_column.addLayout(left)
        left_column.addStretch(1)  # the right column is taller: keep the fields together
        columns.addLayout(left_column, 11)
        columns.addLayout(right, 10)
        self.general_error = ErrorLabel(self)
        #: The ZRM focus domains linked to this agreement (set on the ZRM page).
        self.zrm = QLabel(self)
        self.zrm.setWordWrap(True)
        style_text(self.zrm, Role.MUTED)
        self.zrm.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.zrm)
        layout.addWidget(self.general_error)
        layout.addLayout(columns)

    # ---- showing -------------------------------------------------------------------------

    def set_choices(
        self, people: Sequence[tuple[Source, str]], serves: Sequence[tuple[str, str]]
    ) -> None:
        """The persons who can be named and the statements an agreement can serve."""
        self._filling = True
        for widget, choices in ((self.people, people), (self.serves, serves)):
            widget.clear()
            for data, label in choices:
                item = QListWidgetItem(label, widget)
                item.setToolTip(label)
                item.setData(Qt.ItemDataRole.UserRole, data)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        names = [label.split(" (")[0] for _source, label in people]
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Inline: the rest of the name is filled in as you type (no popup taking the keys).
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.checked_by.setCompleter(completer)
        self._filling = False

    def show_agreement(
        self,
        agreement: AgreementDTO | None,
        plan: PlanVersionDTO | None = None,
        agreements: Sequence[AgreementDTO] = (),
    ) -> None:
        """Show a saved agreement (or an empty form for a new one) and forget unsaved edits;
        `agreements`: the version's agreements (the others add to each person's load)."""
        self.agreement, self.plan = agreement, plan or self.plan
        own = agreement.id if agreement is not None else None
        self.others = tuple(a for a in agreements if a.id != own)
        a = agreement
        self._filling = True
        _set_text(self.what, a.what if a else "")
        for edit, value in (
            (self.when, a.when if a else ""),
            (self.where, a.where if a else ""),
            (self.check, a.check if a else ""),
            (self.checked_by, a.checked_by if a else ""),
            (self.family_words, a.family_words if a else ""),
            (self.start_on, v.format_date_nl(a.start_on) if a else ""),
            (self.due_on, v.format_date_nl(a.due_on) if a else ""),
            (self.review_on, v.format_date_nl(a.review_on) if a else ""),
        ):
            if edit.text() != value:
                edit.setText(value)
        self.status.setCurrentIndex(
            self.status.findData(a.status if a else AgreementStatus.PROPOSED)
        )
        self.realistic.setChecked(bool(a and a.realistic_confirmed))
        self.special.set_category(a.special_category if a else "")
        self._mark_chosen = False
        sources = [p.source for p in a.parties] if a else []
        for i in range(self.people.count()):
            item = self.people.item(i)
            named = any(same_person(item.data(Qt.ItemDataRole.UserRole), s) for s in sources)
            item.setCheckState(Qt.CheckState.Checked if named else Qt.CheckState.Unchecked)
        for i in range(self.serves.count()):
            item = self.serves.item(i)
            served = bool(a) and item.data(Qt.ItemDataRole.UserRole) in a.serves
            item.setCheckState(Qt.CheckState.Checked if served else Qt.CheckState.Unchecked)
        self._filling = False
        self.dirty = False
        for label in (*self.errors.values(), self.general_error):
            label.show_message(None)
        self.title.setText(_("Agreement {n}").format(n=a.position) if a else _("New agreement"))
        self._update()

    def show_zrm(self, text: str) -> None:
        """ "ZRM: Financiën (Sandra Jansen, 2 → target 3)", or nothing when none is linked."""
        self.zrm.setText(text)
        self.zrm.setVisible(bool(text))

    def rebase(self, agreement: AgreementDTO) -> None:
        """The saved agreement changed elsewhere while the user was typing: keep their text
        (the mark is saved on its own: it shows as saved)."""
        self.agreement = agreement
        self.special.set_category(agreement.special_category)
        self._update()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for edit in (
            self.when,
            self.where,
            self.check,
            self.checked_by,
            self.family_words,
            self.start_on,
            self.due_on,
            self.review_on,
        ):
            edit.setReadOnly(not editable)
        self.what.setReadOnly(not editable)
        for widget in (self.status, self.realistic, self.save_button):
            widget.setEnabled(editable)
        self._filling = True  # changing item flags reports the items as changed
        for widget in (self.people, self.serves):
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            for i in range(widget.count()):
                widget.item(i).setFlags(flags)
        self._filling = False
        self.save_button.setVisible(editable)
        self.acceptance.set_editable(editable)
        self._update()

    def set_markable(self, markable: bool) -> None:
        """Whether the mark may change (the case is open), also when the form is read-only."""
        self.markable = markable
        self._update()

    def _special_chosen(self, _index: int) -> None:
        """A new agreement keeps the choice with what is typed; a saved one is marked now."""
        category = self.special.category()
        if self.agreement is None:
            self._mark_chosen = True
            self._edited()
        elif category != self.agreement.special_category:
            self.mark_requested.emit(category)

    # ---- values and the live check ---------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._filling:
            return
        self.dirty = True
        if self.agreement is None and not self._mark_chosen:  # the words pre-mark a new one
            self.special.set_category(special_rules.suggest_agreement(self._texts()).value)
        self._update()

    def _texts(self) -> dict[str, str]:
        """The agreement's texts as typed, by the DTO's field names."""
        return {
            "what": self.what.toPlainText(),
            "when": self.when.text(),
            "where": self.where.text(),
            "check": self.check.text(),
            "checked_by": self.checked_by.text(),
            "family_words": self.family_words.text(),
        }

    def _date(self, field: str) -> dt.date | None:
        """The date typed in `field`, or None when empty or not (yet) a date."""
        edit: QLineEdit = getattr(self, field)
        try:
            return v.parse_date_nl(edit.text(), field)
        except InvalidInput:
            return None

    def sources(self) -> list[Source]:
        return _checked(self.people)

    def values(self) -> dict[str, Any]:
        """What to save, checked by the service's rules; raises InvalidInput naming every field
        that is not right."""
        typed = {
            **self._texts(),
            **{field: getattr(self, field).text() for field in DATE_FIELDS},
            "serves": tuple(_checked(self.serves)),
            "status": self.status.currentData(),
            "realistic_confirmed": self.realistic.isChecked(),
        }
        if self.agreement is None:  # a saved agreement's mark is saved on its own
            typed["special_category"] = self.special.category()
        return {**plan_rules.agreement(typed), "parties": tuple(self.sources())}

    def _accepted_by_all(self, names: Sequence[Source]) -> bool:
        """As it will be once saved: a change of what is agreed asks everyone again."""
        a = self.agreement
        if a is None or not names:
            return False
        if any(self._current(field) != getattr(a, field) for field in CONTENT_FIELDS):
            return False
        parties = [find_party(a, s) for s in names]
        return all(p is not None and p.accepted is True for p in parties)

    def _current(self, field: str) -> Any:
        if field in DATE_FIELDS:
            return self._date(field)
        if field == "what":
            return self.what.toPlainText().strip()
        return getattr(self, field).text().strip()

    def draft(self) -> AgreementDraft:
        """What the SMART check reads, as typed (the same builder as for saved agreements)."""
        sources = self.sources()
        return smart_draft(
            what=self.what.toPlainText(),
            who=[s.label for s in sources],
            when=self.when.text(),
            due_on=self._date("due_on"),
            start_on=self._date("start_on"),
            where=self.where.text(),
            check=self.check.text(),
            checked_by=self.checked_by.text(),
            status=self.status.currentData() or AgreementStatus.PROPOSED,
            review_on=self._date("review_on"),
            accepted_by_all=self._accepted_by_all(sources),
            realistic_confirmed=self.realistic.isChecked(),
            plan=self.plan,
            others=self.others,
        )

    def result(self) -> SmartResult:
        return check_smart(self.draft(), self.today)

    def _update(self) -> None:
        self.smart.show_result(self.result())
        saved = self.agreement is not None
        self.special.setEnabled(self.markable and (saved or self.editable))
        suggested = special_rules.suggest_agreement(self._texts())
        show_hint(self.special_hint, self.special.category(), suggested)
        note = ""
        if self.agreement is None:
            note = _("Save the agreement first; then record who accepted it.")
        elif self.dirty:
            note = _(
                "Saved when you leave the form; a change of what is agreed asks everyone again."
            )
        self.acceptance.show_agreement(self.agreement, note)
        if not self.editable:
            self.state.setText(_("read-only"))
        elif self.dirty:
            self.state.setText(_("not saved yet"))
        else:
            self.state.setText(_("saved") if self.agreement is not None else "")

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for label in self.errors.values():
            label.show_message(None)
        unplaced: list[str] = []
        for problem in problems:
            field = "parties" if problem.field == "source" else problem.field
            label = self.errors.get(field)
            if label is None:
                unplaced.append(problem.message)
            else:
                label.show_message("\n".join(filter(None, [label.text(), problem.message])))
        self.general_error.show_message("\n".join(unplaced) or None)
        first = next((f for f in self.errors if self.errors[f].isVisibleTo(self)), None)
        if first is not None:
            getattr(self, first if first != "parties" else "people").setFocus()


def _set_text(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
