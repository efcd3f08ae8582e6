"""`jeugdtool --smoke-test` (app.smoke_test): the start-up check the bundle's test relies on."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QObject

from jeugdtool import app as jeugdtool_app


class FakeApplication(QObject):
    """Stands in for the QApplication: remembers the exit code instead of ending the loop."""

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[int] = []

    def exit(self, code: int) -> None:
        self.codes.append(code)


class NoWindowYet:
    window = None


def test_it_quits_with_0_once_the_window_shows_its_database(started_window, qtbot, capsys):
    fake = FakeApplication()
    jeugdtool_app.smoke_test(fake, started_window._launcher)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: fake.codes != [])
    assert fake.codes == [0]
    out = capsys.readouterr().out
    assert "smoke test: jeugdtool — " in out and "cases.sqlite: 0 cases" in out


def test_damaged_content_makes_it_fail(started_window, qtbot, capsys, monkeypatch):
    monkeypatch.setattr(jeugdtool_app, "content_problem", lambda: "the manual is missing")
    fake = FakeApplication()
    jeugdtool_app.smoke_test(fake, started_window._launcher)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: fake.codes != [])
    assert fake.codes == [1]
    assert "the shipped content is damaged: the manual is missing" in capsys.readouterr().out


def test_a_window_without_a_database_fails_after_the_timeout(qtbot, capsys, monkeypatch):
    monkeypatch.setattr(jeugdtool_app, "SMOKE_TEST_TIMEOUT_MS", 300)
    fake = FakeApplication()
    jeugdtool_app.smoke_test(fake, NoWindowYet())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: fake.codes != [], timeout=3000)
    assert fake.codes == [1]
    assert "no database in the window after 300 ms" in capsys.readouterr().out


@pytest.mark.parametrize("damaged", [False, True])
def test_the_shipped_content_is_checked(damaged, monkeypatch, tmp_path):
    """content_problem names what check_content would show the user."""
    from jeugdtool import manual

    if damaged:
        monkeypatch.setattr(manual, "load", _raise(manual.ManualError("kapotte handleiding")))
    assert jeugdtool_app.content_problem() == ("kapotte handleiding" if damaged else None)


def _raise(error: Exception):
    def fail() -> None:
        raise error

    return fail
