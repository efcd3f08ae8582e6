"""The case list searched, sorted and paged in the database (issue 20).

The list never loads every household: it asks for one page at a time of the cases that match
what was typed (every word in the case's stored, folded search key — `cases/search.py` keeps
it), within a scope and a choice of statuses, sorted by one of the case's columns. The results
equal the in-memory filter's (`search.filter_cases`, `queries.scoped`) in the same order as the
list sorted them before: folded text compared character by character, ties by case number. In
team mode the database's access policies limit every query to the cases the person may see.

The query building is pure (`case_filter`, `case_order`); the services open a unit of work.
"""

from __future__ import annotations

import enum
import functools
import weakref
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import Engine
from sqlalchemy import Select
from sqlalchemy import and_
from sqlalchemy import bindparam
from sqlalchemy import case
from sqlalchemy import exists
from sqlalchemy import false
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import true
from sqlalchemy import union

from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Team
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.queries import case_heads
from jeugdtool.cases.queries import starting_scope
from jeugdtool.cases.search import query_words
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold
from jeugdtool.store.uow import UnitOfWork

#: Rows fetched at a time as the list scrolls.
PAGE = 200
#: Rows asked for first, after each keystroke: more than a tall window shows (a view showing
#: more fetches the next page at once). Fewer rows to find, read and build than a whole page;
#: a word found more often than this is counted apart (one more statement).
FIRST_PAGE = 60

# The tables' columns, not the mapped classes': the list's queries are plain SQL (SQLAlchemy
# Core), so the first page is read without the ORM's compiling, and without configuring every
# mapper, which the first ORM query does (MainWindow configures them once the list is painted).
_HOUSEHOLD_TABLE = Household.__table__
_TEAM_TABLE = Team.__table__
_HOUSEHOLDS = _HOUSEHOLD_TABLE.c
_COWORKERS = CaseCoworker.__table__.c
_CONSULTANTS = Consultant.__table__.c


class CaseSort(enum.Enum):
    """The case columns the database sorts by (the plan columns are computed, not stored)."""

    NUMBER = "number"
    NAME = "name"
    MANAGER = "manager"
    STATUS = "status"
    CHANGED = "changed"


#: The statuses in the order the list sorts them.
STATUS_ORDER = (CaseStatus.OPEN, CaseStatus.CLOSED, CaseStatus.ARCHIVED)


@dataclass(frozen=True)
class CaseQuery:
    """Which cases the list shows, and in what order."""

    #: What was typed: every word must occur in the folded key (case number, name, members).
    text: str = ""
    #: Only cases with one of these statuses (None: every status).
    statuses: frozenset[CaseStatus] | None = frozenset({CaseStatus.OPEN})
    scope: CaseScope = CaseScope.ALL
    #: The person working (consultants.id): whose own cases `CaseScope.MINE` means.
    person_id: int | None = None
    #: Their teams: what `CaseScope.TEAM` means.
    team_ids: frozenset[int] = frozenset()
    sort: CaseSort = CaseSort.NUMBER
    descending: bool = False


@dataclass(frozen=True)
class CaseCount:
    """ "n van N casussen": the cases matching the query, and every case the person may see."""

    matching: int
    total: int


# ---- the query, pure ------------------------------------------------------------------------


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def word_clause(word: str, dialect: str) -> ColumnElement[bool]:
    """The case's key contains `word` (folded), as Python's `in` does: SQLite's instr compares
    exactly (its LIKE ignores ASCII case, which folded text does not need); PostgreSQL's LIKE
    is exact and uses the trigram index."""
    return _word_match(_word_value(word, dialect), dialect)


def _word_value(word: str, dialect: str) -> str:
    """What the key is compared with for `word`: the word (SQLite) or a LIKE pattern."""
    return word if dialect == "sqlite" else _like_pattern(word)


