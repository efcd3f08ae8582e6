"""The ZRM assessments in a case file (`zrm_assessments`): each person's matrix on a date, with
per domain the level, note, problem or limitation, who carries it, focus, target and plan links.

Export names every assessment with a file-local id (z1, z2, … oldest first), so `copied_from`
can name the assessment it started from. Plan links name a safety goal by its statement lineage
(S…) and an agreement by its agreement lineage (A…), exactly as the other parts name them, so
import maps them to the fresh lineages it gives those. See docs/case-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.export.framework_parts import FileNames
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import iso
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

# ---------------------------------------------------------------- export


class _Links:
    """Plan links as file lineage ids; a link to something no longer in the case is left out
    (as `serves` does), so export writes only what import accepts."""

    def __init__(self, goals: Mapping[str, str], agreements: Mapping[str, str]):
        self.names = {**goals, **agreements}

    def __call__(self, lineages: Sequence[str]) -> list[str]:
        out: list[str] = []
        for lineage in lineages:
            name = self.names.get(lineage)
            if name is not None and name not in out:
                out.append(name)
        return out


def _domain(row: ZrmDomainScore, links: _Links) -> dict[str, Any]:
    return {
        "level": row.level,
        "note": row.note,
        "special_category": row.special_category,
        "limitation": row.limitation,
        "carried_by": row.carried_by or None,
        "focus": row.focus,
        "target_level": row.target_level,
        "target_date": iso(row.target_date),
        "plan_links": links(row.plan_links),
    }


def export_assessments(
    uow: UnitOfWork,
    household_id: int,
    persons: Mapping[int, str],
    names: FileNames,
    agreements: Mapping[str, str],
) -> list[dict[str, Any]]:
    """`zrm_assessments`: every assessment of the case, oldest first, inside an open unit of
    work. `persons`, `names` and `agreements` (agreement lineage -> A1, …) are the file ids
    the rest of the file already gave."""
    session = uow.session
    rows = oldest_first(
        session, ZrmAssessment.household_id, household_id, ZrmAssessment.assessed_on
    )
    if not rows:
        return []
    # By assessment, not by household: that is what the domain rows are indexed on.
    scores = children_in_order(session, ZrmDomainScore.assessment_id, [row.id for row in rows])
    goals = {
        lineage: file_id
        for lineage, (file_id, kind) in names.statements.items()
        if kind == StatementType.SAFETY_GOAL.value
    }
    links = _Links(goals, agreements)
    ids = {row.id: f"z{index}" for index, row in enumerate(rows, start=1)}
    by_id = {row.id: row for row in rows}
    out = []
    for row in rows:
        source = by_id.get(row.copied_from_id) if row.copied_from_id is not None else None
        # Copy-forward is always from the same person (checked on import); anything else
        # cannot be meant and is written as "started empty".
        if source is None or source is row or source.person_id != row.person_id:
            source = None
        out.append(
            {
                "id": ids[row.id],
                "person": persons.get(row.person_id),
                "date": row.assessed_on.isoformat(),
                "matrix": row.matrix_id,
                "matrix_version": row.matrix_version,
                "assessor": row.assessor,
                "note": row.note,
                "special_category": row.special_category,
                "copied_from": ids[source.id] if source is not None else None,
                "domains": {s.domain: _domain(s, links) for s in scores.get(row.id, ())},
            }
        )
    return out


# ---------------------------------------------------------------- import


def _columns(domain: Mapping[str, Any] | None, importer: Importer) -> dict[str, Any]:
    if domain is None:  # left out of the file: not assessed
        return {}
    level, target = domain["level"], domain["target_level"]
    return {
        "level": int(level) if level is not None else None,
        "note": domain["note"],
        "special_category": domain.get("special_category", ""),  # older files: not marked
        "limitation": domain["limitation"],
        "carried_by": domain["carried_by"],
        "focus": domain["focus"],
        "target_level": int(target) if target is not None else None,
        "target_date": date_of(domain["target_date"]),
        "plan_links": tuple(filter(None, map(importer.lineage, domain["plan_links"]))),
    }


def import_assessments(
    importer: Importer,
    assessments: Sequence[Mapping[str, Any]],
    matrices: Mapping[str, Matrix],
) -> None:
    """Add the checked document's assessments to the new household, in the import's own unit
    of work; `importer` has added the framework and the plan (whose lineages links name), and
    `matrices` are the matrices the receiving database knows (the check used the same)."""
    session = importer.uow.session
    # Oldest first, as the program keeps them; the file order decides between equal dates.
    ordered = sorted(assessments, key=lambda a: a["date"])
    rows: dict[str, ZrmAssessment] = {}
    later: list[tuple[ZrmAssessment, str]] = []
    for assessment in ordered:
        copied = assessment["copied_from"]
        source = rows.get(copied) if copied is not None else None
        row = ZrmAssessment(
            household_id=importer.household_id,
            person_id=importer.persons[assessment["person"]],
            assessed_on=date_of(assessment["date"]),
            assessor=assessment["assessor"],
            matrix_id=assessment["matrix"],
            matrix_version=assessment["matrix_version"],
            copied_from_id=source.id if source is not None else None,
            note=assessment["note"],
            special_category=assessment.get("special_category", ""),  # older files: not marked
        )
        session.add(row)
        importer.uow.flush()  # its id, for the assessments copied from it
        rows[assessment["id"]] = row
        if copied is not None and source is None:
            later.append((row, copied))  # copied from an assessment further on in the file
    for row, copied in later:
        row.copied_from_id = rows[copied].id
    for assessment in ordered:
        row = rows[assessment["id"]]
        domains = assessment["domains"]
        # A row for every domain of the matrix, in its order, as the program keeps them: a
        # domain the file leaves out is "not assessed".
        for position, domain in enumerate(matrices[assessment["matrix"]].domains, start=1):
            session.add(
                ZrmDomainScore(
                    household_id=importer.household_id,
                    assessment_id=row.id,
                    domain=domain.code,
                    position=position,
                    **_columns(domains.get(domain.code), importer),
                )
            )
    importer.uow.flush()
