"""The window and an encrypted database: the first start chooses a passphrase, an encrypted file
asks for it (three tries, the keyring when kept), a plain file offers "Encrypt now", and the
passphrase can be changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeugdtool import app as jeugdtool_app
from jeugdtool.export.demo import load_demo
from jeugdtool.i18n import _
from jeugdtool.store import cipher
from jeugdtool.store.encrypt import ENCRYPTING
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui import encryption
from jeugdtool.ui.encryption import DatabaseUnlock
from jeugdtool.ui.encryption import NewPassphraseDialog
from jeugdtool.ui.encryption import PassphraseAnswer
from jeugdtool.ui.encryption import PassphraseRequest
from jeugdtool.ui.main_window import MainWindow

KEY = "vier woorden zijn sterk"


@pytest.fixture(autouse=True)
def fresh_session():
    encryption.SESSION.clear()
    yield
    encryption.SESSION.clear()


@pytest.fixture(autouse=True)
def encrypted_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cipher.NO_ENCRYPTION_ENV)


class Asked:
    """Answers the passphrase prompts in order, keeping what each one showed."""

    def __init__(self, *answers: PassphraseAnswer | None):
        self.answers = list(answers)
        self.requests: list[PassphraseRequest | str] = []

    def __call__(self, request, parent=None) -> PassphraseAnswer | None:
        self.requests.append(request)
        assert self.answers, f"unexpected passphrase prompt: {request}"
        return self.answers.pop(0)


@pytest.fixture
def launch(qtbot, fake_dialogs):
    windows: list[MainWindow] = []

    def start(target: Path, ask: Asked | None = None, ask_new: Asked | None = None):
        errors: list[str] = []
        unlock = DatabaseUnlock(ask or Asked(), ask_new or Asked())
        launcher = jeugdtool_app.Launcher(
            ask=lambda message: errors.append(message),
            choose=lambda db: _first_consultant(db),
            make_dialogs=lambda: fake_dialogs,
            make_unlock=lambda window: unlock,
        )
        window = launcher.start(str(target))
        if window is not None:
            qtbot.addWidget(window)
            window._launcher = launcher
            windows.append(window)
        return window, errors

    yield start
    for window in windows:
        current = window._launcher.window or window
        for shown in {window, current}:
            if shiboken6.isValid(shown):  # a switch closed and deleted the first one
                shown.close()
                shown.list_page._load_alerts_if_pending()
        QApplication.processEvents()
        current.ctx.database.close()
        window.ctx.database.close()


def _first_consultant(database):
    from jeugdtool.cases import consultants

    uow = UnitOfWork(database, "Test")
    found = consultants.list_consultants(uow)
    return found[0] if found else consultants.add_consultant(uow, "A. de Boer").value


def _encrypted_demo(path: Path) -> Path:
    database = open_database(resolve(path).with_passphrase(KEY))
    load_demo(UnitOfWork(database, "Test"))
    database.close()
    return path


def _plain_demo(path: Path) -> Path:
    database = open_database(path)
    load_demo(UnitOfWork(database, "Test"))
    database.close()
    return path


def test_the_first_start_chooses_a_passphrase_and_the_file_is_encrypted(launch, tmp_path):
    path = tmp_path / "new.sqlite"
    ask_new = Asked(PassphraseAnswer(KEY))
    window, errors = launch(path, ask_new=ask_new)
    assert window is not None and not errors
    assert ask_new.requests == [str(path)]
    assert window.ctx.database.location.encrypted
    assert cipher.is_encrypted(path)
    assert not hasattr(window, "plain_banner")
    assert window.passphrase_action.isEnabled() and not window.encrypt_action.isEnabled()


def test_cancelling_the_new_passphrase_makes_no_database(launch, tmp_path):
    path = tmp_path / "new.sqlite"
    window, errors = launch(path, ask_new=Asked(None))
    assert window is None
    assert len(errors) == 1 and "--no-encryption" in errors[0]
    assert not path.exists()


def test_an_encrypted_file_asks_for_its_passphrase(launch, tmp_path):
    path = _encrypted_demo(tmp_path / "e.sqlite")
    ask = Asked(PassphraseAnswer(KEY))
    window, errors = launch(path, ask)
    assert window is not None and not errors
    assert len(ask.requests) == 1 and ask.requests[0].tries_left == 3
    assert window.list_page.model.total == 6


def test_three_wrong_passphrases_give_up_and_leave_the_file_untouched(launch, tmp_path):
    path = _encrypted_demo(tmp_path / "e.sqlite")
    before = path.read_bytes()
    ask = Asked(*(PassphraseAnswer(f"fout nummer {n}") for n in range(3)))
    window, errors = launch(path, ask)
    assert window is None
    assert [r.tries_left for r in ask.requests] == [3, 2, 1]
    wrong = ask.requests[1].message
    assert str(path) in wrong and "Caps Lock" in wrong
    assert errors == [encryption.gave_up_message(resolve(path))]
    assert path.read_bytes() == before


def test_a_passphrase_kept_in_the_keyring_opens_without_asking(launch, tmp_path, memory_keyring):
    path = _encrypted_demo(tmp_path / "e.sqlite")
    window, _errors = launch(path, Asked(PassphraseAnswer(KEY, remember=True)))
    assert window is not None
    key = resolve(path).key
    assert memory_keyring.saved == {(cipher.KEYRING_SERVICE, key): KEY}
    encryption.SESSION.clear()
    window2, errors = launch(path, Asked())  # any prompt fails the test
    assert window2 is not None and not errors


def _wait_for_jobs(qtbot) -> None:
    from jeugdtool.ui.ops import writer_pool

    qtbot.waitUntil(lambda: writer_pool().activeThreadCount() == 0, timeout=20000)
    QApplication.processEvents()  # the job's result is delivered on the GUI thread


def test_a_plain_database_shows_the_banner_and_encrypts_now(launch, tmp_path, qtbot, fake_dialogs):
    path = _plain_demo(tmp_path / "p.sqlite")
    window, _errors = launch(path)
    assert window is not None
    from jeugdtool.cases.queries import list_case_summaries

    case_id = list_case_summaries(window.ctx.uow)[0].id
    window.open_case(case_id)
    assert window.plain_banner.isVisibleTo(window)
    assert window.encrypt_action.isEnabled() and not window.passphrase_action.isEnabled()
    encryption.encrypt_now(window, ask=lambda: PassphraseAnswer(KEY))
    _wait_for_jobs(qtbot)
    assert not fake_dialogs.errors
    assert window.ctx.database.location.encrypted
    assert not hasattr(window, "plain_banner")
    assert window.passphrase_action.isEnabled() and not window.encrypt_action.isEnabled()
    assert case_id in window.workspaces  # the same window goes on, its tabs open
    window.list_page.reload()
    assert window.list_page.model.total == 6
    assert cipher.is_encrypted(path)
    assert not any(p.name.endswith(ENCRYPTING) for p in tmp_path.iterdir())
    assert any(_(encryption.NO_BACK_DOOR) in message for message in fake_dialogs.infos)


def test_a_failed_encryption_leaves_the_window_working_on_the_plain_file(
    launch, tmp_path, qtbot, fake_dialogs, monkeypatch
):
    from jeugdtool.errors import DatabaseUnavailable
    from jeugdtool.store import encrypt

    path = _plain_demo(tmp_path / "p.sqlite")
    window, _errors = launch(path)

    def fails(*args, **kwargs):
        raise DatabaseUnavailable("de schijf is vol")

    monkeypatch.setattr(encrypt, "encrypt_database", fails)
    encryption.encrypt_now(window, ask=lambda: PassphraseAnswer(KEY))
    _wait_for_jobs(qtbot)
    assert fake_dialogs.errors == ["de schijf is vol"]
    assert not window.ctx.database.location.encrypted
    window.list_page.reload()
    assert window.list_page.model.total == 6
    assert window.plain_banner.isVisibleTo(window)


def test_changing_the_passphrase_goes_on_with_the_new_one(launch, tmp_path, qtbot, fake_dialogs):
    path = _encrypted_demo(tmp_path / "e.sqlite")
    window, _errors = launch(path, Asked(PassphraseAnswer(KEY)))
    new = "een heel andere lange zin"
    encryption.change_passphrase(
        window, ask=lambda: PassphraseAnswer(new, current="niet de goede zin")
    )
    assert len(fake_dialogs.errors) == 1  # a wrong current passphrase changes nothing
    assert cipher.check_passphrase(path, KEY)
    encryption.change_passphrase(window, ask=lambda: PassphraseAnswer(new, current=KEY))
    _wait_for_jobs(qtbot)
    assert len(fake_dialogs.errors) == 1
    assert cipher.check_passphrase(path, new) and not cipher.check_passphrase(path, KEY)
    window.list_page.reload()
    assert window.list_page.model.total == 6
    assert cipher.passphrase_matches(window.ctx.database.location, new)


def test_the_new_passphrase_dialog_advises_and_wants_the_same_twice(qtbot):
    dialog = NewPassphraseDialog("t", "intro", keyring=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.first, "kort")
    assert dialog.advice.text() == cipher.advice("kort").message
    dialog.accept()
    assert dialog.answer is None and dialog.error.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, KEY)
    assert dialog.advice.text() == cipher.advice(KEY).message
    qtbot.keyClicks(dialog.again, KEY + "x")
    dialog.accept()
    assert dialog.answer is None and cipher.mismatch_message() in dialog.error.text()
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, KEY)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.answer is not None and dialog.answer.passphrase == KEY
    assert KEY not in repr(dialog.answer)


def test_switching_encryption_of_new_databases_off_is_asked_and_saved(ctx, qtbot, fake_dialogs):
    from jeugdtool import settings as settings_file

    from jeugdtool.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.encrypt_check.isChecked()
    dialog.encrypt_check.setChecked(False)
    fake_dialogs.answers.append(False)  # "no": it stays on
    dialog.accept()
    assert dialog.encrypt_check.isChecked()
    assert settings_file.load().encrypt_new_databases
    dialog.encrypt_check.setChecked(False)
    fake_dialogs.answers.append(True)
    dialog.accept()
    assert not settings_file.load().encrypt_new_databases
    assert not ctx.settings.encrypt_new_databases
    assert cipher.plain_chosen(False, ctx.settings.encrypt_new_databases)
