"""The timeline of a case's journal: one row per entry, newest first, marks for working notes,
corrections and entries that can no longer be changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt

from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.journal import texts
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.workspace.member_models import DtoTableModel


def _lines(values: Iterable[str]) -> str | None:
    return "\n".join(values) or None


class JournalTableModel(DtoTableModel[Any]):
    WHEN, KIND, WITH, NOTE, ABOUT, AUTHOR = range(6)
    COLUMNS = (
        Column(N_("When"), texts.when),
        Column(N_("Kind"), lambda e: texts.kind_label(e.kind)),
        Column(
            N_("With whom"),
            lambda e: texts.first_line(texts.participants(e), 60),
            tip=lambda e: _lines(e.participants),
        ),
        Column(N_("Note"), texts.note_cell, tip=lambda e: e.note or None),
        Column(
            N_("About"),
            lambda e: texts.first_line(texts.about(e), 60),
            tip=lambda e: _lines(texts.link_label(link) for link in e.links),
        ),
        Column(N_("By"), lambda e: e.author),
    )
    STRETCH = NOTE

    def accessible(self, dto: JournalEntryDTO, column: int) -> str:
        text = self.display(dto, column)
        if column == self.WHEN and not dto.editable:
            return _("{when}, read-only").format(when=text)
        return text

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and dto is not None:
            # A corrected entry is history: greyed, the correction reads in full colour.
            return qcolor(Role.MUTED) if dto.corrected_by else None
        return super().data(index, role)
