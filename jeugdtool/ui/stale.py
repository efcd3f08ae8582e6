"""Pages that reload only while they are seen: a change while hidden marks them stale, and
showing them again reloads them once (`StaleWhileHidden`).

A consultant scoring on the ZRM page changes the case many times; the overview behind it,
with its summaries, the history and the disclosures, need not rebuild after each change — only
when the consultant looks at them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

    if TYPE_CHECKING:

        def reload(self) -> None: ...

    def reload_when_seen(self) -> None:
        """Reload now if the page is on screen; else once, when it is shown next."""
        if self.isVisible():
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