def _word_match(value: Any, dialect: str) -> ColumnElement[bool]:
    if dialect == "sqlite":
        return func.instr(_HOUSEHOLDS.search_key, value) > 0
    return _HOUSEHOLDS.search_key.like(value, escape="\\")


def case_filter(query: CaseQuery, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `query`: scope, statuses and every typed word."""
    clauses: list[ColumnElement[bool]] = []
    if query.scope is CaseScope.MINE:
        if query.person_id is None:
            clauses.append(false())
        else:
            # The person's cases looked up by their indexes (manager, co-worker), not each
            # case tested: a handful among 100,000.
            managed = select(_HOUSEHOLDS.id).where(_HOUSEHOLDS.case_manager_id == query.person_id)
            worked_on = select(_COWORKERS.household_id).where(
                _COWORKERS.person_id == query.person_id
            )
            clauses.append(_HOUSEHOLDS.id.in_(union(managed, worked_on)))
    elif query.scope is CaseScope.TEAM:
        if query.team_ids:
            clauses.append(_HOUSEHOLDS.team_id.in_(sorted(query.team_ids)))
        else:
            clauses.append(false())
    if query.statuses is not None:
        clauses.append(_HOUSEHOLDS.status.in_(sorted(s.value for s in query.statuses)))
    clauses += [word_clause(w, dialect) for w in query_words(query.text)]
    return clauses


def manager_ranks(managers: Mapping[int, str]) -> dict[int, int]:
    """Each case manager's place when sorted by folded name (equal names share a place; no
    case manager sorts first, as the empty name did)."""
    names = sorted({fold(name) for name in managers.values()})
    place = {name: n for n, name in enumerate(names, start=1)}
    return {pid: place[fold(name)] for pid, name in managers.items()}


def _binary(column: Any, dialect: str) -> Any:
    """Text compared by code point, as Python compares it (PostgreSQL's default collation
    follows the locale and skips spaces and hyphens)."""
    return column.collate("C") if dialect == "postgresql" else column


def case_order(query: CaseQuery, dialect: str, ranks: Mapping[int, int]) -> list[Any]:
    """The ORDER BY of `query`: its column (ascending or descending), ties by case number
    ascending — what the list's stable sort gave."""
    number = _binary(_HOUSEHOLDS.case_number, dialect)
    if query.sort is CaseSort.NUMBER:
        return [number.desc() if query.descending else number.asc()]
    if query.sort is CaseSort.NAME:
        key: Any = _binary(_HOUSEHOLDS.name_key, dialect)
    elif query.sort is CaseSort.MANAGER:
        key = (
            case(dict(ranks), value=_HOUSEHOLDS.case_manager_id, else_=0)
            if ranks
            else _HOUSEHOLDS.case_manager_id.is_(None)
        )
    elif query.sort is CaseSort.STATUS:
        key = case({s.value: n for n, s in enumerate(STATUS_ORDER)}, value=_HOUSEHOLDS.status)
    else:
        key = _HOUSEHOLDS.last_change_at
    return [key.desc() if query.descending else key.asc(), number.asc()]


def _rows() -> Select[Any]:
    """A list row's columns (`_summaries`), of every case."""
    return case_heads(
        _HOUSEHOLDS.mode,
        _HOUSEHOLDS.last_change_at,
        _HOUSEHOLDS.case_manager_id,
        _HOUSEHOLDS.team_id,
        _TEAM_TABLE.c.name,
        _HOUSEHOLDS.search_key,
    ).outerjoin(_TEAM_TABLE, _TEAM_TABLE.c.id == _HOUSEHOLDS.team_id)


def _rows_query(query: CaseQuery, dialect: str, ranks: Mapping[int, int]) -> Select[Any]:
    return _rows().where(*case_filter(query, dialect)).order_by(*case_order(query, dialect, ranks))


# ---- the services ---------------------------------------------------------------------------


def _dialect(uow: UnitOfWork) -> str:
    return uow.session.get_bind().dialect.name


