"""Auto-lock: after the organisation's idle period every window hides its content (the meeting's
presentation too) until the passphrase or the login password is given; nothing typed is lost."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from team_kit import PASSWORD
from team_kit import TeamDb
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool import app as jeugdtool_app
from jeugdtool.cases import households
from jeugdtool.cases import org_policy
from jeugdtool.cases import queries
from jeugdtool.errors import DiskFull
from jeugdtool.export import demo
from jeugdtool.i18n import _
from jeugdtool.store import faults

from jeugdtool.ui import lock
from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.lock import AutoLock
from jeugdtool.ui.lock import LockOverlay
from jeugdtool.ui.lock import Secret
from jeugdtool.ui.login import TeamSignIn
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.settings_dialog import SETTINGS_CHANGED

PASSPHRASE = "paard batterij nietje correct"
LOCKED_TITLE = "jeugdtool — locked"


class Clock:
    """Time that passes only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait_minutes(self, minutes: float) -> None:
        self.now += minutes * 60


def _start(qtbot, fake_dialogs, target: str, **launcher_options) -> MainWindow:
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
        **launcher_options,
    )
    found = launcher.start(target)
    assert found is not None
    qtbot.addWidget(found)
    found._launcher = launcher
    found.resize(1366, 768)
    found.show()
    qtbot.waitExposed(found)
    return found


@pytest.fixture
def window(tmp_path: Path, qtbot, fake_dialogs) -> Iterator[MainWindow]:
    found = _start(qtbot, fake_dialogs, str(tmp_path / "cases.sqlite"))
    yield found
    found.auto_lock.unlock()
    found.ctx.database.close()


@pytest.fixture
def clock(window: MainWindow) -> Clock:
    fake = Clock()
    window.auto_lock.clock = fake
    window.auto_lock.last_input = fake()
    return fake


@pytest.fixture
def encrypted(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window's database as if opened with a passphrase (the lock compares with it)."""
    location = dataclasses.replace(window.ctx.database.location, passphrase=PASSPHRASE)
    monkeypatch.setattr(window.ctx.database, "location", location)
    return window


def _overlay(widget: QWidget) -> LockOverlay | None:
    found = [o for o in widget.findChildren(LockOverlay) if o.isVisible() and o.parent() is widget]
    return found[0] if found else None


def _covered(widget: QWidget) -> bool:
    """An opaque cover lies over the whole window, on top of everything else in it."""
    overlay = _overlay(widget)
    if overlay is None or overlay.geometry() != widget.rect():
        return False
    centre = widget.rect().center()
    return widget.childAt(centre) is overlay or overlay.isAncestorOf(widget.childAt(centre))


def _unlock_with(qtbot, auto: AutoLock, text: str) -> None:
    form = auto.form
    assert form is not None
    form.field.clear()
    qtbot.keyClicks(form.field, text)
    qtbot.keyClick(form.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not auto.locked or form.button.isEnabled())


def test_the_idle_period_locks_and_use_keeps_it_open(window: MainWindow, clock: Clock, qtbot):
    auto = window.auto_lock
    assert auto.minutes == 10  # the organisation's default
    clock.wait_minutes(9)
    qtbot.mouseMove(window.list_page, QPoint(20, 20))  # someone is there
    clock.wait_minutes(9)
    auto.check()
    assert not auto.locked
    clock.wait_minutes(1.01)
    auto.check()
    assert auto.locked
    assert _covered(window)
    assert window.windowTitle() == _(LOCKED_TITLE)


def test_the_organisations_setting_sets_the_period(window: MainWindow, clock: Clock):
    ctx = window.ctx
    org_policy.set_auto_lock_minutes(ctx.uow, 2, ctx.staff)
    ctx.signals.emit_changes(SETTINGS_CHANGED)
    assert window.auto_lock.minutes == 2
    clock.wait_minutes(2)
    window.auto_lock.check()
    assert window.auto_lock.locked


def test_lock_from_the_menu_hides_the_case_and_shortcuts_do_nothing(window: MainWindow, qtbot):
    ctx = window.ctx
    cases = {h.case_number: h.id for h in demo.load_demo(ctx.uow).value}
    window.list_page.reload()
    window.open_case(cases["2026-0001"])
    assert "2026-0001" in window.windowTitle()
    assert window.lock_action.shortcut().toString() == "Ctrl+Shift+L"
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(window.lock_action))]
    assert shortcuts.count("Ctrl+Shift+L") == 1  # no other action listens to it
    window.lock_action.trigger()
    assert window.auto_lock.locked
    assert "2026-0001" not in window.windowTitle()
    assert _covered(window)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # close tab
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # back to the list
    assert cases["2026-0001"] in window.workspaces
    assert window.tabs.currentWidget() is window.workspaces[cases["2026-0001"]]


