"""Services for statements: harm and danger statements, safety goals and bottom lines.

Statements belong to a mapping moment (copied into each new one with their lineage, see
`moments.start_moment`); only the newest moment's statements change. Unless the consultant
wrote the sentence themselves (`text_edited`), each statement's `text` is made again from its
parts whenever anything in the moment changes, so a safety goal follows its danger statement's
children. A harm or danger statement's children are rows of `statement_children` (in the order
the sentence names them); services take and give them as `children`, a tuple of person ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold_key
from jeugdtool.framework import special_rules
from jeugdtool.framework._common import append_to
from jeugdtool.framework._common import check_person
from jeugdtool.framework._common import editable_moment
from jeugdtool.framework._common import expected_columns
from jeugdtool.framework._common import moment_row
from jeugdtool.framework._common import statement_children
from jeugdtool.framework.goal_rules import check_period
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import Statement
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.plan_rules import family_words
from jeugdtool.framework.plan_rules import shorten
from jeugdtool.framework.statement_dto import PARTS
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.statement_dto import StatementParts
from jeugdtool.framework.statement_text import StatementContext
from jeugdtool.framework.statement_text import build_context
from jeugdtool.framework.statement_text import clean_part
from jeugdtool.framework.statement_text import sentence
from jeugdtool.framework.vocab import IncidentMark
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

MAX_PART_LENGTH = 5000
#: What every type of statement has besides its parts: the sentence, the family's own words for
#: it and its special-category mark.
_EVERY_TYPE = ("text", "text_edited", "family_words", "special_category")
_TYPE_ORDER = {t: n for n, t in enumerate(StatementType)}


class StatementInUse(JeugdtoolError):
    """A statement others refer to (a goal pairs with it, a bottom line guards it)."""


# ---- reading --------------------------------------------------------------------------------


def _dto(row: Statement, children: Sequence[int] = ()) -> StatementDTO:
    return as_dto(StatementDTO, row, type=StatementType(row.type), children=tuple(children))


def _children(uow: UnitOfWork, statement_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """The children (person ids, in order) of each statement; one query."""
    rows = statement_children(uow.session, statement_ids)
    return {sid: tuple(r.person_id for r in rows[sid]) for sid in statement_ids}


def _dtos(uow: UnitOfWork, rows: Sequence[Statement]) -> list[StatementDTO]:
    children = _children(uow, [r.id for r in rows])
    return [_dto(r, children[r.id]) for r in rows]


def _one(uow: UnitOfWork, row: Statement) -> StatementDTO:
    return _dtos(uow, [row])[0]


def _rows(uow: UnitOfWork, moment_id: int) -> list[Statement]:
    rows = uow.session.scalars(
        select(Statement).where(Statement.moment_id == moment_id).order_by(Statement.id)
    )
    return sorted(rows, key=lambda r: (_TYPE_ORDER.get(StatementType(r.type), 9), r.position))


def load_statements(uow: UnitOfWork, moment_id: int) -> tuple[StatementDTO, ...]:
    """Inside an open unit of work: the moment's statements by type, then position."""
    get(uow, MappingMoment, moment_id)
    return tuple(_dtos(uow, _rows(uow, moment_id)))


def list_statements(uow: UnitOfWork, moment_id: int) -> tuple[StatementDTO, ...]:
    with uow:
        return load_statements(uow, moment_id)


def moment_context(uow: UnitOfWork, moment_id: int) -> StatementContext:
    """Names, children, carers and the moment's pairings, for sentences and checks."""
    with uow:
        moment = get(uow, MappingMoment, moment_id)
        return _context(uow, moment.household_id, _dtos(uow, _rows(uow, moment_id)))


def _context(
    uow: UnitOfWork, household_id: int, statements: Sequence[StatementParts]
) -> StatementContext:
    persons = list(
        uow.session.scalars(
            select(Person)
            .where(Person.household_id == household_id)
            .order_by(Person.position, Person.id)
        )
    )
    carers = [p.first_name for p in persons if p.role in (PersonRole.PARENT, PersonRole.CARER)]
    return build_context(
        statements,
        names={p.id: p.first_name for p in persons},
        children=[p.id for p in persons if p.role == PersonRole.CHILD],
        carers=carers,
    )


# ---- cleaning what was typed ------------------------------------------------------------------


def _text(label: str, max_len: int = MAX_PART_LENGTH) -> Callable[[str, Any], str]:
    return lambda f, value: v.text(f, value, label=label, max_len=max_len)


