"""Alt+letter does one thing per window: no two visible, enabled widgets of one window share a
mnemonic (the underlined letter), on every page of a demo case and in the main dialogs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterator

import pytest

from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMenuBar
from PySide6.QtWidgets import QTabBar
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.queries import list_case_summaries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.framework import moments

from jeugdtool.ui.framework.guided import GuidedMapping
from jeugdtool.ui.framework.item_dialog import MapItemDialog
from jeugdtool.ui.framework.map_page import FrameworkPage
from jeugdtool.ui.framework.moment_bar import ComparePicker
from jeugdtool.ui.framework.moment_bar import NewMomentDialog
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import CaseWorkspace

#: Off-screen Qt cannot raise or grab; the windows here are only looked at.
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower case."""
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def texts_of(widget: QWidget) -> list[str]:
    """The texts of `widget` that can carry a mnemonic Qt acts on."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QMenuBar):  # Alt+letter of a menu title competes with the page's
        return [a.text() for a in widget.actions() if a.isVisible() and a.isEnabled()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabEnabled(i)]
    return []


def duplicates(window: QWidget) -> dict[str, list[str]]:
    """Mnemonics used more than once by the visible, enabled widgets of `window` itself (a
    dialog or another window on top is a window of its own)."""
    used: dict[str, list[str]] = defaultdict(list)
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not (widget.isVisible() and widget.isEnabled()):
            continue
        for text in texts_of(widget):
            if (letter := mnemonic(text)) is not None:
                used[letter].append(f"{type(widget).__name__} {text!r}")
    return {letter: found for letter, found in used.items() if len(found) > 1}


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


@pytest.fixture
def window(language: str, demo_main_window: MainWindow) -> MainWindow:
    """The demo window, built in the test's language."""
    return demo_main_window


def open_case(window: MainWindow) -> CaseWorkspace:
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    window.open_case(case_id)
    return window.workspaces[case_id]


def open_closed_case(window: MainWindow) -> CaseWorkspace:
    """A closed demo case: its banner adds "Reopen case", its pages show no edit buttons."""
    cases = list_case_summaries(window.ctx.uow)
    closed = sorted(c.id for c in cases if c.status == CaseStatus.CLOSED)
    assert closed, "the demo has a closed case"
    window.open_case(closed[0])
    return window.workspaces[closed[0]]


def page_clashes(window: MainWindow, workspace: CaseWorkspace) -> dict[str, dict[str, list[str]]]:
    """The mnemonics used twice on each page of `workspace`, by the page's name."""
    found = {}
    for row in range(workspace.nav.count()):
        workspace.show_page(row)
        settle()
        if clashes := duplicates(window):
            found[workspace.nav.item(row).text()] = clashes
    return found


def test_the_mnemonic_of_a_text():
    assert mnemonic("Casus &sluiten…") == "s"
    assert mnemonic("Tom && Jerry &Ok") == "o"
    assert mnemonic("No mnemonic") is None


def test_a_duplicate_is_found(qtbot):
    """The check itself: two buttons on "&T" are reported, a hidden one is not."""
    from PySide6.QtWidgets import QPushButton
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    for text in ("&Toevoegen", "S&tatus", "&Hidden"):
        layout.addWidget(QPushButton(text, box))
    hidden = QPushButton("&Hier", box)
    layout.addWidget(hidden)
    box.show()
    hidden.hide()
    assert set(duplicates(box)) == {"t"}


def test_every_page_of_a_case_uses_each_letter_once(window, qtbot):
    found = page_clashes(window, open_case(window))
    window.show_list()
    settle()
    if clashes := duplicates(window):
        found["case list"] = clashes
    assert not found


def test_every_page_of_a_closed_case_uses_each_letter_once(window, qtbot):
    """A closed case's banner has "Reopen case", which no page may take as well."""
    workspace = open_closed_case(window)
    assert workspace.reopen_button.isVisible()
    assert not page_clashes(window, workspace)


