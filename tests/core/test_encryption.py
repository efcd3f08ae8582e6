"""Encryption at rest: an encrypted file shows nothing, opens only with its passphrase (which
never changes the file when it is wrong), converts from plain without loss or leftovers, and its
backups are encrypted too."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import paths
from jeugdtool.cli import main
from jeugdtool.errors import DatabaseLocked
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NeedsEncryptionChoice
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import WrongPassphrase
from jeugdtool.export.casefile import export_case
from jeugdtool.export.demo import load_demo
from jeugdtool.i18n import _
from jeugdtool.store import backup
from jeugdtool.store import cipher
from jeugdtool.store import encrypt
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve
from jeugdtool.store.uow import UnitOfWork

KEY = "vier woorden zijn sterk"
PERSON_NAMES = "SELECT first_name FROM persons UNION SELECT last_name FROM persons"


def _names(database_path: Path) -> list[str]:
    """Names and words of the demo data that must never be readable in an encrypted file."""
    database = open_database(resolve(database_path).with_passphrase(KEY), create=False)
    try:
        with database.engine.connect() as conn:
            rows = conn.exec_driver_sql(PERSON_NAMES).fetchall()
            rows += conn.exec_driver_sql("SELECT name FROM consultants").fetchall()
            rows += conn.exec_driver_sql("SELECT name FROM households").fetchall()
    finally:
        database.close()
    names = sorted({r[0] for r in rows if r[0] and len(r[0]) >= 5})
    assert len(names) > 20
    return names


def _found(names: list[str], *files: Path) -> list[str]:
    data = b"".join(f.read_bytes() for f in files if f.exists())
    return [n for n in names if n.encode("utf-8") in data or n.encode("utf-16-le") in data]


def _case_files(location: Any) -> dict[str, dict[str, Any]]:
    from jeugdtool.cases.queries import list_case_summaries

    database = open_database(location, create=False)
    try:
        uow = UnitOfWork(database, "test")
        files = {s.case_number: export_case(uow, s.id) for s in list_case_summaries(uow)}
    finally:
        database.close()
    for doc in files.values():
        del doc["exported_at"]
    return files


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    """The demo data in an encrypted file, left open (committed, its -wal beside it)."""
    path = tmp_path / "secret.sqlite"
    database = open_database(resolve(path).with_passphrase(KEY))
    load_demo(UnitOfWork(database, "Test"))
    yield path
    database.close()


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.sqlite"
    database = open_database(path)
    load_demo(UnitOfWork(database, "Test"))
    database.close()
    return path


# ---------------------------------------------------------------- nothing readable


def test_an_encrypted_file_and_its_wal_show_no_name_of_the_demo_data(encrypted: Path) -> None:
    wal = Path(f"{encrypted}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the demo's writes are in it
    names = _names(encrypted)
    assert _found(names, encrypted, wal) == []
    assert not encrypted.read_bytes().startswith(cipher.PLAIN_HEADER)


def test_the_same_names_are_readable_in_a_plain_file(plain: Path) -> None:
    """The byte search of the test above can find names (else it proves nothing)."""
    with closing(sqlite3.connect(plain)) as conn:
        names = sorted({r[0] for r in conn.execute(PERSON_NAMES) if len(r[0]) >= 5})
    assert _found(names, plain) == names


# ---------------------------------------------------------------- the passphrase


def test_without_a_passphrase_the_file_is_not_opened(encrypted: Path) -> None:
    with pytest.raises(NeedsPassphrase) as caught:
        open_database(encrypted)
    assert not isinstance(caught.value, WrongPassphrase)
    assert str(encrypted) in str(caught.value)


def test_a_wrong_passphrase_leaves_the_file_byte_identical(encrypted: Path) -> None:
    # The database and its -wal (the -shm is SQLite's shared-memory index of an open
    # database, which every reader marks; the closed case below has none).
    files = [encrypted, Path(f"{encrypted}-wal")]
    before = [f.read_bytes() for f in files]
    for attempt in ("vier woorden zijn Sterk", "", "x' OR '1'='1"):
        with pytest.raises(WrongPassphrase) as caught:
            open_database(resolve(encrypted).with_passphrase(attempt))
        assert "Caps Lock" in str(caught.value) or _("Caps Lock") in str(caught.value)
    assert [f.read_bytes() for f in files] == before


def test_a_wrong_passphrase_on_a_closed_database_makes_no_file_beside_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "closed.sqlite"
    database = open_database(resolve(path).with_passphrase(KEY))
    load_demo(UnitOfWork(database, "Test"))
    database.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert list(before) == ["closed.sqlite"]
    with pytest.raises(WrongPassphrase):
        open_database(resolve(path).with_passphrase("niet de goede zin"))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_passphrase_with_quotes_and_accents_works(tmp_path: Path) -> None:
    odd = 'moeder\'s "sleutel" — één ñ 🔑'
    path = tmp_path / "odd.sqlite"
    open_database(resolve(path).with_passphrase(odd)).close()
    assert cipher.check_passphrase(path, odd)
    assert not cipher.check_passphrase(path, odd[:-1])
    open_database(resolve(path).with_passphrase(odd), create=False).close()


def test_a_plain_file_opens_as_plain_whatever_passphrase_is_given(plain: Path) -> None:
    database = open_database(resolve(plain).with_passphrase(KEY), create=False)
    try:
        assert database.location.passphrase is None
    finally:
        database.close()
    assert plain.read_bytes().startswith(cipher.PLAIN_HEADER)


def test_a_new_plain_file_only_by_explicit_choice(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with pytest.raises(NeedsEncryptionChoice):
        open_database(path, allow_plain_new=False)
    assert not path.exists()
    open_database(path, allow_plain_new=True).close()
    assert path.read_bytes().startswith(cipher.PLAIN_HEADER)


def test_the_passphrase_never_shows_in_a_repr_or_the_display(tmp_path: Path) -> None:
    location = resolve(tmp_path / "x.sqlite").with_passphrase(KEY)
    assert KEY not in repr(location) and KEY not in location.display
    database = open_database(location)
    try:
        assert KEY not in repr(database.engine.url) and KEY not in str(database.engine)
    finally:
        database.close()


@pytest.mark.parametrize(
    ("passphrase", "acceptable", "level"),
    [
        ("", False, "weak"),
        ("kort", False, "weak"),
        ("aaaaaaaaaaaa", False, "weak"),
        ("Zomer2026!", True, "fair"),
        ("de kat slaapt op het dak", True, "strong"),
        ("paardbatterijnietjecorrect", True, "strong"),
    ],
)
def test_advice_on_a_passphrase(passphrase: str, acceptable: bool, level: str) -> None:
    advice = cipher.advice(passphrase)
    assert (advice.acceptable, advice.level) == (acceptable, level)
    assert advice.message


def test_the_lock_screen_compares_with_the_passphrase_in_use(tmp_path: Path) -> None:
    location = resolve(tmp_path / "x.sqlite")
    assert not cipher.passphrase_matches(location, "")
    assert cipher.passphrase_matches(location.with_passphrase(KEY), KEY)
    assert not cipher.passphrase_matches(location.with_passphrase(KEY), KEY.upper())


# ---------------------------------------------------------------- plain -> encrypted


def test_encrypting_keeps_every_case_identical_and_leaves_no_plain_file(
    plain: Path, tmp_path: Path
) -> None:
    names = _names_plain(plain)
    original = _case_files(plain)
    steps: list[tuple[int, int]] = []
    done = encrypt.encrypt_database(plain, KEY, progress=lambda d, t: steps.append((d, t)))
    assert done.rows["households"] == 6
    assert steps[-1][0] == steps[-1][1]
    assert cipher.is_encrypted(plain)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(plain.name)]
    assert leftovers == [plain.name]
    assert _found(names, plain) == []
    assert _case_files(resolve(plain).with_passphrase(KEY)) == original
    assert plain.stat().st_mode & 0o777 == 0o600


def _names_plain(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted({r[0] for r in conn.execute(PERSON_NAMES) if len(r[0]) >= 5})


def test_encrypting_also_encrypts_the_automatic_backups(plain: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = backup.make_auto_backup(plain, folder, keep=3)
    names = _names_plain(plain)
    assert _found(names, made) == names
    done = encrypt.encrypt_database(plain, KEY, backup_folder=folder)
    assert done.backups == 1
    assert cipher.is_encrypted(made) and _found(names, made) == []
    assert backup.describe(made, KEY).cases == 6


def test_a_database_in_use_elsewhere_is_not_encrypted(plain: Path) -> None:
    other = sqlite3.connect(plain)
    other.execute("BEGIN EXCLUSIVE")
    try:
        before = plain.read_bytes()
        with pytest.raises(DatabaseLocked):
            encrypt.encrypt_database(plain, KEY)
        assert plain.read_bytes() == before
    finally:
        other.rollback()
        other.close()


def test_a_weak_passphrase_is_refused_before_anything_happens(plain: Path) -> None:
    before = plain.read_bytes()
    with pytest.raises(JeugdtoolError):
        encrypt.encrypt_database(plain, "kort")
    assert plain.read_bytes() == before


def test_changing_the_passphrase(encrypted: Path) -> None:
    with pytest.raises(WrongPassphrase):
        encrypt.change_passphrase(encrypted, "niet de goede zin", "een nieuwe lange zin")
    # The fixture's connection is open in WAL mode: a change waits until it is closed.
    new = "een nieuwe lange zin"
    with pytest.raises(DatabaseLocked):
        encrypt.change_passphrase(encrypted, KEY, new)


def test_changing_the_passphrase_of_a_closed_database(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    database = open_database(resolve(path).with_passphrase(KEY))
    load_demo(UnitOfWork(database, "Test"))
    database.close()
    original = _case_files(resolve(path).with_passphrase(KEY))
    new = "een nieuwe lange zin"
    encrypt.change_passphrase(path, KEY, new)
    assert not cipher.check_passphrase(path, KEY)
    assert _case_files(resolve(path).with_passphrase(new)) == original


# ---------------------------------------------------------------- backups


def test_backup_of_an_encrypted_database_is_encrypted_and_restores(
    encrypted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.sqlite"
    info = backup.backup_to(encrypted, out, passphrase=KEY)
    assert info.cases == 6
    assert cipher.is_encrypted(out)
    assert _found(_names(encrypted), out) == []
    with pytest.raises(NeedsPassphrase):
        backup.describe(out)
    with pytest.raises(WrongPassphrase):
        backup.describe(out, "een andere zin van mij")
    target = tmp_path / "back" / "cases.sqlite"
    target.parent.mkdir()
    backup.restore(out, target, passphrase=KEY)
    assert _case_files(resolve(target).with_passphrase(KEY)) == _case_files(
        resolve(encrypted).with_passphrase(KEY)
    )


# ---------------------------------------------------------------- command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_command_line_makes_encrypted_databases_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cipher.NO_ENCRYPTION_ENV)
    path = tmp_path / "cli.sqlite"
    code, _out, err = _run(capsys, "--db", str(path), "demo")
    assert code == 1 and "--no-encryption" in err
    assert not path.exists()
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, KEY)
    assert _run(capsys, "--db", str(path), "demo")[0] == 0
    assert cipher.is_encrypted(path)
    code, out, _err = _run(capsys, "--db", str(path), "cases")
    assert code == 0 and "2026-0001" in out
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "niet de goede zin")
    before = path.read_bytes()
    code, _out, err = _run(capsys, "--db", str(path), "cases")
    assert code == 1 and "JEUGDTOOL_PASSPHRASE" in err
    assert path.read_bytes() == before
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    other = tmp_path / "plain.sqlite"
    assert _run(capsys, "--no-encryption", "--db", str(other), "demo")[0] == 0
    assert other.read_bytes().startswith(cipher.PLAIN_HEADER)


def test_the_command_line_asks_three_times_at_a_terminal(
    encrypted: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["fout een", "fout twee", "fout drie", KEY])
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(typed)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    code, _out, err = _run(capsys, "--db", str(encrypted), "cases")
    assert code == 1 and len(asked) == 3
    assert err.count(str(encrypted)) >= 3  # each wrong try is said, naming the file

    typed = iter(["fout een", KEY])
    asked.clear()
    code, out, _err = _run(capsys, "--db", str(encrypted), "cases")
    assert code == 0 and len(asked) == 2 and "2026-0001" in out


def test_backup_and_restore_from_the_command_line_stay_encrypted(
    encrypted: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, KEY)
    out = tmp_path / "b.sqlite"
    assert _run(capsys, "--db", str(encrypted), "backup", "--out", str(out))[0] == 0
    assert cipher.is_encrypted(out)
    target = tmp_path / "r.sqlite"
    code, said, _err = _run(capsys, "--db", str(target), "restore", str(out))
    assert code == 0 and "6" in said
    assert cipher.check_passphrase(target, KEY)
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    code, _said, err = _run(capsys, "--db", str(tmp_path / "r2.sqlite"), "restore", str(out))
    assert code == 1 and "JEUGDTOOL_PASSPHRASE" in err
    assert not (tmp_path / "r2.sqlite").exists()


def test_an_upgrade_backup_of_an_encrypted_database_is_encrypted(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "db" / "schema-0008.sqlite"
    path = tmp_path / "old.sqlite"
    path.write_bytes(fixture.read_bytes())
    encrypt.encrypt_database(path, KEY)
    open_database(resolve(path).with_passphrase(KEY)).close()
    copies = list(paths.backup_dir().glob("old-*before-upgrade*.sqlite"))
    assert len(copies) == 1 and cipher.is_encrypted(copies[0])