#: Per engine (one login each): whether team mode's access policies bind it.
_BOUND: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()
#: The cases a login bound by the policies may see, as PostgreSQL reads them by the primary key:
#: the policy on households (`store/team_sql.py`) allows, in a query, exactly `jt_case_ids()`,
#: but as a filter it has PostgreSQL test every household (50 ms at 100,000). The same set named
#: once more in the query leaves the result as it was and lets the index find those cases.
_MAY_SEE = text("households.id = ANY (ARRAY(SELECT jt_case_ids()))")


def _bound_by_policies(uow: UnitOfWork) -> bool:
    """Whether the access policies bind this login: a client of a team database (not its
    owner, a superuser or a role that bypasses row-level security). Asked once per engine."""
    bind = uow.session.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    engine = bind if isinstance(bind, Engine) else bind.engine
    known = _BOUND.get(engine)
    if known is None:
        conn = uow.session.connection()
        laid = conn.scalar(
            text(
                "SELECT to_regproc('jt_case_ids') IS NOT NULL"
                " AND to_regproc('jt_is_owner') IS NOT NULL"
            )
        )
        known = bool(laid) and bool(
            conn.scalar(
                text(
                    "SELECT NOT jt_is_owner() AND NOT r.rolbypassrls AND NOT r.rolsuper"
                    " FROM pg_roles r WHERE r.rolname = session_user"
                )
            )
        )
        _BOUND[engine] = known
    return known


def _narrowed(uow: UnitOfWork) -> list[Any]:
    """What the query adds to find the login's cases by index (nothing where no policy binds)."""
    return [_MAY_SEE] if _bound_by_policies(uow) else []


def _ranks(uow: UnitOfWork, query: CaseQuery) -> dict[int, int]:
    if query.sort is not CaseSort.MANAGER:
        return {}
    return manager_ranks(
        dict(uow.session.execute(select(_CONSULTANTS.id, _CONSULTANTS.name)).all())
    )


#: The co-workers of the cases `ids` (built once: asked with every page).
_CASE_TEAMS = select(_COWORKERS.household_id, _COWORKERS.person_id).where(
    _COWORKERS.household_id.in_(bindparam("ids", expanding=True))
)


def _summaries(uow: UnitOfWork, rows: Sequence[Any]) -> list[CaseSummary]:
    ids = [row[0] for row in rows]
    found: dict[int, set[int]] = defaultdict(set)
    if ids:
        for hid, person in uow.session.execute(_CASE_TEAMS, {"ids": ids}):
            found[hid].add(person)
    statuses, modes = {c.value: c for c in CaseStatus}, {m.value: m for m in CaseMode}
    return [
        CaseSummary(
            id=hid,
            case_number=number,
            name=name,
            case_manager=manager or "",
            status=statuses[status],
            mode=modes[mode],
            last_change_at=changed,
            search_key=key,
            case_manager_id=manager_id,
            team_id=team_id,
            team=team or "",
            coworker_ids=frozenset(found.get(hid, ())),
        )
        for (
            hid,
            number,
            name,
            manager,
            status,
            mode,
            changed,
            manager_id,
            team_id,
            team,
            key,
        ) in rows
    ]


def search_cases(
    uow: UnitOfWork, query: CaseQuery, offset: int = 0, limit: int = PAGE
) -> list[CaseSummary]:
    """The cases matching `query`, in its order, from `offset` on, at most `limit`."""
    with uow:
        ranks = _ranks(uow, query)
        statement = (
            _rows_query(query, _dialect(uow), ranks)
            .where(*_narrowed(uow))
            .offset(max(offset, 0))
            .limit(limit)
        )
        return _summaries(uow, uow.session.execute(statement).all())


def _typed(name: str, n: int) -> str:
    return f"{name}_{n}"


