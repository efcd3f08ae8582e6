"""Services for mapping moments and the items of the map: start, fill, reorder, compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.queries import load_household
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework._common import append_to
from jeugdtool.framework._common import check_person
from jeugdtool.framework._common import copy_row
from jeugdtool.framework._common import editable_moment
from jeugdtool.framework._common import expected_columns
from jeugdtool.framework._common import in_order
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework._common import moment_row
from jeugdtool.framework._common import move_to
from jeugdtool.framework._common import remove_as_seen
from jeugdtool.framework._common import save_checked
from jeugdtool.framework._common import save_fields
from jeugdtool.framework._common import snapshot_of
from jeugdtool.framework._common import source_columns
from jeugdtool.framework._common import source_of
from jeugdtool.framework._common import source_of_columns
from jeugdtool.framework._common import statement_children
from jeugdtool.framework.dto import ItemChange
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import MomentComparison
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.dto import Source
from jeugdtool.framework.dto import StanceDTO
from jeugdtool.framework.models import ItemStance
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import Statement
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

MAX_ITEM_LENGTH = 5000


# ---- reading ----------------------------------------------------------------------------


def _summary(
    uow: UnitOfWork, row: MappingMoment, latest: int | None, count: int | None = None
) -> MomentSummary:
    if count is None:
        count = _item_counts(uow, [row.id]).get(row.id, 0)
    return as_dto(MomentSummary, row, editable=row.id == latest, item_count=count)


def _item_counts(uow: UnitOfWork, moment_ids: Sequence[int]) -> dict[int, int]:
    """Items per moment, in one query (a case may have twenty moments)."""
    if not moment_ids:
        return {}
    rows = uow.session.execute(
        select(MapItem.moment_id, func.count())
        .where(MapItem.moment_id.in_(moment_ids))
        .group_by(MapItem.moment_id)
    )
    return {moment_id: count for moment_id, count in rows}


def _item_dto(row: MapItem, stances: Sequence[ItemStance] = ()) -> MapItemDTO:
    return as_dto(
        MapItemDTO,
        row,
        cell=Cell(row.cell),
        source=source_of(row),
        worry_kind=WorryKind(row.worry_kind) if row.worry_kind else None,
        stances=tuple(StanceDTO(s.id, s.who, Stance(s.stance)) for s in stances),
    )


def _stances(uow: UnitOfWork, item_ids: Sequence[int]) -> dict[int, list[ItemStance]]:
    return children_of(uow.session, ItemStance.item_id, item_ids, ItemStance.id)


def load_moment(uow: UnitOfWork, moment_id: int) -> MomentDetail:
    """Inside an open unit of work: the moment with every cell's items in order."""
    row = get(uow, MappingMoment, moment_id)
    return _detail(uow, _summary(uow, row, latest_moment_id(uow, row.household_id)))


def _detail(uow: UnitOfWork, summary: MomentSummary) -> MomentDetail:
    """Inside an open unit of work: the map of the moment `summary` describes, its items (in
    their order) with their stances in one query: on a team database each query is a round
    trip, and pays the access policies."""
    rows = uow.session.execute(
        select(MapItem, ItemStance)
        .outerjoin(ItemStance, ItemStance.item_id == MapItem.id)
        .where(MapItem.moment_id == summary.id)
        .order_by(MapItem.position, MapItem.id, ItemStance.id)
    )
    items: dict[int, tuple[MapItem, list[ItemStance]]] = {}
    for item, stance in rows:
        _row, stances = items.setdefault(item.id, (item, []))
        if stance is not None:
            stances.append(stance)
    cells: dict[Cell, list[MapItemDTO]] = {cell: [] for cell in Cell}
    for item, stances in items.values():
        cells[Cell(item.cell)].append(_item_dto(item, stances))
    return MomentDetail(moment=summary, cells={cell: tuple(found) for cell, found in cells.items()})


def get_moment(uow: UnitOfWork, moment_id: int) -> MomentDetail:
    with uow:
        return load_moment(uow, moment_id)


def latest_moment(uow: UnitOfWork, household_id: int) -> MomentDetail | None:
    with uow:
        latest = latest_moment_id(uow, household_id)
        return load_moment(uow, latest) if latest is not None else None


def list_moments(uow: UnitOfWork, household_id: int) -> list[MomentSummary]:
    """The case's mapping moments, oldest first."""
    with uow:
        return load_moments(uow, household_id)


