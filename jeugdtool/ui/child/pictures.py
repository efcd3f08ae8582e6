"""A picture on the child's voice page: a drawing's scan, a story page's picture. Chosen from a
file (PNG or JPEG; whether it is one is the core's rule, `child_voice_rules`, applied when it is
saved), shown as a preview scaled to fit, never enlarged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext

#: The file dialog's filter: the two kinds jeugdtool keeps.
IMAGE_FILTER = "{label} (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG)"
#: The folder a picture dialog starts in (remembered apart from PDFs and case files).
PICTURE_FILES = "picture"


def choose_picture(ctx: AppContext, title: str) -> bytes | None:
    """Ask for a picture file and read it: its bytes, or None (cancelled, or it could not be
    read — then said so). Whether it is a picture jeugdtool can keep, the service decides."""
    path = ctx.dialogs.open_file(
        title, IMAGE_FILTER.format(label=_("Photos and scans")), PICTURE_FILES
    )
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError:
        ctx.dialogs.error(
            _("The file {name} could not be read. Is it still there?").format(name=Path(path).name),
            title,
        )
        return None


class PicturePreview(QLabel):
    """The picture scaled to fit its room (never enlarged), or a muted line saying there is
    none. `set_picture(data)`: the stored bytes, or None."""

    def __init__(self, empty: str, parent: QWidget | None = None, height: int = 180):
        super().__init__(parent)
        self.empty = empty
        self.pixmap_full: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(120, 80))
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QLabel { border: 1px dashed palette(mid); color: palette(mid); }")
        self.set_picture(None)

    def set_picture(self, data: bytes | None) -> None:
        self.pixmap_full = None
        if data:
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                self.pixmap_full = pixmap
        if self.pixmap_full is None:
            self.clear()
            self.setText(self.empty)
            self.setAccessibleName(self.empty)
        else:
            self.setText("")
            self.setAccessibleName(_("Picture"))
            self._fit()

    def has_picture(self) -> bool:
        return self.pixmap_full is not None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.pixmap_full is None:
            return
        room = self.contentsRect().size() - QSize(4, 4)
        full = self.pixmap_full
        if full.width() <= room.width() and full.height() <= room.height():
            self.setPixmap(full)
            return
        self.setPixmap(
            full.scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
