"""Every page and window fits a 1366×768 laptop: the main window with the demo cases, each page
of a case, and each dialog and window that can be opened with demo data. A widget that leaves
its window (or its parent, outside a scroll area), a list or table whose columns scroll out of
sight sideways, or a window that cannot be made as small as 1366×720 (the screen less a title
bar and a panel) fails the test with its name.

To add a page or a dialog: one line in PAGES or WINDOWS. Set JEUGDTOOL_SHOTS=<folder> to save
every screen as a PNG to look at."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

import pytest

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.vocab import StatementType
from tests.ui.fit_kit import USABLE
from tests.ui.fit_kit import misfits
from tests.ui.fit_kit import scrolls_sideways
from tests.ui.fit_kit import shoot
from tests.ui.fit_kit import too_big

from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.meetings.window import MeetingsWindow
from jeugdtool.ui.side_window import SideWindow
from jeugdtool.ui.workspace.workspace import CHILD_VOICE
from jeugdtool.ui.workspace.workspace import DISCLOSURES
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import HELP
from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import JOURNAL
from jeugdtool.ui.workspace.workspace import MELDCODE
from jeugdtool.ui.workspace.workspace import NETWORK
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import STATEMENTS
from jeugdtool.ui.workspace.workspace import ZRM
from jeugdtool.ui.workspace.workspace import CaseWorkspace
from jeugdtool.ui.zrm.page import ASSESSMENT
from jeugdtool.ui.zrm.page import HOUSEHOLD
from jeugdtool.ui.zrm.page import PROGRESS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

SHOTS = os.environ.get("JEUGDTOOL_SHOTS")
#: The demo cases visited page by page: one open with every part filled, one closed (banner).
CASES = ("2026-0001", "2026-0003")


@dataclass
class Screen:
    """The window under test and what is wrong with it so far."""

    window: MainWindow
    problems: list[str] = field(default_factory=list)

    def workspace(self, number: str = CASES[0]) -> CaseWorkspace:
        """The open case with this number, brought to the front."""
        found = next(
            ws
            for ws in self.window.workspaces.values()
            if ws.household is not None and ws.household.case_number == number
        )
        self.window.tabs.setCurrentWidget(found)
        return found

    def check(self, top: QWidget, name: str, *, laptop: bool = True) -> None:
        """Note every way `top` does not fit, at its own size and made as small as the screen.
        `laptop=False`: a size below 1366×720, where only nothing may be cut off (a pane may
        scroll sideways there)."""
        reason = too_big(top)
        if reason:
            self.problems.append(f"{name}: {reason}")
        if isinstance(top, SideWindow) and laptop:
            # As a 1366×720 screen opens it (the offscreen screen is only 800×800).
            top.resize(top.preferred_size.boundedTo(USABLE))
        elif top is not self.window and laptop:
            top.resize(top.size().boundedTo(USABLE))
        QApplication.processEvents()
        found = misfits(top) + (scrolls_sideways(top) if laptop else [])
        self.problems += [f"{name}: {m}" for m in found]
        shoot(top, SHOTS, name.replace(" ", "-"))


ShowPage = Callable[[CaseWorkspace], None]


def _page(row: int, sub: Callable[[QWidget], None] | None = None) -> ShowPage:
    def show(ws: CaseWorkspace) -> None:
        ws.show_page(row)
        if sub is not None:
            sub(ws.stack.currentWidget().ensure_built())

    return show


def _zrm_view(view: int) -> Callable[[QWidget], None]:
    return lambda page: page.tabs.setCurrentIndex(view)


def _guided(area: QWidget) -> None:
    area.start_guided()


#: The pages of a case: (name, show it).
PAGES: list[tuple[str, ShowPage]] = [
    ("overview", _page(OVERVIEW)),
    ("map", _page(FRAMEWORK)),
    ("guided", _page(FRAMEWORK, _guided)),
    ("statements", _page(STATEMENTS)),
    ("scale", _page(SCALE)),
    ("plan", _page(SAFETY_PLAN)),
    ("zrm assessment", _page(ZRM, _zrm_view(ASSESSMENT))),
    ("zrm progress", _page(ZRM, _zrm_view(PROGRESS))),
    ("zrm household", _page(ZRM, _zrm_view(HOUSEHOLD))),
    ("history", _page(HISTORY)),
    ("disclosures", _page(DISCLOSURES)),
    ("help", _page(HELP)),
    ("journal", _page(JOURNAL)),
    ("meldcode", _page(MELDCODE)),
    ("network meetings", _page(NETWORK)),
    ("child's voice", _page(CHILD_VOICE)),
]


def _built(ws: CaseWorkspace, row: int) -> QWidget:
    ws.show_page(row)
    return ws.stack.currentWidget().ensure_built()


def _item_dialog(s: Screen) -> None:
    """The longest item of the map, as its "…" button opens it."""
    page = _built(s.workspace(), FRAMEWORK).map
    assert page.moment is not None
    items = [i for cell in page.moment.cells.values() for i in cell]
    longest = max(items, key=lambda i: len(i.text))
    page.cells[longest.cell].edit_requested.emit(longest)


def _statement_dialog(s: Screen) -> None:
    _built(s.workspace(), STATEMENTS).add_statement(StatementType.DANGER)


def _finalise_dialog(s: Screen) -> None:
    plan = _built(s.workspace(), SAFETY_PLAN)  # the Jansens' plan has a draft
    assert plan.finalise() is not None


def _review_dialog(s: Screen) -> None:
    plan = _built(s.workspace("2026-0002"), SAFETY_PLAN)  # a finalised plan, an open case
    assert plan.reviews.add_review() is not None


def _compare_dialog(s: Screen) -> None:
    plan = _built(s.workspace(), SAFETY_PLAN)
    assert plan.compare() is not None


def _role_dialog(s: Screen) -> None:
    plan = _built(s.workspace(), SAFETY_PLAN)
    assert plan.network_flags.add_role() is not None


def _score_dialog(s: Screen) -> None:
    from jeugdtool.ui.framework.score_input import ScoreDialog

    page = _built(s.workspace(), SCALE)
    ScoreDialog(s.window.ctx, page.scores[-1], page).open()


def _new_assessment(s: Screen) -> None:
    page = _built(s.workspace(), ZRM)
    page.new_assessment()


def _meetings(s: Screen) -> None:
    """Opened as big as the screen allows (offscreen 800×800: measured there too), then at the
    laptop's size."""
    s.window.show_meetings()
    (window,) = s.window.findChildren(MeetingsWindow)  # this window's, not another test's
    s.check(window, "meetings window opened", laptop=False)
    window.resize(USABLE)


