"""The `jeugdtool` command line, run in-process (and once as a real process)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import types
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool import settings
from jeugdtool.cli import main
from jeugdtool.store import schema
from jeugdtool.store.location import resolve
from tests.bounds import HANG_S

DEMO = resources.path("demo")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    assert _run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def _history_authors(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT DISTINCT who FROM audit_entries")}
    finally:
        conn.close()


# ---------------------------------------------------------------- cases


def test_cases_lists_every_case_tab_separated(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(capsys, "--db", str(demo_db), "cases")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [r[0] for r in rows] == [f"2026-000{i}" for i in range(1, 7)]
    assert all(len(r) == 5 for r in rows)
    assert rows[0][:4] == ["2026-0001", "Gezin Jansen", "open", "A. de Boer"]
    assert rows[4][1] == "Gezin Öztürk"
    assert rows[0][4][:4].isdigit() and "T" in rows[0][4]


@pytest.mark.parametrize(
    ("status", "numbers"),
    [
        ("open", ["2026-0001", "2026-0002", "2026-0004", "2026-0005"]),
        ("closed", ["2026-0003"]),
        ("archived", ["2026-0006"]),
    ],
)
def test_cases_filters_by_status(
    status: str, numbers: list[str], demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Global options may also follow the command.
    code, out, _err = _run(capsys, "cases", "--status", status, "--db", str(demo_db))
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == numbers


def test_the_database_comes_from_the_environment(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JEUGDTOOL_DB", str(demo_db))
    code, out, _err = _run(capsys, "cases")
    assert code == 0 and len(out.splitlines()) == 6


def test_a_missing_database_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    for command in (["cases"], ["check"], ["export", "2026-0001", "--out", "x.json"]):
        code, out, err = _run(capsys, "--db", str(missing), *command)
        assert code == 1
        assert str(missing) in err and out == ""
    assert not missing.exists()


def test_a_file_that_is_not_a_database_gives_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("boodschappen", encoding="utf-8")
    code, _out, err = _run(capsys, "--db", str(other), "cases")
    assert code == 1
    assert "is geen jeugdtool-database" in err
    assert other.read_text(encoding="utf-8") == "boodschappen"


def test_lang_chooses_the_language_and_settings_give_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("boodschappen", encoding="utf-8")
    assert (
        "is not a jeugdtool database"
        in _run(capsys, "--lang", "en", "--db", str(other), "cases")[2]
    )
    settings.save(settings.Settings(language="en"))
    assert "is not a jeugdtool database" in _run(capsys, "--db", str(other), "cases")[2]
    assert (
        "is geen jeugdtool-database" in _run(capsys, "--lang", "nl", "--db", str(other), "cases")[2]
    )


# ---------------------------------------------------------------- check


def test_check_reports_a_sound_database(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "--db", str(demo_db), "check")
    assert code == 0
    assert "households\t6" in out
    assert f"Schema: {schema.HEAD}" in out


def test_check_fails_on_a_broken_reference(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE persons SET household_id = 999 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _err = _run(capsys, "--db", str(demo_db), "check")
    assert code == 1
    assert "persons rowid 1 -> households" in out


# ---------------------------------------------------------------- export and import


def test_export_writes_the_case_file(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "ozturk.json"
    code, out, _err = _run(
        capsys, "--db", str(demo_db), "export", "2026-0005", "--out", str(out_file)
    )
    assert code == 0 and str(out_file) in out
    written = json.loads(out_file.read_text(encoding="utf-8"))
    original = json.loads((DEMO / "05-ozturk.json").read_text(encoding="utf-8"))
    written["exported_at"] = original["exported_at"]
    # The demo draws the children's pictures when it loads (export/demo_pictures.py): the file
    # carries them, the shipped demo file does not.
    for record in written["three_houses"]:
        assert record["drawing"] is None or record["drawing"]["data"]
        record["drawing"] = None
    assert written == original
    assert out_file.stat().st_mode & 0o777 == 0o600


def test_export_of_an_unknown_case(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "x.json"
    code, _out, err = _run(
        capsys, "--db", str(demo_db), "export", "2026-0099", "--out", str(out_file)
    )
    assert code == 1 and "2026-0099" in err
    assert not out_file.exists()


def test_import_then_refuse_then_import_as_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "new.sqlite")
    case_file = str(DEMO / "03-meijer.json")
    code, out, _err = _run(capsys, "--db", db, "import", case_file)
    assert code == 0 and "2026-0003" in out

    code, out, err = _run(capsys, "--db", db, "import", case_file)
    assert code == 1 and "2026-0003" in err and "--as-new" in err and out == ""

    code, out, _err = _run(capsys, "--db", db, "import", case_file, "--as-new")
    assert code == 0
    listed = _run(capsys, "--db", db, "cases")[1].splitlines()
    assert len(listed) == 2
    assert [line.split("\t")[1] for line in listed] == ["Gezin Meijer-Dijkstra"] * 2


def test_import_of_a_bad_file_shows_each_problem_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads((DEMO / "01-jansen.json").read_text(encoding="utf-8"))
    doc["persons"][1]["role"] = "baby"
    doc["persons"][2]["birth_date"] = "14-05-2016"
    del doc["network"][0]["safety_network"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    db = tmp_path / "new.sqlite"

    code, out, err = _run(capsys, "--db", str(db), "import", str(bad))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:3]] == [
        "persons[1].role",
        "persons[2].birth_date",
        "network[0].safety_network",
    ]
    assert "'baby'" in lines[0] and "14-05-2016" in lines[1]
    assert len(lines) == 4  # and one closing line saying nothing was imported
    assert not db.exists()


@pytest.mark.parametrize("content", [b"{ not json", b"\xff\xfe{}", b"[]"])
def test_import_of_something_else_exits_2(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _out, err = _run(capsys, "--db", str(tmp_path / "db.sqlite"), "import", str(bad))
    assert code == 2 and str(bad) in err


def test_import_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "--db", str(tmp_path / "db.sqlite"), "import", "gone.json")
    assert code == 2 and "gone.json" in err


def _import_without_hanging(
    capsys: pytest.CaptureFixture[str], db: Path, file: Path
) -> tuple[int, str]:
    """`jeugdtool --db DB import FILE`, which must answer within 2 s (in a thread, so that a
    hang fails the test instead of stopping it)."""
    result: dict[str, int] = {}
    worker = threading.Thread(
        target=lambda: result.update(code=main(["--db", str(db), "import", str(file)])),
        daemon=True,
    )
    started = time.perf_counter()
    worker.start()
    worker.join(HANG_S)
    assert not worker.is_alive(), "jeugdtool import hangs"
    assert time.perf_counter() - started < HANG_S
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return result["code"], err


def _deep_file(tmp: Path) -> Path:
    path = tmp / "deep.json"
    path.write_text('{"format": "jeugdtool-case", "persons": ' + "[" * 1000 + "]" * 1000 + "}")
    return path


def _huge_file(tmp: Path) -> Path:
    path = tmp / "huge.json"
    with path.open("wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: made at once, never read
    return path


def _pipe(tmp: Path) -> Path:
    path = tmp / "pipe.json"
    os.mkfifo(path)
    return path


def _unreadable_files() -> list[Any]:
    files: list[Any] = [
        pytest.param(lambda tmp: tmp, id="folder"),
        pytest.param(_huge_file, id="huge file"),
        pytest.param(_deep_file, id="nested 1000 deep"),
    ]
    if hasattr(os, "mkfifo"):
        files.append(pytest.param(_pipe, id="named pipe"))
    if Path("/dev/zero").exists():
        files.append(pytest.param(lambda tmp: Path("/dev/zero"), id="/dev/zero"))
    return files


@pytest.mark.parametrize("make", _unreadable_files())
def test_import_of_what_cannot_be_a_case_file_exits_2_at_once_and_creates_nothing(
    make: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make(tmp_path)
    db = tmp_path / "new.sqlite"
    code, err = _import_without_hanging(capsys, db, file)
    assert code == 2 and str(file) in err
    assert len(err.splitlines()) == 1
    assert not db.exists()


@pytest.mark.parametrize("make", _unreadable_files())
def test_zrm_import_of_what_cannot_be_a_zrm_file_exits_2_at_once(
    make: Any, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make(tmp_path)
    result: dict[str, int] = {}
    worker = threading.Thread(
        target=lambda: result.update(code=main(["--db", str(demo_db), "zrm", "import", str(file)])),
        daemon=True,
    )
    worker.start()
    worker.join(2)
    assert not worker.is_alive(), "jeugdtool zrm import hangs"
    out, err = capsys.readouterr()
    assert result["code"] == 2 and out == "" and str(file) in err and "Traceback" not in err


def test_import_of_a_lone_surrogate_names_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads((DEMO / "01-jansen.json").read_text(encoding="utf-8"))
    doc["network"][1]["notes"] = "\ue000"
    file = tmp_path / "surrogate.json"
    file.write_text(json.dumps(doc).replace("\\ue000", "\\ud800"), encoding="ascii")
    db = tmp_path / "new.sqlite"
    code, err = _import_without_hanging(capsys, db, file)
    assert code == 2 and err.startswith("network[1].notes: ")
    assert not db.exists()


def test_an_existing_database_is_not_locked_while_a_file_is_checked(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdtool.export import casefile

    check = casefile.validate_case_document
    wrote: list[bool] = []

    def check_while_another_program_writes(doc: Any, **kwargs: Any) -> Any:
        other = sqlite3.connect(demo_db, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.rollback()
            wrote.append(True)
        finally:
            other.close()
        return check(doc, **kwargs)

    monkeypatch.setattr(casefile, "validate_case_document", check_while_another_program_writes)
    code, _out, _err = _run(capsys, "--db", str(demo_db), "import", str(DEMO / "01-jansen.json"))
    assert code == 1 and wrote == [True]  # checked, then refused: the number is taken


# ---------------------------------------------------------------- demo and author


def test_demo_adds_the_households_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite")
    code, out, _err = _run(capsys, "--db", db, "demo")
    assert code == 0 and "2026-0006" in out
    code, again, _err = _run(capsys, "--db", db, "demo")
    assert code == 0
    assert again.count("2026-00") == 6  # each one named as skipped
    assert len(_run(capsys, "--db", db, "cases")[1].splitlines()) == 6


def test_user_option_is_stamped_on_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite"
    _run(capsys, "--db", str(db), "--user", "T. Tester", "import", str(DEMO / "02-bakker.json"))
    assert _history_authors(db) == {"T. Tester"}


def test_the_author_defaults_to_the_chosen_consultant_then_the_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "loginnaam")
    db = tmp_path / "db.sqlite"
    _run(capsys, "--db", str(db), "import", str(DEMO / "02-bakker.json"))  # adds M. Kaya (id 1)
    assert _history_authors(db) == {"loginnaam"}

    settings.save(settings.Settings().with_user(resolve(db).key, 1))
    _run(capsys, "--db", str(db), "import", str(DEMO / "04-smit.json"))
    assert _history_authors(db) == {"loginnaam", "M. Kaya"}


def _access_rows(db: Path, action: str) -> list[tuple[str, int | None, str]]:
    conn = sqlite3.connect(db)
    try:
        query = "SELECT who, person_id, case_number FROM access_log WHERE action = ? ORDER BY id"
        return list(conn.execute(query, (action,)))
    finally:
        conn.close()


def test_exports_and_pdfs_are_logged_with_the_consultant(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.save(settings.Settings().with_user(resolve(demo_db).key, 3))  # M. Kaya
    out_file = str(tmp_path / "bakker.json")
    assert _run(capsys, "--db", str(demo_db), "export", "2026-0002", "--out", out_file)[0] == 0
    assert _access_rows(demo_db, "export") == [("M. Kaya", 3, "2026-0002")]
    pdf = str(tmp_path / "bakker.pdf")
    argv = ["--db", str(demo_db), "--user", "a. de boer", "pdf", "2026-0002", "--zrm"]
    assert _run(capsys, *argv, "--out", pdf)[0] == 0
    # --user names a known consultant (case ignored): the row is theirs, with their id.
    assert _access_rows(demo_db, "pdf") == [("A. de Boer", 1, "2026-0002")]


def test_a_failed_export_is_not_logged_as_done(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, _err = _run(
        capsys, "--db", str(demo_db), "export", "2026-0099", "--out", str(tmp_path / "x.json")
    )
    assert code == 1 and _access_rows(demo_db, "export") == []


# ---------------------------------------------------------------- help and the GUI


@pytest.mark.parametrize(
    "command", ["cases", "check", "export", "import", "demo", "zrm", "pdf", "admin"]
)
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, command, "--help")
    assert code == 0
    assert f"jeugdtool {command}" in out and "--db" in out


def test_a_wrong_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "cases", "--status", "gesloten")[0] == 2
    assert _run(capsys, "export", "2026-0001")[0] == 2  # --out is required


def test_no_command_starts_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    fake_app = types.ModuleType("jeugdtool.app")
    fake_app.run_gui = lambda db, lang, smoke: calls.append((db, lang, smoke)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jeugdtool.app", fake_app)
    assert main(["--db", "x.sqlite", "--lang", "en"]) == 0
    assert main([]) == 0
    assert main(["--smoke-test"]) == 0
    assert calls == [("x.sqlite", "en", False), (None, "nl", False), (None, "nl", True)]


def test_headless_commands_do_not_import_qt_or_alembic(demo_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jeugdtool", "--db", str(demo_db), "cases"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(result.stdout.splitlines()) == 6
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "jeugdtool.cli" in imported  # the import log is really there
    assert not {m for m in imported if m.split(".")[0] in ("PySide6", "shiboken6", "alembic")}


def test_without_db_the_cli_uses_the_database_the_gui_opened_last(tmp_path, capsys, monkeypatch):
    """GUI and CLI agree on "the database": --db, else JEUGDTOOL_DB, else the one opened last."""
    from jeugdtool import settings

    last = tmp_path / "laatst.sqlite"
    assert main(["--db", str(last), "demo"]) == 0
    settings.save(settings.load().with_last_database(str(last)))
    capsys.readouterr()
    assert main(["cases"]) == 0
    assert "Gezin Öztürk" in capsys.readouterr().out


def test_the_entry_point_itself_loads_no_data_layer() -> None:
    """`jeugdtool` (no command) starts the GUI through cli.main: importing the entry point must
    not pull in SQLAlchemy, or the window would wait for it before its first paint."""
    code = "import sys, jeugdtool.cli; print('sqlalchemy' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
