"""Undo commands for the ZRM library: import a descriptor or matrix file, remove an import.

They call `zrm.library` only. Imports belong to the organisation, not to a case, so a failed
undo/redo asks the screens to reload the library instead of a case.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import DESCRIPTOR_FORMAT
from jeugdtool.zrm.definitions import MATRIX_FORMAT
from jeugdtool.zrm.definitions import LocalText
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import ImportDTO

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext

#: What the library's screens watch.
LIBRARY_CHANGED = ChangeSet(entities=frozenset({"zrm_import"}))


def _texts(texts: Mapping[tuple[str, int], LocalText]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for (code, level), text in sorted(texts.items()):
        out.setdefault(code, {})[str(level)] = text.as_json()
    return out


def document_of(matrix: Matrix, kind: str, *, separate_descriptors: bool) -> dict[str, Any] | None:
    """The file an import in use was made from, rebuilt from what it put in place (to put it
    back when a replacing import is undone). None when it is not in effect, so not rebuilt.

    `separate_descriptors`: the matrix's descriptors come from a descriptor import of their
    own, so a rebuilt matrix file leaves them out (they stay where they are).
    """
    if kind == "descriptors":
        if not matrix.descriptors or matrix.descriptor_source is None:
            return None
        return {
            "format": DESCRIPTOR_FORMAT,
            "matrix": matrix.id,
            "version": matrix.version,
            "source": matrix.descriptor_source,
            "descriptors": _texts(matrix.descriptors),
        }
    if matrix.builtin:
        return None
    doc: dict[str, Any] = {
        "format": MATRIX_FORMAT,
        "id": matrix.id,
        "version": matrix.version,
        "kind": matrix.kind,
        "name": matrix.name.as_json(),
        "levels": [
            {"level": x.level, "name": x.name.as_json(), "meaning": x.meaning.as_json()}
            for x in matrix.levels
        ],
        "domains": [
            {"code": d.code, "name": d.name.as_json(), "covers": d.covers.as_json()}
            for d in matrix.domains
        ],
    }
    if matrix.source is not None:
        doc["source"] = matrix.source.as_json()
    if matrix.descriptors and not separate_descriptors:
        doc["descriptors"] = _texts(matrix.descriptors)
    return doc


def replaced_document(
    doc: Mapping[str, Any], matrices: Sequence[Matrix], imports: Sequence[ImportDTO]
) -> tuple[dict[str, Any] | None, str]:
    """For a file that will replace an import: the replaced file and its file name."""
    kind = "matrix" if doc.get("format") == MATRIX_FORMAT else "descriptors"
    matrix_id = doc.get("id") if kind == "matrix" else doc.get("matrix")
    existing = next((i for i in imports if i.kind == kind and i.matrix_id == matrix_id), None)
    matrix = next((m for m in matrices if m.id == matrix_id), None)
    if existing is None or matrix is None:
        return None, ""
    separate = any(i.kind == "descriptors" and i.matrix_id == matrix_id for i in imports)
    return document_of(matrix, kind, separate_descriptors=separate), existing.file_name


class _LibraryCommand(ServiceCommand):
    def __init__(self, ctx: AppContext, text: str):
        super().__init__(ctx, 0, text)

    def refresh(self) -> None:
        self.ctx.signals.emit_changes(LIBRARY_CHANGED)


class ImportFileCommand(_LibraryCommand):
    """Import a checked file; with `replaced` (the file it replaces), undo puts that back."""

    def __init__(
        self,
        ctx: AppContext,
        doc: Mapping[str, Any],
        file_name: str,
        *,
        replace: bool = False,
        replaced: Mapping[str, Any] | None = None,
        replaced_file_name: str = "",
    ):
        super().__init__(ctx, _("Import ZRM file"))
        self.doc, self.file_name, self.replace = dict(doc), file_name, replace
        self.replaced = dict(replaced) if replaced is not None else None
        self.replaced_file_name = replaced_file_name
        #: The import as stored (its id changes with every redo).
        self.dto: ImportDTO | None = None
        #: The replaced file's import as undo put it back: what redo may replace again.
        self.restored: ImportDTO | None = None

    def first(self) -> None:
        self.dto = self.ctx.run(
            library.import_document, self.doc, file_name=self.file_name, replace=self.replace
        )

    def replay(self) -> None:
        # After an undo of a replacement the old file is back: replace it again (only that
        # one: a file a colleague imported meanwhile refuses the redo).
        self.dto = self.ctx.run(
            library.import_document,
            self.doc,
            file_name=self.file_name,
            replace=self.replaced is not None,
            expected=self.restored,
        )

    def revert(self) -> None:
        # Takes back only our import: when a colleague replaced or removed it, undo refuses.
        assert self.dto is not None
        if self.replaced is not None:
            self.restored = self.ctx.run(
                library.import_document,
                self.replaced,
                file_name=self.replaced_file_name,
                replace=True,
                expected=self.dto,
            )
        else:
            self.ctx.run(library.remove_import, self.dto.id, expected=self.dto)


class RemoveImportCommand(_LibraryCommand):
    """Remove an import; undo imports the removed file again."""

    def __init__(self, ctx: AppContext, dto: ImportDTO):
        super().__init__(ctx, _("Remove ZRM import"))
        self.dto = dto
        #: The removed file (kept for undo).
        self.doc: dict[str, Any] | None = None

    def replay(self) -> None:
        # Removes only the import as last seen (shown, or imported again by undo).
        self.doc = self.ctx.run(library.remove_import, self.dto.id, expected=self.dto)

    def revert(self) -> None:
        assert self.doc is not None
        self.dto = self.ctx.run(library.import_document, self.doc, file_name=self.dto.file_name)
