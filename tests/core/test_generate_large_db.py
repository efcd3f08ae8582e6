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
    names, made = generator._prepared(table, rows, dialect)
    values = list(made)
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


def test_the_generated_file_passes_the_programs_integrity_check(generator, tmp_path) -> None:
    from jeugdtool.store import integrity
    from jeugdtool.store.engine import open_database

    target = tmp_path / "large.sqlite"
    counts = generator.generate(target, 60)
    db = open_database(target)
    try:
        report = integrity.check(db)
    finally:
        db.close()
    assert report.ok, (report.integrity, report.foreign_key_problems)
    assert report.row_counts["journal_entries"] == counts["journal_entries"] > 0
    assert report.row_counts["map_items"] == counts["map_items"] > 0


def test_the_generator_is_the_same_for_a_seed(generator, tmp_path) -> None:
    import sqlite3

    def rows(path):
        conn = sqlite3.connect(path)
        try:
            return {
                name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
                for name in ("households", "journal_entries", "agreements", "zrm_domain_scores")
            }
        finally:
            conn.close()

    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    generator.generate(first, 25)
    generator.generate(second, 25)
    assert rows(first) == rows(second)
    assert rows(first)["journal_entries"]


def test_the_fast_stream_draws_what_random_random_draws() -> None:
    import random

    sys.path.insert(0, str(BENCHMARKS))
    try:
        from fast_random import Rng
    finally:
        sys.path.remove(str(BENCHMARKS))
    plain, fast, meta = random.Random(7), Rng(7), random.Random(1)
    for _ in range(5_000):
        size = meta.randint(1, 70)
        population = list(range(size))
        k = meta.randint(0, size)
        weights = [meta.randint(1, 9) for _ in population]
        low = meta.randint(-5, 50)
        high = low + meta.randint(0, 10 ** meta.randint(0, 6))
        assert fast.randint(low, high) == plain.randint(low, high)
        assert fast.choice(population) == plain.choice(population)
        assert fast.sample(population, k) == plain.sample(population, k)
        assert fast.choices(population, weights) == plain.choices(population, weights)
        assert fast.random() == plain.random()


def test_prepared_leaves_a_column_that_is_the_same_in_every_row_to_the_statement(
    generator,
) -> None:
    import datetime as dt

    from sqlalchemy.dialects import sqlite

    from jeugdtool.cases.models import Person

    rows = [
        {
            "id": n,
            "household_id": 1,
            "position": n,
            "first_name": "Noa",
            "last_name": "O'Neill",
            "role": "child",
            "notes": "",
            "birth_date": dt.date(2015, 1, n),
        }
        for n in (1, 2)
    ]
    stamp = {"version": 1, "created_by": "generator"}
    fixed: dict[str, object] = {}
    names, values = generator._prepared(
        Person.__table__, rows, sqlite.dialect(), stamp, fixed=fixed
    )
    assert names == ["id", "position", "birth_date"]
    assert list(values) == [(1, 1, "2015-01-01"), (2, 2, "2015-01-02")]
    assert fixed["last_name"] == "O'Neill" and fixed["version"] == 1
    assert generator._literal(fixed["last_name"]) == "'O''Neill'"
    assert {"household_id", "first_name", "role", "notes", "created_by"} <= set(fixed)


def test_the_team_database_holds_the_rows_of_the_file(generator, pg_admin, tmp_path) -> None:
    """On PostgreSQL (COPY as the owner, in replica mode when a superuser: the foreign keys not
    checked row by row) the rows are those of the SQLite file of the same seed, and every
    foreign key finds its row."""
    import sqlite3
    import uuid

    from sqlalchemy import create_engine

    name = f"jeugdtool_test_gen_{uuid.uuid4().hex[:12]}"
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    file = tmp_path / "large.sqlite"
    counts = generator.generate(file, 30)
    try:
        assert generator.generate(url, 30) == counts
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                problems = 0
                for fk in conn.exec_driver_sql(
                    "SELECT conrelid::regclass::text, confrelid::regclass::text,"
                    " (SELECT attname FROM pg_attribute WHERE attrelid = conrelid"
                    "  AND attnum = conkey[1]),"
                    " (SELECT attname FROM pg_attribute WHERE attrelid = confrelid"
                    "  AND attnum = confkey[1])"
                    " FROM pg_constraint WHERE contype = 'f' AND cardinality(conkey) = 1"
                ).all():
                    child, parent, column, key = fk
                    problems += conn.exec_driver_sql(
                        f'SELECT count(*) FROM {child} c WHERE c."{column}" IS NOT NULL AND NOT '
                        f'EXISTS (SELECT 1 FROM {parent} p WHERE p."{key}" = c."{column}")'
                    ).scalar_one()
                assert problems == 0
                pg_entries = conn.exec_driver_sql(
                    "SELECT id, household_id, kind, note, corrects_id FROM journal_entries"
                    " ORDER BY id"
                ).all()
                role = conn.exec_driver_sql("SHOW session_replication_role").scalar()
        finally:
            engine.dispose()
        lite = sqlite3.connect(file)
        try:
            file_entries = lite.execute(
                "SELECT id, household_id, kind, note, corrects_id FROM journal_entries ORDER BY id"
            ).fetchall()
        finally:
            lite.close()
        assert [tuple(r) for r in pg_entries] == file_entries and file_entries
        assert role == "origin"
    finally:
        generator._drop_team_database(url)
