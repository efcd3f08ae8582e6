"""The administrator's log: where it is, who may read it, what reaches it and what never does."""

from __future__ import annotations

import logging
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugdtool import logs
from jeugdtool import paths
from jeugdtool.cli import main

log = logging.getLogger("jeugdtool.tests")


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = logs.setup(console=False)
    assert path is not None
    yield path
    logs.shutdown()


def _text(path: Path) -> str:
    for handler in logs._installed:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_is_an_owner_only_file_in_the_log_folder(
    log_file: Path, jeugdtool_home: Path
) -> None:
    assert log_file == jeugdtool_home / "logs" / "jeugdtool.log" == paths.log_dir() / logs.LOG_NAME
    log.info("case %d opened", 7)
    lines = _text(log_file).splitlines()
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO jeugdtool: jeugdtool \S+ "
        r"started: window \(Python .+",
        lines[0],
    )
    assert re.fullmatch(r"\S+ \S+ INFO jeugdtool\.tests: case 7 opened", lines[-1])
    assert _mode(log_file) == 0o600


def test_it_rotates_and_every_file_stays_owner_only(
    monkeypatch: pytest.MonkeyPatch, jeugdtool_home: Path
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 500)
    path = logs.setup(console=False)
    assert path is not None
    try:
        for n in range(200):
            log.info("line %d of a long session", n)
    finally:
        logs.shutdown()
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [
        "jeugdtool.log",
        *(f"jeugdtool.log.{n}" for n in range(1, logs.BACKUP_COUNT + 1)),
    ]
    assert {_mode(f) for f in files} == {0o600}
    assert all(f.stat().st_size <= 500 for f in files)
    assert "line 199 of a long session" in path.read_text(encoding="utf-8")


def test_an_exception_is_written_as_its_kinds_and_places_never_its_text(log_file: Path) -> None:
    # Another handler (pytest's, or a console) formats the record first and logging would
    # hand its text with the message on to ours.
    other = logging.StreamHandler(open(log_file.parent / "other.txt", "w"))  # noqa: SIM115
    logging.getLogger().addHandler(other)
    try:
        try:
            try:
                raise KeyError("Anna de Vries")
            except KeyError as cause:
                raise ValueError("UPDATE persons SET last_name='de Vries'") from cause
        except ValueError:
            log.exception("saving failed")
    finally:
        logging.getLogger().removeHandler(other)
        other.close()
    assert "Anna de Vries" in (log_file.parent / "other.txt").read_text()  # it was there to take
    text = _text(log_file)
    assert "saving failed" in text
    assert "builtins.ValueError <- builtins.KeyError" in text
    assert "test_logs.py:" in text and "in test_an_exception_is_written" in text
    assert "Anna" not in text and "UPDATE" not in text and "de Vries" not in text


def test_other_libraries_reach_the_log_with_warnings_only(log_file: Path) -> None:
    engine = logging.getLogger("sqlalchemy.engine.Engine")
    engine.setLevel(logging.INFO)  # as echo=True would: each statement with its parameters
    try:
        engine.info("SELECT persons.first_name WHERE persons.id = ? [('Anna',)]")
        engine.warning("a connection pool warning")
    finally:
        engine.setLevel(logging.NOTSET)
    logging.getLogger("alembic.runtime.migration").info("Running upgrade 0008 -> 0009")
    text = _text(log_file)
    assert "Anna" not in text and "SELECT" not in text
    assert "a connection pool warning" in text and "Running upgrade 0008 -> 0009" in text


def test_setting_up_again_changes_nothing_and_another_home_moves_the_log(
    log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert logs.setup(console=False) == log_file
    assert len(logs._installed) == 1
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "other"))
    moved = logs.setup(console=False)
    assert moved == tmp_path / "other" / "logs" / "jeugdtool.log"
    log.info("after the move")
    assert "after the move" in _text(moved) and "after the move" not in _text(log_file)
    assert len([h for h in logging.getLogger().handlers if h in logs._installed]) == 1


def test_a_log_folder_that_cannot_be_made_leaves_the_program_working(
    jeugdtool_home: Path,
) -> None:
    jeugdtool_home.mkdir(parents=True)
    (jeugdtool_home / "logs").write_text("a file where the folder should be")
    assert logs.setup(console=False) is None
    log.info("still works")  # no error


def test_a_command_writes_the_log_with_its_name_only(
    jeugdtool_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "Familie Jansen.sqlite"
    assert main(["--db", str(secret), "demo"]) == 0
    text = _text(paths.log_dir() / logs.LOG_NAME)
    assert "started: command demo" in text
    assert "Jansen" not in text


def test_shutting_down_puts_the_root_level_back(jeugdtool_home: Path) -> None:
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.WARNING)
    try:
        logs.setup(console=False)
        assert root.level == logging.INFO
        logs.shutdown()
        assert root.level == logging.WARNING and logs._installed == []
    finally:
        root.setLevel(before)


def test_warnings_still_reach_the_terminal_without_exception_text(
    jeugdtool_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs.setup()
    try:
        log.info("only in the file")
        try:
            raise OSError("/home/anna/Familie Jansen.json")
        except OSError:
            log.warning("could not read a file", exc_info=True)
    finally:
        logs.shutdown()
    err = capsys.readouterr().err
    assert err.startswith("could not read a file\nbuiltins.OSError\n")
    assert "only in the file" not in err and "Jansen" not in err