def _names(label: str) -> Callable[[str, Any], tuple[str, ...]]:
    """A list of names (who is worried, who will do it): in order; blank and repeated names
    dropped."""

    def clean(field: str, value: Any) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for item in value or ():
            name = v.text(field, item, label=label, max_len=200)
            if name:
                seen.setdefault(fold_key(name), name)
        return tuple(seen.values())

    return clean


def _person_ids(field: str, value: Any) -> tuple[int, ...]:
    """Children: person ids in order, repeats dropped (checked against the household later)."""
    out: list[int] = []
    for item in value or ():
        if isinstance(item, bool) or not isinstance(item, int):
            raise InvalidInput(Problem(field, _("Choose children of this household.")))
        if item not in out:
            out.append(item)
    return tuple(out)


def _marks(field: str, value: Any) -> tuple[str, ...]:
    """Incident marks (first, worst, last) in the method's order."""
    chosen = set()
    for item in value or ():
        chosen.add(v.choice(field, item, IncidentMark, _("First, worst or most recent time")))
    return tuple(m.value for m in IncidentMark if m in chosen)


def _incident_on(field: str, value: Any) -> dt.date | None:
    return v.date(field, value, label=_("When it happened"), not_after=dt.date.today())


def _rules() -> dict[str, Callable[[str, Any], Any]]:
    return {
        "children": _person_ids,  # checked against the household below
        "incident_on": _incident_on,
        "incident_marks": _marks,
        "who_will": _names(_("Who will do it")),
        # checked together (goal_rules.check_period), see _check_period
        "sustained_amount": lambda f, value: value,
        "sustained_unit": lambda f, value: value,
        "who_worried": _names(_("Who is worried")),
        "behaviour": _text(_("Behaviour")),
        "example": _text(_("Example")),
        "impact": _text(_("Impact")),
        "pairs_with": lambda f, value: value or None,  # checked against the moment below
        "carers_will": _text(_("What the carers will do")),
        "child_will_experience": _text(_("What the child will experience")),
        "professionals_will_see": _text(_("What professionals will see")),
        "sustained_for": _text(_("For how long"), 100),
        "set_by": _text(_("Set by"), 200),
        "set_on": lambda f, value: v.date(f, value, label=_("Set on"), not_after=dt.date.today()),
        "guards": lambda f, value: tuple(dict.fromkeys(g for g in (value or ()) if g)),
        "text": _text(_("Sentence")),
        "text_edited": lambda f, value: bool(value),
        "family_words": family_words,
        "special_category": special_rules.check_category,
    }


def _clean(kind: StatementType, changes: Mapping[str, Any]) -> dict[str, Any]:
    allowed = {*PARTS[kind], *_EVERY_TYPE}
    rules = _rules()
    clean: dict[str, Any] = {}
    with collect() as problems:
        for name, value in changes.items():
            if name not in allowed:
                raise KeyError(f"{kind.value} has no field {name!r}")  # a programming error
            with problems.catching():
                clean[name] = rules[name](name, value)
    return clean


def _check_references(uow: UnitOfWork, moment: MappingMoment, clean: Mapping[str, Any]) -> None:
    for person_id in clean.get("children", ()):
        check_person(uow, moment.household_id, person_id, "children")
    rows = _rows(uow, moment.id)
    if clean.get("pairs_with"):
        dangers = {r.lineage for r in rows if r.type == StatementType.DANGER}
        if clean["pairs_with"] not in dangers:
            raise InvalidInput(
                Problem("pairs_with", _("Choose a danger statement of this mapping moment."))
            )
    if clean.get("guards"):
        goals = {r.lineage for r in rows if r.type == StatementType.SAFETY_GOAL}
        if any(g not in goals for g in clean["guards"]):
            raise InvalidInput(Problem("guards", _("Choose safety goals of this mapping moment.")))


def _check_period(clean: dict[str, Any], current: Mapping[str, Any] | None = None) -> None:
    """A safety goal's period (goal_rules.check_period): both amount and unit, or neither;
    `current`: the saved values a change of one of them goes with."""
    if "sustained_amount" not in clean and "sustained_unit" not in clean:
        return
    now = {**(current or {}), **clean}
    amount, unit = check_period(now.get("sustained_amount"), now.get("sustained_unit"))
    clean["sustained_amount"] = amount
    clean["sustained_unit"] = unit.value if unit is not None else None


def _set_children(uow: UnitOfWork, row: Statement, children: Sequence[int]) -> None:
    """The statement's children as given: those kept keep their row (and its history)."""
    existing = {
        c.person_id: c
        for c in uow.session.scalars(
            select(StatementChild).where(StatementChild.statement_id == row.id)
        )
    }
    for person_id, child in existing.items():
        if person_id not in children:
            uow.session.delete(child)
    uow.flush()
    for position, person_id in enumerate(children, 1):
        child = existing.get(person_id)
        if child is None:
            uow.session.add(
                StatementChild(
                    statement_id=row.id,
                    person_id=person_id,
                    position=position,
                    household_id=row.household_id,
                )
            )
        elif child.position != position:
            child.position = position
    uow.flush()