def test_the_passphrase_unlocks_a_wrong_one_does_not(encrypted: MainWindow, qtbot):
    auto = encrypted.auto_lock
    auto.lock()
    form = auto.form
    assert form is not None and form.secret is Secret.PASSPHRASE
    assert form.field.echoMode() == QLineEdit.EchoMode.Password
    assert QApplication.focusWidget() is form.field
    _unlock_with(qtbot, auto, "paard batterij")
    assert auto.locked and _covered(encrypted)
    assert form.message.text() == _("That is not the passphrase of this database. Try again.")
    assert form.field.text() == ""
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked
    assert _overlay(encrypted) is None
    assert encrypted.windowTitle().startswith(_("jeugdtool — {database}").split("{")[0])


def test_three_wrong_tries_say_what_to_do_and_keep_waiting(encrypted: MainWindow, qtbot):
    auto = encrypted.auto_lock
    auto.lock()
    for _try in range(3):
        _unlock_with(qtbot, auto, "fout")
    assert auto.form is not None
    message = auto.form.message.text()
    assert message.startswith("3 ")
    assert message.endswith(
        _(
            "jeugdtool stays locked and keeps your unsaved work; it does not close. Check the "
            "Caps Lock key and the keyboard layout, then try again. A forgotten passphrase "
            "cannot be recovered: nobody can open the database without it."
        )
    )
    assert encrypted.isVisible() and auto.locked
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked


def test_a_plain_file_says_it_has_no_passphrase_and_unlocks_with_the_button(
    window: MainWindow, qtbot
):
    auto = window.auto_lock
    auto.lock()
    form = auto.form
    assert form is not None and form.secret is Secret.NONE
    assert not form.field.isVisible()
    assert form.explanation.text() == _(
        "The cases are hidden. This database file has no passphrase, so nothing needs to "
        "be typed: anyone at this computer can unlock it, and could read the file itself "
        "too. A passphrase would protect it (encrypt the database). Your unsaved work is "
        "kept."
    )
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert not auto.locked


def test_text_being_typed_and_kept_edits_survive(
    encrypted: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
):
    ctx = encrypted.ctx
    case = households.create_case(ctx.uow, name="Gezin Jansen", case_number="2026-0012").value
    encrypted.list_page.reload()
    encrypted.open_case(case.id)
    form = encrypted.workspaces[case.id].overview.form
    real = households.update_case
    calls: list[int] = []

    def full_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DiskFull(str(faults.disk_full()))
        return real(*args, **kwargs)

    monkeypatch.setattr(households, "update_case", full_once)
    ctx.pending.timer.stop()  # the kept edit waits for the test, not for a timer
    name = form.edits["name"]
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Gezin Yilmaz")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert len(ctx.pending) == 1  # kept: the disk was full
    ctx.pending.timer.stop()  # keeping it started the retry timer: a slow run must not retry
    number = form.edits["case_number"]
    number.setFocus()
    number.end(False)
    qtbot.keyClicks(number, "-b")  # not finished yet
    encrypted.lock_action.trigger()
    qtbot.keyClicks(QApplication.focusWidget(), "x")  # goes to the lock screen, not the field
    assert number.text() == "2026-0012-b"
    _unlock_with(qtbot, encrypted.auto_lock, PASSPHRASE)
    assert not encrypted.auto_lock.locked
    assert number.text() == "2026-0012-b" and number.hasFocus()
    # Locking did not save the half-typed number (leaving a field saves it).
    assert queries.get_case(ctx.uow, case.id).household.case_number == "2026-0012"
    assert len(ctx.pending) == 1 and name.text() == "Gezin Yilmaz"
    assert ctx.pending.retry()  # and it is saved afterwards
    assert queries.get_case(ctx.uow, case.id).household.name == "Gezin Yilmaz"


def test_an_open_dialog_is_covered_keeps_its_text_and_takes_the_passphrase(
    encrypted: MainWindow, qtbot
):
    dialog = QDialog(encrypted)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    dialog.setWindowTitle("Gezin Jansen 2026-0001")
    dialog.resize(500, 300)
    dialog.open()  # window-modal: the main window takes no input now
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(edit, "notitie over Daan")
    auto = encrypted.auto_lock
    auto.lock()
    assert _covered(dialog) and _covered(encrypted)
    assert dialog.windowTitle() == _(LOCKED_TITLE)
    assert auto.form is not None and _overlay(dialog).isAncestorOf(auto.form)
    dialog.close()  # a stranger's click on the close button
    assert dialog.isVisible()
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked and dialog.isVisible()
    assert edit.text() == "notitie over Daan"
    assert dialog.windowTitle() == "Gezin Jansen 2026-0001"
    dialog.reject()


