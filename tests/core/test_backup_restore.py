"""`jeugdtool backup` and `jeugdtool restore`, and the automatic copies: what a user relies on."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import paths
from jeugdtool.cli import main
from jeugdtool.export.casefile import export_case
from jeugdtool.export.demo import load_demo
from jeugdtool.i18n import _
from jeugdtool.store import backup
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

FIXTURES = Path(__file__).parent / "fixtures" / "db"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _case_files(path: Path) -> dict[str, dict[str, Any]]:
    """Every case of the database `path` as its case file, by case number."""
    from jeugdtool.cases.queries import list_case_summaries

    database = open_database(path, create=False)
    try:
        uow = UnitOfWork(database, "test")
        files = {s.case_number: export_case(uow, s.id) for s in list_case_summaries(uow)}
    finally:
        database.close()
    for doc in files.values():
        del doc["exported_at"]  # when it was exported, not what the case holds
    return files


def _cases(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM households").fetchone()[0])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def demo(db, uow: UnitOfWork, db_path: Path) -> Path:
    """The demo households in an SQLite file that stays open (as in a running jeugdtool)."""
    load_demo(uow)
    return db_path


@pytest.fixture
def copy(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "copy.sqlite"
    assert _run(capsys, "--db", str(demo), "backup", "--out", str(out))[0] == 0
    return out


# ---------------------------------------------------------------- backup -> restore


def test_backup_then_restore_gives_identical_case_files_for_every_demo_case(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, restored = tmp_path / "copy.sqlite", tmp_path / "restored" / "cases.sqlite"
    restored.parent.mkdir()
    code, said, _err = _run(capsys, "--db", str(demo), "backup", "--out", str(out))
    assert code == 0
    assert str(out) in said and "6" in said
    code, said, err = _run(capsys, "--db", str(restored), "restore", str(out))
    assert (code, err) == (0, "")
    original, back = _case_files(demo), _case_files(restored)
    assert len(original) == 6
    assert back == original
    assert _mode(out) == 0o600 and _mode(restored) == 0o600


def test_the_backup_is_one_complete_file_and_never_overwrites(
    copy: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [p.name for p in copy.parent.glob("copy.sqlite*")] == ["copy.sqlite"]  # no -wal
    before = copy.read_bytes()
    code, _out, err = _run(capsys, "--db", str(demo), "backup", "--out", str(copy))
    assert code == 1
    assert err.strip() == _(
        "There is already a file {path}. Choose another name for the backup (jeugdtool "
        "never writes over a file), or remove the old one first."
    ).format(path=copy)
    assert copy.read_bytes() == before


def test_a_backup_that_does_not_fit_leaves_nothing(
    demo: Path, small_disk: Path, fill_disk, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_disk(small_disk)
    out = small_disk / "copy.sqlite"
    code, _out, err = _run(capsys, "--db", str(demo), "backup", "--out", str(out))
    assert code == 1
    assert _("the disk is full") in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]


def test_a_team_database_is_backed_up_with_pg_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://consultant@db.example.org/jeugd"
    out = tmp_path / "copy.sqlite"
    for argv in (("backup", "--out", str(out)), ("restore", str(out))):
        code, _out, err = _run(capsys, "--db", url, *argv)
        assert code == 1
        assert "pg_dump" in err and "docs/team-mode.md" in err
    assert not out.exists()


def test_restore_shows_what_the_backup_holds(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    info = backup.describe(copy)
    assert info.cases == 6 and not info.older_schema
    assert info.newest_change is not None
    assert abs(info.newest_change - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    code, out, _err = _run(capsys, "--db", str(tmp_path / "new.sqlite"), "restore", str(copy))
    assert code == 0
    assert out.splitlines()[0].startswith(
        _("The backup {path} holds {holds}.").format(path=copy, holds="6")[:-3]
    )


def test_an_older_schema_is_restored_and_upgraded_when_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema-0001.sqlite", old)
    target = tmp_path / "new.sqlite"
    code, out, _err = _run(capsys, "--db", str(target), "restore", str(old))
    assert code == 0
    assert "0001" in out
    database = open_database(target, create=False)
    try:
        assert database.opened_from == "0001"
    finally:
        database.close()


def test_restore_into_an_empty_file(copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "empty.sqlite"
    target.touch()
    done = backup.restore(copy, target)
    assert done.previous is None
    assert _cases(target) == 6


# ---------------------------------------------------------------- refusals


def _refused(capsys, target: Path, source: Path, *extra: str) -> str:
    code, _out, err = _run(capsys, "--db", str(target), "restore", str(source), *extra)
    assert code == 1
    return err.strip()


def test_a_file_that_is_no_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Gesprek met moeder, 3 maart\n" * 100)
    target = tmp_path / "new.sqlite"
    assert _refused(capsys, target, notes) == _(
        "{path} is not a jeugdtool database (not even a database file). Give the path "
        "of a backup made by jeugdtool. Nothing was changed."
    ).format(path=notes)
    assert not target.exists()


def test_another_programs_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    target = tmp_path / "new.sqlite"
    assert "jeugdtool" in _refused(capsys, target, other)
    assert not target.exists()


def test_a_damaged_backup_is_refused(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(copy.read_bytes())
    page = 4096
    for start in range(page * 3, len(data) - page, page * 7):  # scribble over many pages
        data[start + 8 : start + 400] = b"\xa5" * 392
    copy.write_bytes(bytes(data))
    target = tmp_path / "new.sqlite"
    assert _refused(capsys, target, copy) == _(
        "{path} is damaged: SQLite's check of it fails, so it cannot be restored. Take "
        "another (earlier) backup. Nothing was changed."
    ).format(path=copy)
    assert not target.exists()


def test_a_backup_from_a_newer_jeugdtool_is_refused(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    target = tmp_path / "new.sqlite"
    assert _refused(capsys, target, copy) == _(
        "{path} was made by a newer version of jeugdtool (schema {revision}). Restore "
        "it with that newer jeugdtool; this version leaves everything as it is."
    ).format(path=copy, revision="9999")
    assert not target.exists()


def test_a_database_with_cases_is_not_replaced_without_replace(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.sqlite"
    database = open_database(target)
    from jeugdtool.cases import households

    households.create_case(UnitOfWork(database, "A"), name="Gezin Mulder", case_number="2026-0099")
    database.close()
    before = _case_files(target)
    err = _refused(capsys, target, copy)
    assert "--replace" in err and str(target) in err
    assert _case_files(target) == before
    assert not paths.backup_dir().exists() or not list(paths.backup_dir().iterdir())


def test_replace_keeps_a_copy_of_the_database_it_replaces(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.sqlite"
    database = open_database(target)
    from jeugdtool.cases import households

    households.create_case(UnitOfWork(database, "A"), name="Gezin Mulder", case_number="2026-0099")
    database.close()
    before = _case_files(target)
    code, out, _err = _run(capsys, "--db", str(target), "restore", str(copy), "--replace")
    assert code == 0
    (kept,) = paths.backup_dir().glob("mine-*-before-restore.sqlite")
    assert str(kept) in out
    assert _case_files(kept) == before
    assert sorted(_case_files(target)) == sorted(_case_files(copy))
    assert not Path(f"{target}-wal").exists()  # no journal of the old file next to the new one


def test_a_database_in_use_is_not_replaced(demo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copy(demo, other)  # the demo stays open in this process, as in a running window
    before = _case_files(demo)
    with pytest.raises(backup.RestoreRefused) as refused:
        backup.restore(other, demo, replace=True)
    assert "jeugdtool" in str(refused.value)
    assert _case_files(demo) == before


# ---------------------------------------------------------------- automatic copies


def _old_auto_copy(source: Path, folder: Path, day: dt.datetime) -> Path:
    made = backup.make_auto_backup(source, folder, keep=100)
    older = made.with_name(
        made.name.replace(made.name.split("-", 1)[1][:22], day.strftime(backup.STAMP))
    )
    made.rename(older)
    return older


def test_one_automatic_copy_a_day_and_only_the_newest_stay(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    assert backup.auto_backup_due(demo, folder)
    now = dt.datetime.now()
    old = [_old_auto_copy(demo, folder, now - dt.timedelta(days=d)) for d in range(1, 5)]
    upgrade_copy = backup.backup_sqlite(demo, "before-upgrade-from-0006", folder)
    assert backup.auto_backup_due(demo, folder)  # yesterday's copy is not today's
    made = backup.make_auto_backup(demo, folder, keep=3)
    assert not backup.auto_backup_due(demo, folder)
    assert backup.auto_backups(demo, folder) == [made, old[0], old[1]]
    assert not old[2].exists() and not old[3].exists()
    assert upgrade_copy.exists()  # never removed
    last = backup.last_auto_backup(demo, folder)
    assert last is not None and abs(last - now) < dt.timedelta(minutes=5)


def test_automatic_copies_of_another_database_with_the_same_name_stay(
    demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "auto"
    twin = tmp_path / "elsewhere" / demo.name
    twin.parent.mkdir()
    shutil.copy(demo, twin)
    theirs = backup.make_auto_backup(twin, folder, keep=1)
    backup.make_auto_backup(demo, folder, keep=1)
    backup.make_auto_backup(demo, folder, keep=1)
    assert theirs.exists()
    assert len(backup.auto_backups(demo, folder)) == 1
