"""The export dialogs on a 1366×720 screen: every privacy choice and the sentence under it can
be read whole — the choices scroll down rather than squeeze the last hint until it is cut off."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QScrollArea

from jeugdtool.cases import queries

from jeugdtool.ui.export.batch_dialog import BatchExportDialog
from jeugdtool.ui.export.pdf_dialog import PdfExportDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

#: A 1366×768 laptop screen less a title bar and a panel.
SCREEN = QSize(1366, 720)


def _on_the_laptop(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.size().boundedTo(SCREEN))
    for _round in range(3):
        QApplication.processEvents()
    return dialog


def _cut_hints(dialog: QDialog) -> list[str]:
    """The privacy hints shown lower than their wrapped text needs."""
    return [
        label.text()
        for label in dialog.form.privacy_hints.values()
        if label.isVisibleTo(dialog) and label.height() < label.heightForWidth(label.width())
    ]


@pytest.mark.parametrize("kind", ["pdf", "batch"])
def test_the_privacy_hints_are_never_cut_off(language, ctx, demo_households, qtbot, kind):
    case_id = queries.find_case_id(ctx.uow, "2026-0001")
    dialog = PdfExportDialog(ctx, case_id) if kind == "pdf" else BatchExportDialog(ctx, None)
    _on_the_laptop(qtbot, dialog)
    assert dialog.height() <= SCREEN.height()
    assert not _cut_hints(dialog)


def test_the_last_hint_is_reached_by_scrolling(ctx, demo_households, qtbot):
    dialog = _on_the_laptop(qtbot, BatchExportDialog(ctx, None))
    area = dialog.findChild(QScrollArea)
    assert area is not None and area.isAncestorOf(dialog.form)
    last = list(dialog.form.privacy_hints.values())[-1]
    area.ensureWidgetVisible(last)
    QApplication.processEvents()
    bottom = last.mapTo(area.viewport(), last.rect().bottomLeft()).y()
    assert 0 <= bottom <= area.viewport().height()
