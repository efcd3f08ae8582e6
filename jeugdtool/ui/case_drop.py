"""A case file dropped on the main window is imported like File > Import case.

Only local files ending in .json are taken (anything else shows the "no entry" cursor), and
only when importing is allowed: the window's Import action decides (it is off for a read-only
database and before a database is open), so the rule lives in one place. One file at a time:
each import may ask whether a taken case number becomes a new case and reports its own
problems, and a row of such dialogs for several files would not say which file each is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QMimeData
from PySide6.QtCore import QObject
from PySide6.QtGui import QDropEvent

from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.ui.main_window import MainWindow

CASE_FILE_SUFFIX = ".json"


def case_file_paths(mime: QMimeData) -> list[str]:
    """The local .json files being dragged; empty when anything else is among them."""
    urls = mime.urls() if mime.hasUrls() else []
    paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
    if not urls or len(paths) != len(urls):
        return []
    return paths if all(p.lower().endswith(CASE_FILE_SUFFIX) for p in paths) else []


class CaseFileDrop(QObject):
    """Accepts case files dropped on `window` and imports them (installed by `attach`)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def may_import(self) -> bool:
        lock = getattr(self.window, "auto_lock", None)
        return self.window.import_action.isEnabled() and not (lock is not None and lock.locked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDropEvent):  # also QDragEnterEvent and QDragMoveEvent
            if not (self.may_import() and case_file_paths(event.mimeData())):
                event.ignore()
                return True
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.drop(case_file_paths(event.mimeData()))
            return True
        return False

    def drop(self, paths: list[str]) -> None:
        ctx = self.window.ctx
        if len(paths) > 1:
            ctx.dialogs.error(
                _(
                    "Drop one case file at a time: each import checks its own file and may "
                    "ask about it. {n} files were dropped; nothing was imported."
                ).format(n=len(paths)),
                _("Case not imported"),
            )
            return
        from jeugdtool.ui import case_files

        window = self.window
        case_files.import_case_file(
            ctx, window, on_done=lambda case: window.open_case(case.id), path=paths[0]
        )