def load_moments(uow: UnitOfWork, household_id: int) -> list[MomentSummary]:
    """Inside an open unit of work: the case's mapping moments, oldest first, each with its
    number of items (one query: on a team database each is a round trip, and its policies)."""
    rows = uow.session.execute(
        select(MappingMoment, func.count(MapItem.id))
        .outerjoin(MapItem, MapItem.moment_id == MappingMoment.id)
        .where(MappingMoment.household_id == household_id)
        .group_by(MappingMoment.id)
        .order_by(MappingMoment.held_on, MappingMoment.id)
    ).all()
    # The newest is the last in this order (`latest_moment_id` reads the same order reversed).
    latest = rows[-1][0].id if rows else None
    return [_summary(uow, row, latest, count) for row, count in rows]


class MapView(NamedTuple):
    """What the map page shows: the case's head, its moments (oldest first) and one map."""

    household: HouseholdDTO
    moments: list[MomentSummary]
    #: The moment asked for, or the newest if that one is gone; None: no moment yet.
    moment: MomentDetail | None


def read_map(
    uow: UnitOfWork,
    household_id: int,
    moment_id: int | None = None,
    *,
    head: HouseholdDTO | None = None,
) -> MapView:
    """The case's head, its moments and the map of `moment_id` (None or gone: the newest),
    read in one unit of work: what opening the map needs, in three queries — two when the
    caller has the case's head as read just now (`head`: a case's window reads it first)."""
    with uow:
        # With its case manager, one query.
        household = head if head is not None else load_household(uow, household_id)
        found = load_moments(uow, household_id)
        shown = next((m for m in found if m.id == moment_id), found[-1] if found else None)
        return MapView(household, found, _detail(uow, shown) if shown else None)


# ---- moments ----------------------------------------------------------------------------


