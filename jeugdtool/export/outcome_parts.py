"""The outcomes in a case file: the help deployed (`help`), how each episode of the case ended
(`closings`, with the goals' outcome, the family's experience and the network's own plan for
after closure) and help started again
after a closing (`new_starts`).

Export names every closing with a file-local id (k1, k2, … oldest first), so a new start can
name the closing it follows. Help and goal outcomes name safety goals by their statement
lineage (S…), as the plan does, so import maps them to the fresh lineages the statements got.
A closed case in a file without a current closing (a file made before closings were recorded)
gets one from `household.closed_on` and `close_reason`, as the database migration did. See
docs/case-format.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.models import Household
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.framework_parts import FileNames
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import named
from jeugdtool.framework.vocab import StatementType
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.uow import UnitOfWork

#: The parts this module writes and reads, in file order.
PARTS = ("help", "closings", "new_starts")
#: A help item serves a ZRM focus domain as "zrm:<domain code>".
ZRM_PREFIX = "zrm:"


#: The fields of each kind of item, in file order (see part_columns).
HELP = Columns(
    "person",
    "for_label",
    "product_list",
    "category",
    "description",
    "provider",
    "starts_on",
    "planned_end",
    "ended_on",
    "intensity",
    "decided_by",
    "unit",
    "unit_cost_cents",
    "units",
    "special_category",
    "serves",
    dates=("starts_on", "planned_end", "ended_on"),
    own=("person", "serves"),
)
EXPERIENCE = Columns(
    "person",
    "respondent",
    "heard",
    "helped",
    "knows_what_to_do",
    "comment",
    own=("person",),
)
CLOSING = Columns(
    "id",
    "closed_on",
    "reason",
    "goals_outcome",
    "goal_outcomes",
    "further_help",
    "further_help_detail",
    "ended_as",
    "ended_early_by",
    "reopened_on",
    "experiences",
    "network_keeps",
    "whom_to_call",
    dates=("closed_on", "reopened_on"),
    lists=("whom_to_call",),
    own=("id", "goal_outcomes", "experiences"),
)


# ---------------------------------------------------------------- export


class _Goals:
    """Safety goals as file lineages (S…). A goal outcome about a goal that is no longer on the
    map keeps its words, so it gets a lineage of its own after the statements' ones."""

    def __init__(self, names: FileNames):
        self.known = {
            lineage: file_id
            for lineage, (file_id, kind) in names.statements.items()
            if kind == StatementType.SAFETY_GOAL.value
        }
        taken = [int(m.group(1)) for f, _k in names.statements.values() if (m := _S.match(f))]
        self.next = max(taken, default=0) + 1
        self.gone: dict[str, str] = {}

    def served(self, serves: Sequence[str]) -> list[str]:
        """What a help item serves, as the file names it; a goal no longer in the case is left
        out (as the plan's `serves` does), a ZRM domain stays as it is."""
        out: list[str] = []
        for key in serves:
            name = key if _ZRM_KEY.match(key) else self.known.get(key)
            if name is not None and name not in out:
                out.append(name)
        return out

    def outcome_goal(self, lineage: str) -> str:
        found = self.known.get(lineage)
        if found is not None:
            return found
        if lineage not in self.gone:
            self.gone[lineage] = f"S{self.next}"
            self.next += 1
        return self.gone[lineage]


_S = re.compile(r"^S([1-9][0-9]*)$")
#: A ZRM focus domain as help serves it (a domain code: resources/schemas/zrm-matrix.schema.json).
_ZRM_KEY = re.compile(r"^zrm:[a-z0-9_]+$")


def _help(row: HelpItem, persons: Mapping[int, str], goals: _Goals) -> dict[str, Any]:
    return HELP.dump(row, person=named(persons, row.person_id), serves=goals.served(row.serves))


def _experience(row: ClientExperience, persons: Mapping[int, str]) -> dict[str, Any]:
    return EXPERIENCE.dump(row, person=named(persons, row.person_id))