def _set_text(clean: dict[str, Any], kind: StatementType) -> None:
    """A typed sentence is kept (edited); an empty one, or text_edited=False, follows the parts."""
    if kind is StatementType.BOTTOM_LINE:
        clean.pop("text_edited", None)  # a bottom line *is* its text
        return
    if clean.get("text_edited") is False or ("text" in clean and not clean["text"]):
        clean["text_edited"] = False
        clean.pop("text", None)
    elif "text" in clean:
        clean["text_edited"] = True


def _refresh_texts(uow: UnitOfWork, moment_id: int, household_id: int) -> None:
    """Make every generated sentence of the moment again (names or pairings may have moved)."""
    uow.flush()
    rows = _rows(uow, moment_id)
    dtos = _dtos(uow, rows)
    ctx = _context(uow, household_id, dtos)
    for row, dto in zip(rows, dtos, strict=True):
        kind = StatementType(row.type)
        if kind is StatementType.BOTTOM_LINE or row.text_edited:
            continue
        text = sentence(dto, ctx)
        if row.text != text:
            row.text = text


# ---- writing ------------------------------------------------------------------------------------


def _require_text(kind: StatementType, clean: Mapping[str, Any]) -> None:
    """A bottom line *is* its text: it cannot be without one."""
    if kind is StatementType.BOTTOM_LINE and "text" in clean and not clean["text"]:
        raise InvalidInput(
            Problem("text", _("Describe the bottom line: what must at least be in place?"))
        )


def add_statement(
    uow: UnitOfWork, moment_id: int, type: StatementType | str, fields: Mapping[str, Any]
) -> Outcome[StatementDTO]:
    """Add a statement at the end of its type."""
    kind = StatementType(type)
    clean = _clean(kind, {"text": "", **fields})
    _require_text(kind, clean)
    _set_text(clean, kind)
    _check_period(clean)
    with uow:
        moment = editable_moment(uow, moment_id)
        _check_references(uow, moment, clean)
        children = clean.pop("children", ())
        group = {"moment_id": moment_id, "type": kind.value}
        row = append_to(uow, Statement, group, household_id=moment.household_id, **clean)
        if children:
            _set_children(uow, row, children)
        _refresh_texts(uow, moment_id, moment.household_id)
        return committed(uow, lambda: _one(uow, row))


def restore_statement(uow: UnitOfWork, taken: Snapshot) -> Outcome[StatementDTO]:
    """Put a removed statement back in its place, with its id and lineage (undo).

    Refused when its moment is no longer the newest, one of its children left the case, or the
    danger statement or safety goals it refers to are gone.
    """
    values = taken.values
    kind = StatementType(values["type"])
    with uow:
        moment = editable_moment(uow, values["moment_id"])
        references = {name: values[name] for name in ("pairs_with", "guards")}
        references["children"] = tuple(c["person_id"] for c in taken.of(StatementChild))
        _check_references(uow, moment, references)
        row = snapshot.put_back_at(uow, taken, lambda: _of_type(uow, moment.id, kind))
        _refresh_texts(uow, moment.id, moment.household_id)
        uow.flush()
        assert isinstance(row, Statement)
        return committed(uow, lambda: _one(uow, row))