def _clean_moment(changes: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "held_on" in changes:
        clean["held_on"] = v.date(
            "held_on", changes["held_on"], label=_("Date"), required=True, not_after=dt.date.today()
        )
    if "present" in changes:
        clean["present"] = tuple(n.strip() for n in changes["present"] if n and n.strip())
    return clean


def start_moment(
    uow: UnitOfWork,
    household_id: int,
    *,
    author: str,
    held_on: dt.date | None = None,
    present: Sequence[str] = (),
) -> Outcome[MomentSummary]:
    """A new mapping moment: a copy of the latest map (items, stances and statements) to work
    on from where the team was; the first moment of a case starts empty."""
    clean = _clean_moment({"held_on": held_on or dt.date.today(), "present": present})
    with uow:
        ensure_open(uow, household_id)
        previous = latest_moment_id(uow, household_id)
        if previous is not None:
            last = uow.session.get(MappingMoment, previous)
            if last is not None and clean["held_on"] < last.held_on:
                raise InvalidInput(
                    Problem(
                        "held_on",
                        _("A new mapping moment cannot lie before the latest one ({date}).").format(
                            date=v.format_date_nl(last.held_on)
                        ),
                    )
                )
        row = MappingMoment(
            household_id=household_id, author=author, copied_from_id=previous, **clean
        )
        uow.session.add(row)
        uow.flush()
        if previous is not None:
            _copy_contents(uow, previous, row.id)
        return committed(uow, lambda: _summary(uow, row, row.id))


def _copy_contents(uow: UnitOfWork, source_id: int, target_id: int) -> None:
    """Copy items (with their stances) and statements, keeping each one's lineage."""
    items = list(uow.session.scalars(select(MapItem).where(MapItem.moment_id == source_id)))
    stances = _stances(uow, [i.id for i in items])
    for item in items:
        copy = copy_row(item, moment_id=target_id)
        uow.session.add(copy)
        uow.flush()
        for stance in stances.get(item.id, ()):
            uow.session.add(copy_row(stance, item_id=copy.id))
    statements = list(
        uow.session.scalars(select(Statement).where(Statement.moment_id == source_id))
    )
    children = statement_children(uow.session, [s.id for s in statements])
    for statement in statements:
        copy = copy_row(statement, moment_id=target_id)
        uow.session.add(copy)
        if children[statement.id]:
            uow.flush()
            for child in children[statement.id]:
                uow.session.add(copy_row(child, statement_id=copy.id))


def update_moment(
    uow: UnitOfWork, moment_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MomentSummary]:
    """Correct the date or who was present (of the newest moment only); the date may not lie
    before the moment before it, or the newest would become an earlier one."""
    clean = _clean_moment(changes)

    def find() -> MappingMoment:
        row = editable_moment(uow, moment_id)
        if "held_on" in clean:
            _check_after_previous(uow, row, clean["held_on"])
        return row

    return save_fields(
        uow,
        find,
        clean,
        expected,
        lambda row: _summary(uow, row, row.id),
    )


def _check_after_previous(uow: UnitOfWork, row: MappingMoment, held_on: dt.date) -> None:
    """Refuse a date before the latest other moment: the corrected one must stay the newest."""
    previous = uow.session.scalar(
        select(func.max(MappingMoment.held_on)).where(
            MappingMoment.household_id == row.household_id, MappingMoment.id != row.id
        )
    )
    if previous is not None and held_on < previous:
        raise InvalidInput(
            Problem(
                "held_on",
                _("A mapping moment cannot lie before the one before it ({date}).").format(
                    date=v.format_date_nl(previous)
                ),
            )
        )


def snapshot_moment(uow: UnitOfWork, moment_id: int) -> Snapshot:
    """Everything of a moment as it is now (what undo of starting it expects to remove)."""
    return snapshot_of(uow, MappingMoment, moment_id)


def remove_moment(
    uow: UnitOfWork, moment_id: int, *, expected: Snapshot | None = None
) -> Outcome[Snapshot]:
    """Remove the newest moment with its items, stances and statements (to undo starting it);
    earlier moments cannot be removed.

    `expected`: the moment with everything in it as the caller left it (`snapshot_moment`);
    when anything in it changed since (an item, a stance, a statement), ConflictError and
    nothing is removed.
    """
    with uow:
        return remove_as_seen(uow, editable_moment(uow, moment_id), expected)


def restore_moment(uow: UnitOfWork, taken: Snapshot) -> Outcome[MomentSummary]:
    """Put a removed moment back with its ids (redo of starting it). Refused when the case has
    another newest moment by now: this one would no longer follow on from the map it copied."""
    with uow:
        household_id = taken.values["household_id"]
        ensure_open(uow, household_id)
        if latest_moment_id(uow, household_id) != taken.values["copied_from_id"]:
            raise conflict_error()
        # An item may name a person who left the case since: that refuses, as a conflict.
        row = snapshot.put_back(uow, taken)
        assert isinstance(row, MappingMoment)
        return committed(uow, lambda: _summary(uow, row, latest_moment_id(uow, household_id)))


# ---- items --------------------------------------------------------------------------------


def _clean_item(
    uow: UnitOfWork, household_id: int, cell: Cell, changes: Mapping[str, Any]
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "text" in changes:
        clean["text"] = v.text(
            "text", changes["text"], label=_("Text"), max_len=MAX_ITEM_LENGTH, required=True
        )
    if "source" in changes:
        clean.update(source_columns(uow, household_id, changes["source"] or Source()))
    if "concerns_person_id" in changes:
        check_person(uow, household_id, changes["concerns_person_id"], "concerns_person_id")
        clean["concerns_person_id"] = changes["concerns_person_id"]
    if "worry_kind" in changes:
        kind = changes["worry_kind"]
        if kind is not None and not cell.is_worry:
            raise InvalidInput(
                Problem("worry_kind", _("Only worries are marked as a problem or a limitation."))
            )
        clean["worry_kind"] = WorryKind(kind).value if kind is not None else None
    return clean


def add_item(
    uow: UnitOfWork, moment_id: int, cell: Cell | str, fields: Mapping[str, Any]
) -> Outcome[MapItemDTO]:
    """Add an item at the end of `cell`."""
    cell = Cell(cell)
    with uow:
        moment = editable_moment(uow, moment_id)
        clean = _clean_item(uow, moment.household_id, cell, {"source": Source(), **fields})
        if "text" not in clean:
            raise InvalidInput(Problem("text", _("{label} is required.").format(label=_("Text"))))
        group = {"moment_id": moment_id, "cell": cell.value}
        row = append_to(uow, MapItem, group, household_id=moment.household_id, **clean)
        return committed(uow, lambda: _item_dto(row))


def update_item(
    uow: UnitOfWork, item_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MapItemDTO]:
    """Change an item's text, who said it, whom it concerns, or problem/limitation."""
    return save_checked(
        uow,
        lambda: moment_row(uow, MapItem, item_id),
        lambda item: _clean_item(uow, item.household_id, Cell(item.cell), changes),
        expected,
        lambda item: _loaded_item(uow, item),
    )


def remove_item(
    uow: UnitOfWork, item_id: int, *, expected: MapItemDTO | None = None
) -> Outcome[Snapshot]:
    """Remove an item with its stances; `restore_item` puts the snapshot back.

    `expected`: the item as the caller last saw it, stances included (undo/redo); when
    someone else changed it since, ConflictError and nothing is removed.
    """
    with uow:
        item = moment_row(uow, MapItem, item_id)
        # Its place shifts when others are added or removed around it; not compared.
        ensure_as_seen(_loaded_item(uow, item), expected, ignore=("position",))
        moment_id, cell = item.moment_id, Cell(item.cell)
        taken = snapshot.remove(uow, item)
        snapshot.close_gap(_cell_items(uow, moment_id, cell))
        return Outcome(taken, uow.commit())


def restore_item(uow: UnitOfWork, taken: Snapshot) -> Outcome[MapItemDTO]:
    """Put a removed item back where it was, with its id, lineage and stances (undo).

    Refused when its moment is no longer the newest, or whom it names left the case.
    """
    values = taken.values
    with uow:
        moment = editable_moment(uow, values["moment_id"])
        source_columns(uow, moment.household_id, source_of_columns(values))
        check_person(uow, moment.household_id, values["concerns_person_id"], "concerns_person_id")
        cell = Cell(values["cell"])
        row = snapshot.put_back_at(uow, taken, lambda: _cell_items(uow, moment.id, cell))
        assert isinstance(row, MapItem)
        return committed(uow, lambda: _loaded_item(uow, row))


def _loaded_item(uow: UnitOfWork, item: MapItem) -> MapItemDTO:
    """The item's DTO with its stances."""
    return _item_dto(item, _stances(uow, [item.id]).get(item.id, ()))


def _cell_items(uow: UnitOfWork, moment_id: int, cell: Cell) -> list[MapItem]:
    return in_order(uow, MapItem, MapItem.moment_id == moment_id, MapItem.cell == cell.value)


def move_item(
    uow: UnitOfWork, item_id: int, cell: Cell | str, position: int, *, expected: Expected = None
) -> Outcome[MapItemDTO]:
    """Put an item at `position` (1 = first) of `cell`, which may be another cell.

    `expected` (undo/redo): where the caller left it, as {"cell", "position", "worry_kind"}.
    """
    target = Cell(cell)
    with uow:
        item = moment_row(uow, MapItem, item_id)
        apply(item, {}, expected=expected_columns(expected))
        source = Cell(item.cell)
        there = _cell_items(uow, item.moment_id, target)
        if source is not target:
            item.cell = target.value
            if not target.is_worry:
                item.worry_kind = None  # only worries are problems or limitations
        move_to(there, item, position)
        uow.flush()
        if source is not target:
            snapshot.close_gap(_cell_items(uow, item.moment_id, source))
            uow.flush()
        return committed(uow, lambda: _loaded_item(uow, item))


def set_stance(
    uow: UnitOfWork,
    item_id: int,
    who: str,
    stance: Stance | str | None,
    *,
    expected: Expected = None,
) -> Outcome[MapItemDTO]:
    """Record that `who` agrees with or disputes a worry (None: no longer says either).

    `expected` (undo/redo): {"stance": what the caller believes `who` says now, None for
    neither}; when someone else recorded otherwise since, ConflictError and nothing changes.
    """
    who = v.text("who", who, label=_("Name"), max_len=200, required=True)
    with uow:
        item = moment_row(uow, MapItem, item_id)
        if not Cell(item.cell).is_worry:
            raise InvalidInput(
                Problem("stance", _("Agreeing or disputing is recorded for worries only."))
            )
        existing = uow.session.scalar(
            select(ItemStance).where(ItemStance.item_id == item.id, ItemStance.who == who)
        )
        if expected is not None:
            now = existing.stance if existing is not None else None
            wanted = expected.get("stance")
            ensure_values({"stance": now}, {"stance": Stance(wanted).value if wanted else None})
        if stance is None:
            if existing is not None:
                uow.session.delete(existing)
        elif existing is None:
            uow.session.add(
                ItemStance(
                    item_id=item.id,
                    household_id=item.household_id,
                    who=who,
                    stance=Stance(stance).value,
                )
            )
        else:
            existing.stance = Stance(stance).value
        return committed(uow, lambda: _loaded_item(uow, item))


# ---- comparing ----------------------------------------------------------------------------


def compare_moments(uow: UnitOfWork, older_id: int, newer_id: int) -> MomentComparison:
    """Item by item (matched by lineage): what was added, removed, changed or moved."""
    with uow:
        older, newer = load_moment(uow, older_id), load_moment(uow, newer_id)
    before = {i.lineage: i for i in older.items()}
    after = {i.lineage: i for i in newer.items()}
    changes: list[ItemChange] = []
    for item in newer.items():
        old = before.get(item.lineage)
        if old is None:
            changes.append(ItemChange("added", None, item))
        elif _content(old) != _content(item):
            changes.append(ItemChange("changed", old, item))
        elif old.cell is not item.cell:
            changes.append(ItemChange("moved", old, item))
        else:
            changes.append(ItemChange("same", old, item))
    changes += [ItemChange("removed", i, None) for i in older.items() if i.lineage not in after]
    return MomentComparison(older=older.moment, newer=newer.moment, changes=tuple(changes))


def _content(item: MapItemDTO) -> tuple[Any, ...]:
    stances = tuple(sorted((s.who, s.stance.value) for s in item.stances))
    return (item.text, item.source.label, item.concerns_person_id, item.worry_kind, stances)