def _pdf(s: Screen) -> None:
    s.workspace()  # a case is open: the PDF is of it
    s.window.export_pdf()


def _request_form(s: Screen) -> None:
    from jeugdtool.ui.workspace.privacy_request_forms import RegisterRequestDialog

    RegisterRequestDialog(s.window.ctx, s.workspace().case_id, dt.date.today(), s.window).open()


def _help_dialog(s: Screen) -> None:
    """The help item with the most to show (a new one when the demo has none)."""
    page = _built(s.workspace(), HELP)
    page.reload()
    if not page.items:
        assert page.add_help() is not None
        return
    longest = max(page.items, key=lambda i: len(i.description) + len(i.serves) * 80)
    assert page.edit_help(longest) is not None


def _journal_dialog(s: Screen) -> None:
    """The journal entry with the longest note (a new one when the demo has none)."""
    page = _built(s.workspace(), JOURNAL)
    page.reload()
    if not page.entries:
        assert page.add_entry() is not None
        return
    longest = max(page.entries, key=lambda e: len(e.note) + 80 * len(e.links))
    assert page.correct_entry(longest) is not None


def _kindcheck_dialog(s: Screen) -> None:
    from jeugdtool.dossier.dto import KindcheckTrigger

    from jeugdtool.ui.journal.kindcheck_dialog import ask_kindcheck

    ws = s.workspace()
    assert ws.detail is not None
    adult = ws.detail.persons[0]
    reason = "ZRM Geestelijke gezondheid: 2"
    trigger = KindcheckTrigger(adult.id, adult.full_name, "worry:0123456789abcdef", reason)
    ask_kindcheck(s.window.ctx, s.window, ws.case_id, trigger)


def _person_dialog(s: Screen) -> None:
    ws = s.workspace()
    assert ws.detail is not None
    ws.show_page(OVERVIEW)
    ws.overview.persons.edit_requested.emit(ws.detail.persons[0])


def _network_dialog(s: Screen) -> None:
    ws = s.workspace()
    assert ws.detail is not None
    ws.show_page(OVERVIEW)
    ws.overview.network.edit_requested.emit(ws.detail.network[0])


def _red_flag_dialog(s: Screen) -> None:
    plan = _built(s.workspace(), SAFETY_PLAN)
    assert plan.network_flags.add_flag() is not None


def _family_goal_dialog(s: Screen) -> None:
    plan = _built(s.workspace(), SAFETY_PLAN)
    assert plan.family_goals.add_goal() is not None


def _case_team(s: Screen) -> None:
    from jeugdtool.ui.workspace.case_team import CaseTeamDialog

    household = s.workspace().household
    assert household is not None
    CaseTeamDialog(s.window.ctx, household, parent=s.window).open()


