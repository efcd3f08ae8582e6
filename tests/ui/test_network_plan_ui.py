"""The network's plan after closure as a PDF from the window: ticked in the closing dialog,
from the closed case's banner and from the Case menu; written where the consultant chooses,
recorded in the disclosure log, offered to open; refusals said, nothing written."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog

from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput

from jeugdtool.ui.closing.closing_dialog import close_interactively
from jeugdtool.ui.closing.network_plan import save_network_plan
from jeugdtool.ui.workspace import CaseWorkspace

KEEPS = "Oma Ria komt elke woensdag koken en praat dan even met Sanne."
CALLS = ("Oma Ria: 06 12345678", "Huisarts Van Dam: 0499 123456")


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def when_modal(action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next modal dialog, once it is open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def _close_now(ctx, case_id: int) -> None:
    data = ClosingInput(
        closed_on=dt.date.today(),
        reason="Het netwerk draagt het plan",
        goals_outcome="fully",
        further_help="none",
        ended_as="planned",
        network_keeps=KEEPS,
        whom_to_call=CALLS,
    )
    closing.close_case(ctx.uow, case_id, data)


@pytest.fixture
def open_case(ctx):
    return ctx.run(households.create_case, name="Gezin Jansen", case_number="2026-0042")


def test_ticked_in_the_closing_dialog_it_is_saved_right_after_closing(
    ctx, qtbot, open_case, fake_dialogs, tmp_path
) -> None:
    def fill(dialog: QDialog) -> None:
        dialog.fields["reason"].setText("Het netwerk draagt het plan")
        dialog.fields["goals_outcome"].buttons["fully"].click()
        dialog.fields["further_help"].buttons["none"].click()
        dialog.fields["ended_as"].buttons["planned"].click()
        dialog.fields["network_keeps"].setPlainText(KEEPS)
        dialog.fields["whom_to_call"].setPlainText("\n".join(CALLS))
        assert not dialog.network_plan_next.isChecked()  # asked, not assumed
        dialog.network_plan_next.setChecked(True)
        dialog.accept()

    fake_dialogs.answers.append(str(tmp_path / "plan netwerk"))  # typed without .pdf
    when_modal(fill)
    assert close_interactively(ctx, None, open_case.id)
    written = tmp_path / "plan netwerk.pdf"
    qtbot.waitUntil(written.exists)
    assert queries.get_case(ctx.uow, open_case.id).household.status == CaseStatus.CLOSED
    assert "Oma Ria komt elke woensdag koken" in _text(written)
    assert fake_dialogs.offers == [(written, False)]
    assert fake_dialogs.errors == []
    (given,) = disclosures.list_disclosures(ctx.uow, open_case.id)
    assert given.kind == "pdf"


def test_not_ticked_nothing_is_asked_after_closing(ctx, qtbot, open_case, fake_dialogs) -> None:
    def fill(dialog: QDialog) -> None:
        dialog.fields["reason"].setText("Doelen bereikt")
        dialog.fields["goals_outcome"].buttons["fully"].click()
        dialog.fields["further_help"].buttons["none"].click()
        dialog.fields["ended_as"].buttons["planned"].click()
        dialog.accept()

    when_modal(fill)
    assert close_interactively(ctx, None, open_case.id)
    qtbot.wait(50)  # the events after the dialog has gone
    assert fake_dialogs.questions == []


def test_the_banner_of_a_closed_case_saves_it(
    ctx, qtbot, open_case, fake_dialogs, tmp_path
) -> None:
    workspace = CaseWorkspace(ctx, open_case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    assert not workspace.network_plan_button.isVisible()  # open: no banner
    _close_now(ctx, open_case.id)
    workspace.reload()
    assert workspace.network_plan_button.isVisible()

    fake_dialogs.answers.append(None)  # cancelled: nothing written, nothing logged
    qtbot.mouseClick(workspace.network_plan_button, Qt.MouseButton.LeftButton)
    assert disclosures.list_disclosures(ctx.uow, open_case.id) == []
    assert fake_dialogs.offers == []

    target = tmp_path / "netwerk.pdf"
    fake_dialogs.answers.append(str(target))
    qtbot.mouseClick(workspace.network_plan_button, Qt.MouseButton.LeftButton)
    assert "Huisarts Van Dam: 0499 123456" in _text(target)
    assert fake_dialogs.offers == [(target, False)]
    assert len(disclosures.list_disclosures(ctx.uow, open_case.id)) == 1


def test_an_open_case_is_told_to_close_first(ctx, qtbot, open_case, fake_dialogs) -> None:
    workspace = CaseWorkspace(ctx, open_case.id)
    qtbot.addWidget(workspace)
    assert workspace.network_plan_pdf() is None
    assert len(fake_dialogs.infos) == 1
    assert fake_dialogs.questions == []  # no file asked for


def test_a_folder_that_cannot_be_written_is_said_and_nothing_logged(
    ctx, open_case, fake_dialogs, tmp_path
) -> None:
    _close_now(ctx, open_case.id)
    fake_dialogs.answers.append(str(tmp_path / "missing folder" / "netwerk.pdf"))
    assert save_network_plan(ctx, open_case.id) is None
    assert len(fake_dialogs.errors) == 1
    assert fake_dialogs.offers == []
    assert disclosures.list_disclosures(ctx.uow, open_case.id) == []


def test_a_case_never_closed_is_refused_in_words(ctx, open_case, fake_dialogs, tmp_path) -> None:
    fake_dialogs.answers.append(str(tmp_path / "netwerk.pdf"))
    assert save_network_plan(ctx, open_case.id) is None
    assert "2026-0042" in fake_dialogs.errors[0]
    assert not (tmp_path / "netwerk.pdf").exists()
