"""The case's Disclosures page, and what the window says after an export: the new row shows at
once; a file written but not logged is reported with its path; a batch lists such cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import disclosures
from jeugdtool.cases import queries
from jeugdtool.errors import DiskFull
from jeugdtool.export.demo import load_demo
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.i18n import _

from jeugdtool.ui import case_files
from jeugdtool.ui.export.batch_dialog import summary
from jeugdtool.ui.export.batch_work import BatchCase
from jeugdtool.ui.export.batch_work import export_cases
from jeugdtool.ui.export.pdf_dialog import export_pdf
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.disclosures import DisclosuresPage
from jeugdtool.ui.workspace.workspace import DISCLOSURES


@pytest.fixture
def jansen(ctx) -> int:
    load_demo(ctx.uow)
    found = queries.find_case_id(ctx.uow, "2026-0001")
    assert found is not None
    return found


def _page(qtbot, ctx, case_id: int) -> DisclosuresPage:
    workspace = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitExposed(workspace)
    item = workspace.nav.item(DISCLOSURES)
    assert item.text() == _("Disclosures") and item.toolTip() == "Ctrl+8"
    spot = workspace.nav.visualItemRect(item).center()
    qtbot.mouseClick(workspace.nav.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert workspace.nav.currentRow() == DISCLOSURES
    page = workspace.disclosures.page
    assert isinstance(page, DisclosuresPage)
    qtbot.waitUntil(page.isVisible)  # a lazy page is shown once Qt has laid it out
    return page


def _column(page: DisclosuresPage, header: str) -> list[str]:
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index(_(header))
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _fail_to_log(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object) -> None:
        raise DiskFull("De schijf is vol.")

    monkeypatch.setattr(disclosures, "_new_row", full)


def test_the_page_lists_what_went_out_and_a_new_pdf_appears_at_once(
    qtbot, ctx, jansen, fake_dialogs, tmp_path: Path
) -> None:
    page = _page(qtbot, ctx, jansen)
    assert _column(page, "For whom") == ["huisarts", "school"]  # the demo's, newest first
    assert page.table.isVisible() and not page.empty.isVisible()
    selection = Selection(**{**vars(default_selection(Document.ZRM)), "audience": "Veilig Thuis"})
    fake_dialogs.answers.append(str(tmp_path / "zrm"))  # ".pdf" is added
    assert export_pdf(ctx, jansen, selection, None) == tmp_path / "zrm.pdf"
    assert _column(page, "For whom") == ["Veilig Thuis", "huisarts", "school"]
    assert _column(page, "Kind")[0] == _("PDF")
    assert _("Latest against previous assessment, per person") in _column(page, "Parts")[0]
    assert fake_dialogs.errors == [] and fake_dialogs.infos == []


def test_a_case_file_asks_for_whom_first_and_records_it(
    qtbot, ctx, jansen, fake_dialogs, tmp_path: Path
) -> None:
    page = _page(qtbot, ctx, jansen)
    fake_dialogs.answers.append(None)  # cancelled at "for whom": no file dialog, no file
    assert case_files.export_case_file(ctx, jansen) is None
    assert [kind for kind, _text in fake_dialogs.questions] == ["ask_text"]
    target = tmp_path / "jansen.json"
    fake_dialogs.answers.extend(["", str(target)])  # nobody named: "not given"
    assert case_files.export_case_file(ctx, jansen) == str(target)
    assert _column(page, "For whom")[0] == _("not given")
    assert _column(page, "Kind")[0] == _("Case file")
    fake_dialogs.answers.extend(["x" * 201])  # too long: said before any file is chosen
    assert case_files.export_case_file(ctx, jansen) is None
    assert fake_dialogs.errors and fake_dialogs.questions[-1][0] == "ask_text"


def test_a_file_written_but_not_logged_is_reported_with_its_path(
    qtbot, ctx, jansen, fake_dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, ctx, jansen)
    rows = page.model.rowCount()
    _fail_to_log(monkeypatch)
    target = tmp_path / "plan.pdf"
    fake_dialogs.answers.append(str(target))
    assert export_pdf(ctx, jansen, default_selection(Document.PLAN), None) == target
    assert target.exists()
    [message] = fake_dialogs.errors
    assert str(target) in message and _(DiskFull.cause) in message
    assert page.model.rowCount() == rows


def test_a_batch_lists_the_cases_written_but_not_logged(
    ctx, jansen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_to_log(monkeypatch)
    case = BatchCase(jansen, "2026-0001 Gezin Jansen")
    result = export_cases(ctx.uow, [case], default_selection(Document.ZRM), tmp_path)
    assert len(result.written) == 1 and result.written[0].exists()
    assert [u.case for u in result.unlogged] == [case]
    text = summary(result, tmp_path)
    assert _("Saved, but not recorded in the disclosure log:") in text
    assert "• 2026-0001 Gezin Jansen" in text and _(DiskFull.cause) in text


def test_a_case_with_nothing_disclosed_says_so(qtbot, ctx, fake_dialogs) -> None:
    load_demo(ctx.uow)
    case_id = queries.find_case_id(ctx.uow, "2026-0004")
    assert case_id is not None
    page = _page(qtbot, ctx, case_id)
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() and not page.table.isVisible()
