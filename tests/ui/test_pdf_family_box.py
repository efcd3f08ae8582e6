"""The PDF dialog's "Family version" box: shown for the plan only, remembered with the
selection, a file name ending in -gezinsversie, and a mnemonic no other control of the dialog
uses."""

from __future__ import annotations

import re

import pytest

from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QLabel

from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import get_selection

from jeugdtool.ui.export.pdf_dialog import PdfExportDialog

#: A mnemonic: "&x" but not "&&".
_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


@pytest.fixture
def demo(ctx) -> None:
    load_demo(ctx.uow)


def _dialog(qtbot, ctx) -> PdfExportDialog:
    case_id = queries.find_case_id(ctx.uow, "2026-0001")
    assert case_id is not None
    dialog = PdfExportDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _mnemonics(dialog: PdfExportDialog) -> list[str]:
    """The mnemonic letter of every visible button, check box and label of the dialog."""
    letters = []
    for widget in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel):
        if widget.isVisibleTo(dialog):
            letters += [m.lower() for m in _MNEMONIC.findall(widget.text())]
    return letters


def test_the_box_is_there_for_the_plan_only(qtbot, ctx, demo) -> None:
    dialog = _dialog(qtbot, ctx)
    box = dialog.form.family_box
    assert box.isVisibleTo(dialog) and not box.isChecked()
    box.setChecked(True)
    assert dialog.form.selection().family_version
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData(Document.MAP))
    assert not box.isVisibleTo(dialog)
    assert not dialog.form.selection().family_version


def test_its_mnemonic_is_unique(qtbot, ctx, demo) -> None:
    dialog = _dialog(qtbot, ctx)
    letters = _mnemonics(dialog)
    mine = _MNEMONIC.findall(dialog.form.family_box.text())
    assert len(mine) == 1
    assert letters.count(mine[0].lower()) == 1, letters
    assert len(letters) == len(set(letters)), letters


def test_the_family_version_is_saved_remembered_and_named_so(
    qtbot, ctx, demo, fake_dialogs, monkeypatch
) -> None:
    proposed: list[str] = []

    def save_file(title: str, suggested: str, filters: str, kind: str = "file") -> None:
        proposed.append(suggested)
        return None  # the user cancels the file dialog

    monkeypatch.setattr(fake_dialogs, "save_file", save_file)
    dialog = _dialog(qtbot, ctx)
    dialog.form.family_box.setChecked(True)
    dialog.accept()
    assert proposed == ["veiligheidsplan-2026-0001-v2-gezinsversie.pdf"]
    remembered = get_selection(ctx.uow, dialog.case_id, Document.PLAN)
    assert remembered.family_version
    again = _dialog(qtbot, ctx)
    assert again.form.family_box.isChecked()
