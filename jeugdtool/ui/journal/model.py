"""The timeline of a case's journal: one row per entry, newest first, marks for working notes,
corrections and entries that can no longer be changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.journal import texts
from jeugdtool.ui.workspace.member_models import DtoTableModel


class JournalTableModel(DtoTableModel[Any]):
    WHEN, KIND, WITH, NOTE, ABOUT, AUTHOR = range(6)
    HEADERS = (
        N_("When"),
        N_("Kind"),
        N_("With whom"),
        N_("Note"),
        N_("About"),
        N_("By"),
    )
    STRETCH = NOTE

    def display(self, dto: JournalEntryDTO, column: int) -> str:
        if column == self.WHEN:
            return texts.when(dto)
        if column == self.KIND:
            return texts.kind_label(dto.kind)
        if column == self.WITH:
            return texts.first_line(texts.participants(dto), 60)
        if column == self.NOTE:
            return texts.note_cell(dto)
        if column == self.ABOUT:
            return texts.first_line(texts.about(dto), 60)
        if column == self.AUTHOR:
            return dto.author
        return ""

    def tooltip(self, dto: JournalEntryDTO, column: int) -> str | None:
        if column == self.NOTE:
            return dto.note or None
        if column == self.WITH:
            return "\n".join(dto.participants) or None
        if column == self.ABOUT:
            return "\n".join(texts.link_label(link) for link in dto.links) or None
        return self.display(dto, column) or None

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
