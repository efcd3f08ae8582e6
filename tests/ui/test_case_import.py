"""Importing a case file from the File menu: read and checked off the GUI thread, with a
progress dialog that can be cancelled; the database is locked only while the case is added."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.export import casefile
from jeugdtool.i18n import _

from jeugdtool.ui import ops
from jeugdtool.ui.case_files import import_case_file

DEMO = resources.path("demo", "04-smit.json")


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The check of the document waits until the test lets it go; records its thread."""
    state: dict[str, Any] = {"entered": threading.Event(), "go": threading.Event()}
    check = casefile.validate_case_document

    def held(doc: Any, **kwargs: Any) -> Any:
        state["thread"] = threading.get_ident()
        state["entered"].set()
        assert state["go"].wait(10), "the test never let the check go"
        return check(doc, **kwargs)

    monkeypatch.setattr(casefile, "validate_case_document", held)
    yield state
    state["go"].set()  # never leave the single worker thread blocked for the next test
    ops.writer_pool().waitForDone(10_000)


def _import(ctx, parent, path: Path, fake_dialogs) -> tuple[Any, list[Any]]:
    opened: list[Any] = []
    fake_dialogs.answers.append(str(path))
    task = import_case_file(ctx, parent, on_done=opened.append)
    assert task is not None
    return task, opened


def _wait_done(qtbot, task: ops.BackgroundTask[Any]) -> None:
    """Until the check and, if it started, the adding are over."""
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert ops.writer_pool().waitForDone(10_000)
    qtbot.wait(50)  # the queued delivery of the second job


def test_the_file_is_checked_off_the_gui_thread_and_the_case_opens(
    ctx, parent, qtbot, fake_dialogs, held_check
) -> None:
    changed: list[Any] = []
    ctx.signals.changed.connect(changed.append)
    task, opened = _import(ctx, parent, DEMO, fake_dialogs)
    assert held_check["entered"].wait(5)
    assert held_check["thread"] != threading.get_ident()
    # Meanwhile the window lives: the progress dialog shows what is being done.
    dialog = task.progress_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.labelText() == _("Checking the case in {file}…").format(file=DEMO.name)
    held_check["go"].set()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].case_number == "2026-0004"
    assert len(queries.list_case_summaries(ctx.uow)) == 1
    assert changed and changed[-1].touches("household")
    assert fake_dialogs.errors == []


def test_cancel_stops_the_import_and_nothing_is_added(
    ctx, parent, qtbot, fake_dialogs, held_check
) -> None:
    task, opened = _import(ctx, parent, DEMO, fake_dialogs)
    assert held_check["entered"].wait(5)
    dialog = task.progress_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == _("Cancel")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()  # the window is free at once, though the check still runs
    held_check["go"].set()
    _wait_done(qtbot, task)
    assert opened == []
    assert queries.list_case_summaries(ctx.uow) == []
    assert fake_dialogs.errors == [] and fake_dialogs.questions[-1][0] == "open_file"


def test_other_programs_can_write_while_the_file_is_checked(
    ctx, parent, qtbot, fake_dialogs, held_check, db_path
) -> None:
    """On SQLite every transaction holds the write lock: none is open during the check."""
    _task, opened = _import(ctx, parent, DEMO, fake_dialogs)
    assert held_check["entered"].wait(5)
    other = sqlite3.connect(db_path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # "database is locked" if the import held the lock
        other.execute("UPDATE consultants SET name = name")
        other.commit()
    finally:
        other.close()
    held_check["go"].set()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)


@pytest.mark.parametrize("as_new", [True, False])
def test_a_taken_case_number_asks_whether_to_import_as_new(
    ctx, parent, qtbot, fake_dialogs, as_new: bool
) -> None:
    households.create_case(ctx.uow, name="Gezin Smit", case_number="2026-0004")
    fake_dialogs.answers.extend([str(DEMO), as_new])
    opened: list[Any] = []
    task = import_case_file(ctx, parent, on_done=opened.append)
    assert task is not None
    _wait_done(qtbot, task)
    if as_new:
        qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    kind, question = fake_dialogs.questions[-1]
    assert kind == "confirm" and "2026-0004" in question
    assert len(queries.list_case_summaries(ctx.uow)) == (2 if as_new else 1)
    assert fake_dialogs.errors == []


def _refusals() -> list[Any]:
    cases: list[Any] = [
        pytest.param(lambda tmp: tmp, _folder_message, id="folder"),
        pytest.param(_deep, "64", id="nested 1000 deep"),
        pytest.param(_surrogate, "persons[0].notes", id="lone surrogate"),
    ]
    if hasattr(os, "mkfifo"):
        cases.append(pytest.param(_pipe, "pipe", id="named pipe"))
    if Path("/dev/zero").exists():
        cases.append(pytest.param(lambda tmp: Path("/dev/zero"), "/dev/zero", id="/dev/zero"))
    return cases


def _folder_message(tmp: Path) -> str:
    """The start of the refusal of folder `tmp`, in the language the test runs in."""
    return _("{path} is a folder, not a {kind}.").split("{kind}")[0].format(path=tmp)


def _deep(tmp: Path) -> Path:
    path = tmp / "deep.json"
    path.write_text("[" * 1000 + "]" * 1000)
    return path


def _surrogate(tmp: Path) -> Path:
    doc = json.loads(DEMO.read_text(encoding="utf-8"))
    doc["persons"][0]["notes"] = "\ue000"
    path = tmp / "surrogate.json"
    path.write_text(json.dumps(doc).replace("\\ue000", "\\ud800"), encoding="ascii")
    return path


def _pipe(tmp: Path) -> Path:
    path = tmp / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(("make", "in_message"), _refusals())
def test_a_file_that_cannot_be_a_case_is_refused_with_a_message(
    ctx,
    parent,
    qtbot,
    fake_dialogs,
    tmp_path: Path,
    make: Callable[[Path], Path],
    in_message: str | Callable[[Path], str],
) -> None:
    if callable(in_message):
        in_message = in_message(tmp_path)
    task, opened = _import(ctx, parent, make(tmp_path), fake_dialogs)
    _wait_done(qtbot, task)
    assert len(fake_dialogs.errors) == 1 and in_message in fake_dialogs.errors[0]
    assert opened == [] and queries.list_case_summaries(ctx.uow) == []
    assert QApplication.activeModalWidget() is None
