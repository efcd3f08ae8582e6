"""Services for statements: harm and danger statements, safety goals and bottom lines.

Statements belong to a mapping moment (copied into each new one with their lineage, see
`moments.start_moment`); only the newest moment's statements change. Unless the consultant
wrote the sentence themselves (`text_edited`), each statement's `text` is made again from its
parts whenever anything in the moment changes, so a safety goal follows its danger statement's
child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem, collect
from jeugdtool.folding import fold_key
from jeugdtool.framework._common import check_person, editable_moment, next_position
from jeugdtool.framework.models import MappingMoment, Statement
from jeugdtool.framework.statement_dto import PARTS, StatementDTO, StatementParts
from jeugdtool.framework.statement_text import (
    StatementContext,
    build_context,
    clean_part,
    sentence,
)
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.columns import split_lines
from jeugdtool.store.guards import ensure_as_seen, ensure_free
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork

MAX_PART_LENGTH = 5000
_TYPE_ORDER = {t: n for n, t in enumerate(StatementType)}


class StatementInUse(JeugdtoolError):
    """A statement others refer to (a goal pairs with it, a bottom line guards it)."""


# ---- reading --------------------------------------------------------------------------------


def _dto(row: Statement) -> StatementDTO:
    return StatementDTO(
        id=row.id,
        moment_id=row.moment_id,
        household_id=row.household_id,
        lineage=row.lineage,
        type=StatementType(row.type),
        position=row.position,
        version=row.version,
        child_id=row.child_id,
        who_worried=split_lines(row.who_worried),
        behaviour=row.behaviour,
        example=row.example,
        impact=row.impact,
        pairs_with=row.pairs_with,
        carers_will=row.carers_will,
        child_will_experience=row.child_will_experience,
        professionals_will_see=row.professionals_will_see,
        sustained_for=row.sustained_for,
        set_by=row.set_by,
        set_on=row.set_on,
        guards=split_lines(row.guards),
        text=row.text,
        text_edited=row.text_edited,
    )


def _rows(uow: UnitOfWork, moment_id: int) -> list[Statement]:
    rows = uow.session.scalars(
        select(Statement).where(Statement.moment_id == moment_id).order_by(Statement.id)
    )
    return sorted(rows, key=lambda r: (_TYPE_ORDER.get(StatementType(r.type), 9), r.position))


def load_statements(uow: UnitOfWork, moment_id: int) -> tuple[StatementDTO, ...]:
    """Inside an open unit of work: the moment's statements by type, then position."""
    get(uow, MappingMoment, moment_id)
    return tuple(_dto(row) for row in _rows(uow, moment_id))


def list_statements(uow: UnitOfWork, moment_id: int) -> tuple[StatementDTO, ...]:
    with uow:
        return load_statements(uow, moment_id)


def moment_context(uow: UnitOfWork, moment_id: int) -> StatementContext:
    """Names, children, carers and the moment's pairings, for sentences and checks."""
    with uow:
        moment = get(uow, MappingMoment, moment_id)
        return _context(uow, moment.household_id, [_dto(r) for r in _rows(uow, moment_id)])


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


def _names(field: str, value: Any) -> str:
    """Who is worried: a list, or one name per line; blank and repeated names dropped."""
    items = value.splitlines() if isinstance(value, str) else list(value or ())
    seen: list[str] = []
    for item in items:
        name = v.text(field, item, label=_("Who is worried"), max_len=200)
        if name and fold_key(name) not in {fold_key(s) for s in seen}:
            seen.append(name)
    return "\n".join(seen)


def _rules() -> dict[str, Callable[[str, Any], Any]]:
    return {
        "child_id": lambda f, value: value,  # checked against the household below
        "who_worried": _names,
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
        "guards": lambda f, value: "\n".join(dict.fromkeys(g for g in (value or ()) if g)),
        "text": _text(_("Sentence")),
        "text_edited": lambda f, value: bool(value),
    }


def _clean(kind: StatementType, changes: Mapping[str, Any]) -> dict[str, Any]:
    allowed = {*PARTS[kind], "text", "text_edited"}
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
    if "child_id" in clean:
        check_person(uow, moment.household_id, clean["child_id"], "child_id")
    rows = _rows(uow, moment.id)
    if clean.get("pairs_with"):
        dangers = {r.lineage for r in rows if r.type == StatementType.DANGER}
        if clean["pairs_with"] not in dangers:
            raise InvalidInput(
                Problem("pairs_with", _("Choose a danger statement of this mapping moment."))
            )
    if clean.get("guards"):
        goals = {r.lineage for r in rows if r.type == StatementType.SAFETY_GOAL}
        if any(g not in goals for g in clean["guards"].splitlines()):
            raise InvalidInput(Problem("guards", _("Choose safety goals of this mapping moment.")))


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
    ctx = _context(uow, household_id, [_dto(r) for r in rows])
    for row in rows:
        kind = StatementType(row.type)
        if kind is StatementType.BOTTOM_LINE or row.text_edited:
            continue
        text = sentence(_dto(row), ctx)
        if row.text != text:
            row.text = text


# ---- writing ------------------------------------------------------------------------------------


def _restore_fields(dto: StatementDTO) -> dict[str, Any]:
    fields = {name: getattr(dto, name) for name in PARTS[StatementType(dto.type)]}
    fields["text"] = dto.text
    if dto.type is not StatementType.BOTTOM_LINE:
        fields["text_edited"] = dto.text_edited
    return fields


