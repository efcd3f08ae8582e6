"""The framework parts of a case file: mapping moments with their items, statements, the scale.

Export names every moment, item and statement with a file-local id (m1, i1, d1, …) and every
lineage with a file-local lineage id (L1, … for items, S1, … for statements), numbered in the
order of the file; import maps them to new database ids and fresh lineages, consistently, so
the copies of one item or statement stay one lineage. See docs/case-format.md.
"""

from __future__ import annotations

from collections import Counter
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import select

from jeugdtool.export.framework_check import OPTIONAL_FIELDS
from jeugdtool.export.framework_check import STATEMENT_FIELDS
from jeugdtool.export.framework_check import STATEMENT_PREFIX
from jeugdtool.export.framework_check import statement_children
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import iso
from jeugdtool.framework.goal_rules import parse_period
from jeugdtool.framework.models import CaseScale
from jeugdtool.framework.models import ItemStance
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.models import new_lineage
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.uow import UnitOfWork

_TYPE_ORDER = {kind.value: index for index, kind in enumerate(StatementType)}


class FileIds:
    """File-local ids `prefix1`, `prefix2`, … in the order things are first named."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.known: dict[Any, str] = {}

    def name(self, key: Any) -> str:
        if key not in self.known:
            self.known[key] = f"{self.prefix}{len(self.known) + 1}"
        return self.known[key]

    def get(self, key: Any) -> str | None:
        return self.known.get(key)


@dataclass(frozen=True)
class FileNames:
    """The file ids export gave to the framework, for the parts that refer to it (the plan)."""

    #: Database id of a mapping moment -> its file id (m1, …).
    moments: Mapping[int, str]
    #: Database lineage of a statement -> its file lineage id (S1, …) and its type.
    statements: Mapping[str, tuple[str, str]]
    #: Database id of a scale score -> its file id (c1, …), for the meetings' rounds.
    scores: Mapping[int, str] = field(default_factory=dict)
    #: Database lineage of a map item -> its file lineage id (L1, …), for the journal's links.
    items: Mapping[str, str] = field(default_factory=dict)


def source(row: Any, persons: Mapping[int, str], network: Mapping[int, str]) -> dict[str, Any]:
    ref = None
    if row.source_kind == "person" and row.source_person_id is not None:
        ref = persons.get(row.source_person_id)
    elif row.source_kind == "network" and row.source_network_id is not None:
        ref = network.get(row.source_network_id)
    return {"kind": row.source_kind, "ref": ref, "label": row.source_label}


# ---------------------------------------------------------------- export


def export_parts(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str], network: Mapping[int, str]
) -> tuple[dict[str, Any], FileNames]:
    """`mappings`, `statements` and `scale` of the case, inside an open unit of work, and the
    file ids they were given.

    `persons` and `network` map database ids to the file ids (p1, n1) already given.
    """
    session = uow.session
    moments = oldest_first(session, MappingMoment.household_id, household_id, MappingMoment.held_on)
    moment_ids = {m.id: f"m{index}" for index, m in enumerate(moments, start=1)}
    items = children_in_order(session, MapItem.moment_id, moment_ids)
    item_ids = [item.id for found in items.values() for item in found]
    stances = children_of(session, ItemStance.item_id, item_ids, ItemStance.id)
    statements: list[Statement] = []
    if moments:
        statements = list(
            session.scalars(select(Statement).where(Statement.moment_id.in_(moment_ids)))
        )
    children = children_in_order(session, StatementChild.statement_id, [s.id for s in statements])
    order = {m.id: index for index, m in enumerate(moments)}
    statements.sort(
        key=lambda s: (order[s.moment_id], _TYPE_ORDER.get(s.type, 9), s.position, s.id)
    )
    lineages = FileIds("S")
    for statement in statements:  # named first, so a reference may point forward
        lineages.name(statement.lineage)
    # What a reference may point to (as import checks it): a safety goal pairs with a danger
    # statement of its own moment, a bottom line guards safety goals of its own moment, a score
    # is about a danger statement of any moment. Other references (to a statement removed
    # meanwhile) are left out rather than written as a file that cannot be imported.
    targets: dict[tuple[int | None, str], set[str]] = defaultdict(set)
    for statement in statements:
        targets[(statement.moment_id, statement.type)].add(statement.lineage)
        targets[(None, statement.type)].add(statement.lineage)
    item_lineages = FileIds("L")
    parts = {
        "mappings": _export_moments(
            moments, moment_ids, items, stances, persons, network, item_lineages
        ),
        "statements": [
            _export_statement(s, children[s.id], moment_ids, lineages, targets, persons, number)
            for s, number in zip(statements, _numbers(statements), strict=True)
        ],
    }
    parts["scale"], score_ids = _export_scale(
        uow, household_id, lineages, targets, persons, network
    )
    names: dict[str, tuple[str, str]] = {}
    for statement in statements:
        names.setdefault(statement.lineage, (lineages.name(statement.lineage), statement.type))
    return parts, FileNames(moment_ids, names, score_ids, dict(item_lineages.known))


def _export_moments(
    moments: list[MappingMoment],
    moment_ids: Mapping[int, str],
    items: Mapping[int, list[MapItem]],
    stances: Mapping[int, list[ItemStance]],
    persons: Mapping[int, str],
    network: Mapping[int, str],
    item_lineages: FileIds,
) -> list[dict[str, Any]]:
    item_number = 0
    out = []
    for moment in moments:
        cells: dict[str, list[dict[str, Any]]] = {cell.value: [] for cell in Cell}
        by_cell: dict[str, list[MapItem]] = defaultdict(list)
        for item in items.get(moment.id, ()):
            by_cell[item.cell].append(item)
        for cell in Cell:
            for item in by_cell.get(cell.value, ()):
                item_number += 1
                cells[cell.value].append(
                    {
                        "id": f"i{item_number}",
                        "lineage": item_lineages.name(item.lineage),
                        "text": item.text,
                        "source": source(item, persons, network),
                        "concerns": persons.get(item.concerns_person_id)
                        if item.concerns_person_id is not None
                        else None,
                        "kind": item.worry_kind,
                        "stances": [
                            {"who": s.who, "stance": s.stance} for s in stances.get(item.id, ())
                        ],
                    }
                )
        out.append(
            {
                "id": moment_ids[moment.id],
                "date": moment.held_on.isoformat(),
                "author": moment.author,
                "present": list(moment.present),
                "copied_from": moment_ids.get(moment.copied_from_id)
                if moment.copied_from_id is not None
                else None,
                "cells": cells,
            }
        )
    return out


def _numbers(statements: list[Statement]) -> list[int]:
    """Each statement's number within its type (d1, d2, … across the file)."""
    counter: Counter[str] = Counter()
    out = []
    for statement in statements:
        counter[statement.type] += 1
        out.append(counter[statement.type])
    return out


