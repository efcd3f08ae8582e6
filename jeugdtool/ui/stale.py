"""Pages that reload only while they are seen: a change while hidden marks them stale, and
showing them again reloads them once (`StaleWhileHidden`).

A consultant scoring on the ZRM page changes the case many times; the overview behind it,
with its summaries, the history and the disclosures, need not rebuild after each change — only
when the consultant looks at them again. Every page and part of a case that follows its changes
uses this one mechanism (a test keeps them from copying it).

A part that hides itself when it has nothing to say (the plan's alerts, the closure proposal)
is never shown by its page, so it counts as seen while its page is: `seen_with(page)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtGui import QShowEvent

if TYPE_CHECKING:  # the mixin's methods run on a QWidget
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object


class StaleWhileHidden(_Widget):
    """Mixin for a QWidget with a `reload()`: name it before the Qt base class.

    `_on_changed` calls `reload_when_seen()` instead of `reload()`; start with `stale = True`
    for a page that loads when first shown."""

    #: A change came while hidden: reload when shown.
    stale: bool = False
    #: The page whose being seen counts (`seen_with`); None: the widget itself.
    _seen_with: QWidget | None = None

    if TYPE_CHECKING:

        def reload(self) -> None: ...

    def seen_with(self, page: QWidget) -> None:
        """Count as seen while `page` (an ancestor) is, and reload, if stale, when it is
        shown: for a part that hides itself when it has nothing to show."""
        self._seen_with = page
        page.installEventFilter(self)

    def is_seen(self) -> bool:
        return (self._seen_with or self).isVisible()

    def reload_when_seen(self) -> None:
        """Reload now if the page is on screen; else once, when it is shown next."""
        if self.is_seen():
            self.reload_now()
        else:
            self.stale = True

    def reload_now(self) -> None:
        self.stale = False
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._seen_with and event.type() == QEvent.Type.Show and self.stale:
            self.reload_now()
        return super().eventFilter(watched, event)
