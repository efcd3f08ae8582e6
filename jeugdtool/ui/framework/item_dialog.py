"""The item editor: text, who said it, whom it concerns, problem or limitation, who agrees.

OK with a problem left shows the message and keeps the dialog open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import Source
from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.framework.speakers import NOT_RECORDED
from jeugdtool.framework.speakers import default_speaker
from jeugdtool.framework.speakers import the_family
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.workspace.inline import ErrorLabel

#: Saves the dialog's values; raises InvalidInput / JeugdtoolError to keep it open.
ItemSubmit = Callable[["MapItemDialog", dict[str, Any]], None]

OTHER = "other"


def source_choices(detail: CaseDetail | None, consultant: str) -> list[tuple[str, Source]]:
    """Who can have said something: nobody named, the consultant, the family as a whole, the
    household, the network (`speakers.default_speaker` picks the first choice per cell)."""
    choices = [
        (_("(not recorded)"), NOT_RECORDED),
        (
            _("{name} (consultant)").format(name=consultant),
            Source(SourceKind.CONSULTANT, label=consultant),
        ),
        (_("The family (together)"), the_family()),
    ]
    if detail is not None:
        choices += [(label, source) for source, label in people_choices(detail)]
    return choices


def people_choices(case: CaseDetail) -> list[tuple[Source, str]]:
    """Who an agreement (or a map item) can name: the household, then the network, each
    with who they are beside their name ("Ria Jansen (oma)"); the sources carry the name."""
    found = [
        (
            Source(SourceKind.PERSON, person_id=p.id, label=p.full_name),
            named(p.full_name, person_relation(p)),
        )
        for p in case.persons
    ]
    found += [
        (
            Source(SourceKind.NETWORK, network_id=n.id, label=n.name),
            named(n.name, member_relation(n)),
        )
        for n in case.network
    ]
    return found


def stance_names(detail: CaseDetail | None, item: MapItemDTO | None) -> list[str]:
    """Everyone who can agree or dispute: household, network, and whoever already did."""
    names = []
    if detail is not None:
        names += [p.full_name for p in detail.persons] + [m.name for m in detail.network]
    names += [s.who for s in item.stances] if item else []
    return list(dict.fromkeys(n for n in names if n))


class MapItemDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        cell: Cell,
        cell_title: str,
        detail: CaseDetail | None,
        consultant: str,
        submit: ItemSubmit,
        item: MapItemDTO | None = None,
        text: str = "",
        read_only: bool = False,
    ):
        super().__init__(parent)
        #: The item as it was when the dialog opened (None when adding).
        self.baseline = item
        self.cell = cell
        self._submit = submit
        #: Only shown (a past moment, a closed case): nothing can be changed or saved.
        self.read_only = read_only
        self.setWindowTitle(
            _("Change item") if item else _("Add to: {cell}").format(cell=cell_title)
        )
        self.setMinimumWidth(560)
        self.error = ErrorLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(item.text if item else text)
        self.text.setTabChangesFocus(True)
        self.source = QComboBox(self)
        self.other_name = QLineEdit(self)
        self.other_name.setPlaceholderText(_("Name or organisation"))
        self.concerns = QComboBox(self)
        self.worry_kind = QComboBox(self)
        self.stances: dict[str, QComboBox] = {}
        self._fill(detail, consultant, item)
        self._build(cell_title, detail, item, read_only)
        if read_only:
            self.text.setReadOnly(True)
            self.other_name.setReadOnly(True)
            for box in (self.source, self.concerns, self.worry_kind, *self.stances.values()):
                box.setEnabled(False)

    # ---- filling -------------------------------------------------------------------------

    def _fill(self, detail: CaseDetail | None, consultant: str, item: MapItemDTO | None) -> None:
        current = item.source if item else default_speaker(self.cell, consultant)
        choices = source_choices(detail, consultant)
        if current.kind is SourceKind.CONSULTANT and current not in [s for _l, s in choices]:
            choices.insert(2, (_("{name} (consultant)").format(name=current.label), current))
        for label, source in choices:
            self.source.addItem(label, source)
        self.source.addItem(_("Someone else…"), OTHER)
        self.source.setCurrentIndex(self._source_index(current))
        if self.source.currentData() == OTHER:
            self.other_name.setText(current.label)
        self.source.currentIndexChanged.connect(self._toggle_other)
        self._toggle_other()
        self.concerns.addItem(_("(nobody in particular)"), None)
        for person in detail.persons if detail else ():
            self.concerns.addItem(person.full_name, person.id)
        found = self.concerns.findData(item.concerns_person_id if item else None)
        self.concerns.setCurrentIndex(max(found, 0))
        self.worry_kind.addItem(_("Not marked"), None)
        self.worry_kind.addItem(_("Problem (it can be solved)"), WorryKind.PROBLEM)
        self.worry_kind.addItem(
            _("Limitation (no solution; it is lived with)"), WorryKind.LIMITATION
        )
        self.worry_kind.setCurrentIndex(
            max(self.worry_kind.findData(item.worry_kind if item else None), 0)
        )

    def _source_index(self, current: Source) -> int:
        data = [self.source.itemData(row) for row in range(self.source.count())]
        if current in data:  # also "the family", which is an "other" with a fixed name
            return data.index(current)
        if current.kind is SourceKind.OTHER:
            return self.source.count() - 1
        for row in range(self.source.count() - 1):
            s = self.source.itemData(row)
            if (s.kind, s.person_id, s.network_id) == (
                current.kind,
                current.person_id,
                current.network_id,
            ) and (s.kind is not SourceKind.CONSULTANT or s.label == current.label):
                return row
        return 0

    def _toggle_other(self) -> None:
        self.other_name.setVisible(self.source.currentData() == OTHER)

    def _build(
        self, cell_title: str, detail: CaseDetail | None, item: MapItemDTO | None, read_only: bool
    ) -> None:
        form = QFormLayout()
        form.addRow(_("&Text"), self.text)
        form.addRow(_("&Said by"), self.source)
        form.addRow("", self.other_name)
        form.addRow(_("C&oncerns"), self.concerns)
        if self.cell.is_worry:
            form.addRow(_("&Problem or limitation"), self.worry_kind)
            form.addRow(_("Who agrees or disputes"), self._stance_box(detail, item))
        else:  # outside the form it would float over the dialog's top left corner
            self.worry_kind.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not read_only)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        hint = QLabel(_("Cell: {cell}").format(cell=cell_title), self)
        style_text(hint, Role.MUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _stance_box(self, detail: CaseDetail | None, item: MapItemDTO | None) -> QWidget:
        names = stance_names(detail, item)
        if not names:
            return QLabel(_("Add household or network members to record who agrees."), self)
        current = {s.who: s.stance for s in item.stances} if item else {}
        body = QWidget()
        rows = QFormLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        for name in names:
            box = QComboBox(body)
            box.addItem("—", None)
            box.addItem(_("agrees"), Stance.AGREES)
            box.addItem(_("disputes"), Stance.DISPUTES)
            box.setCurrentIndex(max(box.findData(current.get(name)), 0))
            box.setAccessibleName(name)
            rows.addRow(name, box)
            self.stances[name] = box
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setMaximumHeight(180)
        return scroll

    # ---- values --------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        source = self.source.currentData()
        if source == OTHER:
            source = Source(SourceKind.OTHER, label=self.other_name.text().strip())
        values: dict[str, Any] = {
            "text": self.text.toPlainText().strip(),
            "source": source,
            "concerns_person_id": self.concerns.currentData(),
        }
        if self.cell.is_worry:
            values["worry_kind"] = self.worry_kind.currentData()
            values["stances"] = {name: box.currentData() for name, box in self.stances.items()}
        return values

    def accept(self) -> None:
        if self.read_only:
            return  # Ctrl+Enter too: only Cancel / Esc close it
        values = self.values()
        if not values["text"]:
            self.error.show_message(_("Type what was said or seen."))
            self.text.setFocus()
            return
        try:
            self._submit(self, values)
        except JeugdtoolError as exc:  # what was typed, or a colleague's change: said here
            self.error.show_message(str(exc))
            return
        super().accept()
