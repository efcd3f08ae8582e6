"""Colleagues working at the same moment on one database, and text a server refuses.

On SQLite one action runs at a time (BEGIN IMMEDIATE); PostgreSQL runs them side by side, so a
check ("this number is free") and the write that relies on it must hold a lock in between.
Each test runs on both backends.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import InvalidInput
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends


def _at_once(db, workers: int, work: Callable[[UnitOfWork, int], None]) -> list[BaseException]:
    """Run `work(uow, n)` in `workers` threads, each with its own unit of work, started together;
    returns the unexpected exceptions."""
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        uow = UnitOfWork(db, f"consultant {n}")
        start.wait()
        try:
            work(uow, n)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_cases_created_at_the_same_moment_get_distinct_numbers(db) -> None:
    def create(uow: UnitOfWork, n: int) -> None:
        for i in range(5):
            households.create_case(uow, name=f"Gezin {n}-{i}", opened_on=dt.date(2026, 1, 5))

    assert _at_once(db, 4, create) == []
    numbers = [c.case_number for c in queries.list_case_summaries(UnitOfWork(db, "x"))]
    assert numbers == [f"2026-{i:04d}" for i in range(1, 21)]


def test_the_same_chosen_case_number_twice_at_once_is_refused_clearly(db) -> None:
    refused: list[InvalidInput] = []

    def create(uow: UnitOfWork, n: int) -> None:
        try:
            households.create_case(uow, name=f"Gezin {n}", case_number="2026-0500")
        except InvalidInput as exc:
            refused.append(exc)

    assert _at_once(db, 4, create) == []
    assert len(refused) == 3
    assert refused[0].for_field("case_number")
    assert len(queries.list_case_summaries(UnitOfWork(db, "x"))) == 1


def test_a_consultant_added_twice_at_once_exists_once(db) -> None:
    refused: list[InvalidInput] = []

    def add(uow: UnitOfWork, n: int) -> None:
        try:
            consultants.add_consultant(uow, "M. Kaya" if n % 2 else "m. kaya")
        except InvalidInput as exc:
            refused.append(exc)

    assert _at_once(db, 4, add) == []
    assert len(refused) == 3
    listed = consultants.list_consultants(UnitOfWork(db, "x"))
    assert [c.name.casefold() for c in listed] == ["m. kaya"]


def test_invisible_nul_characters_are_dropped_from_text(uow, case) -> None:
    """Pasted text can hold NUL characters; PostgreSQL refuses them in any text column."""
    noa = members.add_person(uow, case.id, {"first_name": "No\x00a", "notes": "a\x00b"}).value
    assert (noa.first_name, noa.notes) == ("Noa", "ab")
    renamed = households.update_case(uow, case.id, {"name": "Gezin\x00 Jansen"}).value
    assert renamed.name == "Gezin Jansen"
