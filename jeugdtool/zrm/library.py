"""The matrices in use: the shipped ones plus what the organisation imported into its database.

An organisation that holds a licence for the official per-cell criteria imports its descriptor
file; it is checked (unknown domain, missing level, wrong version: a clear message each) and
stored in the database — never in the package. An organisation can also import its own
supplement matrix (e.g. parenting domains) in the matrix format. Imports are audited and can be
removed (undo puts them back).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.jsonfile import BrokenText
from jeugdtool.jsonfile import read_json
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error
from jeugdtool.zrm.definitions import DESCRIPTOR_FORMAT
from jeugdtool.zrm.definitions import MATRIX_FORMAT
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import builtin_matrices
from jeugdtool.zrm.definitions import check_descriptor_file
from jeugdtool.zrm.definitions import check_matrix
from jeugdtool.zrm.definitions import descriptors_from
from jeugdtool.zrm.definitions import matrix_from
from jeugdtool.zrm.dto import ImportDTO
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmImport

#: A matrix or descriptor file is some tens of kB; a bigger file is something else.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Serializes imports, so two colleagues cannot both add the same matrix.
IMPORT_LOCK = "zrm-import"


class ZrmFileError(JeugdtoolError):
    """A file that cannot be read as JSON at all (missing, not UTF-8, not JSON)."""


class ImportExists(InvalidInput):
    """The database already holds this kind of file for this matrix; `replace` overwrites it."""


# ---- reading what is in use -----------------------------------------------------------------


#: An import as the combined matrices depend on it: (id, row version) names its content.
_ImportKey = tuple[int, int]


def _imports(uow: UnitOfWork) -> list[ZrmImport]:
    return list(uow.session.scalars(select(ZrmImport).order_by(ZrmImport.id)))


@lru_cache(maxsize=4)
def _combined(
    imports: tuple[tuple[_ImportKey, str, str, str, str, str], ...],
) -> tuple[tuple[str, Matrix], ...]:
    """The shipped matrices with the imports applied. Cached on the imports' ids and row
    versions: every reload of the ZRM page asks, and the documents rarely change."""
    found: dict[str, Matrix] = {m.id: m for m in builtin_matrices()}
    for _key, kind, matrix_id, _version, _source, document in imports:
        if kind == "matrix":
            found[matrix_id] = matrix_from(json.loads(document), builtin=False)
    for _key, kind, matrix_id, version, source, document in imports:
        if kind == "descriptors" and matrix_id in found:
            matrix = found[matrix_id]
            if matrix.version == version:
                texts = descriptors_from(json.loads(document))
                found[matrix_id] = matrix.with_descriptors(texts, source)
    return tuple(found.items())


def matrices_in(uow: UnitOfWork) -> dict[str, Matrix]:
    """Inside an open unit of work: every matrix by id, licensed descriptors applied."""
    imports = tuple(
        ((r.id, r.version), r.kind, r.matrix_id, r.matrix_version, r.source, r.document)
        for r in _imports(uow)
    )
    return dict(_combined(imports))


def matrices(uow: UnitOfWork) -> tuple[Matrix, ...]:
    """Every matrix in use: the shipped ones first (newest first), then imported ones."""
    with uow:
        return tuple(matrices_in(uow).values())


def list_imports(uow: UnitOfWork) -> tuple[ImportDTO, ...]:
    with uow:
        return tuple(_dto(row) for row in _imports(uow))


def _dto(row: ZrmImport) -> ImportDTO:
    return as_dto(
        ImportDTO,
        row,
        version=row.matrix_version,
        imported_by=row.created_by,
        imported_at=row.created_at,
    )


# ---- reading a file -------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> Any:
    """The JSON in `path`, read safely (jeugdtool/jsonfile.py: only a regular file, at most
    MAX_FILE_BYTES, nested at most 64 deep, text every database can store); ZrmFileError with
    a Dutch message when it is not that."""
    try:
        return read_json(path, kind=_("ZRM file"), max_bytes=MAX_FILE_BYTES, error=ZrmFileError)
    except BrokenText as exc:  # one kind of error for this file's callers, naming each place
        message = _("{path} cannot be imported:\n{problems}")
        raise ZrmFileError(message.format(path=path, problems=str(exc))) from exc


# ---- importing and removing -----------------------------------------------------------------


def _problems(uow: UnitOfWork, doc: Any) -> list[Problem]:
    if isinstance(doc, dict) and doc.get("format") == MATRIX_FORMAT:
        problems = check_matrix(doc)
        builtin = {m.id for m in builtin_matrices()}
        if not problems and doc["id"] in builtin:
            problems.append(
                Problem(
                    "id",
                    _(
                        "'{id}' is a matrix jeugdtool ships; give your own matrix another id, "
                        "or import the licensed texts as a descriptor file ({format})."
                    ).format(id=doc["id"], format=DESCRIPTOR_FORMAT),
                )
            )
        return problems
    return check_descriptor_file(doc, matrices_in(uow))


def import_document(
    uow: UnitOfWork,
    doc: Any,
    *,
    file_name: str = "",
    replace: bool = False,
    expected: ImportDTO | None = None,
) -> Outcome[ImportDTO]:
    """Check `doc` and store it. InvalidInput lists every problem; ImportExists when the
    database already has this kind of file for the matrix (unless `replace`).

    `expected` (undo/redo of a replacement): the import `doc` replaces, as the caller left it;
    when someone else replaced or removed it since, ConflictError and nothing changes.
    """
    with uow:
        uow.serialize(IMPORT_LOCK)
        problems = _problems(uow, doc)
        if problems:
            raise InvalidInput(problems)
        kind = "matrix" if doc["format"] == MATRIX_FORMAT else "descriptors"
        matrix_id = doc["id"] if kind == "matrix" else doc["matrix"]
        existing = uow.session.scalar(
            select(ZrmImport).where(ZrmImport.kind == kind, ZrmImport.matrix_id == matrix_id)
        )
        if expected is not None:
            _ensure_as_seen(existing, expected)
        if existing is not None and not replace:
            raise ImportExists(
                Problem(
                    "matrix",
                    _(
                        "This database already has {what} for '{id}' (version {version}, "
                        "imported by {by}). Replace it to use the new file."
                    ).format(
                        what=_("descriptors") if kind == "descriptors" else _("a matrix"),
                        id=matrix_id,
                        version=existing.matrix_version,
                        by=existing.created_by,
                    ),
                )
            )
        if existing is not None and kind == "matrix":
            _check_still_fits(uow, matrix_id, doc)
        if existing is not None:
            uow.session.delete(existing)
            uow.flush()
        if kind == "matrix":
            source = matrix_from(doc, builtin=False).name.nl
        else:
            source = doc["source"].strip()
        row = ZrmImport(
            kind=kind,
            matrix_id=matrix_id,
            matrix_version=doc["version"],
            source=source,
            document=json.dumps(doc, ensure_ascii=False, sort_keys=True),
            file_name=file_name[:255],
        )
        uow.session.add(row)
        uow.flush()
        dto = _dto(row)
        return Outcome(dto, uow.commit())


def _check_still_fits(uow: UnitOfWork, matrix_id: str, doc: Any) -> None:
    """A replaced supplement keeps the domains its assessments used."""
    from jeugdtool.zrm.models import ZrmDomainScore

    used = set(
        uow.session.scalars(
            select(ZrmDomainScore.domain)
            .join(ZrmAssessment, ZrmAssessment.id == ZrmDomainScore.assessment_id)
            .where(ZrmAssessment.matrix_id == matrix_id)
            .distinct()
        )
    )
    missing = sorted(used - {d["code"] for d in doc["domains"]})
    if missing:
        raise InvalidInput.at(
            "domains",
            _(
                "The new file leaves out domains that assessments already use: {codes}. "
                "Keep those domains in the matrix."
            ).format(codes=", ".join(missing)),
        )


def _ensure_as_seen(row: ZrmImport | None, expected: ImportDTO) -> None:
    """ConflictError unless `row` is the import `expected` names (a replacement is a new row)."""
    if row is None:
        raise conflict_error()
    ensure_as_seen(_dto(row), expected, ignore=("imported_at",))


def remove_import(
    uow: UnitOfWork, import_id: int, *, expected: ImportDTO | None = None
) -> Outcome[dict[str, Any]]:
    """Remove an imported file; returns its document (import it again to undo). An imported
    matrix that assessments use stays. `expected`: the import as the caller left it
    (undo/redo); when someone else replaced or removed it since, ConflictError."""
    with uow:
        if expected is not None:
            _ensure_as_seen(uow.session.get(ZrmImport, import_id), expected)
        row = get(uow, ZrmImport, import_id)
        if row.kind == "matrix":
            used = uow.session.scalar(
                select(func.count())
                .select_from(ZrmAssessment)
                .where(ZrmAssessment.matrix_id == row.matrix_id)
            )
            if used:
                raise InvalidInput.at(
                    "matrix",
                    _(
                        "The matrix '{id}' is used by {n} assessment(s), so it stays. "
                        "Assessments are the record of what was seen."
                    ).format(id=row.matrix_id, n=used),
                )
        doc = json.loads(row.document)
        uow.session.delete(row)
        return Outcome(doc, uow.commit())
