"""The log after a consultant's session over the demo data: it says what happened, and holds
no name, no case text and no file written for a family."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jeugdtool import app as jeugdtool_app
from jeugdtool import logs
from jeugdtool import paths
from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases.queries import list_case_summaries
from jeugdtool.errors import DiskFull
from jeugdtool.store import faults

from jeugdtool.ui import ops
from jeugdtool.ui.export.pdf_dialog import PdfExportDialog
from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.main_window import MainWindow

CONSULTANT = "A. de Boer"


def demo_personal_data() -> set[str]:
    """Every name in the demo households, and the start of each map item's text."""
    found: set[str] = {CONSULTANT}
    for path in sorted(resources.path("demo").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found.add(doc["household"]["name"])
        found.add(doc["household"]["name"].split(" ", 1)[-1])  # "Jansen" of "Gezin Jansen"
        for person in doc["persons"]:
            found.update({person["first_name"], person["last_name"]})
        found.update(contact["name"] for contact in doc["network"])
        for moment in doc["mappings"]:
            for items in moment["cells"].values():
                found.update(item["text"][:40] for item in items)
    return {text for text in found if text}


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = logs.setup(console=False)
    assert path is not None and path.parent == paths.log_dir()
    yield path
    logs.shutdown()


@pytest.fixture
def window(qtbot, fake_dialogs, db_path) -> Iterator[MainWindow]:
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, CONSULTANT),
        make_dialogs=lambda: fake_dialogs,
    )
    opened = launcher.start(str(db_path))
    assert opened is not None
    qtbot.addWidget(opened)
    opened._launcher = launcher
    yield opened
    opened.ctx.database.close()


def _commit(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


class FailOnce:
    """`households.update_case` failing once with a full disk."""

    def __init__(self) -> None:
        self.real, self.calls = households.update_case, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == 1:
            raise DiskFull(str(faults.disk_full()))
        return self.real(*args, **kwargs)


def test_a_session_over_the_demo_data_logs_no_personal_data(
    log_file, window, qtbot, fake_dialogs, tmp_path, monkeypatch
) -> None:
    ctx = window.ctx
    secrets = demo_personal_data()
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: window.list_page.model.total == 6, timeout=20_000)
    for case_id in sorted(c.id for c in list_case_summaries(window.ctx.uow)):
        window.open_case(case_id)
    case_id = sorted(window.workspaces)[0]
    name_edit = window.workspaces[case_id].overview.form.edits["name"]
    _commit(qtbot, name_edit, "Gezin Jansen-de Vries")

    # A handled error: a full disk keeps the edit unsaved, then it is saved.
    failing = FailOnce()
    monkeypatch.setattr(households, "update_case", failing)
    _commit(qtbot, name_edit, "Gezin Jansen-Bos")
    assert len(ctx.pending) == 1
    assert ctx.pending.retry() and failing.calls == 2

    # A case file dropped on the window whose number is taken: imported as a new case.
    fake_dialogs.answers.append(True)
    opened = len(window.workspaces)
    window.case_drop.drop([str(resources.path("demo", "01-jansen.json"))])
    qtbot.waitUntil(lambda: len(window.workspaces) == opened + 1, timeout=10_000)

    pdf = tmp_path / "Plan Sandra Jansen.pdf"
    fake_dialogs.answers.append(str(pdf))
    dialog = PdfExportDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert pdf.is_file()

    # Unexpected errors whose text quotes a person: in a background job and in a slot.
    def leaky() -> None:
        raise RuntimeError("Sandra Jansen, 12-09-1988, Noa")

    task = ops.run_in_background(ctx, window, leaky, label="…")
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    jeugdtool_app.install_excepthook()
    try:
        raise ValueError("SELECT * FROM persons WHERE last_name = 'Jansen'")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert str(paths.log_dir()) in shown[0]  # the user is told where the log is

    for handler in logs._installed:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "opened the database" in text
    assert "edit kept unsaved (DiskFull)" in text
    assert "background job failed" in text and "builtins.RuntimeError" in text
    assert "unexpected error: builtins.ValueError" in text
    leaked = sorted(s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text))
    assert leaked == [], f"personal data in the log: {leaked}"
    assert "SELECT" not in text and "12-09-1988" not in text