def _closings(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str], goals: _Goals
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """`closings`, oldest first, and the file id (k1, …) of each closing by database id."""
    session = uow.session
    rows = oldest_first(session, CaseClosing.household_id, household_id, CaseClosing.closed_on)
    ids = {row.id: f"k{index}" for index, row in enumerate(rows, start=1)}
    outcomes = children_in_order(session, ClosingGoalOutcome.closing_id, ids)
    experiences = children_of(session, ClientExperience.closing_id, ids, ClientExperience.id)
    out = [
        CLOSING.dump(
            row,
            id=ids[row.id],
            goal_outcomes=[
                {
                    "goal": goals.outcome_goal(o.goal_lineage),
                    "text": o.goal_text,
                    "outcome": o.outcome,
                }
                for o in outcomes[row.id]
            ],
            experiences=[_experience(e, persons) for e in experiences[row.id]],
        )
        for row in rows
    ]
    return out, ids


def _other_cases(uow: UnitOfWork, closing_ids: set[int]) -> dict[int, dict[str, str]]:
    """Closings of other cases, by id, as `previous_case` names them (only those this user
    may read: in team mode, a case of another team is simply not found)."""
    if not closing_ids:
        return {}
    query = (
        select(CaseClosing.id, Household.case_number, CaseClosing.closed_on)
        .join(Household, Household.id == CaseClosing.household_id)
        .where(CaseClosing.id.in_(closing_ids))
    )
    return {
        closing_id: {"case_number": number, "closed_on": closed_on.isoformat()}
        for closing_id, number, closed_on in uow.session.execute(query)
    }


def _new_starts(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str], closings: Mapping[int, str]
) -> list[dict[str, Any]]:
    rows = oldest_first(uow.session, NewStart.household_id, household_id, NewStart.started_on)
    elsewhere = _other_cases(
        uow,
        {
            r.previous_closing_id
            for r in rows
            if r.previous_closing_id is not None and r.previous_closing_id not in closings
        },
    )
    return [
        {
            "date": row.started_on.isoformat(),
            "kind": row.kind,
            "person": named(persons, row.person_id),
            "previous_closing": named(closings, row.previous_closing_id),
            "previous_case": named(elsewhere, row.previous_closing_id),
            "confirmed_by": row.confirmed_by,
        }
        for row in rows
    ]


def export_outcomes(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str], names: FileNames
) -> dict[str, Any]:
    """`help`, `closings` and `new_starts` of the case, inside an open unit of work.
    `persons` and `names` are the file ids the rest of the file already gave."""
    goals = _Goals(names)
    items = in_order(uow, HelpItem, HelpItem.household_id == household_id)
    closings, closing_ids = _closings(uow, household_id, persons, goals)
    return {
        "help": [_help(row, persons, goals) for row in items],
        "closings": closings,
        "new_starts": _new_starts(uow, household_id, persons, closing_ids),
    }


# ---------------------------------------------------------------- import


def without_other_cases(case_file: dict[str, Any]) -> dict[str, Any]:
    """The case file without `previous_case`: for whoever receives it (a new care provider, the
    family), a new start keeps that help started again and when, not the number and closing
    date of the earlier case — often another household's (the child's other parent)."""
    starts = case_file.get("new_starts") or []
    if not any(s.get("previous_case") for s in starts):
        return case_file
    return {**case_file, "new_starts": [{**s, "previous_case": None} for s in starts]}


def _goal(importer: Importer, ref: str) -> str:
    """The lineage import gave the statements of the file's lineage `ref` (a fresh one, used
    by nothing else, for a goal no longer on the map)."""
    lineage = importer.lineage(ref)
    assert lineage is not None  # only None for a None ref
    return lineage


def _serves(importer: Importer, serves: Sequence[str]) -> tuple[str, ...]:
    return tuple(key if key.startswith(ZRM_PREFIX) else _goal(importer, key) for key in serves)


def _add_help(importer: Importer, items: Sequence[Mapping[str, Any]]) -> None:
    importer.uow.session.add_all(
        HelpItem(
            **HELP.load(
                item,
                household_id=importer.household_id,
                position=position,
                person_id=importer.person(item["person"]),
                serves=_serves(importer, item["serves"]),
                special_category=item.get("special_category", ""),  # older files: none
            )
        )
        for position, item in enumerate(items, start=1)
    )