def _export_statement(
    row: Statement,
    children: list[StatementChild],
    moment_ids: Mapping[int, str],
    lineages: FileIds,
    targets: Mapping[tuple[int | None, str], set[str]],
    persons: Mapping[int, str],
    number: int,
) -> dict[str, Any]:
    kind = StatementType(row.type)
    dangers = targets.get((row.moment_id, StatementType.DANGER.value), set())
    goals = targets.get((row.moment_id, StatementType.SAFETY_GOAL.value), set())
    out: dict[str, Any] = {
        "id": f"{STATEMENT_PREFIX[kind]}{number}",
        "moment": moment_ids[row.moment_id],
        "lineage": lineages.name(row.lineage),
        "type": kind.value,
    }
    for name in STATEMENT_FIELDS[kind]:
        if name == "children":
            out[name] = [persons[c.person_id] for c in children if c.person_id in persons]
        elif name in ("who_worried", "who_will", "incident_marks"):
            out[name] = list(getattr(row, name))
        elif name == "pairs_with":
            paired = row.pairs_with in dangers
            out[name] = lineages.get(row.pairs_with) if paired else None
        elif name == "guards":
            out[name] = list(dict.fromkeys(lineages.name(g) for g in row.guards if g in goals))
        elif name in ("set_on", "incident_on"):
            out[name] = iso(getattr(row, name))
        else:
            out[name] = getattr(row, name)
    out["text"] = row.text
    out["text_edited"] = row.text_edited
    out["family_words"] = row.family_words
    out["special_category"] = row.special_category
    return out