def test_a_window_that_opens_while_locked_is_covered_and_takes_the_form(
    encrypted: MainWindow, qtbot
):
    auto = encrypted.auto_lock
    auto.lock()
    dialog = QDialog(encrypted)
    dialog.setWindowTitle("Case 2026-0003 was destroyed")
    dialog.resize(480, 260)
    dialog.open()  # e.g. a job that finished while nobody was there
    qtbot.waitExposed(dialog)
    assert _covered(dialog)
    assert dialog.windowTitle() == _(LOCKED_TITLE)
    assert auto.form is not None
    qtbot.waitUntil(lambda: _overlay(dialog).isAncestorOf(auto.form))
    dialog.hide()  # it went away (a progress dialog ends): the form moves back
    assert _overlay(encrypted).isAncestorOf(auto.form)
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked
    dialog.reject()


@pytest.fixture
def presentation(encrypted: MainWindow, qtbot) -> PresentationWindow:
    from jeugdtool.meetings import agenda
    from jeugdtool.meetings import meetings

    ctx = encrypted.ctx
    cases = demo.load_demo(ctx.uow).value
    mid = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    agenda.add_case(ctx.uow, mid, cases[0].id, "Veilig genoeg nu?")
    shown = PresentationWindow(ctx, mid, encrypted)
    qtbot.addWidget(shown)
    shown.start()
    qtbot.waitExposed(shown)
    return shown


def test_a_presentation_locks_to_a_neutral_screen(
    encrypted: MainWindow, presentation: PresentationWindow, qtbot
):
    position = presentation.footer_position.text()
    auto = encrypted.auto_lock
    auto.lock()
    assert _covered(presentation)
    assert not (auto.form is not None and _overlay(presentation).isAncestorOf(auto.form))
    image = presentation.grab().toImage()
    samples = [
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 97)
        for y in range(0, image.height(), 89)
    ]
    # A neutral cover: nearly every point is the lock colour (the rest is its title).
    assert samples.count(QColor("#1f2933").name()) >= 0.95 * len(samples)
    qtbot.keyClick(presentation, Qt.Key.Key_Right)  # the keyboard does not page the case
    assert presentation.footer_position.text() == position
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert _overlay(presentation) is None and presentation.isVisible()
    assert presentation.windowTitle() == _("Presentation")


