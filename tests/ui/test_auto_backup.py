"""The window's daily automatic backup: made in the background, said in the status bar."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from jeugdtool.i18n import _
from jeugdtool.settings import Settings
from jeugdtool.store import backup

from jeugdtool.ui import auto_backup
from jeugdtool.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auto_backup, "START_DELAY_MS", 0)


def _window(qtbot, ctx, folder: Path, **settings) -> MainWindow:
    ctx.settings = Settings(backup_folder=str(folder), **settings)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def _wait_for_copy(qtbot, window: MainWindow) -> Path | None:
    with qtbot.waitSignal(window.backup_status.finished, timeout=10_000) as done:
        pass
    return done.args[0]


def test_the_first_start_of_a_day_makes_a_backup_and_says_when(
    qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    make = backup.make_auto_backup

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return make(*args, **kwargs)

    monkeypatch.setattr(backup, "make_auto_backup", recording)
    folder = tmp_path / "auto"
    window = _window(qtbot, ctx, folder)
    made = _wait_for_copy(qtbot, window)
    assert made is not None and made.exists()
    assert backup.auto_backups(ctx.database.location.path, folder) == [made]
    assert threads and threads[0] is not threading.main_thread()  # the window stayed free
    label = window.backup_status.text()
    assert label.startswith(_("Last backup: {when}").split("{")[0])
    assert _("today {time}").split("{")[0] in label
    assert not window.backup_status.isHidden()


def test_a_second_start_the_same_day_makes_none(qtbot, ctx, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    first = _window(qtbot, ctx, folder)
    _wait_for_copy(qtbot, first)
    second = _window(qtbot, ctx, folder)
    assert not second.backup_status.start()
    qtbot.wait(50)
    assert len(backup.auto_backups(ctx.database.location.path, folder)) == 1
    assert second.backup_status.text() == first.backup_status.text()


def test_only_the_newest_automatic_backups_stay(qtbot, ctx, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    source = ctx.database.location.path
    upgrade_copy = backup.backup_sqlite(source, "before-upgrade-from-0006", folder)
    for _day in range(3):  # three earlier days' copies, renamed into the past
        made = backup.make_auto_backup(source, folder, keep=10)
        stamp = made.name[len(source.stem) + 1 :][:22]
        made.rename(made.with_name(made.name.replace(stamp, "20200101-0000" + stamp[13:])))
    window = _window(qtbot, ctx, folder, auto_backup_keep=2)
    made = _wait_for_copy(qtbot, window)
    kept = backup.auto_backups(source, folder)
    assert len(kept) == 2 and kept[0] == made
    assert upgrade_copy.exists()


def test_a_failed_backup_is_said_in_the_status_bar_and_tried_again(
    qtbot, ctx, tmp_path: Path, fake_dialogs
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # a file where the backup folder should be: the copy cannot be made
    window = _window(qtbot, ctx, blocked)
    assert _wait_for_copy(qtbot, window) is None
    status = window.backup_status
    assert status.text() == _("Automatic backup failed")
    assert str(blocked) in status.toolTip()
    assert window.statusBar().currentMessage() == status.toolTip()
    assert fake_dialogs.errors == [] and QApplication.activeModalWidget() is None
    blocked.unlink()  # room again: the next start makes the copy
    again = _window(qtbot, ctx, blocked)
    assert _wait_for_copy(qtbot, again) is not None


def test_no_automatic_backup_when_switched_off(qtbot, ctx, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    window = _window(qtbot, ctx, folder, auto_backup=False)
    assert not window.backup_status.start()
    qtbot.wait(50)
    assert not folder.exists()
    assert window.backup_status.text() == ""
