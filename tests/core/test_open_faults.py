"""Opening a database never harms it and never pretends: read-only files, folders and drives,
empty and missing files, devices, the backup before an upgrade, and file permissions.

Every case runs on the real thing: file modes as a user they bind (root ignores them, so a test
running as root drops to `nobody` for the block), a read-only bind mount, a killed process.
Every message is compared with the `_()` of its source string (Dutch once the catalogue has it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from db_probes import writes_reaching_the_driver
from sqlalchemy import text

from jeugdtool import paths
from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.errors import BackupFailed
from jeugdtool.errors import DatabaseMissing
from jeugdtool.errors import EmptyDatabaseFile
from jeugdtool.errors import NeedsWriteAccess
from jeugdtool.errors import NotADatabase
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.i18n import _
from jeugdtool.store import access
from jeugdtool.store import schema
from jeugdtool.store.access import Access
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

FIXTURE_DBS = Path(__file__).parent / "fixtures" / "db"
#: The newest released schema before this one: opening it upgrades (and backs up) first.
OLDER = schema.REVISIONS[-2]
NOBODY = 65534
#: Words that would show SQL or the driver's English reached a message.
LEAKS = ("SELECT", "INSERT", "UPDATE", "PRAGMA", "BEGIN", "sqlite3", "readonly database", "errno")


# ---- helpers ---------------------------------------------------------------------------------


def assert_message(message: str, source: str, **fields: object) -> None:
    """`message` is the translation of `source` (filled in) and shows no SQL or driver text."""
    assert message == _(source).format(**fields)
    for leak in LEAKS:
        assert leak not in message, f"{leak!r} in {message!r}"


def refusal(db: Path, reason: str) -> str:
    return _(
        "This was not saved: the database {path} is open for reading only, because {reason}. "
        "To make changes, open it from a place where you may write, or ask your administrator "
        "for write access."
    ).format(path=db, reason=reason)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def as_a_user_without_rights() -> Iterator[None]:
    """File modes do not bind root: a test running as root drops to `nobody` for the block
    (effective ids only, so it can come back)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def give_away(folder: Path) -> None:
    """Make `nobody` own the folder and its files, as a user owns their own database."""
    if os.geteuid() != 0:
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder another user can reach (tmp_path is root's own, mode 0700, under root)."""
    path = Path(tempfile.mkdtemp(prefix="jeugdtool-open-"))
    path.chmod(0o755)
    yield path
    for inner in [path, *path.rglob("*")]:
        if inner.is_dir() and not inner.is_mount():
            inner.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


def make_database(path: Path) -> int:
    """A jeugdtool database with the demo households; how many cases it holds."""
    from jeugdtool.export.demo import load_demo_report

    db = open_database(path)
    try:
        load_demo_report(UnitOfWork(db, "A. de Boer"))
        return len(queries.list_case_summaries(UnitOfWork(db, "A. de Boer")))
    finally:
        db.close()


def assert_reads_but_refuses_writes(db: Database, path: Path, cases: int, reason: str) -> None:
    assert db.read_only
    assert db.read_only_reason == reason
    uow = UnitOfWork(db, "A. de Boer")
    assert len(queries.list_case_summaries(uow)) == cases
    writes = writes_reaching_the_driver(db)
    with pytest.raises(ReadOnlyStorage) as info:
        households.create_case(uow, name="Gezin Nieuw", case_number="2026-0099")
    assert str(info.value) == refusal(path, reason)
    assert writes == []  # refused before anything reached the file
    assert len(queries.list_case_summaries(uow)) == cases


# ---- read-only files, folders and drives ------------------------------------------------------


def test_a_file_we_may_not_write_opens_read_only_and_refuses_every_write(folder: Path) -> None:
    path = folder / "cases.sqlite"
    cases = make_database(path)
    path.chmod(0o444)
    give_away(folder)
    before = digest(path)
    with as_a_user_without_rights():
        db = open_database(path)
        try:
            reason = _("you may read the file but not change it")
            assert_reads_but_refuses_writes(db, path, cases, reason)
        finally:
            db.close()
    assert digest(path) == before


def test_a_writable_file_in_a_folder_we_may_not_write_opens_read_only(folder: Path) -> None:
    """WAL needs a -shm file beside the database; it cannot be made here, so SQLite reads the
    file as immutable (and nothing at all appears in the folder)."""
    path = folder / "cases.sqlite"
    cases = make_database(path)
    assert access.in_wal_mode(path)
    give_away(folder)
    folder.chmod(0o555)
    before, names = digest(path), sorted(os.listdir(folder))
    with as_a_user_without_rights():
        db = open_database(path)
        try:
            reason = _(
                "you may not create files in its folder {folder}, which is needed to save "
                "changes safely"
            ).format(folder=folder)
            assert_reads_but_refuses_writes(db, path, cases, reason)
        finally:
            db.close()
    assert digest(path) == before
    assert sorted(os.listdir(folder)) == names


@pytest.fixture
def read_only_mount(folder: Path) -> Iterator[tuple[Path, Path]]:
    """(source, mount): what is in `source` shows in `mount`, which may only be read."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (CI runs the suite as root)")
    source, mount = folder / "source", folder / "mount"
    source.mkdir()
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.decode().strip()}")
    try:
        yield source, mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def remount_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)


def test_a_database_on_a_read_only_drive_opens_read_only(read_only_mount) -> None:
    source, mount = read_only_mount
    cases = make_database(source / "cases.sqlite")
    remount_read_only(mount)
    path = mount / "cases.sqlite"
    before = digest(path)
    db = open_database(path)  # as root: a read-only drive binds everyone
    try:
        reason = _("it is on a drive that may only be read")
        assert_reads_but_refuses_writes(db, path, cases, reason)
    finally:
        db.close()
    assert digest(path) == before


def test_a_read_only_database_sees_a_colleagues_later_change(folder: Path) -> None:
    """Not immutable once a writer is at work: with the -shm there, reading is the normal,
    careful kind, so a change saved by the owner meanwhile shows."""
    path = folder / "cases.sqlite"
    cases = make_database(path)
    path.chmod(0o444)
    give_away(folder)
    with as_a_user_without_rights():
        db = open_database(path)
    try:
        path.chmod(0o644)
        owner = open_database(path)  # as root: the owner, working in the same file
        households.create_case(UnitOfWork(owner, "A. de Boer"), name="Gezin Later")
        with as_a_user_without_rights():
            assert len(queries.list_case_summaries(UnitOfWork(db, "x"))) == cases + 1
        owner.close()
    finally:
        db.close()


def test_unsaved_wal_changes_in_a_read_only_folder_are_not_hidden(folder: Path) -> None:
    """Changes still in the -wal file can be read only through a -shm file; rather than show
    the database without them (immutable), it is refused with the reason."""
    source = folder / "source.sqlite"
    make_database(source)
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE households SET name = 'Gezin Gewijzigd'")
    shown = folder / "shown"
    shown.mkdir()
    path = shown / "cases.sqlite"
    shutil.copy(source, path)  # as a crash leaves it: the change is in the -wal only
    shutil.copy(f"{source}-wal", f"{path}-wal")
    writer.close()
    give_away(folder)
    shown.chmod(0o555)
    before = digest(path)
    with as_a_user_without_rights(), pytest.raises(NeedsWriteAccess) as info:
        open_database(path)
    reason = _(
        "you may not create files in its folder {folder}, which is needed to save changes safely"
    ).format(folder=shown)
    assert_message(
        str(info.value),
        "The database {path} holds changes that were not yet written into the file "
        "itself (in {wal}); reading them needs write access to its folder, but it can "
        "only be read, because {reason}. Open it once where you may write. Nothing "
        "was changed.",
        path=path,
        wal=access.companion(path, "-wal"),
        reason=reason,
    )
    assert digest(path) == before


def test_a_change_that_broke_off_in_a_read_only_file_is_not_read_half(folder: Path) -> None:
    source = folder / "source.sqlite"
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("PRAGMA cache_size=1")  # the change spills into the file before COMMIT
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO t VALUES (randomblob(500))", [()] * 2000)
    path = folder / "cases.sqlite"
    shutil.copy(source, path)
    shutil.copy(f"{source}-journal", f"{path}-journal")
    writer.execute("ROLLBACK")
    writer.close()
    path.chmod(0o444)
    give_away(folder)
    with as_a_user_without_rights(), pytest.raises(NeedsWriteAccess) as info:
        open_database(path)
    assert_message(
        str(info.value),
        "The database {path} holds a change that broke off (in {journal}); it must be "
        "undone before the database can be read, and that needs write access, but it "
        "can only be read, because {reason}. Open it once where you may write. "
        "Nothing was changed.",
        path=path,
        journal=access.companion(path, "-journal"),
        reason=_("you may read the file but not change it"),
    )


def test_an_older_schema_that_may_only_be_read_is_not_upgraded(
    folder: Path, jeugdtool_home: Path
) -> None:
    path = folder / "old.sqlite"
    shutil.copy(FIXTURE_DBS / f"schema-{OLDER}.sqlite", path)
    path.chmod(0o444)
    give_away(folder)
    before = digest(path)
    with as_a_user_without_rights(), pytest.raises(NeedsWriteAccess) as info:
        open_database(path)
    assert_message(
        str(info.value),
        "The database {path} was made by an earlier version of jeugdtool and needs an "
        "upgrade, which needs write access; it can only be read, because {reason}. "
        "Open it once where you may write (or ask your administrator for write "
        "access), or read it with the jeugdtool version that made it. Nothing was "
        "changed.",
        path=path,
        reason=_("you may read the file but not change it"),
    )
    assert digest(path) == before
    assert not paths.backup_dir().exists() or not list(paths.backup_dir().iterdir())


def test_a_drive_that_refuses_what_it_promised_is_opened_read_only(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network drive can answer access() with yes and then refuse: SQLite's refusal counts."""
    path = folder / "cases.sqlite"
    cases = make_database(path)
    give_away(folder)
    folder.chmod(0o555)
    monkeypatch.setattr(access, "probe", lambda _path: Access())  # the drive's "yes"
    with as_a_user_without_rights():
        db = open_database(path)
        try:
            reason = _("the drive or the server refused to save to it")
            assert_reads_but_refuses_writes(db, path, cases, reason)
        finally:
            db.close()


def test_core_statements_are_refused_on_a_read_only_database(folder: Path) -> None:
    path = folder / "cases.sqlite"
    make_database(path)
    path.chmod(0o444)
    give_away(folder)
    with as_a_user_without_rights():
        db = open_database(path)
        try:
            uow = UnitOfWork(db, "x")
            writes = writes_reaching_the_driver(db)
            with uow, pytest.raises(ReadOnlyStorage):
                from sqlalchemy import update

                from jeugdtool.cases.models import Household

                uow.session.execute(update(Household).values(name="Gezin X"))
            assert writes == []
        finally:
            db.close()


# ---- empty, missing and special files ---------------------------------------------------------


def test_an_empty_file_is_never_made_into_a_database(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite"
    path.touch()
    for create in (False, True):
        with pytest.raises(EmptyDatabaseFile) as info:
            open_database(path, create=create)
        assert_message(
            str(info.value),
            "The database {path} is empty (0 bytes): there are no cases in it. A sync tool "
            "(OneDrive, Dropbox) or a copy that broke off may have emptied it. Look for a "
            "recent copy in the backup folder {backups}, or among the earlier versions the "
            "sync tool keeps. jeugdtool has left the file as it is.",
            path=path,
            backups=paths.backup_dir(),
        )
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["cases.sqlite"]


def test_a_missing_file_is_created_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "cases.sqlite"
    with pytest.raises(DatabaseMissing) as info:
        open_database(path, create=False)
    assert_message(
        str(info.value),
        "The database {path} does not exist, and nothing was created. Check the name, or "
        "choose another database.",
        path=path,
    )
    assert not path.exists()
    open_database(path).close()
    assert path.stat().st_size > 0


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused_without_being_read(device: str) -> None:
    with pytest.raises(NotADatabase) as info:
        open_database(device)
    assert_message(
        str(info.value),
        "{path} is not a file but a device or a pipe; only a file can be a jeugdtool "
        "database. Choose a database file, or a new file name to start a new database.",
        path=Path(device),
    )


def test_a_pipe_is_refused_and_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "cases.sqlite"
    os.mkfifo(fifo)
    code = f"from jeugdtool.store.engine import open_database; open_database({str(fifo)!r})"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )  # opening a pipe for reading would wait for a writer forever
    assert "NotADatabase" in done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# ---- the command line -------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from jeugdtool.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


READING_COMMANDS = [
    ["cases"],
    ["check"],
    ["export", "2026-0001", "--out", "case.json"],
    ["pdf", "2026-0001", "--plan", "--out", "plan.pdf"],
    ["zrm", "list"],
]
WRITING_COMMANDS = [["demo"], ["import", str(resources.path("demo") / "01-jansen.json")]]


@pytest.mark.parametrize("command", READING_COMMANDS + WRITING_COMMANDS, ids=" ".join)
def test_no_command_turns_an_empty_file_into_a_database(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.sqlite"
    path.touch()
    code, _out, err = run_cli(capsys, "--db", str(path), *command)
    assert code == 1
    assert str(path) in err
    assert access.empty_file_message(path) in err
    assert path.stat().st_size == 0
    assert not access.companion(path, "-wal").exists()


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_a_reading_command_never_creates_a_missing_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.sqlite"
    code, _out, err = run_cli(capsys, "--db", str(path), *command)
    assert code == 1
    assert str(path) in err
    assert not path.exists()


def test_demo_still_creates_a_missing_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new" / "cases.sqlite"
    assert run_cli(capsys, "--db", str(path), "demo")[0] == 0
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700  # a new database folder is private too


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_as_db_gives_a_message(device: str, capsys) -> None:
    code, _out, err = run_cli(capsys, "--db", device, "cases")
    assert code == 1
    assert err.strip() == _(
        "{path} is not a file but a device or a pipe; only a file can be a jeugdtool "
        "database. Choose a database file, or a new file name to start a new database."
    ).format(path=Path(device))


def test_commands_on_a_read_only_drive(read_only_mount, capsys) -> None:
    """Reading works; a command that would change the database says why it did nothing."""
    source, mount = read_only_mount
    cases = make_database(source / "cases.sqlite")
    remount_read_only(mount)
    path = mount / "cases.sqlite"
    before = digest(path)
    code, out, _err = run_cli(capsys, "--db", str(path), "cases")
    assert code == 0
    assert len(out.splitlines()) == cases
    assert run_cli(capsys, "--db", str(path), "check")[0] == 0
    code, _out, err = run_cli(capsys, "--db", str(path), "demo")
    assert code == 1
    assert err.strip() == _(
        "The database {path} can only be read, because {reason}. This command changes "
        "the database, so it did nothing. Run it where you may write, or ask your "
        "administrator for write access."
    ).format(path=path, reason=_("it is on a drive that may only be read"))
    assert digest(path) == before


# ---- the backup before an upgrade -------------------------------------------------------------


def older_database(folder: Path) -> Path:
    path = folder / "old.sqlite"
    shutil.copy(FIXTURE_DBS / f"schema-{OLDER}.sqlite", path)
    return path


def revision_in(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


#: Runs the upgrade of argv[1] with a copy that goes slowly, one page at a time, touching the
#: marker argv[2] as it goes: the parent kills it halfway.
SLOW_UPGRADE = textwrap.dedent("""
    import functools, sys, time
    from pathlib import Path
    from jeugdtool.store import backup, migrate
    from jeugdtool.store.engine import open_database

    def slowly(status, remaining, total):
        Path(sys.argv[2]).touch()
        time.sleep(0.05)

    backup.STEP_PAGES = 1
    migrate.backup_sqlite = functools.partial(backup.backup_sqlite, progress=slowly)
    open_database(sys.argv[1])
    print("finished")
""")


def test_a_backup_killed_halfway_leaves_no_backup_and_no_upgrade(tmp_path: Path) -> None:
    path = older_database(tmp_path)
    before = digest(path)
    marker = tmp_path / "copying"
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_UPGRADE, str(path), str(marker)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), child.stderr.read() if child.stderr else ""
    time.sleep(0.2)  # some pages copied, most not
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert b"finished" not in (child.stdout.read() if child.stdout else b"")
    backups = paths.backup_dir()
    assert list(backups.glob("*.sqlite")) == []  # nothing that looks like a backup
    assert list(backups.glob("*.partial*"))  # what broke off is named as unfinished
    assert digest(path) == before
    assert revision_in(path) == OLDER
    db = open_database(path)  # the next start backs up completely, then upgrades
    try:
        assert db.opened_from == OLDER
    finally:
        db.close()
    (copy,) = backups.glob("*.sqlite")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == OLDER


def test_a_backup_on_a_full_disk_stops_the_upgrade(
    tmp_path: Path, small_disk: Path, fill_disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = older_database(tmp_path)
    before = digest(path)
    monkeypatch.setenv(paths.HOME_ENV, str(small_disk / "home"))
    backups = paths.backup_dir()
    backups.mkdir(parents=True)
    filler = fill_disk(small_disk)
    with pytest.raises(BackupFailed) as info:
        open_database(path)
    assert_message(
        str(info.value),
        "jeugdtool first makes a copy of the database {path} in {folder}, but the copy "
        "could not be made: {reason}. Nothing was changed: the database is as it was. "
        "Make room on the disk or check the backup folder, then try again.",
        path=path,
        folder=backups,
        reason=_("the disk is full"),
    )
    assert sorted(os.listdir(backups)) == []  # neither a backup nor a piece of one
    assert digest(path) == before
    assert revision_in(path) == OLDER
    filler.unlink()
    db = open_database(path)
    db.close()
    assert revision_in(path) == schema.HEAD
    assert len(list(backups.glob("*.sqlite"))) == 1


# ---- permissions ------------------------------------------------------------------------------


def test_an_existing_database_is_made_private_when_opened_for_writing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cases.sqlite"
    open_database(path).close()
    other = sqlite3.connect(path)  # another window keeps the -wal and -shm files there
    other.execute("SELECT count(*) FROM households").fetchone()
    for file in (path, access.companion(path, "-wal"), access.companion(path, "-shm")):
        file.chmod(0o644)
    with caplog.at_level(logging.INFO, logger="jeugdtool.store.access"):
        db = open_database(path)
    try:
        for file in (path, access.companion(path, "-wal"), access.companion(path, "-shm")):
            assert mode(file) == 0o600, file
        assert "owner-only" in caplog.text
        assert str(tmp_path) not in caplog.text  # no path: it can hold a person's name
    finally:
        db.close()
        other.close()


def test_an_upgraded_database_and_its_backup_are_private(tmp_path: Path) -> None:
    path = older_database(tmp_path)
    path.chmod(0o644)
    backups = paths.backup_dir()
    backups.mkdir(parents=True, mode=0o755)
    backups.chmod(0o755)
    db = open_database(path)
    try:
        assert db.opened_from == OLDER
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                schema.HEAD
            )
        assert mode(path) == 0o600
        for suffix in ("-wal", "-shm"):
            assert mode(access.companion(path, suffix)) == 0o600
    finally:
        db.close()
    (copy,) = backups.glob("*.sqlite")
    assert mode(copy) == 0o600
    assert mode(backups) == 0o700


def test_a_read_only_database_keeps_its_permissions(folder: Path) -> None:
    """Opening to read changes nothing about the file, not even its mode."""
    path = folder / "cases.sqlite"
    make_database(path)
    path.chmod(0o444)
    give_away(folder)
    with as_a_user_without_rights():
        open_database(path).close()
    assert mode(path) == 0o444