def _access_request(s: Screen) -> None:
    """The case is read in the background first; the dialog comes when it is done."""
    from PySide6.QtTest import QTest

    from jeugdtool.ui.export.access_request_dialog import AccessRequestDialog

    s.workspace()
    s.window.access_request()
    for _wait in range(250):
        if any(isinstance(w, AccessRequestDialog) for w in QApplication.topLevelWidgets()):
            return
        QTest.qWait(20)
    pytest.fail("the access request dialog did not open")


def _handover(s: Screen) -> None:
    from jeugdtool.cases import handover

    from jeugdtool.ui.handover import HandoverDialog

    choice = handover.handover_choice(s.window.ctx.uow, s.workspace().case_id)
    HandoverDialog(s.window.ctx, choice, s.window).open()


def _start_dialogs(s: Screen) -> bool:
    """What the program asks before the window: who is working, a passphrase, a login."""
    from jeugdtool.ui.encryption import NewPassphraseDialog
    from jeugdtool.ui.encryption import PassphraseDialog
    from jeugdtool.ui.encryption import PassphraseRequest
    from jeugdtool.ui.first_run import FirstRunDialog
    from jeugdtool.ui.login import LoginDialog
    from jeugdtool.ui.login import LoginRequest

    database = str(s.window.ctx.database.location.key)
    for dialog in (
        FirstRunDialog(s.window.ctx.database, s.window),
        PassphraseDialog(PassphraseRequest(database, "", 3, True, False), s.window),
        NewPassphraseDialog("Versleutelen", "Kies een wachtwoordzin.", keyring=True),
        LoginDialog(LoginRequest("db.example.nl/jeugd", "", "aboer", True, False), s.window),
    ):
        dialog.show()
        s.check(dialog, f"start {type(dialog).__name__}")
        dialog.close()
    return True


def _lock_screen(s: Screen) -> bool:
    """The lock covers the window (no window of its own): measured there, then unlocked."""
    s.window.lock()
    s.check(s.window, "lock screen")
    s.window.auto_lock.unlock()
    return True


#: Dialogs and windows: (name, open it; True when it measured what it opened itself). Modal
#: ones (exec) are measured while they are open.
WINDOWS: list[tuple[str, Callable[[Screen], object]]] = [
    ("meetings window", _meetings),
    ("item dialog", _item_dialog),
    ("statement dialog", _statement_dialog),
    (
        "safety goal dialog",
        lambda s: _built(s.workspace(), STATEMENTS).add_statement(StatementType.SAFETY_GOAL),
    ),
    ("harm dialog", lambda s: _built(s.workspace(), STATEMENTS).add_statement(StatementType.HARM)),
    ("judgement dialog", lambda s: _built(s.workspace(), SCALE).goal_tracks.judge(None)),
    ("finalise dialog", _finalise_dialog),
    ("review dialog", _review_dialog),
    ("compare dialog", _compare_dialog),
    ("network role dialog", _role_dialog),
    ("score dialog", _score_dialog),
    ("new assessment dialog", _new_assessment),
    ("request form", _request_form),
    ("person dialog", _person_dialog),
    ("network dialog", _network_dialog),
    ("red flag dialog", _red_flag_dialog),
    ("family goal dialog", _family_goal_dialog),
    ("help dialog", _help_dialog),
    ("journal entry dialog", _journal_dialog),
    ("kindcheck dialog", _kindcheck_dialog),
    ("network meeting sitting", lambda s: _built(s.workspace(), NETWORK).new_meeting()),
    ("closing dialog", lambda s: s.workspace().close_case()),
    ("reopen dialog", lambda s: s.workspace(CASES[1]).reopen_case()),
    ("experience dialog", lambda s: s.workspace(CASES[1]).record_experience()),
    ("case team", _case_team),
    ("own wording", lambda s: _built(s.workspace(), SCALE).edit_wording()),
    ("new mapping moment", lambda s: _built(s.workspace(), FRAMEWORK).map.start_new_moment()),
    (
        "change mapping moment",
        lambda s: _built(s.workspace(), FRAMEWORK).map.bar.change_button.click(),
    ),
    ("keyboard map", lambda s: s.window.show_keyboard_map()),
    ("access request", _access_request),
    ("handover", _handover),
    ("start dialogs", _start_dialogs),
    ("lock screen", _lock_screen),
    ("settings", lambda s: s.window.show_settings()),
    ("new case", lambda s: s.window.new_case()),
    ("zrm library", lambda s: s.window.show_zrm_library()),
    ("pdf export", _pdf),
    ("batch export", lambda s: s.window.export_pdfs()),
    ("caseload", lambda s: s.window.show_caseload()),
    ("review queue", lambda s: s.window.show_review_queue()),
    ("results", lambda s: s.window.show_results()),
    ("access log", lambda s: s.window.show_access_log()),
    ("retention", lambda s: s.window.show_retention()),
    ("privacy requests", lambda s: s.window.show_requests()),
    ("destroy case", lambda s: s.window.destroy_case()),
    ("about", lambda s: s.window.show_about()),
    ("manual", lambda s: s.window.show_manual()),
]


