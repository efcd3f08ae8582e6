"""Exporting the PDFs of several cases at once: off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdf
import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from jeugdtool.cases import queries
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.plan_data import gather_plan

from jeugdtool.ui.export.batch_dialog import BatchExportDialog
from jeugdtool.ui.export.batch_dialog import BatchRun

JANSEN, SMIT, OZTURK, WISNIEWSKI = "2026-0001", "2026-0004", "2026-0005", "2026-0006"


@pytest.fixture
def demo(ctx, demo_households) -> None:
    """The demo households in the database of `ctx`."""


def _case(ctx, number: str) -> int:
    found = queries.find_case_id(ctx.uow, number)
    assert found is not None
    return found


def _dialog(qtbot, ctx, folder: Path, *numbers: str) -> BatchExportDialog:
    """The dialog with `numbers` checked and `folder` chosen, as a user would."""
    dialog = BatchExportDialog(ctx, None, ask=lambda parent, title, start: str(folder))
    qtbot.addWidget(dialog)
    for number in numbers:
        dialog.filter_edit.setText(number)
        dialog.check_shown_button.click()
    dialog.filter_edit.clear()
    dialog.choose_folder()
    return dialog


def _start(dialog: BatchExportDialog) -> BatchRun:
    """Export, answering the question what the PDFs leave out of the free text (with people
    not involved left out, every demo case masks a name somewhere) with yes."""
    asked = dialog.ctx.dialogs.questions[:]
    dialog.ctx.dialogs.answers.append(True)
    dialog.accept()
    assert dialog.run is not None, dialog.error.text()
    assert [kind for kind, _text in dialog.ctx.dialogs.questions[len(asked) :]] == ["confirm"]
    return dialog.run


def test_batch_writes_a_pdf_per_case_and_lists_the_case_without_a_plan(
    qtbot, ctx, demo, tmp_path, fake_dialogs, monkeypatch
):
    out = tmp_path / "partners"
    out.mkdir()
    dialog = _dialog(qtbot, ctx, out, JANSEN, SMIT, OZTURK, WISNIEWSKI)
    assert dialog.count_label.text().startswith("4")
    dialog.form.privacy_boxes["contact_details"].setChecked(False)
    dialog.form.audience_combo.setCurrentText("school")
    start = BatchRun.start
    monkeypatch.setattr(BatchRun, "start", lambda run: None)  # listen first, then start
    run = _start(dialog)
    labels: list[str] = []
    values: list[int] = []
    run.thread.case_started.connect(lambda _i, label: labels.append(label))
    run.thread.case_done.connect(lambda _i: values.append(run.progress.value()))
    start(run)
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        pass
    result = finished.args[0]

    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "veiligheidsplan-2026-0001-v2.pdf",
        "veiligheidsplan-2026-0005-v2.pdf",
        "veiligheidsplan-2026-0006-v2.pdf",
    ]
    assert [s.case.label for s in result.skipped] == ["2026-0004 Gezin Smit"]
    assert values == [1, 2, 3, 4]
    assert [label.split()[0] for label in labels] == [JANSEN, SMIT, OZTURK, WISNIEWSKI]
    # One selection for all: each says for whom, none carries a phone number.
    for path in out.iterdir():
        text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        assert "Selectie voor: school" in " ".join(text.split())
    assert "06-12345678" not in "".join(
        p.extract_text() for p in pypdf.PdfReader(out / names[0]).pages
    )
    # The summary names the case that was not exported, with the reason.
    with pytest.raises(JeugdtoolError) as no_plan:
        gather_plan(ctx.uow, _case(ctx, SMIT))
    assert len(fake_dialogs.errors) == 1
    assert f"2026-0004 Gezin Smit: {no_plan.value}" in fake_dialogs.errors[0]
    assert str(out) in fake_dialogs.errors[0]


def test_cancel_after_the_first_file_stops_the_rest_and_the_window_stays_responsive(
    qtbot, ctx, demo, tmp_path, fake_dialogs, monkeypatch
):
    real_render = documents.render
    rendering, go_on = threading.Event(), threading.Event()

    def held_render(*args, **kwargs):
        """The first case waits until the test says so: the user cancels meanwhile."""
        rendering.set()
        assert go_on.wait(30)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(documents, "render", held_render)
    dialog = _dialog(qtbot, ctx, tmp_path, JANSEN, OZTURK, WISNIEWSKI)
    run = _start(dialog)
    qtbot.waitUntil(rendering.is_set)

    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while the worker works

    cancel = run.progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    go_on.set()
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        pass
    result = finished.args[0]
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["veiligheidsplan-2026-0001-v2.pdf"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert [c.label.split()[0] for c in result.not_done] == [OZTURK, WISNIEWSKI]
    assert fake_dialogs.errors == []
    assert "2026-0005" in fake_dialogs.exported[0] and "2026-0006" in fake_dialogs.exported[0]
    # A batch is a folder of files: only "Open folder" is offered.
    assert fake_dialogs.offers == [(tmp_path, True)]


def test_a_file_that_cannot_be_written_is_skipped_and_the_others_are_written(
    qtbot, ctx, demo, tmp_path, fake_dialogs
):
    (tmp_path / "veiligheidsplan-2026-0001-v2.pdf").mkdir()  # in the way
    dialog = _dialog(qtbot, ctx, tmp_path, JANSEN, OZTURK)
    run = _start(dialog)
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        pass
    result = finished.args[0]
    assert [p.name for p in result.written] == ["veiligheidsplan-2026-0005-v2.pdf"]
    assert [s.case.label.split()[0] for s in result.skipped] == [JANSEN]
    assert (tmp_path / "veiligheidsplan-2026-0001-v2.pdf").is_dir()
    assert "veiligheidsplan-2026-0001-v2.pdf" in fake_dialogs.errors[0]


def test_the_dialog_refuses_no_cases_and_a_missing_folder(qtbot, ctx, demo, tmp_path):
    dialog = _dialog(qtbot, ctx, tmp_path / "gone")
    dialog.accept()
    assert dialog.run is None
    assert not dialog.error.isHidden()
    assert str(tmp_path / "gone") in dialog.error.text()
    assert len(dialog.error.text().splitlines()) == 2  # no case checked, and the folder


def test_the_filter_keeps_checked_cases_checked(qtbot, ctx, demo, tmp_path):
    dialog = BatchExportDialog(ctx, None, preselect=_case(ctx, JANSEN))
    qtbot.addWidget(dialog)
    assert [c.label.split()[0] for c in dialog.chosen_cases()] == [JANSEN]
    dialog.filter_edit.setText("Öztürk")
    shown = [i for i in range(dialog.case_list.count()) if not dialog.case_list.isRowHidden(i)]
    assert len(shown) == 1
    dialog.check_shown_button.click()
    dialog.filter_edit.clear()
    assert [c.label.split()[0] for c in dialog.chosen_cases()] == [JANSEN, OZTURK]
    assert dialog.count_label.text().startswith("2")
    dialog.check_none_button.click()
    assert dialog.chosen_cases() == []
