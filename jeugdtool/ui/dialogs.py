"""Modal questions behind one small service, so tests can answer them (after Picard).

Every file dialog is made by `file_dialog`: it starts in the folder last used for that kind of
file (remembered in the settings file), else in the user's Documents folder — never in the
program's folder — and its labels are Dutch even where Qt's own catalogue is missing. After an
export, `DialogService.written` says where the file went and offers to open it or its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from jeugdtool import settings as settings_file
from jeugdtool.i18n import _

#: The kind of file a dialog is for when the caller names none; each kind remembers its folder.
ANY_FILE = "file"
#: PDFs of cases (one, a batch, an access request's dossier).
PDF_FILES = "pdf"
#: Case files (JSON) exported and imported.
CASE_FILE_KIND = "case_file"


def start_folder(kind: str) -> Path:
    """The folder last used for `kind` if it still exists, else Documents, else home."""
    remembered = settings_file.load().last_folders.get(kind)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = documents_folder()
    return documents if documents.is_dir() else Path.home()


def documents_folder() -> Path:
    """The user's Documents folder, as the desktop names it ("Documenten", "Documents")."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(location) or Path.home())


def remember_folder(kind: str, folder: str | Path) -> None:
    """The next dialog for `kind` starts in `folder` (read again: others may have saved)."""
    settings_file.save(settings_file.load().with_last_folder(kind, str(folder)))


def file_dialog(
    parent: QWidget | None,
    title: str,
    kind: str,
    name: str = "",
    filters: str = "",
    save: bool = False,
) -> QFileDialog:
    """A file dialog in the start folder of `kind`, proposing `name`, with Dutch labels;
    `save`: for a file to write (else one to open)."""
    folder = start_folder(kind)
    dialog = QFileDialog(parent, title, str(folder / name) if name else str(folder))
    # First the mode: setting it puts Qt's own text back on the Cancel button.
    mode = QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    dialog.setAcceptMode(mode)
    if filters:
        dialog.setNameFilter(filters)
    # Qt's catalogue (qtbase_nl) may be missing on a machine; our own texts are not.
    labels = {
        QFileDialog.DialogLabel.LookIn: _("Look in:"),
        QFileDialog.DialogLabel.FileName: _("File name:"),
        QFileDialog.DialogLabel.FileType: _("Files of type:"),
        QFileDialog.DialogLabel.Accept: _("&Save") if save else _("&Open"),
        QFileDialog.DialogLabel.Reject: _("Cancel"),
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog


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

    # ---- files --------------------------------------------------------------------------

    def open_file(self, title: str, filters: str, kind: str = ANY_FILE) -> str | None:
        dialog = file_dialog(self.parent, title, kind, filters=filters)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return self._chosen(dialog, kind)

    def save_file(
        self, title: str, suggested: str, filters: str, kind: str = ANY_FILE
    ) -> str | None:
        """`suggested` is the proposed file name; its folder comes from `start_folder`."""
        dialog = file_dialog(self.parent, title, kind, Path(suggested).name, filters, save=True)
        return self._chosen(dialog, kind)

    def choose_folder(self, title: str, kind: str = ANY_FILE, start: str = "") -> str | None:
        """A folder (`start`: where to begin instead of the remembered one), or None."""
        dialog = file_dialog(self.parent, title, kind)
        if start and Path(start).is_dir():
            dialog.setDirectory(start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("&Choose"))
        chosen = self._run(dialog)
        if chosen:
            remember_folder(kind, chosen)
        return chosen

    def _chosen(self, dialog: QFileDialog, kind: str) -> str | None:
        chosen = self._run(dialog)
        if chosen:
            remember_folder(kind, Path(chosen).parent)
        return chosen

    def _run(self, dialog: QFileDialog) -> str | None:
        """The path chosen, or None when cancelled (tests replace this: exec would block)."""
        if dialog.exec() and dialog.selectedFiles():
            return dialog.selectedFiles()[0]
        return None

    # ---- after an export ----------------------------------------------------------------

    def written(
        self, path: str | Path, message: str, title: str, folder_only: bool = False
    ) -> None:
        """Say what was written; offer "Open file" and "Open folder" (where it is).
        `folder_only`: `path` is a folder of several files (a batch); only the folder."""
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=self.parent)
        open_file = (
            None
            if folder_only
            else box.addButton(_("Open file"), QMessageBox.ButtonRole.ActionRole)
        )
        open_folder = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
        # Our own text: Qt's "Close" stays English where its catalogue is missing.
        box.setDefaultButton(box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole))
        clicked = self._clicked(box)
        target = Path(path)
        if clicked is not None and clicked is open_file:
            self._open(target, folder=False)
        elif clicked is not None and clicked is open_folder:
            self._open(target if folder_only else target.parent, folder=True)

    def _clicked(self, box: QMessageBox) -> QAbstractButton | None:
        """The button the user pressed (tests replace this: exec would block)."""
        box.exec()
        return box.clickedButton()

    def _open(self, target: Path, folder: bool) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            return
        if folder:
            message = _(
                "The folder {folder} could not be opened. Open it in your file manager."
            ).format(folder=target)
        else:
            message = _(
                "The file {file} could not be opened: there is no program for it, or it was "
                "moved. Open it from its folder {folder}, or install a program for this kind "
                "of file."
            ).format(file=target.name, folder=target.parent)
        self.error(message, _("Could not open"))