def _export_scale(
    uow: UnitOfWork,
    household_id: int,
    lineages: FileIds,
    targets: Mapping[tuple[int | None, str], set[str]],
    persons: Mapping[int, str],
    network: Mapping[int, str],
) -> tuple[dict[str, Any], dict[int, str]]:
    """The `scale` part, and the file id of each score (by database id)."""
    dangers = targets.get((None, StatementType.DANGER.value), set())
    scale = uow.session.get(CaseScale, household_id)
    scores = oldest_first(uow.session, ScaleScore.household_id, household_id, ScaleScore.scored_on)
    return {
        "zero": scale.zero if scale else None,
        "ten": scale.ten if scale else None,
        "scores": [
            {
                # Named so that a meeting's round can refer to the scores it gave.
                "id": f"c{number}",
                "date": s.scored_on.isoformat(),
                "rater": source(s, persons, network),
                "role": s.role,
                "score": s.score,
                # About a danger statement that no longer exists anywhere: the whole case.
                "about": lineages.get(s.about) if s.about in dangers else None,
                "reason": s.reason,
                "one_higher": s.one_higher,
                "context": s.context,
            }
            for number, s in enumerate(scores, start=1)
        ],
    }, {s.id: f"c{number}" for number, s in enumerate(scores, start=1)}


# ---------------------------------------------------------------- import


def _period_from_text(fields: dict[str, Any]) -> None:
    """An older file's "3 maanden" becomes 3 + months (as the upgrade of a database does);
    other text ("tot de zomervakantie") stays for the consultant to turn into a period."""
    period = parse_period(fields.get("sustained_for"))
    if period is not None:
        fields["sustained_amount"], fields["sustained_unit"] = period[0], period[1].value
        fields["sustained_for"] = ""


