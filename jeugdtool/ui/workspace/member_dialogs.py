"""Dialogs to add or change a household member or a network member, with inline validation.

Messages appear under a field when it is left and vanish as soon as it is fixed; OK with a
problem left shows every message and keeps the dialog (and all that was typed) open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import contact_rules
from jeugdtool.cases import validation as v
from jeugdtool.cases.ages import age_text
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.members import birth_date_problem
from jeugdtool.cases.vocab import LabelledEnum
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import place_problems
from jeugdtool.ui.widgets import submitted
from jeugdtool.ui.workspace.inline import ErrorLabel

#: Saves the dialog's clean values; raises InvalidInput / JeugdtoolError to keep it open.
Submit = Callable[["MemberDialog", dict[str, Any]], None]


class MemberDialog(QDialog):
    """Base: a form of named fields, each with an error label, checked by `rules`."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        dialogs: DialogService,
        submit: Submit,
        rules: Callable[[Mapping[str, Any]], dict[str, Any]],
        baseline: Any = None,
    ):
        super().__init__(parent)
        #: The member as it was when the dialog opened (None when adding); an edit changes
        #: only what differs from it.
        self.baseline = baseline
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._dialogs, self._submit, self._rules = dialogs, submit, rules
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._checked: set[str] = set()  # fields left once: validated live from then on
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        # Enter in the notes starts a new line; Ctrl+Enter saves from anywhere.
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    # ---- building ------------------------------------------------------------------------

    def add_field(self, name: str, label: str, widget: QWidget, extra: QWidget | None = None):
        self.errors[name] = ErrorLabel(self)
        add_form_row(self.form, self, label, widget, extra, self.errors[name])
        self.fields[name] = widget
        self._watch(name, widget)
        return widget

    def field_box(self, widget: QWidget) -> QLayout:
        """The layout holding the field `widget` (with its hint and error) in the form."""
        for row in range(self.form.rowCount()):
            entry = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            box = entry.layout() if entry is not None else None
            if box is not None and box.indexOf(widget) >= 0:
                return box
        raise LookupError(widget)

    def _watch(self, name: str, widget: QWidget) -> None:
        live = lambda *_args: self._live(name)  # noqa: E731
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(live)
            widget.editingFinished.connect(lambda: self._left(name))
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(live)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(live)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(live)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fields and not self.isAncestorOf(QApplication.focusWidget()):
            next(iter(self.fields.values())).setFocus()  # typing starts in the first field

    # ---- values and checks -----------------------------------------------------------------

    def raw_value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        raise TypeError(name)

    def problem(self, name: str) -> str | None:
        try:
            self._rules({name: self.raw_value(name)})
        except InvalidInput as exc:
            return "\n".join(p.message for p in exc.problems)
        return None

    def _left(self, name: str) -> None:
        self._checked.add(name)
        self._live(name)

    def _live(self, name: str) -> None:
        if name in self._checked:
            self._show(name, self.problem(name))

    def _show(self, name: str, message: str | None) -> None:
        label = self.errors[name]
        was_visible = label.isVisible()
        label.show_message(message)
        if label.isVisible() != was_visible:
            QTimer.singleShot(0, self, self._fit_height)  # after the label has its width

    def _fit_height(self) -> None:
        """A window does not follow its contents' height-for-width by itself."""
        layout = self.layout()
        if layout.hasHeightForWidth():
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def values(self) -> dict[str, Any]:
        """The clean values of every field; raises InvalidInput naming each bad field."""
        return self._rules({name: self.raw_value(name) for name in self.fields})

    def show_problems(self, exc: InvalidInput) -> None:
        unplaced = place_problems(exc, self.fields, self.errors, self._show_problem)
        if unplaced:
            self._dialogs.error("\n".join(unplaced))

    def _show_problem(self, name: str, message: str) -> None:
        self._show(name, message)
        self._checked.add(name)

    # ---- OK ----------------------------------------------------------------------------------

    def accept(self) -> None:
        if submitted(self._save, self.show_problems, self._dialogs.error):
            super().accept()

    def _save(self) -> None:
        self._submit(self, self.values())


def _line(text: str | None) -> QLineEdit:
    return QLineEdit(text or "")


def _enum_combo(parent: QWidget, enum_type: type[LabelledEnum], current: str) -> QComboBox:
    combo = QComboBox(parent)
    for member in enum_type:
        combo.addItem(member.label, member.value)
    combo.setCurrentIndex(max(0, combo.findData(str(current))))
    return combo