def _add_closing(importer: Importer, closing: Mapping[str, Any]) -> CaseClosing:
    session, household_id = importer.uow.session, importer.household_id
    row = CaseClosing(
        **CLOSING.load(
            closing,
            household_id=household_id,
            # The network's plan after closure; a file made before it has none.
            network_keeps=closing.get("network_keeps", ""),
            whom_to_call=tuple(closing.get("whom_to_call", ())),
        )
    )
    session.add(row)
    importer.uow.flush()  # its id, for the goal outcomes, experiences and new starts
    for position, outcome in enumerate(closing["goal_outcomes"], start=1):
        session.add(
            ClosingGoalOutcome(
                household_id=household_id,
                closing_id=row.id,
                position=position,
                goal_lineage=_goal(importer, outcome["goal"]),
                goal_text=outcome["text"],
                outcome=outcome["outcome"],
            )
        )
    for experience in closing["experiences"]:
        session.add(
            ClientExperience(
                **EXPERIENCE.load(
                    experience,
                    household_id=household_id,
                    closing_id=row.id,
                    person_id=importer.person(experience["person"]),
                )
            )
        )
    return row


def _closing_from_household(household: Mapping[str, Any]) -> dict[str, Any] | None:
    """The closing a closed case had before closings were recorded: its date and reason,
    nothing else known (as the database migration makes it); None for an open case."""
    if household["status"] == CaseStatus.OPEN.value or household["closed_on"] is None:
        return None
    return {
        "closed_on": household["closed_on"],
        "reason": household["close_reason"] or "",
        "goals_outcome": None,
        "goal_outcomes": [],
        "further_help": None,
        "further_help_detail": "",
        "ended_as": None,
        "ended_early_by": None,
        "reopened_on": None,
        "experiences": [],
    }


def _closings_to_add(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The file's closings, oldest first; for a closed case without a current closing (none
    that was not reopened), one more made from the household."""
    closings = sorted(doc.get("closings") or [], key=lambda c: c["closed_on"])
    if all(c["reopened_on"] is not None for c in closings):
        made = _closing_from_household(doc["household"])
        if made is not None:
            closings.append(made)
    return closings


def _previous_elsewhere(uow: UnitOfWork, ref: Mapping[str, Any] | None) -> int | None:
    """The id of the other case's closing a new start names, when this database has that case
    (and this user may read it); else None — the new start is kept without the link."""
    if ref is None:
        return None
    query = (
        select(CaseClosing.id)
        .join(Household, Household.id == CaseClosing.household_id)
        .where(
            Household.case_number == ref["case_number"],
            CaseClosing.closed_on == date_of(ref["closed_on"]),
        )
        .order_by(CaseClosing.id)
        .limit(1)
    )
    return uow.session.scalar(query)


def _add_new_starts(
    importer: Importer, starts: Sequence[Mapping[str, Any]], closings: Mapping[str, CaseClosing]
) -> None:
    uow = importer.uow
    for start in sorted(starts, key=lambda s: s["date"]):
        ref = start["previous_closing"]
        previous = (
            closings[ref].id
            if ref is not None
            else _previous_elsewhere(uow, start["previous_case"])
        )
        uow.session.add(
            NewStart(
                household_id=importer.household_id,
                started_on=date_of(start["date"]),
                kind=start["kind"],
                person_id=importer.person(start["person"]),
                previous_closing_id=previous,
                confirmed_by=start["confirmed_by"],
            )
        )


def import_outcomes(importer: Importer, doc: Mapping[str, Any]) -> None:
    """Add the checked document's help, closings and new starts to the new household, in the
    import's own unit of work; `importer` has added the statements whose lineages they name.
    Each part may be missing (an older file)."""
    _add_help(importer, doc.get("help") or [])
    closings: dict[str, CaseClosing] = {}
    for closing in _closings_to_add(doc):
        row = _add_closing(importer, closing)
        if "id" in closing:
            closings[closing["id"]] = row
    _add_new_starts(importer, doc.get("new_starts") or [], closings)
    importer.uow.flush()
