"""The Qt binding itself must not corrupt the interpreter.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of a Qt method that
returns nothing (setText, setEnabled, …). None is not immortal before Python 3.12, so a working
session aborts ("deallocating None") after a few thousand such calls, losing what is on screen.
This test fails for any binding with that kind of leak, so an upgrade cannot bring it back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget


def _none_refs_lost(call, times: int = 500) -> int:
    call()
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return before - sys.getrefcount(None)


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("Gezin Jansen", widget)
    action = QAction("Opslaan", widget)
    assert _none_refs_lost(lambda: label.setText("Gezin Öztürk")) < 50
    assert _none_refs_lost(lambda: action.setEnabled(True)) < 50
