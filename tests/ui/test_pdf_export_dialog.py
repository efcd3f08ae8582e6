"""Exporting one case as a PDF from the window: the selection dialog, the file name, errors."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog

from jeugdtool.cases import queries
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import get_selection
from jeugdtool.export.selection import remember_selection
from jeugdtool.export.selection import section_codes

from jeugdtool.ui.export.pdf_dialog import PdfExportDialog
from jeugdtool.ui.main_window import MainWindow


@pytest.fixture
def demo(ctx, demo_households) -> None:
    """The demo households in the database of `ctx`."""


def _case(ctx, number: str) -> int:
    found = queries.find_case_id(ctx.uow, number)
    assert found is not None
    return found


def _dialog(qtbot, ctx, number: str = "2026-0001") -> PdfExportDialog:
    dialog = PdfExportDialog(ctx, _case(ctx, number))
    qtbot.addWidget(dialog)
    return dialog


def _text(path: Path) -> str:
    """The PDF's text without white space (line breaks fall where the layout puts them)."""
    return "".join("".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def _squash(text: str) -> str:
    return "".join(text.split())


def test_dialog_opens_with_the_defaults(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx)
    assert dialog.document is Document.PLAN
    # Jansen has versions 1 and 2 finalised and a draft 3: the newest finalised is proposed.
    assert dialog.version() == 2
    labels = [dialog.version_combo.itemText(i) for i in range(dialog.version_combo.count())]
    assert len(labels) == 3 and "CONCEPT" in labels[0]
    form = dialog.form
    assert all(box.isChecked() for box in form.section_boxes.values())
    assert list(form.section_boxes) == list(section_codes(Document.PLAN))
    assert form.audience_combo.currentText() == ""
    assert not form.privacy_boxes["birth_dates"].isChecked()
    assert form.privacy_boxes["contact_details"].isChecked()
    assert not form.privacy_boxes["uninvolved_persons"].isChecked()
    assert dialog.export_button.isEnabled()


def test_dialog_opens_with_the_remembered_selection(qtbot, ctx, demo):
    case_id = _case(ctx, "2026-0001")
    remembered = Selection(
        Document.PLAN,
        audience="huisarts",
        sections=frozenset({"agreements", "signatures"}),
        contact_details=False,
        birth_dates=True,
    )
    remember_selection(ctx.uow, case_id, remembered)
    dialog = _dialog(qtbot, ctx)
    form = dialog.form
    assert form.audience_combo.currentText() == "huisarts"
    checked = {code for code, box in form.section_boxes.items() if box.isChecked()}
    assert checked == {"agreements", "signatures"}
    assert form.privacy_boxes["birth_dates"].isChecked()
    assert not form.privacy_boxes["contact_details"].isChecked()
    assert form.selection() == remembered


def test_unchecked_parts_are_absent_from_the_pdf_and_the_choice_is_remembered(
    qtbot, ctx, demo, fake_dialogs, tmp_path
):
    whole, partial = tmp_path / "whole.pdf", tmp_path / "school.pdf"
    fake_dialogs.answers.extend([str(whole), str(partial)])
    messages: list[str] = []
    ctx.signals.status_message.connect(messages.append)

    dialog = _dialog(qtbot, ctx)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.written == whole
    text = _text(whole)
    assert _squash("Handtekeningen") in text and "06-12345678" in text

    dialog = _dialog(qtbot, ctx)
    dialog.form.section_boxes["signatures"].setChecked(False)
    dialog.form.privacy_boxes["contact_details"].setChecked(False)
    dialog.form.audience_combo.setCurrentText("school")
    dialog.accept()
    text = _text(partial)
    assert _squash("Selectie voor: school") in text
    assert _squash("Handtekeningen") not in text
    assert _squash("Het veiligheidsnetwerk") in text and "06-12345678" not in text
    assert messages[-1].endswith(str(partial))

    stored = get_selection(ctx.uow, _case(ctx, "2026-0001"), Document.PLAN)
    assert stored.audience == "school" and "signatures" not in stored.sections
    assert not stored.contact_details
    assert fake_dialogs.errors == []


def test_the_proposed_file_name_is_safe_and_remembered_as_a_pdf(
    qtbot, ctx, demo, fake_dialogs, monkeypatch, tmp_path
):
    proposed: list[tuple[str, str]] = []

    def save_file(title: str, suggested: str, filters: str, kind: str = "file") -> None:
        proposed.append((suggested, kind))
        return None  # the user cancels the file dialog

    monkeypatch.setattr(fake_dialogs, "save_file", save_file)
    dialog = _dialog(qtbot, ctx)
    dialog.accept()
    dialog.version_combo.setCurrentIndex(dialog.version_combo.findData(3))  # the draft
    dialog.accept()
    # The folder is the file dialog's (tests/ui/test_file_dialogs.py): the last one for PDFs.
    assert proposed == [
        ("veiligheidsplan-2026-0001-v2.pdf", "pdf"),
        ("veiligheidsplan-2026-0001-concept.pdf", "pdf"),
    ]
    # Cancelling the file dialog keeps the export dialog open and writes nothing.
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.written is None
    assert fake_dialogs.offers == []


def test_a_file_name_without_extension_gets_pdf(qtbot, ctx, demo, fake_dialogs, tmp_path):
    fake_dialogs.answers.append(str(tmp_path / "plan voor school"))
    dialog = _dialog(qtbot, ctx)
    dialog.accept()
    assert dialog.written == tmp_path / "plan voor school.pdf"
    assert dialog.written.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("target", ["missing/plan.pdf", "folder.pdf"])
def test_an_unwritable_target_is_explained_and_leaves_no_file(
    qtbot, ctx, demo, fake_dialogs, tmp_path, target
):
    out = tmp_path / "out"
    (out / "folder.pdf").mkdir(parents=True)  # a folder with the name the user typed
    fake_dialogs.answers.append(str(out / target))
    dialog = _dialog(qtbot, ctx)
    dialog.accept()
    assert len(fake_dialogs.errors) == 1
    assert str(out) in fake_dialogs.errors[0]  # names where it went wrong
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.written is None
    assert sorted(p.name for p in out.rglob("*")) == ["folder.pdf"]


def test_a_case_without_a_plan_cannot_export_the_plan(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx, "2026-0004")  # Smit: mapped, no plan yet
    assert not dialog.export_button.isEnabled()
    assert not dialog.version_combo.isEnabled()
    assert not dialog.version_note.isHidden() and dialog.version_note.text()
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData(Document.MAP))
    assert dialog.export_button.isEnabled() and dialog.version() is not None


