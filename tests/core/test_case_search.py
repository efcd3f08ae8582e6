"""The case list searched, sorted and paged in the database (issue 20): the same cases in the same
order as the in-memory filter over every case (`search.filter_cases`, `queries.scoped`, the
list's sort), on the demo households and on generated ones with accents, ligatures and look-alike
names; the stored keys follow every change of what they fold.

Runs on SQLite, and on PostgreSQL too when the test server is there (`both_backends`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.case_search import PAGE
from jeugdtool.cases.case_search import STATUS_ORDER
from jeugdtool.cases.case_search import CaseQuery
from jeugdtool.cases.case_search import CaseSort
from jeugdtool.cases.case_search import case_position
from jeugdtool.cases.case_search import count_and_search
from jeugdtool.cases.case_search import count_cases
from jeugdtool.cases.case_search import first_scope
from jeugdtool.cases.case_search import manager_ranks
from jeugdtool.cases.case_search import search_cases
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.models import Team
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.search import filter_cases
from jeugdtool.cases.search import search_key
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.demo import load_demo
from jeugdtool.folding import fold
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends

#: The list's sort, as it was in memory (ui/case_list_model.py): the specification.
SORT_KEYS: dict[CaseSort, Callable[[CaseSummary], Any]] = {
    CaseSort.NUMBER: lambda c: c.case_number,
    CaseSort.NAME: lambda c: fold(c.name),
    CaseSort.MANAGER: lambda c: fold(c.case_manager),
    CaseSort.STATUS: lambda c: STATUS_ORDER.index(c.status),
    CaseSort.CHANGED: lambda c: c.last_change_at,
}

STATUS_CHOICES: tuple[frozenset[CaseStatus] | None, ...] = (
    frozenset({CaseStatus.OPEN}),
    frozenset({CaseStatus.CLOSED, CaseStatus.ARCHIVED}),
    None,
)


def in_memory(cases: list[CaseSummary], query: CaseQuery) -> list[CaseSummary]:
    ordered = sorted(cases, key=lambda c: c.case_number)
    ordered.sort(key=SORT_KEYS[query.sort], reverse=query.descending)
    if query.scope is not CaseScope.ALL:
        ordered = queries.scoped(ordered, query.scope, query.person_id, query.team_ids)
    return filter_cases(ordered, query.text, query.statuses)


def every_page(uow: UnitOfWork, query: CaseQuery, size: int = PAGE) -> list[CaseSummary]:
    out: list[CaseSummary] = []
    while True:
        page = search_cases(uow, query, offset=len(out), limit=size)
        out += page
        if len(page) < size:
            return out


def assert_same(uow: UnitOfWork, query: CaseQuery, cases: list[CaseSummary], size: int) -> int:
    """The database's pages equal the in-memory list; how many cases matched."""
    want = in_memory(cases, query)
    got = every_page(uow, query, size)
    assert [c.case_number for c in got] == [c.case_number for c in want], query
    assert got == want, query
    count = count_cases(uow, query)
    assert (count.matching, count.total) == (len(want), len(cases))
    return len(want)


# ---- the demo households ----------------------------------------------------------------------


@pytest.fixture
def demo(uow: UnitOfWork) -> UnitOfWork:
    load_demo(uow)
    return uow


def _words_of(cases: list[CaseSummary]) -> list[str]:
    """What a consultant would type: words and pieces of the names, accents on or off."""
    words = {"", "gezin", "GEZIN", "oz", "öz", "2026-000", "jan sen", "zzz", "%", "_", "\\"}
    for c in cases:
        for word in (c.name + " " + c.search_key).split():
            words |= {word, word[:3], word[1:], word.upper()}
    return sorted(words)


def test_the_demo_search_equals_the_in_memory_filter(demo: UnitOfWork) -> None:
    cases = queries.list_case_summaries(demo)
    assert len(cases) >= 6 and any(c.name != fold(c.name) for c in cases)
    words = _words_of(cases)
    found = [
        assert_same(demo, CaseQuery(text=text, statuses=statuses), cases, PAGE)
        for text, statuses in zip(words, itertools.cycle(STATUS_CHOICES), strict=False)
    ]
    assert len(words) > 50 and sum(0 < n < len(cases) for n in found) > 20


