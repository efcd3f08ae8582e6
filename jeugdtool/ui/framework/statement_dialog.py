"""The form for one statement: its parts as separate fields, the sentence they make, and
gentle writing hints that follow the typing (they never stop OK).

The sentence follows the parts until the consultant types in it; from then it is theirs
("own wording") until "Make the sentence again".
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.framework.statement_dto import StatementDTO, StatementParts
from jeugdtool.framework.statement_text import (
    Hint,
    StatementContext,
    check_statement,
    sentence,
)
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_, _

from jeugdtool.ui.colours import Role, style_text
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.framework import checklist
from jeugdtool.ui.widgets import add_form_row, place_problems, submitted
from jeugdtool.ui.workspace.inline import ErrorLabel, WrappingLabel

#: Saves the form's values; raises InvalidInput / JeugdtoolError to keep the form open.
Submit = Callable[["StatementDialog", dict[str, Any]], None]

TITLES = {
    StatementType.HARM: (N_("Add harm statement"), N_("Change harm statement")),
    StatementType.DANGER: (N_("Add danger statement"), N_("Change danger statement")),
    StatementType.SAFETY_GOAL: (N_("Add safety goal"), N_("Change safety goal")),
    StatementType.BOTTOM_LINE: (N_("Add bottom line"), N_("Change bottom line")),
}


@dataclasses.dataclass(frozen=True)
class Choices:
    """What the form offers to pick from (built by the page from the case and the moment)."""

    #: (person id, name) of the household; children first.
    persons: tuple[tuple[int, str], ...] = ()
    #: Who could be worried: household, network, organisations.
    worried: tuple[str, ...] = ()
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
        self._filling = True
        getattr(self, f"_build_{kind.value}")(start)
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
        combo.addItem(none, None)
        for value, label in options:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        return combo

    def _checklist(self, options: Sequence[tuple[str, str]], checked: Sequence[str]) -> QListWidget:
        widget = QListWidget(self)
        checklist.fill(widget, options, checked)
        rows = min(max(len(options), 2), 5)
        widget.setFixedHeight(widget.fontMetrics().lineSpacing() * rows + 16 + 2 * rows)
        return widget

    def _child_row(self, start: StatementParts, label: str) -> None:
        combo = self._combo(self._choices.persons, start.child_id, _("(choose a child)"))
        self._row("child_id", label, combo)

    def _sentence_row(self, start: StatementParts) -> None:
        self.sentence_box = _text_box(self, start.text, 6)
        self.sentence_box.setAccessibleName(_("Sentence"))
        self.own_label = QLabel(_("Your own wording: it no longer follows the fields."), self)
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

    def _build_danger(self, start: StatementParts) -> None:
        known = set(self._choices.worried)
        options = [(w, w) for w in self._choices.worried]
        self.who_list = self._checklist(options, start.who_worried)
        self.who_list.setAccessibleName(_("Who is worried"))
        self._row("who_worried", _("&Who is worried?"), self.who_list)
        others = ", ".join(w for w in start.who_worried if w not in known)
        self.who_other = QLineEdit(others, self)
        self.who_other.setPlaceholderText(_("Others, separated by commas, e.g. Veilig Thuis"))
        self._row("who_other", _("&Others"), self.who_other)
        self._row(
            "behaviour",
            _("About what &behaviour?"),
            _text_box(
                self,
                start.behaviour,
                3,
                _("What the carers do, concretely: e.g. Mark hits Sanne when he has been drinking"),
            ),
        )
        self._row(
            "example", _("For e&xample"), _text_box(self, start.example, 2, _("When, where, what"))
        )
        self._child_row(start, _("Which &child?"))
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
        self._child_row(start, _("To which &child?"))
        self._row(
            "impact",
            _("What did it &mean for the child?"),
            _text_box(self, start.impact, 2),
        )
        self._sentence_row(start)

    def _build_safety_goal(self, start: StatementParts) -> None:
        combo = self._combo(self._choices.dangers, start.pairs_with, _("(choose one)"))
        self._row("pairs_with", _("&Answers danger statement"), combo)
        self._row(
            "carers_will",
            _("The &carers will"),
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
        duration = QLineEdit(start.sustained_for, self)
        duration.setPlaceholderText(_("e.g. six months"))
        self._row("sustained_for", _("For how &long?"), duration)
        self._sentence_row(start)

    def _build_bottom_line(self, start: StatementParts) -> None:
        self.sentence_box = _text_box(
            self, start.text, 3, _("The minimum that must be in place, whatever else happens")
        )
        self._row("text", _("&Bottom line"), self.sentence_box)
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
            if name in ("who_other", "who_worried"):
                continue
            if isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentText() if widget.isEditable() else widget.currentData()
            elif isinstance(widget, QListWidget):
                out[name] = checklist.ticked(widget)
        if self.kind is StatementType.DANGER:
            typed = [w.strip() for w in self.who_other.text().split(",") if w.strip()]
            chosen = {*checklist.ticked(self.who_list), *typed}
            before = self.baseline.who_worried if self.baseline else ()
            # Kept in the order they were given, so opening and OK changes nothing.
            kept = [w for w in before if w in chosen]
            out["who_worried"] = tuple(
                dict.fromkeys([*kept, *checklist.ticked(self.who_list), *typed])
            )
        if "set_on" in out:
            # A date that is not one stays text: the service names the problem under the field.
            with contextlib.suppress(InvalidInput):
                out["set_on"] = v.parse_date_nl(out["set_on"], "set_on")
        if self.kind is not StatementType.BOTTOM_LINE:
            if self._own_text:
                out["text"] = self.sentence_box.toPlainText()
            else:
                out.pop("text", None)
                out["text_edited"] = False
        return out

    def parts(self) -> StatementParts:
        """What is typed now, as parts (for the sentence and the hints)."""
        values = self.values()
        values.pop("text_edited", None)
        if not isinstance(values.get("set_on"), dt.date):
            values["set_on"] = None
        base = self.baseline or StatementParts(type=self.kind)
        return dataclasses.replace(base, **values)

    # ---- live sentence and hints ------------------------------------------------------------

    def _sentence_typed(self) -> None:
        if self._filling:
            return
        self._own_text = True
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
        hints = check_statement(parts, self._draft_context())
        by_field: dict[str, list[Hint]] = {}
        for hint in hints:
            name = "who_other" if hint.field == "who_worried" else hint.field
            by_field.setdefault(name if name in self.hints else "", []).append(hint)
        for name, label in self.hints.items():
            label.show_hints(by_field.get(name, []))
        self.general.show_hints(by_field.get("", []))

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
