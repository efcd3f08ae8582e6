"""Thin table models over tuples of member DTOs (household members, network members)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from typing import ClassVar
from typing import Generic
from typing import TypeVar

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from jeugdtool.cases import contact_rules
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.case_wording import worded
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import ListTableModel
from jeugdtool.ui.row_table import foreground

D = TypeVar("D", PersonDTO, NetworkMemberDTO)
Index = QModelIndex | QPersistentModelIndex

#: Returns the DTO of a row, for views and tests that need more than the text.
DtoRole = Qt.ItemDataRole.UserRole + 1

#: The roles `DtoTableModel.data` answers; a view asks eight for each cell it measures or draws.
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        DtoRole,
    )
)


class DtoTableModel(ListTableModel, Generic[D]):
    """Rows are frozen DTOs; `data()` only formats what is already there.

    A model declared as `COLUMNS` (`row_table.Column`s, as in `row_table.RowsModel`) says what
    it shows in one place: each cell's text, its tooltip (the column's `tip`, else the text in
    full, for a cell cut off), its colour (`warn` red, `grey` muted) and `right` alignment.
    Others give `HEADERS` and override `display` (and `tooltip`, `alignment`)."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    #: The columns, each with its header and text, for a model whose rows' cells each come
    #: from the row alone (others give `HEADERS` and `display`).
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    #: The column that takes the width left over (long free text reads best there).
    STRETCH: ClassVar[int] = -1

    @property
    def columns(self) -> tuple[Column, ...]:
        """The model's columns (`COLUMNS`; a model whose cells read its own state builds them)."""
        return self.COLUMNS

    def column(self, column: int) -> Column | None:
        columns = self.columns
        return columns[column] if 0 <= column < len(columns) else None

    def row_of(self, member_id: int) -> int:
        """The row showing the member with this id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == member_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:  # most of what a view asks of a cell (font, size, icon …)
            return None
        dto = self.row_at(index.row()) if index.isValid() else None
        if dto is None:
            return None
        # A wellbeing case's rows in its words ("Zorgomschrijving 1: …", ui/case_wording.py).
        if role == Qt.ItemDataRole.DisplayRole:
            return worded(self, self.display(dto, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return worded(self, self.tooltip(dto, index.column()))
        if role == Qt.ItemDataRole.ForegroundRole:
            spec = self.column(index.column())
            return foreground(dto, spec) if spec is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return worded(self, self.accessible(dto, index.column()))
        if role == DtoRole:
            return dto
        return None

    def headers(self) -> Sequence[str]:
        columns = self.columns
        return [column.header for column in columns] if columns else self.HEADERS

    def display(self, dto: D, column: int) -> str:
        spec = self.column(column)
        return spec.text(dto) if spec is not None else ""

    def tooltip(self, dto: D, column: int) -> str | None:
        spec = self.column(column)
        if spec is None:
            return None
        return spec.tip(dto) if spec.tip is not None else self.display(dto, column) or None

    def accessible(self, dto: D, column: int) -> str:
        return self.display(dto, column)

    def alignment(self, column: int) -> Any:
        spec = self.column(column)
        if spec is not None and spec.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PersonTableModel(DtoTableModel[PersonDTO]):
    NAME, ROLE, BIRTH_DATE, AGE, TRUSTED, NOTES = range(6)
    STRETCH = NOTES

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._today = dt.date.today()
        self._network: tuple[NetworkMemberDTO, ...] = ()
        #: The age and the trusted person read the day and the network the rows came with.
        self._columns = (
            Column(N_("Name"), lambda person: person.full_name),
            Column(N_("Role"), lambda person: person.role.label),
            Column(N_("Birth date"), lambda person: format_date_nl(person.birth_date)),
            # A baby in months, never "0".
            Column(N_("Age"), lambda person: person.age_text_on(self._today), right=True),
            Column(N_("Trusted person"), self._trusted_name),
            Column(
                N_("Notes"),
                lambda person: person.notes.splitlines()[0] if person.notes else "",
                tip=lambda person: person.notes or None,
            ),
        )
        self._headers = tuple(column.header for column in self._columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def headers(self) -> Sequence[str]:
        # Fixed with the columns: not rebuilt for each of the hundreds of times a view asks.
        return self._headers

    def set_rows(
        self,
        rows: tuple[PersonDTO, ...],
        today: dt.date | None = None,
        network: tuple[NetworkMemberDTO, ...] = (),
    ) -> None:
        """`network`: the case's, where a child's trusted person is found."""
        self._today = today or dt.date.today()
        self._network = network
        super().set_rows(rows)

    def _trusted_name(self, person: PersonDTO) -> str:
        trusted = contact_rules.trusted_person_of(person, self._network)
        return trusted.name if trusted is not None else ""


class NetworkTableModel(DtoTableModel[NetworkMemberDTO]):
    NAME, RELATION, KIND, ORGANISATION, PHONE, EMAIL, SAFETY, CHAIR = range(8)
    COLUMNS = (
        Column(N_("Name"), lambda member: member.name),
        Column(N_("Relation"), lambda member: member.relation),
        Column(N_("Kind"), lambda member: member.kind.label),
        Column(N_("Organisation"), lambda member: member.organisation),
        Column(N_("Phone"), lambda member: member.phone),
        Column(N_("E-mail"), lambda member: member.email),
        Column(N_("Safety network"), lambda member: "✓" if member.safety_network else ""),
        Column(N_("Chair"), lambda member: "✓" if member.chairs_network else ""),
    )
    STRETCH = ORGANISATION

    def headers(self) -> Sequence[str]:
        return _NETWORK_HEADERS

    def tooltip(self, dto: NetworkMemberDTO, column: int) -> str | None:
        if column == self.SAFETY:
            return _("Part of the safety network") if dto.safety_network else None
        if column == self.CHAIR:
            return _("Chairs the network") if dto.chairs_network else None
        if column == self.NAME and dto.notes:
            return dto.notes
        return None

    def accessible(self, dto: NetworkMemberDTO, column: int) -> str:
        if column == self.SAFETY:  # a screen reader says "Ja"/"Nee", not "check mark"
            return _("Yes") if dto.safety_network else _("No")
        if column == self.CHAIR:
            return _("Yes") if dto.chairs_network else _("No")
        return self.display(dto, column)

    def alignment(self, column: int) -> Any:
        if column in (self.SAFETY, self.CHAIR):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


#: The network table's headers (msgids), as its columns give them.
_NETWORK_HEADERS = tuple(column.header for column in NetworkTableModel.COLUMNS)