def _notes(parent: QWidget, text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


class PersonDialog(MemberDialog):
    """First and last name, role, birth date (with the age it gives), notes, and for a child
    their trusted person: one of the case's `network`."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        person: PersonDTO | None = None,
        today: dt.date | None = None,
        network: Sequence[NetworkMemberDTO] = (),
    ):
        title = _("Change household member") if person else _("Add household member")
        self._today = today or dt.date.today()
        self._network = tuple(network)
        super().__init__(parent, title, dialogs, submit, self._checked_person, baseline=person)
        self.add_field("first_name", _("&First name"), _line(person and person.first_name))
        self.add_field("last_name", _("&Last name"), _line(person and person.last_name))
        role = person.role if person else PersonRole.CHILD
        self.add_field("role", _("&Role"), _enum_combo(self, PersonRole, role))
        birth = QLineEdit(v.format_date_nl(person.birth_date) if person else "")
        birth.setPlaceholderText(_("dd-mm-jjjj"))
        self.age_hint = QLabel(self)
        self.add_field("birth_date", _("&Birth date"), birth, self.age_hint)
        self.add_field("notes", _("&Notes"), _notes(self, person.notes if person else ""))
        self.trusted = self._trusted_combo(person.trusted_person_id if person else None)
        self.add_field("trusted_person_id", _("&Trusted person of the child"), self.trusted)
        self.age_hint.hide()
        birth.textChanged.connect(self._show_age)
        self._show_age(birth.text())
        self.fields["role"].currentIndexChanged.connect(self._follow_role)
        self._follow_role()

    def _trusted_combo(self, current: int | None) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(_("(no one)"), None)
        for member in self._network:
            about = member.relation or member.kind.label
            combo.addItem(
                _("{name} ({relation})").format(name=member.name, relation=about), member.id
            )
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.setToolTip(
            _("Someone from the network the child trusts and can go to. Only for a child.")
        )
        return combo

    def _is_child(self) -> bool:
        return self.raw_value("role") == PersonRole.CHILD.value

    def _follow_role(self) -> None:
        """Only a child has a trusted person: for anyone else the choice is cleared."""
        child = self._is_child()
        if not child:
            self.trusted.setCurrentIndex(0)
        self.trusted.setEnabled(child and bool(self._network))

    def _checked_person(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        clean = v.person(changes, today=self._today)
        if "trusted_person_id" in clean:
            role = clean.get("role", self.raw_value("role"))
            contact_rules.check_trusted_person(role, clean["trusted_person_id"], self._network)
        return clean

    def problem(self, name: str) -> str | None:
        if name == "birth_date":
            return birth_date_problem(self.raw_value(name), self._today)
        return super().problem(name)

    def _show_age(self, text: str) -> None:
        try:
            born = v.parse_date_nl(text)
        except InvalidInput:
            born = None
        if born is None or born > self._today:
            self.age_hint.hide()
            return
        self.age_hint.setText(_("age: {age}").format(age=age_text(born, self._today)))
        self.age_hint.show()


class NetworkDialog(MemberDialog):
    """Someone around the family: name, relation, kind, organisation, contact, safety network,
    and whether they chair the network (one of the case's `network` at most)."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        member: NetworkMemberDTO | None = None,
        network: Sequence[NetworkMemberDTO] = (),
    ):
        title = _("Change network member") if member else _("Add network member")
        self._network = tuple(network)
        super().__init__(parent, title, dialogs, submit, self._checked_member, baseline=member)
        m = member
        self.add_field("name", _("&Name"), _line(m and m.name))
        relation = _line(m and m.relation)
        relation.setPlaceholderText(_("e.g. grandmother (mother's side), class teacher"))
        self.add_field("relation", _("&Relation"), relation)
        kind = m.kind if m else NetworkKind.FAMILY
        self.add_field("kind", _("&Kind"), _enum_combo(self, NetworkKind, kind))
        self.add_field("organisation", _("&Organisation"), _line(m and m.organisation))
        phone = _line(m and m.phone)
        phone.setPlaceholderText(_("e.g. 06-12345678"))
        self.add_field("phone", _("&Phone"), phone)
        email = _line(m and m.email)
        email.setPlaceholderText(_("name@example.nl"))
        self.add_field("email", _("&E-mail"), email)
        safety = QCheckBox(_("Part of the &safety network"), self)
        safety.setChecked(bool(m and m.safety_network))
        self.add_field("safety_network", "", safety)
        chair = QCheckBox(_("C&hairs the network"), self)
        chair.setChecked(bool(m and m.chairs_network))
        chair.setToolTip(
            _("The chair leads the network's meetings and keeps the plan going. One per family.")
        )
        self.add_field("chairs_network", "", chair)
        self.add_field("notes", _("No&tes"), _notes(self, m.notes if m else ""))
        self._checked.add("chairs_network")  # a second chair is said at once, not when left

    def _checked_member(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        clean = v.network_member(changes)
        if "chairs_network" in clean:
            own = self.baseline.id if self.baseline is not None else None
            contact_rules.check_chair(own, clean["chairs_network"], self._network)
        return clean
