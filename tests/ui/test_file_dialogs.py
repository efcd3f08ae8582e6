"""File dialogs start in the last folder of their kind (else Documents), speak Dutch, and an
export offers to open the file or its folder — with a clear message when that fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton

from jeugdtool import settings as settings_file
from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.i18n import _

from jeugdtool.ui import case_files
from jeugdtool.ui import dialogs
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.dialogs import file_dialog
from jeugdtool.ui.dialogs import start_folder


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Documents folder of its own, and a program folder as the working directory."""
    folder = tmp_path / "Documenten"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "documents_folder", lambda: folder)
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return folder


class Answering(DialogService):
    """The real service, with the modal parts answered: no exec that would block a test."""

    def __init__(self, choose: str | None = None, click: str | None = None):
        super().__init__()
        self.choose, self.click = choose, click
        #: The file dialogs shown: (directory, file name proposed).
        self.shown: list[tuple[Path, str]] = []
        self.errors: list[str] = []
        self.buttons: list[str] = []

    def _run(self, dialog: QFileDialog) -> str | None:
        proposed = dialog.selectedFiles()[0] if dialog.selectedFiles() else ""
        self.shown.append((Path(dialog.directory().absolutePath()), Path(proposed).name))
        return self.choose

    def _clicked(self, box: QMessageBox):
        self.buttons = [b.text() for b in box.buttons()]
        return next((b for b in box.buttons() if b.text() == self.click), None)

    def error(self, message: str, title: str | None = None) -> None:
        self.errors.append(message)


def test_the_first_dialog_starts_in_documents_never_the_program_folder(qtbot, documents):
    service = Answering(choose=None)
    assert service.save_file("Save", "plan.pdf", "PDF (*.pdf)", kind="pdf") is None
    assert service.shown == [(documents, "plan.pdf")]
    assert start_folder("pdf") != Path.cwd()


def test_the_folder_used_is_remembered_per_kind_in_the_settings_file(qtbot, documents, tmp_path):
    school = tmp_path / "school"
    school.mkdir()
    Answering(choose=str(school / "plan.pdf")).save_file("Save", "plan.pdf", "", kind="pdf")
    assert settings_file.load().last_folders == {"pdf": str(school)}
    again = Answering(choose=None)
    again.save_file("Save", "other.pdf", "", kind="pdf")
    again.open_file("Import", "", kind="case_file")  # another kind: still Documents
    assert again.shown == [(school, "other.pdf"), (documents, "")]
    school.rmdir()  # a remembered folder that is gone: back to Documents
    assert start_folder("pdf") == documents


def test_the_labels_of_the_qt_file_dialog_are_ours(qtbot, documents):
    dialog = file_dialog(None, _("Save the PDF"), "pdf", "plan.pdf", "PDF (*.pdf)", save=True)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    assert {_("Look in:"), _("File name:"), _("Files of type:")} <= shown
    buttons = {button.text() for button in dialog.findChildren(QPushButton) if button.isVisible()}
    assert {_("&Save"), _("Cancel")} <= buttons


class _Desktop:
    """QDesktopServices as far as `written` uses it: records the URLs, answers `works`."""

    def __init__(self, works: bool = True):
        self.works, self.opened = works, []

    def openUrl(self, url) -> bool:
        self.opened.append(Path(url.toLocalFile()))
        return self.works


def test_after_an_export_the_file_or_its_folder_can_be_opened(qtbot, tmp_path, monkeypatch):
    desktop = _Desktop()
    monkeypatch.setattr(dialogs, "QDesktopServices", desktop)
    pdf = tmp_path / "plan.pdf"
    service = Answering(click=_("Open file"))
    service.written(pdf, "saved", "PDF")
    assert sorted(service.buttons) == sorted([_("Open file"), _("Open folder"), _("Close")])
    Answering(click=_("Open folder")).written(pdf, "saved", "PDF")
    Answering(click=None).written(pdf, "saved", "PDF")  # closed: nothing opens
    assert desktop.opened == [pdf, tmp_path]


def test_a_batch_offers_only_its_folder(qtbot, tmp_path, monkeypatch):
    desktop = _Desktop()
    monkeypatch.setattr(dialogs, "QDesktopServices", desktop)
    service = Answering(click=_("Open folder"))
    service.written(tmp_path, "3 PDFs", "PDFs", folder_only=True)
    assert _("Open file") not in service.buttons
    assert desktop.opened == [tmp_path]


def test_a_file_that_cannot_be_opened_says_where_it_is(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "QDesktopServices", _Desktop(works=False))
    service = Answering(click=_("Open file"))
    service.written(tmp_path / "dossier.json", "saved", "Case")
    [message] = service.errors
    assert "dossier.json" in message and str(tmp_path) in message
    folder = Answering(click=_("Open folder"))
    folder.written(tmp_path / "dossier.json", "saved", "Case")
    assert folder.errors == [
        _("The folder {folder} could not be opened. Open it in your file manager.").format(
            folder=tmp_path
        )
    ]


def test_a_case_file_export_offers_to_open_it(qtbot, ctx, fake_dialogs, tmp_path):
    load_demo(ctx.uow)
    case_id = queries.find_case_id(ctx.uow, "2026-0001")
    assert case_id is not None
    target = tmp_path / "jansen.json"
    fake_dialogs.answers.extend(["", str(target)])  # for whom: nobody named; where
    assert case_files.export_case_file(ctx, case_id) == str(target)
    assert fake_dialogs.offers == [(target, False)]
    assert str(target) in fake_dialogs.exported[-1]