@functools.lru_cache(maxsize=64)
def _prepared(shape: CaseQuery, words: int, dialect: str, narrowed: bool) -> tuple[Any, Any]:
    """The first rows' statement and the count's for every query of `shape` (its text left
    out) with `words` typed words, each word a parameter (`_typed_params`): built once, so a
    keystroke neither builds them nor works out their cache keys again. Not for the sort by
    case manager (its order holds their names)."""
    clauses = case_filter(shape, dialect)
    clauses += [_word_match(bindparam(_typed("word", n)), dialect) for n in range(words)]
    more = [_MAY_SEE] if narrowed else []
    rows = (
        _rows()
        .where(*clauses, *more)
        .order_by(*case_order(shape, dialect, {}))
        .limit(bindparam("first_rows"))
    )
    count = select(func.count()).select_from(_HOUSEHOLD_TABLE).where(*clauses, *more)
    return rows, count


def _typed_params(query: CaseQuery, dialect: str) -> dict[str, Any]:
    """The typed words as `_prepared`'s statements take them."""
    words = query_words(query.text)
    return {_typed("word", n): _word_value(w, dialect) for n, w in enumerate(words)}


def count_and_search(
    uow: UnitOfWork, query: CaseQuery, limit: int = PAGE, total: int | None = None
) -> tuple[CaseCount, list[CaseSummary]]:
    """`count_cases` and the first `limit` of `search_cases` in one unit of work: what the list
    asks after a keystroke, with one transaction's round trips to a server instead of two. The
    page is read first: when it is not full it holds every match, and the count need not look
    for them again (a rare word at 100,000 cases: one pass over the index instead of two).
    `total`: every case the person may see, when the caller knows it (what is typed does not
    change it): not counted again."""
    with uow:
        dialect = _dialect(uow)
        if query.sort is CaseSort.MANAGER or (dialect != "sqlite" and total is None):
            return _count_and_search(uow, query, limit, total)
        params = _typed_params(query, dialect)
        page, counted = _prepared(
            replace(query, text=""), len(params), dialect, _bound_by_policies(uow)
        )
        rows: Sequence[Any] = []
        if limit > 0:
            rows = uow.session.execute(page, params | {"first_rows": limit}).all()
        matching = len(rows)
        if matching >= limit:  # a full page: more may match
            matching = uow.session.scalar(counted, params) or 0
        if total is None:
            total = _total(uow)
        return CaseCount(matching=matching, total=total), _summaries(uow, rows)


def _count_and_search(
    uow: UnitOfWork, query: CaseQuery, limit: int, total: int | None
) -> tuple[CaseCount, list[CaseSummary]]:
    rows: Sequence[Any] = []
    if limit > 0:
        ranks = _ranks(uow, query)
        statement = _rows_query(query, _dialect(uow), ranks).where(*_narrowed(uow))
        rows = uow.session.execute(statement.limit(limit)).all()
    if len(rows) < limit:
        count = CaseCount(matching=len(rows), total=_total(uow) if total is None else total)
    else:
        count = _count(uow, query, total)
    return count, _summaries(uow, rows)


def _total(uow: UnitOfWork) -> int:
    """Every case the person may see."""
    statement = select(func.count()).select_from(_HOUSEHOLD_TABLE).where(*_narrowed(uow))
    return uow.session.scalar(statement) or 0


def count_cases(uow: UnitOfWork, query: CaseQuery) -> CaseCount:
    """How many cases match `query`, and how many the person may see at all."""
    with uow:
        return _count(uow, query)


def _count(uow: UnitOfWork, query: CaseQuery, known_total: int | None = None) -> CaseCount:
    dialect = _dialect(uow)
    clauses = case_filter(query, dialect)
    if dialect == "sqlite":  # each from its own index
        matching = uow.session.scalar(
            select(func.count()).select_from(_HOUSEHOLD_TABLE).where(*clauses)
        )
        total = known_total
        if total is None:
            total = uow.session.scalar(select(func.count()).select_from(_HOUSEHOLD_TABLE))
    else:  # one pass over the cases the login may see (the policies are paid once)
        matching, total = uow.session.execute(
            select(
                func.count().filter(and_(true(), *clauses)),
                func.count(),
            )
            .select_from(_HOUSEHOLD_TABLE)
            .where(*_narrowed(uow))
        ).one()
    return CaseCount(matching=matching or 0, total=total or 0)


