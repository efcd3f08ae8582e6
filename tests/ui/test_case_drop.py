"""A case file dropped on the main window is imported as File > Import case does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData
from PySide6.QtCore import QPoint
from PySide6.QtCore import QPointF
from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from jeugdtool import resources
from jeugdtool.cases import queries
from jeugdtool.i18n import _
from jeugdtool.store import access
from jeugdtool.store.access import Access

from jeugdtool.ui import ops
from jeugdtool.ui.case_drop import case_file_paths
from jeugdtool.ui.main_window import MainWindow

DEMO = resources.path("demo", "04-smit.json")


def _mime(*urls: str | Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(u) if isinstance(u, str) else QUrl.fromLocalFile(str(u)) for u in urls])
    return mime


def _drag_enter(window: MainWindow, mime: QMimeData) -> bool:
    """Whether the window takes the drag (the cursor shows it may be dropped)."""
    event = QDragEnterEvent(
        QPoint(20, 60),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def _drop(window: MainWindow, mime: QMimeData) -> bool:
    """Drag onto the window and let go: Qt delivers the drop only after an accepted enter."""
    _drag_enter(window, mime)
    event = QDropEvent(
        QPointF(20, 60),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event.isAccepted()


@pytest.fixture
def window(ctx, qtbot) -> MainWindow:
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_only_local_json_files_are_case_files(tmp_path: Path) -> None:
    case = tmp_path / "Case.JSON"
    assert case_file_paths(_mime(case)) == [str(case)]
    assert case_file_paths(_mime(case, tmp_path / "b.json")) == [
        str(case),
        str(tmp_path / "b.json"),
    ]
    assert case_file_paths(_mime(tmp_path / "plan.pdf")) == []
    assert case_file_paths(_mime(case, tmp_path / "plan.pdf")) == []  # not half of a drop
    assert case_file_paths(_mime("https://example.org/case.json")) == []
    text = QMimeData()
    text.setText(str(case))
    assert case_file_paths(text) == []


def test_a_dropped_case_file_is_imported_and_opened(window, ctx, qtbot, fake_dialogs) -> None:
    mime = _mime(DEMO)
    assert window.acceptDrops()
    assert _drag_enter(window, mime)
    assert _drop(window, mime)
    qtbot.waitUntil(lambda: len(window.workspaces) == 1, timeout=10_000)
    assert queries.find_case_id(ctx.uow, "2026-0004") in window.workspaces
    assert fake_dialogs.questions == []  # no file dialog: the file was given
    assert fake_dialogs.errors == []


def test_a_broken_case_file_is_refused_with_the_usual_message(
    window, ctx, qtbot, fake_dialogs, tmp_path
) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format": "jeugdtool-case", "version": 1', encoding="utf-8")
    assert _drop(window, _mime(broken))
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=10_000)
    assert ops.writer_pool().waitForDone(10_000)
    assert queries.list_case_summaries(ctx.uow) == []
    # What File > Import case says about this file: its path and what is wrong with it.
    assert len(fake_dialogs.errors) == 1 and fake_dialogs.errors[0].startswith(f"{broken} ")


def test_several_files_are_refused_with_a_message_and_nothing_imported(
    window, ctx, qtbot, fake_dialogs, tmp_path
) -> None:
    second = tmp_path / "tweede.json"
    shutil.copy(DEMO, second)
    mime = _mime(DEMO, second)
    assert _drag_enter(window, mime)
    assert _drop(window, mime)
    assert fake_dialogs.errors == [
        _(
            "Drop one case file at a time: each import checks its own file and may ask about "
            "it. {n} files were dropped; nothing was imported."
        ).format(n=2)
    ]
    qtbot.wait(100)
    assert queries.list_case_summaries(ctx.uow) == []


def test_other_files_are_not_taken(window, fake_dialogs, tmp_path) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert not _drag_enter(window, _mime(pdf))
    assert not _drop(window, _mime(pdf))
    assert fake_dialogs.errors == [] and fake_dialogs.questions == []


def test_nothing_is_taken_while_the_window_is_locked(window, ctx, qtbot, fake_dialogs) -> None:
    window.auto_lock.lock()
    assert not _drop(window, _mime(DEMO))
    qtbot.wait(100)
    assert queries.list_case_summaries(ctx.uow) == []


def test_a_read_only_database_takes_no_case_file(
    ctx, qtbot, fake_dialogs, monkeypatch, tmp_path
) -> None:
    from jeugdtool import app as jeugdtool_app

    from jeugdtool.ui.first_run import sign_in

    monkeypatch.setattr(access, "probe", lambda _path: Access(True, "you may only read it"))
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    path = tmp_path / "cases.sqlite"  # the ctx fixture's file, with its consultant
    read_only = launcher.start(str(path))
    assert read_only is not None
    qtbot.addWidget(read_only)
    try:
        assert read_only.ctx.read_only and not read_only.import_action.isEnabled()
        assert not _drag_enter(read_only, _mime(DEMO))
        assert not _drop(read_only, _mime(DEMO))
        assert fake_dialogs.errors == [] and queries.list_case_summaries(read_only.ctx.uow) == []
    finally:
        read_only.ctx.database.close()
