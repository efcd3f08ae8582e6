"""The form for one statement: its parts as separate fields, the sentence they make, and
gentle writing hints that follow the typing (they never stop OK).

The sentence follows the parts until the consultant types in it; from then it is theirs
("own wording") until "Make the sentence again". Danger statements, safety goals and bottom
lines also have the statement in the family's own words (for the family's version of the plan).
Every statement has the mark for special categories of personal data: the words typed suggest
one (`special_rules.suggest_statement`) until the consultant chooses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import goal_rules
from jeugdtool.framework import special_rules
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.statement_dto import StatementParts
from jeugdtool.framework.statement_text import Hint
from jeugdtool.framework.statement_text import StatementContext
from jeugdtool.framework.statement_text import check_statement
from jeugdtool.framework.statement_text import sentence
from jeugdtool.framework.vocab import IncidentMark
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.framework import checklist
from jeugdtool.ui.special_mark import FIELD as MARK_FIELD
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import place_problems
from jeugdtool.ui.widgets import submitted
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel

#: Saves the form's values; raises InvalidInput / JeugdtoolError to keep the form open.
Submit = Callable[["StatementDialog", dict[str, Any]], None]

TITLES = {
    StatementType.HARM: (N_("Add harm statement"), N_("Change harm statement")),
    StatementType.DANGER: (N_("Add danger statement"), N_("Change danger statement")),
    StatementType.SAFETY_GOAL: (N_("Add safety goal"), N_("Change safety goal")),
    StatementType.BOTTOM_LINE: (N_("Add bottom line"), N_("Change bottom line")),
}
#: The statements a family's version of the plan prints, so they have the family's own words.
FAMILY_WORDS_TYPES = frozenset(
    {StatementType.DANGER, StatementType.SAFETY_GOAL, StatementType.BOTTOM_LINE}
)


@dataclasses.dataclass(frozen=True)
class Choices:
    """What the form offers to pick from (built by the page from the case and the moment)."""

    #: (person id, name) of the household; children first.
    persons: tuple[tuple[int, str], ...] = ()
    #: (person id, name) of the household's children (a statement is about one or more).
    children: tuple[tuple[int, str], ...] = ()
    #: Who could be worried: household, network, the case team and the consultant
    #: (`statements.worried_choices`).
    worried: tuple[str, ...] = ()
    #: Who could do what a safety goal asks: the household's adults and the network.
    carers: tuple[str, ...] = ()
    #: (lineage, label) of the moment's danger statements / safety goals.
    dangers: tuple[tuple[str, str], ...] = ()
    goals: tuple[tuple[str, str], ...] = ()
    #: Who sets bottom lines, as suggestions.
    setters: tuple[str, ...] = ()


class HintLabel(WrappingLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        style_text(self, Role.WARNING)
        self.hide()

    def show_hints(self, hints: Sequence[Hint]) -> None:
        self.setText("\n".join(f"• {h.message}" for h in hints))
        self.setVisible(bool(hints))


def _text_box(parent: QWidget, text: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


#: The spin box's top: the larger of the core's limits (goal_rules.check_period names the
#: limit of the unit chosen).
MAX_PERIOD = max(goal_rules.MAX_WEEKS, goal_rules.MAX_MONTHS)


class MarksBox(QWidget):
    """First / worst / most recent time: one tick box each (one incident can be several)."""

    def __init__(self, marks: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for mark in IncidentMark:
            box = QCheckBox(mark.label, self)
            box.setChecked(mark.value in marks)
            self.boxes[mark.value] = box
            row.addWidget(box)
        row.addStretch(1)
        self.setFocusProxy(self.boxes[IncidentMark.FIRST.value])

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


class PeriodBox(QWidget):
    """How long: a number and weeks/months. 0 is "not set"; a period the upgrade could not read
    is shown under it as it was written, until a number is chosen."""

    def __init__(
        self, amount: int | None, unit: str | None, legacy: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.amount = QSpinBox(self)
        self.amount.setRange(0, MAX_PERIOD)
        self.amount.setSpecialValueText(_("not set"))
        self.amount.setValue(amount or 0)
        self.amount.setAccessibleName(_("How long (number)"))
        self.unit = QComboBox(self)
        for choice in PeriodUnit:
            self.unit.addItem(choice.label, choice.value)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit or PeriodUnit.MONTHS.value)))
        self.unit.setAccessibleName(_("How long (weeks or months)"))
        self.legacy_text = legacy
        self.legacy = QLabel(self)
        style_text(self.legacy, Role.MUTED, "font-style: italic;")
        self.legacy.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.unit)
        row.addStretch(1)
        vbox(self, row, self.legacy, spacing=2)
        self.setFocusProxy(self.amount)
        self.amount.valueChanged.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        set_ = self.amount.value() > 0
        self.unit.setEnabled(set_)
        self.legacy.setText(
            _("Written earlier as: “{text}”. Choose a number and weeks or months.").format(
                text=self.legacy_text
            )
        )
        self.legacy.setVisible(bool(self.legacy_text) and not set_)

    def value(self) -> tuple[int | None, str | None, str]:
        """(amount, unit, the earlier text): the earlier text goes once a period is chosen."""
        amount = self.amount.value() or None
        if amount is None:
            return None, None, self.legacy_text
        return amount, self.unit.currentData(), ""


class StatementDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        kind: StatementType,
        dialogs: DialogService,
        submit: Submit,
        context: StatementContext,
        choices: Choices,
        statement: StatementDTO | None = None,
        preset: dict[str, Any] | None = None,
    ):
        super().__init__(parent)
        self.kind, self.baseline = kind, statement
        self._dialogs, self._submit = dialogs, submit
        self._context, self._choices = context, choices
        add_title, edit_title = TITLES[kind]
        self.setWindowTitle(_(edit_title) if statement else _(add_title))
        self.setMinimumWidth(640)
        start = statement or StatementParts(type=kind, **(preset or {}))
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.hints: dict[str, HintLabel] = {}
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._own_text = bool(statement and statement.text_edited)
        #: The consultant chose the mark (or the statement was saved): the words no longer
        #: choose it.
        self._mark_chosen = statement is not None
        self._filling = True
        getattr(self, f"_build_{kind.value}")(start)
        self._mark_row(start)
        self.general = HintLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._filling = False
        self._update()

    # ---- building -----------------------------------------------------------------------

    def _row(self, name: str, label: str, widget: QWidget, extra: QWidget | None = None) -> None:
        self.errors[name] = ErrorLabel(self)
        self.hints[name] = HintLabel(self)
        add_form_row(self.form, self, label, widget, extra, self.errors[name], self.hints[name])
        proxy = widget.focusProxy()
        if proxy is not None:
            # A label's mnemonic gives focus only to a buddy that takes it itself: a row of
            # fields (first / worst / last, a number and weeks) is reached at its first one.
            for found in self.findChildren(QLabel):
                if found.buddy() is widget:
                    found.setBuddy(proxy)
        self.fields[name] = widget
        if isinstance(widget, QPlainTextEdit | QLineEdit):
            widget.textChanged.connect(self._update)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._update)
            if widget.isEditable():
                widget.editTextChanged.connect(self._update)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(self._update)

    def _combo(self, options: Sequence[tuple[Any, str]], current: Any, none: str) -> QComboBox:
        combo = QComboBox(self)
        # Long choices (danger statements) must not push the form's labels out of sight.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.addItem(none, None)
        for value, label in options:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        return combo

    def _checklist(self, options: Sequence[tuple[str, str]], checked: Sequence[str]) -> QListWidget:
        widget = QListWidget(self)
        checklist.fill(widget, options, checked)
        if widget.count():  # Space ticks at once, arrows move on (current, not selected)
            widget.selectionModel().setCurrentIndex(
                widget.model().index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        rows = min(max(len(options), 2), 5)
        widget.setFixedHeight(widget.fontMetrics().lineSpacing() * rows + 16 + 2 * rows)
        return widget

    def _children_row(self, start: StatementParts, label: str) -> None:
        """The children it is about: one or more, ticked (Space) in a list."""
        options = self._choices.children or self._choices.persons
        self.children_list = self._checklist(options, start.children)
        self.children_list.setAccessibleName(_("Children"))
        self._row("children", label, self.children_list)

    def _names_rows(
        self,
        name: str,
        label: str,
        other_label: str,
        options: Sequence[str],
        start: Sequence[str],
        placeholder: str,
    ) -> tuple[QListWidget, QLineEdit]:
        """A tick list of known names and a line for others (comma separated)."""
        known = set(options)
        listed = self._checklist([(w, w) for w in options], start)
        self._row(name, label, listed)
        other = QLineEdit(", ".join(w for w in start if w not in known), self)
        other.setPlaceholderText(placeholder)
        self._row(f"{name}_other", other_label, other)
        return listed, other

    def _sentence_row(self, start: StatementParts) -> None:
        self.sentence_box = _text_box(self, start.text, 6)
        self.sentence_box.setAccessibleName(_("Sentence"))
        self.own_label = QLabel(_("Your own wording: it no longer follows the fields."), self)
        self.own_label.setWordWrap(True)
        style_text(self.own_label, Role.WARNING)
        self.regenerate_button = QPushButton(_("Make the sentence a&gain"), self)
        self.regenerate_button.clicked.connect(self.regenerate)
        below = QWidget(self)
        row = QHBoxLayout(below)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.own_label, 1)
        row.addStretch(0)
        row.addWidget(self.regenerate_button, 0, Qt.AlignmentFlag.AlignRight)
        self._row("text", _("&Sentence"), self.sentence_box, below)
        self.sentence_box.textChanged.disconnect(self._update)
        self.sentence_box.textChanged.connect(self._sentence_typed)
        if self.kind in FAMILY_WORDS_TYPES:
            self._family_row(start)

    def _family_row(self, start: StatementParts) -> None:
        """The statement as the family says it (optional), under the sentence."""
        box = _text_box(
            self,
            start.family_words,
            2,
            _(
                "Optional: the statement as the family says it. The family's version of the "
                "plan uses these words."
            ),
        )
        box.setAccessibleName(_("In the family's own words"))
        self._row("family_words", _("In the &family's own words"), box)

    def _mark_row(self, start: StatementParts) -> None:
        """The mark for special categories of personal data, with the hint when the words seem
        to hold such data and it is not marked."""
        self.mark = SpecialCategoryBox(self)
        self.mark.set_category(start.special_category)
        self.mark_hint = hint_label(self)
        self._row(MARK_FIELD, _("Sp&ecial category of personal data"), self.mark, self.mark_hint)
        # Only the consultant's choice counts (`activated`): a change the words make does not.
        self.mark.currentIndexChanged.disconnect(self._update)
        self.mark.activated.connect(self._mark_picked)

    def _build_danger(self, start: StatementParts) -> None:
        self.who_list, self.who_other = self._names_rows(
            "who_worried",
            _("&Who is worried?"),
            _("&Others"),
            self._choices.worried,
            start.who_worried,
            _("Others, separated by commas, e.g. Veilig Thuis"),
        )
        self.who_list.setAccessibleName(_("Who is worried"))
        self._row(
            "behaviour",
            _("About what &behaviour?"),
            _text_box(
                self,
                start.behaviour,
                3,
                _(
                    "What the carers do, concretely, e.g.: father hits the children when he "
                    "has been drinking"
                ),
            ),
        )
        self._row(
            "example", _("For e&xample"), _text_box(self, start.example, 2, _("When, where, what"))
        )
        self._children_row(start, _("Which &children?"))
        self._row(
            "impact",
            _("What could &happen?"),
            _text_box(
                self, start.impact, 2, _("If nothing changes, we are afraid that the child…")
            ),
        )
        self._sentence_row(start)

    def _build_harm(self, start: StatementParts) -> None:
        self._row(
            "behaviour",
            _("What &happened?"),
            _text_box(self, start.behaviour, 3, _("Who did what, when")),
        )
        self._children_row(start, _("To which &children?"))
        when = QLineEdit(v.format_date_nl(start.incident_on), self)
        when.setPlaceholderText(_("dd-mm-jjjj"))
        when.setMaximumWidth(when.fontMetrics().horizontalAdvance("00-00-00000") + 24)
        self._row("incident_on", _("&When did it happen?"), when)
        self.marks = MarksBox(start.incident_marks, self)
        self._row("incident_marks", _("Th&is was the"), self.marks)
        for box in self.marks.boxes.values():
            box.toggled.connect(self._update)
        self._row(
            "impact",
            _("What did it &mean for the child?"),
            _text_box(self, start.impact, 2),
        )
        self._sentence_row(start)

    def _build_safety_goal(self, start: StatementParts) -> None:
        combo = self._combo(self._choices.dangers, start.pairs_with, _("(choose one)"))
        self._row("pairs_with", _("&Answers danger statement"), combo)
        self.will_list, self.will_other = self._names_rows(
            "who_will",
            _("Who &will do it?"),
            _("Others &too"),
            self._choices.carers,
            start.who_will,
            _("Others, separated by commas; nobody ticked: the parents or carers"),
        )
        self.will_list.setAccessibleName(_("Who will do it"))
        self._row(
            "carers_will",
            _("What they will &do"),
            _text_box(self, start.carers_will, 2, _("What they will do, in positive words")),
        )
        self._row(
            "child_will_experience",
            _("So that the c&hild"),
            _text_box(self, start.child_will_experience, 2, _("What the child will experience")),
        )
        self._row(
            "professionals_will_see",
            _("&Professionals will see"),
            _text_box(self, start.professionals_will_see, 2),
        )
        self.period = PeriodBox(
            start.sustained_amount, start.sustained_unit, start.sustained_for, self
        )
        self._row("sustained_amount", _("For how &long?"), self.period)
        self.errors["sustained_unit"] = self.errors["sustained_for"] = self.errors[
            "sustained_amount"
        ]
        self.period.amount.valueChanged.connect(self._update)
        self.period.unit.currentIndexChanged.connect(self._update)
        self._sentence_row(start)

    def _build_bottom_line(self, start: StatementParts) -> None:
        self.sentence_box = _text_box(
            self, start.text, 3, _("The minimum that must be in place, whatever else happens")
        )
        self._row("text", _("&Bottom line"), self.sentence_box)
        self._family_row(start)
        setter = QComboBox(self)
        setter.setEditable(True)
        setter.addItems(list(self._choices.setters))
        setter.setEditText(start.set_by)
        self._row("set_by", _("Set b&y"), setter)
        when = QLineEdit(v.format_date_nl(start.set_on), self)
        when.setPlaceholderText(_("dd-mm-jjjj"))
        self._row("set_on", _("Set &on"), when)
        self.guards_list = self._checklist(self._choices.goals, start.guards)
        self.guards_list.setAccessibleName(_("Guards safety goals"))
        self._row("guards", _("&Guards safety goals"), self.guards_list)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fields and not self.isAncestorOf(QApplication.focusWidget()):
            next(iter(self.fields.values())).setFocus()

    # ---- values -------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form's fields in service terms (the services clean and check them again)."""
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if name in ("who_worried", "who_worried_other", "who_will", "who_will_other"):
                continue
            if isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentText() if widget.isEditable() else widget.currentData()
            elif isinstance(widget, QListWidget):
                out[name] = checklist.ticked(widget)
            elif isinstance(widget, MarksBox):
                out[name] = widget.value()
            elif isinstance(widget, PeriodBox):
                amount, unit, legacy = widget.value()
                out.update(sustained_amount=amount, sustained_unit=unit, sustained_for=legacy)
        if self.kind is StatementType.DANGER:
            out["who_worried"] = self._names(self.who_list, self.who_other, "who_worried")
        if self.kind is StatementType.SAFETY_GOAL:
            out["who_will"] = self._names(self.will_list, self.will_other, "who_will")
        for name in ("set_on", "incident_on"):
            if name in out:
                # A date that is not one stays text: the service names the problem under it.
                with contextlib.suppress(InvalidInput):
                    out[name] = v.parse_date_nl(out[name], name)
        if self.kind is not StatementType.BOTTOM_LINE:
            if self._own_text:
                out["text"] = self.sentence_box.toPlainText()
            else:
                out.pop("text", None)
                out["text_edited"] = False
        return out

    def _names(self, listed: QListWidget, other: QLineEdit, name: str) -> tuple[str, ...]:
        """Ticked names and the others typed, in the order they were given before (so opening
        and OK changes nothing), then the new ones."""
        typed = [w.strip() for w in other.text().split(",") if w.strip()]
        chosen = {*checklist.ticked(listed), *typed}
        before = getattr(self.baseline, name, ()) if self.baseline else ()
        kept = [w for w in before if w in chosen]
        return tuple(dict.fromkeys([*kept, *checklist.ticked(listed), *typed]))

    def parts(self) -> StatementParts:
        """What is typed now, as parts (for the sentence and the hints)."""
        values = self.values()
        values.pop("text_edited", None)
        for name in ("set_on", "incident_on"):
            if name in values and not isinstance(values[name], dt.date):
                values[name] = None
        base = self.baseline or StatementParts(type=self.kind)
        return dataclasses.replace(base, **values)

    # ---- live sentence and hints ------------------------------------------------------------

    def _sentence_typed(self) -> None:
        if self._filling:
            return
        self._own_text = True
        self._update()

    def _mark_picked(self, _index: int) -> None:
        self._mark_chosen = True
        self._update()

    def regenerate(self) -> None:
        self._own_text = False
        self._update()
        self.sentence_box.setFocus()

    def _update(self) -> None:
        if self._filling:
            return
        parts = self.parts()
        if self.kind is not StatementType.BOTTOM_LINE:
            if not self._own_text:
                generated = sentence(parts, self._context)
                if self.sentence_box.toPlainText() != generated:
                    self._filling = True
                    self.sentence_box.setPlainText(generated)
                    self._filling = False
            self.own_label.setVisible(self._own_text)
            self.regenerate_button.setEnabled(self._own_text)
        self._update_mark(parts)
        hints = check_statement(parts, self._draft_context())
        by_field: dict[str, list[Hint]] = {}
        for hint in hints:
            name = hint.field
            if name in ("sustained_unit", "sustained_for"):
                name = "sustained_amount"
            by_field.setdefault(name if name in self.hints else "", []).append(hint)
        for name, label in self.hints.items():
            label.show_hints(by_field.get(name, []))
        self.general.show_hints(by_field.get("", []))

    def _update_mark(self, parts: StatementParts) -> None:
        """A new statement is pre-marked from its words until the consultant chooses; the hint
        says when unmarked words seem to hold special data."""
        suggested = special_rules.suggest_statement(parts)
        if not self._mark_chosen and self.mark.category() != suggested.value:
            self._filling = True  # a choice the words make is not the consultant's
            self.mark.set_category(suggested.value)
            self._filling = False
        show_hint(self.mark_hint, self.mark.category(), suggested)

    def _draft_context(self) -> StatementContext:
        """A new danger statement counts as one more (for "more than three")."""
        ctx = self._context
        if self.baseline is None and self.kind is StatementType.DANGER and ctx.dangers is not None:
            return dataclasses.replace(ctx, dangers=(*ctx.dangers, ("", None)))
        return ctx

    # ---- OK ------------------------------------------------------------------------------

    def accept(self) -> None:
        for label in self.errors.values():
            label.show_message(None)
        if submitted(self._save, self.show_problems, self._dialogs.error):
            super().accept()

    def _save(self) -> None:
        self._submit(self, self.values())

    def show_problems(self, exc: InvalidInput) -> None:
        unplaced = place_problems(exc, self.fields, self.errors, self._show_problem)
        if unplaced:
            self._dialogs.error("\n".join(unplaced))

    def _show_problem(self, field: str, message: str) -> None:
        self.errors[field].show_message(message)