def case_position(uow: UnitOfWork, query: CaseQuery, case_id: int) -> int | None:
    """Where the case stands in `query`'s results (0-based), or None when it does not match:
    the list fetches up to it to keep it selected."""
    with uow:
        dialect = _dialect(uow)
        matches = select(_HOUSEHOLDS.id).where(
            _HOUSEHOLDS.id == case_id, *case_filter(query, dialect), *_narrowed(uow)
        )
        if uow.session.scalar(matches) is None:  # by its key: not numbering every match
            return None
        ranks = _ranks(uow, query)
        numbered = (
            select(
                _HOUSEHOLDS.id.label("case_id"),
                func.row_number().over(order_by=case_order(query, dialect, ranks)).label("n"),
            )
            .where(*case_filter(query, dialect), *_narrowed(uow))
            .subquery()
        )
        found = uow.session.scalar(select(numbered.c.n).where(numbered.c.case_id == case_id))
        return None if found is None else int(found) - 1


def has_own_cases(uow: UnitOfWork, person_id: int | None) -> bool:
    """Whether the person is case manager or co-worker of any case they may see."""
    if person_id is None:
        return False
    with uow:
        mine = case_filter(CaseQuery(scope=CaseScope.MINE, person_id=person_id, statuses=None), "")
        return bool(uow.session.scalar(select(exists().where(and_(*mine)))))


def first_scope(uow: UnitOfWork, person_id: int | None, oversees: bool) -> CaseScope:
    """The scope a person starts with (`queries.first_scope`, asked of the database): their own
    cases; a reviewer or team leader without own cases starts with their teams'."""
    return starting_scope(not oversees or has_own_cases(uow, person_id), oversees)


# ---- for the list page ----------------------------------------------------------------------


def case_summary(uow: UnitOfWork, case_id: int) -> CaseSummary | None:
    """The case's list row, or None when it is not there — or, in team mode, when the person
    may not see it (the access policies answer: "may I see this case, and its row")."""
    return case_summaries(uow, [case_id]).get(case_id)


def case_summaries(uow: UnitOfWork, case_ids: Collection[int]) -> dict[int, CaseSummary]:
    """The list rows of those of `case_ids` that are there and the person may see (one query
    by their keys): what the list reads again after a change to a few cases it shows."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return {}
    with uow:
        statement = _rows_query(CaseQuery(statuses=None), _dialect(uow), {}).where(
            _HOUSEHOLDS.id.in_(wanted)
        )
        return {c.id: c for c in _summaries(uow, uow.session.execute(statement).all())}


#: What a list row shows without it deciding whether the case matches or where it sorts: its
#: mode and team name (the tool tip) and, unless the list sorts by it, its last change.
_SHOWN_ONLY = ("mode", "team", "last_change_at")


def place_may_change(before: CaseSummary, after: CaseSummary | None, query: CaseQuery) -> bool:
    """Whether a change that made `before` into `after` (None: gone, or no longer to be seen)
    may move the case in `query`'s results, or in or out of them: then the list asks again;
    else it only shows the case's new row where it is."""
    if after is None or after.id != before.id:
        return True
    shown_only = [
        f for f in _SHOWN_ONLY if f != "last_change_at" or query.sort is not CaseSort.CHANGED
    ]
    return replace(after, **{f: getattr(before, f) for f in shown_only}) != before


def visible_cases(uow: UnitOfWork, case_ids: Collection[int]) -> frozenset[int]:
    """Which of `case_ids` are there and the person may see (one query): the open case tabs
    that stay after the list reloads."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return frozenset()
    with uow:
        found = uow.session.scalars(select(_HOUSEHOLDS.id).where(_HOUSEHOLDS.id.in_(wanted)))
        return frozenset(found)
