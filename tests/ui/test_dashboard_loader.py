"""The dashboard's background loader: a job overtaken while it waited, or whose window has
gone, is never run (the one background thread is shared with saving)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from tests.bounds import HANG_S

from jeugdtool.ui.dashboard.loader import Loader
from jeugdtool.ui.ops import writer_pool


def _blocked_first(loader: Loader, ran: list[str], shown: list[object]) -> threading.Event:
    """Start a job that holds the background thread until the returned event is set (and wait
    until it holds it, so the jobs asked for next are waiting behind it)."""
    started, release = threading.Event(), threading.Event()

    def first() -> str:
        ran.append("first")
        started.set()
        release.wait(HANG_S)
        return "first"

    loader.run("figures", first, shown.append)
    assert started.wait(HANG_S)
    return release


def test_a_burst_of_requests_runs_only_the_last(qtbot) -> None:
    ran: list[str] = []
    shown: list[object] = []
    loader = Loader(lambda message: None)
    release = _blocked_first(loader, ran, shown)
    loader.run("figures", lambda: ran.append("second") or "second", shown.append)
    loader.run("figures", lambda: ran.append("third") or "third", shown.append)
    release.set()
    qtbot.waitUntil(lambda: shown == ["third"], timeout=int(HANG_S * 1000))
    assert ran == ["first", "third"]  # the overtaken second never took the thread
    assert not loader.busy("figures")


def test_jobs_waiting_when_the_window_goes_are_not_run(qtbot) -> None:
    ran: list[str] = []
    shown: list[object] = []
    window = QObject()
    loader = Loader(lambda message: None, window)
    release = _blocked_first(loader, ran, shown)
    loader.run("cases", lambda: ran.append("cases") or [], shown.append)
    window.deleteLater()
    qtbot.waitUntil(lambda: loader.tickets.stopped, timeout=int(HANG_S * 1000))
    release.set()
    assert writer_pool().waitForDone(int(HANG_S * 1000))
    assert ran == ["first"]
    assert shown == []