def update_statement(
    uow: UnitOfWork, statement_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[StatementDTO]:
    """Change parts of a statement, or its sentence.

    Giving `text` keeps that sentence (it no longer follows the parts); an empty `text` or
    `text_edited=False` makes it follow the parts again.
    """
    with uow:
        row = moment_row(uow, Statement, statement_id)
        kind = StatementType(row.type)
        clean = _clean(kind, changes)
        _set_text(clean, kind)
        _require_text(kind, clean)
        moment = get(uow, MappingMoment, row.moment_id)
        _check_references(uow, moment, clean)
        if expected is not None and "children" in expected:
            ensure_values(
                {"children": _one(uow, row).children}, {"children": tuple(expected["children"])}
            )
        children = clean.pop("children", None)
        saved = {"sustained_amount": row.sustained_amount, "sustained_unit": row.sustained_unit}
        _check_period(clean, saved)
        apply(row, clean, expected=expected_columns(expected, apart=("children",)))
        if children is not None:
            _set_children(uow, row, children)
        _refresh_texts(uow, row.moment_id, row.household_id)
        return committed(uow, lambda: _one(uow, row))


def regenerate_text(uow: UnitOfWork, statement_id: int) -> Outcome[StatementDTO]:
    """Forget the sentence the consultant wrote: make it from the parts again."""
    return update_statement(uow, statement_id, {"text_edited": False})


def _short(row: Statement) -> str:
    text = clean_part(row.text or row.behaviour or row.carers_will) or _("(empty)")
    return f"“{shorten(text, 60)}”"


def _unchanged_since(uow: UnitOfWork, row: Statement, expected: StatementDTO | None) -> None:
    """ConflictError unless the statement is as `expected` (its place aside, and a generated
    sentence aside: that follows names anyone may correct)."""
    if expected is None:
        return
    ignore = ["position"]
    generated = row.type != StatementType.BOTTOM_LINE
    if generated and not row.text_edited and not expected.text_edited:
        ignore.append("text")
    ensure_as_seen(_one(uow, row), expected, ignore=ignore)


def remove_statement(
    uow: UnitOfWork, statement_id: int, *, expected: StatementDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a statement; `restore_statement` puts the snapshot back.

    A danger statement a safety goal answers, or a safety goal a bottom line guards, stays:
    removing it would leave the other without its meaning. `expected`: the statement as the
    caller last saw it (undo/redo); when someone else changed it since, ConflictError.
    """
    with uow:
        row = moment_row(uow, Statement, statement_id)
        _unchanged_since(uow, row, expected)
        _ensure_unused(row, [r for r in _rows(uow, row.moment_id) if r.id != row.id])
        moment_id, household_id, kind = row.moment_id, row.household_id, StatementType(row.type)
        taken = snapshot.remove(uow, row)
        snapshot.close_gap(_of_type(uow, moment_id, kind))
        _refresh_texts(uow, moment_id, household_id)
        return Outcome(taken, uow.commit())


def _ensure_unused(row: Statement, others: Sequence[Statement]) -> None:
    """StatementInUse when a safety goal answers this danger statement, or a bottom line
    guards this safety goal."""
    if row.type == StatementType.DANGER:
        users = [
            r for r in others if r.type == StatementType.SAFETY_GOAL and r.pairs_with == row.lineage
        ]
        if users:
            raise StatementInUse(
                _(
                    "This danger statement cannot be removed: the safety goal {names} "
                    "answers it. Remove that safety goal first, or pair it with another "
                    "danger statement."
                ).format(names=", ".join(_short(r) for r in users))
            )
    if row.type == StatementType.SAFETY_GOAL:
        users = [
            r for r in others if r.type == StatementType.BOTTOM_LINE and row.lineage in r.guards
        ]
        if users:
            raise StatementInUse(
                _(
                    "This safety goal cannot be removed: the bottom line {names} guards it. "
                    "Remove it from that bottom line first."
                ).format(names=", ".join(_short(r) for r in users))
            )


def _of_type(uow: UnitOfWork, moment_id: int, kind: StatementType) -> list[Statement]:
    return [r for r in _rows(uow, moment_id) if r.type == kind.value]


# ---- who is worried ---------------------------------------------------------------------------


def worried_choices(uow: UnitOfWork, case_id: int) -> list[str]:
    """Who could be worried about a case: the organisations in its network, the household's
    adults, the network, the case team and the consultant (case manager) — each name once."""
    with uow:
        household = get(uow, Household, case_id)
        persons = uow.session.scalars(
            select(Person)
            .where(Person.household_id == case_id)
            .order_by(Person.position, Person.id)
        )
        adults = [
            f"{p.first_name} {p.last_name}".strip() for p in persons if p.role != PersonRole.CHILD
        ]
        members = list(
            uow.session.scalars(
                select(NetworkMember)
                .where(NetworkMember.household_id == case_id)
                .order_by(NetworkMember.position, NetworkMember.id)
            )
        )
        organisations = [m.organisation for m in members if m.organisation]
        network = [m.name for m in members]
        team_ids = [household.case_manager_id] if household.case_manager_id else []
        team_ids += list(
            uow.session.scalars(
                select(CaseCoworker.person_id)
                .where(CaseCoworker.household_id == case_id)
                .order_by(CaseCoworker.id)
            )
        )
        names = {
            c.id: c.name
            for c in uow.session.scalars(select(Consultant).where(Consultant.id.in_(team_ids)))
        }
        team = [names[i] for i in team_ids if i in names]
    seen: dict[str, str] = {}
    for name in (*organisations, *adults, *network, *team):
        name = clean_part(name)
        if name:
            seen.setdefault(fold_key(name), name)
    return list(seen.values())