def test_the_demo_sorted_on_each_column_in_pages_of_two(demo: UnitOfWork) -> None:
    cases = queries.list_case_summaries(demo)
    for sort, descending in itertools.product(CaseSort, (False, True)):
        for text in ("", "gezin", "e"):
            query = CaseQuery(text=text, statuses=None, sort=sort, descending=descending)
            assert_same(demo, query, cases, 2)


def test_the_keys_follow_every_change(case, uow: UnitOfWork) -> None:
    def found(text: str) -> list[str]:
        return [c.case_number for c in search_cases(uow, CaseQuery(text=text, statuses=None))]

    number = case.case_number
    assert found("jansen") == [number]
    households.update_case(uow, case.id, {"name": "Gezin Öztürk"})
    assert found("jansen") == [] and found("ozturk") == [number] and found("ÖZTÜRK") == [number]
    aicha = members.add_person(uow, case.id, {"first_name": "Aïcha", "role": "child"}).value
    assert found("aicha ozturk") == [number]
    members.update_person(uow, aicha.id, {"first_name": "Łucja"})
    assert found("aicha") == [] and found("lucja") == [number]
    members.remove_person(uow, aicha.id)
    assert found("lucja") == []
    households.update_case(uow, case.id, {"case_number": "2026-0999"})
    assert found("0999") == ["2026-0999"] and found(number) == []
    with uow:
        row = uow.session.get(Household, case.id)
        assert (row.search_key, row.name_key) == (
            search_key("2026-0999", "Gezin Öztürk", []),
            "gezin ozturk",
        )


def _statements(uow: UnitOfWork, action: Callable[[], Any]) -> list[str]:
    sent: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(" ".join(statement.split()))

    engine = uow.database.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return sent


def _stored_keys(uow: UnitOfWork, case_id: int) -> tuple[str, str]:
    with uow:
        row = uow.session.get(Household, case_id)
        return row.search_key, row.name_key


def test_a_new_name_writes_its_keys_in_the_same_update(case, uow: UnitOfWork) -> None:
    members.add_person(uow, case.id, {"first_name": "Aïcha", "last_name": "Öz", "role": "child"})
    members.add_person(uow, case.id, {"first_name": "Bo", "role": "parent"})
    sent = _statements(uow, lambda: households.update_case(uow, case.id, {"name": "Gezin Çelik"}))
    keys = [s for s in sent if "search_key" in s and not s.upper().startswith("SELECT")]
    assert len(keys) == 1 and keys[0].startswith("UPDATE households SET name=")
    assert "name_key" in keys[0] and not any("FROM households" in s for s in sent[-3:])
    want = (search_key(case.case_number, "Gezin Çelik", ["Aïcha Öz", "Bo "]), "gezin celik")
    assert _stored_keys(uow, case.id) == want
    households.update_case(uow, case.id, {"case_number": "2026-0777"})
    assert _stored_keys(uow, case.id)[0] == search_key(
        "2026-0777", "Gezin Çelik", ["Aïcha Öz", "Bo "]
    )


def test_keys_from_loaded_members_and_with_a_member_in_the_same_flush(
    case, uow: UnitOfWork
) -> None:
    members.add_person(uow, case.id, {"first_name": "Aïcha", "role": "child"})
    members.add_person(uow, case.id, {"first_name": "Bo", "role": "parent"})
    with_members = select(Household).options(selectinload(Household.persons))
    with uow:  # the members loaded: nothing read for the keys
        row = uow.session.scalars(with_members.where(Household.id == case.id)).one()
        row.name = "Gezin Ærø"
        sent = _statements(uow, uow.session.flush)
        assert not any("FROM persons" in s for s in sent)
        uow.commit()
    assert _stored_keys(uow, case.id) == (
        search_key(case.case_number, "Gezin Ærø", ["Aïcha ", "Bo "]),
        "gezin aero",
    )
    with uow:  # a member renamed in the same flush: the keys are read after it
        row = uow.session.scalars(with_members.where(Household.id == case.id)).one()
        row.name = "Gezin Ŀ"
        row.persons[0].first_name = "Zoë"
        uow.commit()
    assert _stored_keys(uow, case.id) == (
        search_key(case.case_number, "Gezin Ŀ", ["Zoë ", "Bo "]),
        fold("Gezin Ŀ"),
    )