#: The laptop, a full-HD screen and 4K, each less a title bar and a panel.
SIZES = [QSize(1366, 720), QSize(1920, 1032), QSize(3840, 2112)]


@pytest.fixture
def screen(started_window, qtbot, demo_households) -> Screen:
    """The main window at 1366×720 with the demo cases, the cases of CASES open."""
    window = started_window
    cases = demo_households
    window.list_page.reload()
    for case in cases:
        if case.case_number in CASES or case.case_number == "2026-0002":
            window.open_case(case.id)
    window.resize(USABLE)
    qtbot.waitUntil(lambda: window.size() == USABLE, timeout=2000)
    return Screen(window)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_main_window_and_every_page_of_a_case_fit(screen: Screen, qtbot, size: QSize) -> None:
    window = screen.window
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=2000)
    window.tabs.setCurrentIndex(0)
    screen.check(window, f"{size.width()} case list")
    for number in CASES:
        ws = screen.workspace(number)
        for name, show in PAGES:
            show(ws)
            screen.check(window, f"{size.width()} {number} {name}")
            assert window.size() == size, f"{name} made the window grow"
        ws.framework.ensure_built().show_map()  # out of guided mode again
    assert not screen.problems, "\n".join(screen.problems)


class ModalWatch:
    """Measures and closes a dialog opened with exec() while its own event loop runs."""

    def __init__(self, screen: Screen, name: str):
        self.screen, self.name = screen, name
        #: The dialogs measured here (ids), so they are not measured again afterwards.
        self.seen: set[int] = set()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or id(dialog) in self.seen or not isinstance(dialog, QDialog):
            return
        if dialog.isModal() and dialog.windowModality() == Qt.WindowModality.ApplicationModal:
            self.seen.add(id(dialog))
            self.screen.check(dialog, self.name)
            dialog.reject()

    def stop(self) -> None:
        self.timer.stop()


@pytest.mark.parametrize("part", range(2))
def test_every_dialog_and_window_fits(screen: Screen, qtbot, fake_dialogs, part: int) -> None:
    half = WINDOWS[part::2]  # two halves: a failure names fewer, each run stays short
    for name, open_it in half:
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        watch = ModalWatch(screen, name)
        measured = open_it(screen) is True
        watch.stop()
        opened = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in before and id(w) not in watch.seen
        ]
        assert opened or watch.seen or measured, f"{name}: nothing opened"
        for top in opened:
            screen.check(top, name)
            top.close()
        qtbot.wait(1)  # closed windows go (deleted on close)
    assert not screen.problems, "\n".join(screen.problems)


def test_the_meetings_window_opens_within_the_screen(started_window, qtbot) -> None:
    """It asks for 1500×900 but gets no more than the screen has (offscreen: 800×800), and a
    size saved on a bigger screen is not restored on a smaller one."""
    from jeugdtool.ui.window_state import available_area
    from jeugdtool.ui.window_state import ui_settings

    area = available_area(started_window)
    window = MeetingsWindow(started_window.ctx, started_window)  # deleted when closed
    window.show()
    assert area.contains(window.frameGeometry())
    assert window.width() <= area.width() and window.height() <= area.height()
    window.resize(area.width() + 600, area.height() + 300)
    window.close()  # saves its geometry: too big for this screen
    assert ui_settings().value("meetings/geometry") is not None
    again = MeetingsWindow(started_window.ctx, started_window)
    again.show()
    assert area.contains(again.frameGeometry())
    again.close()


def test_a_saved_size_that_fits_comes_back(started_window, qtbot) -> None:
    window = MeetingsWindow(started_window.ctx, started_window)
    window.show()
    window.resize(700, 500)
    window.move(10, 20)
    window.close()
    again = MeetingsWindow(started_window.ctx, started_window)
    again.show()
    assert again.size() == QSize(700, 500)
    again.close()


def test_the_main_window_opens_within_the_screen_whatever_was_saved(qtbot) -> None:
    """First start: 1200×760 where the screen has it (offscreen 800×800: less); a size saved
    on a big monitor comes back no bigger than this screen."""
    from jeugdtool.ui.window_state import FRAME
    from jeugdtool.ui.window_state import available_area
    from jeugdtool.ui.window_state import save_window

    first = MainWindow()
    qtbot.addWidget(first)
    area = available_area(first)
    assert first.width() + FRAME.width() <= area.width()
    assert first.height() + FRAME.height() <= area.height()
    first.resize(1800, 1000)
    save_window(first)
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert area.contains(again.frameGeometry())
