"""The program's QApplication, and PySide6's import hook made quick.

It hears the changes that concern the whole program, sent to the application object itself
(a palette change: the labels coloured by role follow it). An event filter installed on the
application would hear them too, but it is called for every event of every widget — tens of
thousands while a case opens — and in Python each call costs; `event` is called only for the
application's own events.

Importing this module also makes PySide6's import hook quick (`quick_feature_check`): app.py
imports it before any other module of the program.
"""

from __future__ import annotations

import sys
from types import ModuleType

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from jeugdtool.ui import colours


class Application(QApplication):
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            colours.restyle_all()
        return super().event(event)


def quick_feature_check() -> bool:
    """Let PySide6 decide quickly whether a newly imported module uses it.

    Once PySide6 is imported, its import hook asks of every module imported after it whether
    its source mentions "PySide6" (for `from __feature__ import …`), with
    `inspect.getsource`: that reads the file through linecache and, to find the module of the
    file, walks every module loaded so far — for each of the ~400 modules the data layer
    imports after the window is shown (~10 % of the start's CPU time). The same question is
    answered here by reading the file's bytes; what the hook cannot read that way (no .py
    file) it still answers its own way. Whether it was installed (False: this PySide6 has no
    such hook, or it is quick already)."""
    feature = sys.modules.get("shibokensupport.feature")
    slow = getattr(feature, "_mod_uses_pyside", None)
    if slow is None or getattr(slow, "quick", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(slow(module))

    uses_pyside.quick = True  # type: ignore[attr-defined]
    uses_pyside.slow = slow  # type: ignore[attr-defined]  (the hook's own: for the tests)
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a name of PySide6's)
    return True


quick_feature_check()