def test_guided_mode_and_its_summary_use_each_letter_once(window, qtbot):
    workspace = open_case(window)
    workspace.show_page(FRAMEWORK)
    area = workspace.framework.ensure_built()
    area.start_guided()
    guided = area.guided
    assert isinstance(guided, GuidedMapping)
    if guided.moment is None:
        guided.continue_latest()
    settle()
    assert not duplicates(window), "a step of guided mode"
    guided.show_summary()
    settle()
    assert not duplicates(window), "the summary of guided mode"


def _map_dialogs(window: MainWindow) -> Iterator[QDialog]:
    workspace = open_case(window)
    workspace.show_page(FRAMEWORK)
    page = workspace.framework.ensure_built().map
    assert isinstance(page, FrameworkPage) and page.moment is not None
    for cell, item in ((c, page.moment.cells[c][0]) for c in page.cells if page.moment.cells[c]):
        yield MapItemDialog(
            page, cell, page.title_of(cell), page.detail, "A. de Boer", lambda *a: None, item=item
        )
        break
    yield NewMomentDialog(page, page.detail, lambda *a: None, copies=True)
    yield ComparePicker(page, page.moments)


def _window_dialogs(window: MainWindow) -> Iterator[QWidget]:
    from jeugdtool.ui.access_log_window import AccessLogWindow
    from jeugdtool.ui.caseload import CaseloadWindow
    from jeugdtool.ui.dashboard.window import DashboardWindow
    from jeugdtool.ui.export.batch_dialog import BatchExportDialog
    from jeugdtool.ui.export.pdf_dialog import PdfExportDialog
    from jeugdtool.ui.help_window import AboutDialog
    from jeugdtool.ui.meetings.window import MeetingsWindow
    from jeugdtool.ui.new_case import NewCaseDialog
    from jeugdtool.ui.settings_dialog import SettingsDialog
    from jeugdtool.ui.zrm.import_dialog import ZrmLibraryDialog

    ctx = window.ctx
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    makers: list[Callable[[], QWidget]] = [
        lambda: SettingsDialog(ctx, window),
        lambda: PdfExportDialog(ctx, case_id, window),
        lambda: NewCaseDialog(ctx, window),
        lambda: BatchExportDialog(ctx, window),
        lambda: ZrmLibraryDialog(ctx, window),
        lambda: AboutDialog(None, window),
        lambda: AccessLogWindow(ctx, window),
        lambda: CaseloadWindow(ctx, window),
        lambda: DashboardWindow(ctx, window),
        lambda: MeetingsWindow(ctx, window),
    ]
    for make in makers:
        yield make()
    # Dialogs opened window-modal by their own function, as the Case menu opens them.
    from jeugdtool.ui.destroy_dialog import open_destroy
    from jeugdtool.ui.retention_dialog import open_retention
    from jeugdtool.ui.workspace.privacy_requests import open_privacy_requests

    for opened in (
        open_privacy_requests(ctx, window, case_id),
        open_destroy(ctx, window, case_id),
        open_retention(ctx, window, lambda _case: None),
    ):
        assert opened is not None, window.ctx.dialogs.errors
        yield opened


@pytest.mark.parametrize("dialogs", [_map_dialogs, _window_dialogs], ids=["map", "window"])
def test_the_main_dialogs_use_each_letter_once(window, qtbot, dialogs):
    found = {}
    for dialog in dialogs(window):
        dialog.show()
        settle()
        if clashes := duplicates(dialog):
            found[dialog.windowTitle() or type(dialog).__name__] = clashes
        dialog.close()
        dialog.deleteLater()
    assert not found


def test_the_meetings_window_with_a_meeting_uses_each_letter_once(window, ctx, qtbot):
    from jeugdtool.meetings import meetings

    from jeugdtool.ui.meetings.window import MeetingsWindow

    meetings.create_meeting(ctx.uow, {"title": "Team Oost"})
    shown = MeetingsWindow(ctx, window)
    shown.show()
    settle()
    assert not duplicates(shown)
    shown.close()


def test_a_moment_from_the_demo_is_there(window):
    """The dialogs above need a map with items: the demo's first case has one."""
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    assert moments.latest_moment(window.ctx.uow, case_id) is not None