def test_nothing_chosen_is_refused_in_the_dialog(qtbot, ctx, demo, fake_dialogs):
    dialog = _dialog(qtbot, ctx)
    for box in dialog.form.section_boxes.values():
        box.setChecked(False)
    dialog.accept()  # no file dialog is asked (the fake would fail the test)
    assert not dialog.form.errors.isHidden()
    assert dialog.form.errors.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_each_document_opens_with_its_own_parts(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx)
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData(Document.MAP))
    assert set(dialog.form.section_boxes) == {"map", "statements", "scale"}
    # Jansen was mapped three times; the newest mapping is proposed.
    assert dialog.version_combo.count() == 3 and dialog.version_combo.currentIndex() == 0
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData(Document.ZRM))
    assert set(dialog.form.section_boxes) == {"table", "focus", "chart", "notes"}
    assert dialog.version() is None and dialog.version_combo.isHidden()


def test_ctrl_p_opens_the_dialog_for_the_open_case(qtbot, ctx, demo):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.pdf_action.shortcut().toString() == "Ctrl+P"
    assert not window.pdf_action.isEnabled()  # the case list: no case open
    window.open_case(_case(ctx, "2026-0001"))
    assert window.pdf_action.isEnabled()
    seen: list[str] = []
    tries = iter(range(500))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if next(tries, None) is not None:  # stop looking once the test is over
                QTimer.singleShot(10, answer)
            return
        seen.append(dialog.windowTitle() if isinstance(dialog, PdfExportDialog) else "other")
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1 and "2026-0001" in seen[0]


@pytest.mark.parametrize("document", [Document.MAP, Document.ZRM])
def test_the_map_and_the_zrm_summary_export_too(
    qtbot, ctx, demo, fake_dialogs, monkeypatch, tmp_path, document
):
    proposed: list[str] = []

    def save_file(title: str, suggested: str, filters: str, kind: str = "file") -> str:
        proposed.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name)

    monkeypatch.setattr(fake_dialogs, "save_file", save_file)
    dialog = _dialog(qtbot, ctx)
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData(document))
    dialog.form.audience_combo.setCurrentText("netwerk")
    dialog.accept()
    assert fake_dialogs.errors == []
    assert dialog.written == tmp_path / proposed[0] and "2026-0001" in proposed[0]
    assert fake_dialogs.offers == [(dialog.written, False)]  # "Open file", "Open folder"
    assert _squash("Selectie voor: netwerk") in _text(dialog.written)
    remembered = get_selection(ctx.uow, _case(ctx, "2026-0001"), document)
    assert remembered.audience == "netwerk"
    # The plan's remembered choice is its own.
    assert get_selection(ctx.uow, _case(ctx, "2026-0001"), Document.PLAN).audience == ""