def test_the_position_of_a_case_and_the_first_scope(demo: UnitOfWork) -> None:
    cases = queries.list_case_summaries(demo)
    query = CaseQuery(statuses=None, sort=CaseSort.NAME, descending=True)
    want = in_memory(cases, query)
    assert [case_position(demo, query, c.id) for c in want] == list(range(len(want)))
    closed_only = CaseQuery(statuses=frozenset({CaseStatus.CLOSED}))
    open_case = next(c for c in cases if c.status is CaseStatus.OPEN)
    assert case_position(demo, closed_only, open_case.id) is None
    manager = next(c.case_manager_id for c in cases if c.case_manager_id is not None)
    assert first_scope(demo, manager, True) is CaseScope.MINE
    assert first_scope(demo, None, True) is CaseScope.TEAM
    assert first_scope(demo, None, False) is CaseScope.MINE


def test_managers_with_the_same_folded_name_share_a_place() -> None:
    ranks = manager_ranks({1: "Özdemir", 2: "Ozdemir", 3: "Bakker", 4: "de Vries"})
    assert ranks[1] == ranks[2] and ranks[3] < ranks[4] < ranks[1]


# ---- generated households -------------------------------------------------------------------

FIRST = [
    "Aïcha",
    "Łukasz",
    "Zoë",
    "Jürgen",
    "Søren",
    "İlker",
    "Ǆemal",
    "ﬁona",
    "Noa",
    "Daan",
    "Émile",
]
LAST = [
    "Öztürk",
    "Ozturk",
    "de Vries",
    "Wiśniewski",
    "Çelik",
    "Straße",
    "Strasse",
    "Jansen",
    "Ærø",
    "N'Diaye",
]
MANAGERS = ["Özdemir", "Ozdemir", "A. de Boer", "Bakker", "Ænne", "van den Berg"]


def _generate(uow: UnitOfWork, seed: int, count: int) -> None:
    """`count` households in one transaction, through the ORM (the keys kept by the flush)."""
    rng = random.Random(seed)
    with uow:
        s = uow.session
        managers = [Consultant(name=name) for name in MANAGERS]
        teams = [Team(name=f"Team {n}") for n in range(3)]
        s.add_all(managers + teams)
        s.flush()
        day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        for n in range(count):
            last = rng.choice(LAST)
            row = Household(
                case_number=f"{rng.choice([2019, 2024, 2026])}-{n:05d}",
                name=rng.choice(["Gezin ", "Familie ", ""]) + last,
                mode=rng.choice(["safety", "wellbeing"]),
                status=rng.choice([s.value for s in CaseStatus]),
                opened_on=day.date(),
                case_manager_id=rng.choice([None, *[m.id for m in managers]]),
                team_id=rng.choice([None, *[t.id for t in teams]]),
            )
            s.add(row)
            s.flush()
            for position in range(rng.randint(0, 4)):
                s.add(
                    Person(
                        household_id=row.id,
                        position=position + 1,
                        first_name=rng.choice(FIRST),
                        last_name=rng.choice([last, rng.choice(LAST)]),
                        role="child",
                    )
                )
            if rng.random() < 0.2:
                s.add(CaseCoworker(household_id=row.id, person_id=rng.choice(managers).id))
        uow.commit()
    # Spread the last change over time (ties too): CHANGED sorts by it.
    with uow:
        for row in uow.session.scalars(select(Household)):
            row.last_change_at = day + dt.timedelta(hours=rng.randint(0, 50))
        uow.commit()


