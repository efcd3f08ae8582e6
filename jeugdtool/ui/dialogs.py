"""Modal questions behind one small service, so tests can answer them (after Picard)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from jeugdtool.i18n import _


class DialogService:
    """Every message box and file dialog goes through here; tests replace it with a fake."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def error(self, message: str, title: str | None = None) -> None:
        QMessageBox.warning(self.parent, title or _("Something went wrong"), message)

    def info(self, message: str, title: str | None = None) -> None:
        QMessageBox.information(self.parent, title or _("jeugdtool"), message)

    def confirm(self, message: str, title: str | None = None) -> bool:
        answer = QMessageBox.question(self.parent, title or _("Are you sure?"), message)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, label: str, title: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getMultiLineText(self.parent, title, label, text)
        return value if ok else None

    def open_file(self, title: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path or None

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None