class Importer:
    """Adds the parts of one checked document to a new household, in the caller's unit of work.

    Later parts (the plan) use it too: `moments`, `lineage()` and `source()` map the file's ids.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        household_id: int,
        persons: Mapping[str, int],
        network: Mapping[str, int],
    ):
        self.uow = uow
        self.household_id = household_id
        self.persons = persons
        self.network = network
        #: File lineage id (L1, S1, A1) -> a fresh lineage, the same for every copy. The
        #: letters keep the kinds apart.
        self.lineages: dict[str, str] = {}
        self.moments: dict[str, MappingMoment] = {}
        #: File id of a scale score (c1, …) -> the row added for it (scores without an id, from
        #: a file made before meetings, are not named).
        self.scores: dict[str, ScaleScore] = {}

    def lineage(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if ref not in self.lineages:
            self.lineages[ref] = new_lineage()
        return self.lineages[ref]

    def source(self, source: Mapping[str, Any]) -> dict[str, Any]:
        kind, ref = source["kind"], source["ref"]
        return {
            "source_kind": kind,
            "source_person_id": self.persons[ref] if kind == "person" and ref else None,
            "source_network_id": self.network[ref] if kind == "network" and ref else None,
            "source_label": source["label"],
        }

    def person(self, ref: str | None) -> int | None:
        return self.persons[ref] if ref is not None else None

    def add_moments(self, mappings: list[dict[str, Any]]) -> None:
        session = self.uow.session
        # Oldest first, as the program keeps them; the file order decides between equal dates.
        ordered = sorted(mappings, key=lambda m: m["date"])
        later: list[tuple[MappingMoment, str]] = []
        for moment in ordered:
            copied = moment["copied_from"]
            source = self.moments.get(copied) if copied is not None else None
            row = MappingMoment(
                household_id=self.household_id,
                held_on=date_of(moment["date"]),
                author=moment["author"],
                present=tuple(moment["present"]),
                copied_from_id=source.id if source is not None else None,
            )
            session.add(row)
            self.uow.flush()
            self.moments[moment["id"]] = row
            if copied is not None and source is None:
                later.append((row, copied))  # copied from a moment further on in the file
        for row, copied in later:
            row.copied_from_id = self.moments[copied].id
        added: list[tuple[MapItem, list[dict[str, Any]]]] = []
        for moment in ordered:
            cells = moment["cells"]
            for cell in Cell:
                for position, item in enumerate(cells.get(cell.value, []), start=1):
                    row = MapItem(
                        moment_id=self.moments[moment["id"]].id,
                        household_id=self.household_id,
                        lineage=self.lineage(item["lineage"]),
                        cell=cell.value,
                        position=position,
                        text=item["text"],
                        concerns_person_id=self.person(item["concerns"]),
                        worry_kind=item["kind"],
                        **self.source(item["source"]),
                    )
                    session.add(row)
                    added.append((row, item["stances"]))
        self.uow.flush()
        for row, stances in added:
            for stance in stances:
                session.add(
                    ItemStance(
                        item_id=row.id,
                        household_id=self.household_id,
                        who=stance["who"],
                        stance=stance["stance"],
                    )
                )

    def add_statements(self, statements: list[dict[str, Any]]) -> None:
        """The statements, with their children (an older file's one `child` too)."""
        positions: Counter[tuple[str, str]] = Counter()
        added: list[tuple[Statement, list[int]]] = []
        for statement in statements:
            kind = StatementType(statement["type"])
            positions[(statement["moment"], kind.value)] += 1
            fields: dict[str, Any] = {
                "moment_id": self.moments[statement["moment"]].id,
                "household_id": self.household_id,
                "lineage": self.lineage(statement["lineage"]),
                "type": kind.value,
                "position": positions[(statement["moment"], kind.value)],
                "text": statement["text"],
                "text_edited": statement["text_edited"],
                # Older files have neither: not in the family's words, not marked.
                "family_words": statement.get("family_words", ""),
                "special_category": statement.get("special_category", ""),
            }
            children: list[int] = []
            for name in STATEMENT_FIELDS[kind]:
                value = statement.get(name, OPTIONAL_FIELDS.get(name))
                if name == "children":
                    for ref in statement_children(statement):
                        person_id = self.person(ref)
                        if person_id is not None and person_id not in children:
                            children.append(person_id)
                elif name in ("who_worried", "who_will", "incident_marks"):
                    fields[name] = tuple(value)
                elif name == "pairs_with":
                    fields[name] = self.lineage(value)
                elif name == "guards":
                    fields[name] = tuple(filter(None, (self.lineage(ref) for ref in value)))
                elif name in ("set_on", "incident_on"):
                    fields[name] = date_of(value)
                else:
                    fields[name] = value
            if kind is StatementType.SAFETY_GOAL and "sustained_amount" not in statement:
                _period_from_text(fields)  # an older file: its period was text
            row = Statement(**fields)
            self.uow.session.add(row)
            added.append((row, children))
        self.uow.flush()
        for row, children in added:
            for position, person_id in enumerate(children, 1):
                self.uow.session.add(
                    StatementChild(
                        statement_id=row.id,
                        person_id=person_id,
                        position=position,
                        household_id=self.household_id,
                    )
                )

    def add_scale(self, scale: Mapping[str, Any]) -> None:
        session = self.uow.session
        if scale["zero"] is not None or scale["ten"] is not None:
            session.add(
                CaseScale(household_id=self.household_id, zero=scale["zero"], ten=scale["ten"])
            )
        for score in sorted(scale["scores"], key=lambda s: s["date"]):
            row = ScaleScore(
                household_id=self.household_id,
                scored_on=date_of(score["date"]),
                role=score["role"],
                score=int(score["score"]),
                about=self.lineage(score["about"]),
                reason=score["reason"],
                one_higher=score["one_higher"],
                context=score["context"],
                **self.source(score["rater"]),
            )
            session.add(row)
            if score.get("id") is not None:
                self.scores[score["id"]] = row


def import_parts(
    uow: UnitOfWork,
    doc: Mapping[str, Any],
    household_id: int,
    persons: Mapping[str, int],
    network: Mapping[str, int],
) -> Importer:
    """Add the checked document's `mappings`, `statements` and `scale` (each may be missing:
    an older file) to the new household. `persons` and `network` map file ids to database ids.
    Returns the importer, whose mappings of file ids the later parts use."""
    importer = Importer(uow, household_id, persons, network)
    importer.add_moments(doc.get("mappings") or [])
    importer.add_statements(doc.get("statements") or [])
    if doc.get("scale") is not None:
        importer.add_scale(doc["scale"])
    uow.flush()
    return importer
