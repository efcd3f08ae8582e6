"""The large benchmark database's generator (benchmarks/generate_large_db.py) writes what the
program's own inserts would: its bulk path (`_prepared`: the rows read once each, each distinct
value converted once by the column type's bind processor, the models' defaults added) reads back
through the ORM as the rows it was given."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def generator():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import generate_large_db

        yield generate_large_db
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_the_generated_file_reads_back_as_generated(generator, tmp_path) -> None:
    from jeugdtool.cases.models import Household
    from jeugdtool.cases.models import NetworkMember
    from jeugdtool.cases.models import Person
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    target = tmp_path / "large.sqlite"
    counts = generator.generate(target, 40)
    db = open_database(target)
    try:
        uow = UnitOfWork(db, "test")
        with uow:
            session = uow.session
            for model, key in (
                (Household, "households"),
                (Person, "persons"),
                (NetworkMember, "network_members"),
            ):
                assert session.scalar(select(func.count()).select_from(model)) == counts[key]
            first = session.get(Household, 1)
            assert first is not None
            assert first.case_number.endswith("-00001") and first.opened_on.year >= 2007
            assert first.created_by == "generator" and first.version == 1
            assert first.last_change_at is not None and first.search_key
            people = session.scalars(select(Person).where(Person.household_id == 1)).all()
            assert people and all(p.birth_date is not None for p in people)
            flags = set(session.scalars(select(NetworkMember.safety_network)))
            assert flags <= {True, False} and flags
    finally:
        db.close()


def test_prepared_converts_each_value_as_the_column_type_does(generator) -> None:
    import datetime as dt

    from sqlalchemy.dialects import sqlite

    from jeugdtool.cases.models import Person

    table = Person.__table__
    rows = [
        {
            "id": n,
            "household_id": 1,
            "position": n,
            "first_name": "Noa",
            "last_name": "Bos",
            "role": "child",
            "notes": "",
            "birth_date": dt.date(2015, 1, n),
        }
        for n in (1, 2, 1)
    ]
    dialect = sqlite.dialect()
    names, values = generator._prepared(table, rows, dialect)
    assert names[:8] == [
        "id",
        "household_id",
        "position",
        "first_name",
        "last_name",
        "role",
        "notes",
        "birth_date",
    ]
    process = table.c.birth_date.type._cached_bind_processor(dialect)
    expected = [process(r["birth_date"]) if process else r["birth_date"] for r in rows]
    assert [v[7] for v in values] == expected
    assert len(values) == 3 and all(len(v) == len(names) for v in values)