def _typed(rng: random.Random, cases: list[CaseSummary]) -> str:
    """A piece of a real name or number, in random case, accents kept or dropped."""
    case = rng.choice(cases)
    people = case.name + " " + case.case_number
    start = rng.randrange(len(people))
    piece = people[start : start + rng.randint(1, 6)]
    piece = "".join(ch.upper() if rng.random() < 0.3 else ch for ch in piece)
    if rng.random() < 0.5:
        piece = fold(piece)
    return " ".join([piece, *(rng.choice(FIRST)[:3] for _ in range(rng.randint(0, 1)))])


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_households_search_sort_and_page_as_in_memory(uow: UnitOfWork, seed: int) -> None:
    _generate(uow, seed, 150)
    cases = queries.list_case_summaries(uow)
    with uow:
        people = {c.id: c.name for c in uow.session.scalars(select(Consultant))}
        teams = [t.id for t in uow.session.scalars(select(Team))]
    rng = random.Random(seed)
    scopes = [
        (CaseScope.ALL, None, frozenset()),
        *((CaseScope.MINE, pid, frozenset()) for pid in people),
        (CaseScope.TEAM, None, frozenset(teams[:2])),
        (CaseScope.TEAM, None, frozenset()),
    ]
    some = 0  # queries that found some cases but not all: the comparison is not all-or-none
    for sort, descending in itertools.product(CaseSort, (False, True)):
        for _ in range(6):
            scope, person, team_ids = rng.choice(scopes)
            query = CaseQuery(
                text=rng.choice(["", _typed(rng, cases)]),
                statuses=rng.choice(STATUS_CHOICES),
                scope=scope,
                person_id=person,
                team_ids=team_ids,
                sort=sort,
                descending=descending,
            )
            found = assert_same(uow, query, cases, rng.choice([7, PAGE]))
            some += 0 < found < len(cases)
    assert some >= 20


def test_count_and_first_page_at_once_equal_the_two_services(uow: UnitOfWork) -> None:
    """What the list asks after a keystroke, in one unit of work: the same count and page."""
    _generate(uow, 3, 60)
    cases = queries.list_case_summaries(uow)
    rng = random.Random(3)
    for n in range(12):
        query = CaseQuery(
            text=["", _typed(rng, cases), "zzz"][n % 3],
            statuses=STATUS_CHOICES[n % len(STATUS_CHOICES)],
            sort=list(CaseSort)[n % len(CaseSort)],
            descending=n % 2 == 1,
        )
        limit = [5, PAGE, 0][n % 3]
        count, page = count_and_search(uow, query, limit)
        assert count == count_cases(uow, query)
        assert page == search_cases(uow, query, 0, limit) == in_memory(cases, query)[:limit]


# ---- what a change to a case shown may do to the list ---------------------------------------


def _summary(**fields: Any) -> CaseSummary:
    from jeugdtool.cases.vocab import CaseMode
    from jeugdtool.cases.vocab import CaseStatus

    base: dict[str, Any] = {
        "id": 7,
        "case_number": "2026-0007",
        "name": "Gezin Öztürk",
        "case_manager": "A. de Boer",
        "status": CaseStatus.OPEN,
        "mode": next(iter(CaseMode)),
        "last_change_at": dt.datetime(2026, 3, 1, 9, 0),
        "search_key": "2026-0007 gezin ozturk",
        "case_manager_id": 1,
    }
    return CaseSummary(**{**base, **fields})


def test_a_change_moves_a_case_only_through_what_the_list_searches_and_sorts_by() -> None:
    from jeugdtool.cases.case_search import place_may_change
    from jeugdtool.cases.vocab import CaseStatus

    before = _summary()
    later = dt.datetime(2026, 3, 2, 9, 0)
    by_number, by_change = CaseQuery(), CaseQuery(sort=CaseSort.CHANGED)
    # Shown only: its last change (unless sorted by it), its team's name, its mode.
    assert not place_may_change(before, _summary(last_change_at=later, team="Noord"), by_number)
    assert place_may_change(before, _summary(last_change_at=later), by_change)
    for moved in (
        {"name": "Gezin Aydın"},
        {"search_key": "2026-0007 gezin ozturk ayse"},
        {"status": CaseStatus.CLOSED},
        {"case_manager_id": 2},
        {"case_manager": "Z. Zwart"},
        {"coworker_ids": frozenset({3})},
        {"team_id": 4},
        {"case_number": "2026-0008"},
    ):
        assert place_may_change(before, _summary(**moved), by_number), moved
    assert place_may_change(before, None, by_number)  # gone, or no longer to be seen
