"""The program's QApplication.

It hears the changes that concern the whole program, sent to the application object itself
(a palette change: the labels coloured by role follow it). An event filter installed on the
application would hear them too, but it is called for every event of every widget — tens of
thousands while a case opens — and in Python each call costs; `event` is called only for the
application's own events.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from jeugdtool.ui import colours


class Application(QApplication):
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            colours.restyle_all()
        return super().event(event)
