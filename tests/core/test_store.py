"""Opening databases: new, current, older, newer, foreign, corrupt and locked files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text

from jeugdtool.errors import DatabaseCorrupt
from jeugdtool.errors import DatabaseLocked
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import NewerSchema
from jeugdtool.errors import NotADatabase
from jeugdtool.errors import WrongPassphrase
from jeugdtool.store import schema
from jeugdtool.store.engine import needs_passphrase_message
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve


def test_new_file_is_created_private_and_at_head(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert db.opened_from is None
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                schema.HEAD
            )
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # 2 = FULL: committed edits survive a power cut, also in WAL mode.
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        db.close()


def test_empty_existing_file_is_initialised_only_when_asked(db_path: Path) -> None:
    """An empty file is refused (tests/core/test_open_faults.py); asked for, it becomes new."""
    db_path.touch()
    db = open_database(db_path, replace_empty=True)
    db.close()
    assert open_database(db_path).opened_from == schema.HEAD


def test_schema_list_matches_alembic_scripts() -> None:
    from jeugdtool.store import migrate

    assert list(schema.REVISIONS) == migrate.script_revisions()


def test_migrations_match_the_models(db) -> None:
    """Autogenerate finds nothing to do: the migrations create exactly what the models say."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import jeugdtool.models

    def laid_here(obj, _name, type_, reflected, _compare_to) -> bool:
        """Not the indexes the model lays on PostgreSQL only (`Index.ddl_if`, migration 0020)."""
        only = getattr(obj, "_ddl_if", None)
        return reflected or type_ != "index" or only is None or only.dialect == "sqlite"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": laid_here})
        diff = compare_metadata(context, jeugdtool.models.Base.metadata)
    assert diff == []


def test_start_up_on_a_current_database_does_not_import_alembic(db_path: Path) -> None:
    open_database(db_path).close()
    code = textwrap.dedent(f"""
        import sys
        from jeugdtool.store.engine import open_database
        open_database({str(db_path)!r}).close()
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _sha(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brief.docx", b"PK\x03\x04" + os.urandom(4092)),  # a real .docx is a ZIP
        ("notes.bin", os.urandom(1000)),  # not whole pages: no database at all
    ],
)
def test_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _sha(path)
    with pytest.raises(NotADatabase) as info:
        open_database(path)
    assert "geen jeugdtool-database" in str(info.value)
    assert _sha(path) == before
    assert not Path(f"{path}-wal").exists()


def test_random_whole_pages_may_be_an_encrypted_database_and_are_left_untouched(
    tmp_path: Path,
) -> None:
    """16 random bytes are how an encrypted database begins: without a passphrase the file
    cannot be told from one, so the message says both, and the file is not touched."""
    path = tmp_path / "unknown.sqlite"
    path.write_bytes(os.urandom(4096))
    before = _sha(path)
    with pytest.raises(NeedsPassphrase) as info:
        open_database(path)
    assert str(info.value) == needs_passphrase_message(resolve(path))
    with pytest.raises(WrongPassphrase):
        open_database(resolve(path).with_passphrase("een lange wachtwoordzin"))
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unknown.sqlite"]


def test_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    before = _sha(path)
    with pytest.raises(NotADatabase):
        open_database(path)
    assert _sha(path) == before


def test_newer_schema_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _sha(db_path)
    with pytest.raises(NewerSchema) as info:
        open_database(db_path)
    assert "nieuwere versie" in str(info.value)
    assert _sha(db_path) == before


def test_corrupt_database_gives_a_clear_message(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt) as info:
        open_database(db_path)
    assert "beschadigd" in str(info.value)


def test_locked_database_gives_a_clear_message(db_path: Path) -> None:
    open_database(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked) as info:
            open_database(db_path)
        assert "vergrendeld" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_older_schema_is_backed_up_then_upgraded(db_path: Path, jeugdtool_home: Path) -> None:
    """Simulates the first real upgrade: a database at an older revision gets a backup copy."""
    from jeugdtool.store import migrate

    open_database(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    migrate.upgrade(engine, resolve(db_path), current=schema.HEAD)  # no-op upgrade, backup made
    engine.dispose()
    backups = list((jeugdtool_home / "data" / "backups").glob("*.sqlite"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == schema.HEAD


def test_location_from_env_and_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEUGDTOOL_DB", str(tmp_path / "env.sqlite"))
    assert resolve().path == tmp_path / "env.sqlite"
    assert resolve(f"sqlite:///{tmp_path}/url.sqlite").path == tmp_path / "url.sqlite"
    pg = resolve("postgresql+psycopg://team:geheim@db.example/jeugd")
    assert pg.path is None
    assert "geheim" not in pg.display
    monkeypatch.delenv("JEUGDTOOL_DB")
    assert resolve().path is not None
    assert resolve().path.name == "jeugdtool.sqlite"


FIXTURE_DBS = Path(__file__).parent / "fixtures" / "db"


@pytest.mark.parametrize("revision", schema.REVISIONS[:-1])
def test_every_released_schema_upgrades_with_its_data(
    revision: str, tmp_path: Path, jeugdtool_home: Path
) -> None:
    """A database made by each earlier release (with the demo households) opens in this one:
    backed up first, upgraded, and every case still there."""
    from jeugdtool.cases import queries
    from jeugdtool.store.uow import UnitOfWork

    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE_DBS / f"schema-{revision}.sqlite", path)
    before = _row_counts(path)
    db = open_database(path)
    try:
        assert db.opened_from == revision
        # Not a row lost: a table copied by the upgrade must not take others with it (cascade).
        after = _row_counts(path)
        assert {t: after[t] for t in before if t != "alembic_version"} == {
            t: n for t, n in before.items() if t != "alembic_version"
        }
        names = {c.name for c in queries.list_case_summaries(UnitOfWork(db, "test"))}
        assert {"Gezin Jansen", "Gezin Öztürk"} <= names
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                schema.HEAD
            )
    finally:
        db.close()
    assert len(list((jeugdtool_home / "data" / "backups").glob("*.sqlite"))) == 1


def _row_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_released_schema() -> None:
    assert {f"schema-{r}.sqlite" for r in schema.REVISIONS[:-1]} <= {
        p.name for p in FIXTURE_DBS.iterdir()
    }