# ---- the lock screen as people see it ---------------------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("kind", ["passphrase", "plain"])
def test_render_the_lock_screen(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size, kind
):
    if kind == "passphrase":
        location = dataclasses.replace(window.ctx.database.location, passphrase=PASSPHRASE)
        monkeypatch.setattr(window.ctx.database, "location", location)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    window.auto_lock.lock()
    if kind == "passphrase":
        _unlock_with(qtbot, window.auto_lock, "fout")
    QApplication.processEvents()
    form = window.auto_lock.form
    assert form is not None
    folder = Path(os.environ.get("JEUGDTOOL_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(folder / f"lock-{kind}-{size[0]}x{size[1]}.png"))
    # Everything on the form is inside the window and readable (nothing clipped).
    for label in (form.heading, form.explanation, form.message):
        if label.isVisible():
            wanted = label.heightForWidth(label.width())
            assert label.height() >= (wanted if wanted > 0 else label.sizeHint().height()), label
    assert window.rect().contains(form.geometry().translated(form.parentWidget().pos()))


# ---- team mode --------------------------------------------------------------------------------


def test_team_the_login_password_unlocks(team: TeamDb, qtbot, fake_dialogs):
    window = _start(
        qtbot,
        fake_dialogs,
        team.url_for(team.anna, PASSWORD),
        make_sign_in=lambda w: TeamSignIn(parent=w),
    )
    try:
        auto = window.auto_lock
        auto.lock()
        assert auto.form is not None and auto.form.secret is Secret.LOGIN
        _unlock_with(qtbot, auto, "Winter-2026-fout")
        assert auto.locked
        assert auto.form.message.text() == _("That is not the password of your login. Try again.")
        _unlock_with(qtbot, auto, PASSWORD)
        assert not auto.locked
    finally:
        window.close()
        window.ctx.database.close()


def test_only_one_lock_serves_the_program(window: MainWindow, qtbot):
    again = lock.install(window.ctx, window)
    assert again is not window.auto_lock
    again.lock()
    assert len(window.findChildren(LockOverlay)) == 1  # the first one no longer covers
    again.unlock()
    window.auto_lock = again


def test_the_settings_dialog_sets_the_period_for_everyone(window: MainWindow, qtbot):
    from jeugdtool.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.lock_box.isEnabled() and dialog.lock_box.value() == 10
    dialog.lock_box.setValue(4)
    dialog.accept()
    assert org_policy.auto_lock_minutes(window.ctx.uow) == 4
    assert window.auto_lock.minutes == 4  # at once, not after a restart


def test_in_team_mode_a_consultant_sees_the_period_but_cannot_change_it(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
):
    from jeugdtool.cases.staff import StaffMember
    from jeugdtool.store.roles import StaffRole

    from jeugdtool.ui.settings_dialog import auto_lock_box

    consultant = StaffMember(1, "Anna", "anna", None, True, frozenset({StaffRole.CONSULTANT}), ())
    monkeypatch.setattr(window.ctx, "staff", consultant)
    box = auto_lock_box(window.ctx, window)
    assert not box.isEnabled() and box.value() == 10
    assert box.toolTip() == _("Set by your administrator or privacy officer for everyone.")


def test_a_long_job_keeps_running_behind_the_lock(encrypted: MainWindow, qtbot):
    import threading

    from jeugdtool.ui.ops import run_in_background

    go, results = threading.Event(), []

    def work() -> str:
        assert go.wait(10)
        return "klaar"

    task = run_in_background(
        encrypted.ctx, encrypted, work, label="Bezig…", on_success=results.append
    )
    progress = task.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=3000)  # shown after half a second
    auto = encrypted.auto_lock
    auto.lock()
    assert _covered(progress) and _covered(encrypted)
    qtbot.waitUntil(
        lambda: _overlay(progress) is not None and _overlay(progress).isAncestorOf(auto.form)
    )
    go.set()
    qtbot.waitUntil(lambda: results == ["klaar"])  # delivered, not cancelled
    assert auto.locked and _covered(encrypted)
    assert auto.form is not None and _overlay(encrypted).isAncestorOf(auto.form)
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked


# ---- the filter rests while someone works (issue 20: no Python for every event) ----------------

PERIOD = 10 * 60  # the organisation's default, in seconds
REST = lock.REST_MS / 1000
CHECK = lock.CHECK_INTERVAL_MS / 1000


def _use(auto: AutoLock, qtbot, window: MainWindow) -> None:
    """An input the filter sees (it watches again first), after which it rests."""
    auto.wake()
    for point in (QPoint(30, 30), QPoint(60, 45)):  # the pointer may be on the first already
        qtbot.mouseMove(window.list_page, point)
    assert auto.resting


def test_input_while_the_filter_rests_keeps_the_program_unlocked(
    window: MainWindow, clock: Clock, qtbot
):
    auto = window.auto_lock
    _use(auto, qtbot, window)
    started = clock()
    clock.wait_minutes(9.9)
    qtbot.keyClicks(window.list_page.filter_edit, "ja")  # not seen: the filter rests
    assert auto.last_input == started
    auto.wake()  # the rest ends: what may have come meanwhile counts as input now
    assert auto.last_input == clock() and not auto.resting
    clock.wait_minutes(9.9)
    auto.check()
    assert not auto.locked


def test_idle_for_the_period_locks_within_the_bound_never_before(
    window: MainWindow, clock: Clock, qtbot
):
    auto = window.auto_lock
    _use(auto, qtbot, window)
    used = clock()
    clock.now += REST
    auto.wake()  # as the rest's timer does
    while not auto.locked:  # the periodic check
        clock.now += CHECK
        auto.check()
        assert auto.locked or clock() - used < PERIOD + REST + CHECK
    assert PERIOD <= clock() - used <= PERIOD + REST + CHECK


def test_locking_right_after_typing_still_blocks_input_and_covers_new_windows(
    encrypted: MainWindow, qtbot
):
    auto = encrypted.auto_lock
    edit = QLineEdit(encrypted)
    edit.show()
    edit.setFocus()
    auto.wake()
    qtbot.keyClicks(edit, "Daan")
    assert auto.resting  # the filter is off …
    auto.lock()  # … Ctrl+Shift+L, a keystroke later
    assert not auto.resting
    qtbot.keyClicks(edit, "xyz")  # a stranger's keys reach nothing behind the lock
    assert edit.text() == "Daan"
    dialog = QDialog(encrypted)
    dialog.resize(400, 200)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert _covered(dialog) and dialog.windowTitle() == _(LOCKED_TITLE)
    _unlock_with(qtbot, auto, PASSPHRASE)
    assert not auto.locked and edit.text() == "Daan"
    dialog.reject()