def add_statement(
    uow: UnitOfWork,
    moment_id: int,
    type: StatementType | str,
    fields: Mapping[str, Any],
    *,
    restore: StatementDTO | None = None,
) -> Outcome[StatementDTO]:
    """Add a statement at the end of its type (`restore` puts a removed one back, same id)."""
    kind = StatementType(type)
    if restore is not None:
        fields = _restore_fields(restore)
    clean = _clean(kind, fields)
    if kind is StatementType.BOTTOM_LINE and not clean.get("text"):
        raise InvalidInput(
            Problem("text", _("Describe the bottom line: what must at least be in place?"))
        )
    _set_text(clean, kind)
    with uow:
        moment = editable_moment(uow, moment_id)
        _check_references(uow, moment, clean)
        common = {"moment_id": moment_id, "household_id": moment.household_id, "type": kind.value}
        if restore is not None:
            ensure_free(uow, Statement, [restore.id])
            _make_room(uow, moment_id, kind, restore.position)
            row = Statement(
                id=restore.id, lineage=restore.lineage, position=restore.position, **common, **clean
            )
        else:
            position = next_position(
                uow,
                Statement.position,
                Statement.moment_id == moment_id,
                Statement.type == kind.value,
            )
            row = Statement(position=position, **common, **clean)
        uow.session.add(row)
        _refresh_texts(uow, moment_id, moment.household_id)
        uow.flush()
        dto = _dto(row)
        return Outcome(dto, uow.commit())


def _editable_statement(uow: UnitOfWork, statement_id: int) -> Statement:
    row = get(uow, Statement, statement_id)
    editable_moment(uow, row.moment_id)
    return row


def _expected_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """`expected` in DTO terms (tuples of names, enums) as column values."""
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        if key in ("who_worried", "guards"):
            out[key] = "\n".join(value)
        elif key == "type":
            out[key] = StatementType(value).value
        else:
            out[key] = value
    return out


def update_statement(
    uow: UnitOfWork,
    statement_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[StatementDTO]:
    """Change parts of a statement, or its sentence.

    Giving `text` keeps that sentence (it no longer follows the parts); an empty `text` or
    `text_edited=False` makes it follow the parts again.
    """
    with uow:
        row = _editable_statement(uow, statement_id)
        kind = StatementType(row.type)
        clean = _clean(kind, changes)
        _set_text(clean, kind)
        if kind is StatementType.BOTTOM_LINE and "text" in clean and not clean["text"]:
            raise InvalidInput(
                Problem("text", _("Describe the bottom line: what must at least be in place?"))
            )
        moment = get(uow, MappingMoment, row.moment_id)
        _check_references(uow, moment, clean)
        apply(row, clean, expected=_expected_columns(expected))
        _refresh_texts(uow, row.moment_id, row.household_id)
        uow.flush()
        dto = _dto(row)
        return Outcome(dto, uow.commit())


def regenerate_text(uow: UnitOfWork, statement_id: int) -> Outcome[StatementDTO]:
    """Forget the sentence the consultant wrote: make it from the parts again."""
    return update_statement(uow, statement_id, {"text_edited": False})


def _short(row: Statement) -> str:
    text = clean_part(row.text or row.behaviour or row.carers_will) or _("(empty)")
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _unchanged_since(row: Statement, expected: StatementDTO | None) -> None:
    """ConflictError unless the statement is as `expected` (its place aside, and a generated
    sentence aside: that follows names anyone may correct)."""
    if expected is None:
        return
    ignore = ["position"]
    generated = row.type != StatementType.BOTTOM_LINE
    if generated and not row.text_edited and not expected.text_edited:
        ignore.append("text")
    ensure_as_seen(_dto(row), expected, ignore=ignore)


def remove_statement(
    uow: UnitOfWork, statement_id: int, *, expected: StatementDTO | None = None
) -> Outcome[StatementDTO]:
    """Remove a statement; the returned copy can be put back with add_statement(restore=…).

    A danger statement a safety goal answers, or a safety goal a bottom line guards, stays:
    removing it would leave the other without its meaning. `expected`: the statement as the
    caller last saw it (undo/redo); when someone else changed it since, ConflictError.
    """
    with uow:
        row = _editable_statement(uow, statement_id)
        _unchanged_since(row, expected)
        others = [r for r in _rows(uow, row.moment_id) if r.id != row.id]
        if row.type == StatementType.DANGER:
            users = [
                r
                for r in others
                if r.type == StatementType.SAFETY_GOAL and r.pairs_with == row.lineage
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
                r
                for r in others
                if r.type == StatementType.BOTTOM_LINE and row.lineage in split_lines(r.guards)
            ]
            if users:
                raise StatementInUse(
                    _(
                        "This safety goal cannot be removed: the bottom line {names} guards it. "
                        "Remove it from that bottom line first."
                    ).format(names=", ".join(_short(r) for r in users))
                )
        dto = _dto(row)
        uow.session.delete(row)
        uow.flush()
        _renumber(uow, row.moment_id, StatementType(row.type))
        _refresh_texts(uow, dto.moment_id, dto.household_id)
        return Outcome(dto, uow.commit())


def _of_type(uow: UnitOfWork, moment_id: int, kind: StatementType) -> list[Statement]:
    return [r for r in _rows(uow, moment_id) if r.type == kind.value]


def _renumber(uow: UnitOfWork, moment_id: int, kind: StatementType) -> None:
    for number, row in enumerate(_of_type(uow, moment_id, kind), 1):
        if row.position != number:
            row.position = number
    uow.flush()


def _make_room(uow: UnitOfWork, moment_id: int, kind: StatementType, position: int) -> None:
    _renumber(uow, moment_id, kind)
    for row in _of_type(uow, moment_id, kind):
        if row.position >= position:
            row.position += 1
    uow.flush()
