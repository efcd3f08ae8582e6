"""The dialog "ZRM matrices and licences": an organisation imports its licensed descriptor file,
sees a broken one refused with every problem listed, replaces one, removes one and undoes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import DESCRIPTOR_FORMAT
from jeugdtool.zrm.definitions import builtin_matrices

from jeugdtool.ui.zrm.import_dialog import ZrmLibraryDialog

LICENCE = "GGD Amsterdam, licentie 2026-117 (Wijkteam Noord)"


def descriptor_file(source: str = LICENCE, version: str = "2017") -> dict[str, Any]:
    matrix = builtin_matrices()[0]
    return {
        "format": DESCRIPTOR_FORMAT,
        "matrix": matrix.id,
        "version": version,
        "source": source,
        "descriptors": {
            code: {str(level): f"Criterium {code} {level}" for level in range(1, 6)}
            for code in matrix.codes
        },
    }


def write(tmp_path: Path, name: str, doc: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


@pytest.fixture
def dialog(ctx, qtbot) -> ZrmLibraryDialog:
    widget = ZrmLibraryDialog(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _licensed_column(dialog: ZrmLibraryDialog, matrix_id: str) -> str:
    row = next(i for i, m in enumerate(dialog.matrices) if m.id == matrix_id)
    return dialog.matrix_table.item(row, 4).text()


def test_shipped_matrices_are_listed_without_licensed_criteria(dialog):
    names = [dialog.matrix_table.item(r, 0).text() for r in range(dialog.matrix_table.rowCount())]
    assert [m.name.get() for m in builtin_matrices()] == names
    assert "—" not in _licensed_column(dialog, "zrm-2017")  # "yes — <licence>" when licensed
    assert dialog.no_imports.isVisibleTo(dialog)
    assert "GGD Amsterdam" in dialog.explanation.text()


def test_a_good_descriptor_file_imports_and_shows_as_licensed(dialog, ctx, fake_dialogs, tmp_path):
    fake_dialogs.answers.append(write(tmp_path, "zrm-licentie.json", descriptor_file()))
    dialog.import_button.click()

    assert dialog.problem_text() == ""
    assert "zrm-licentie.json" in dialog.done_text()
    assert LICENCE in _licensed_column(dialog, "zrm-2017")
    assert dialog.import_table.rowCount() == 1
    assert dialog.import_table.item(0, 4).text() == "zrm-licentie.json"
    cell = library.matrices(ctx.uow)[0].cell("financien", 2)
    assert cell.descriptor is not None and cell.descriptor.nl == "Criterium financien 2"

    ctx.undo_stack.undo()  # the import is undoable too
    assert library.list_imports(ctx.uow) == ()
    assert dialog.import_table.rowCount() == 0


def test_a_broken_file_shows_every_problem_and_imports_nothing(dialog, ctx, fake_dialogs, tmp_path):
    doc = descriptor_file()
    doc["descriptors"]["huisdieren"] = doc["descriptors"].pop("justitie")  # unknown domain
    del doc["descriptors"]["financien"]["3"]  # a missing level
    fake_dialogs.answers.append(write(tmp_path, "kapot.json", doc))
    dialog.import_button.click()

    shown = dialog.problem_text().splitlines()
    assert any("descriptors.huisdieren" in line and "huisdieren" in line for line in shown)
    assert any("descriptors.financien" in line and "3" in line for line in shown)
    assert any("descriptors.justitie" in line for line in shown)  # now missing
    assert dialog.isVisible()
    assert library.list_imports(ctx.uow) == ()
    assert ctx.undo_stack.count() == 0

    fake_dialogs.answers.append(write(tmp_path, "oud.json", descriptor_file(version="2010")))
    dialog.import_button.click()
    assert "version" in dialog.problem_text() and "2010" in dialog.problem_text()
    assert library.list_imports(ctx.uow) == ()


def test_a_file_that_is_not_json_says_so(dialog, fake_dialogs, tmp_path):
    path = tmp_path / "notities.json"
    path.write_text("{ dit is geen json", encoding="utf-8")
    fake_dialogs.answers.append(str(path))
    dialog.import_button.click()
    assert "notities.json" in dialog.problem_text()
    assert dialog.import_table.rowCount() == 0


def test_replacing_an_import_asks_first_and_undo_puts_the_old_one_back(
    dialog, ctx, fake_dialogs, tmp_path
):
    fake_dialogs.answers.append(write(tmp_path, "eerste.json", descriptor_file()))
    dialog.import_button.click()
    newer = descriptor_file(source="GGD Amsterdam, licentie 2027-004")

    fake_dialogs.answers.extend([write(tmp_path, "tweede.json", newer), False])
    dialog.import_button.click()
    assert fake_dialogs.questions[-1][0] == "confirm"
    assert "tweede.json" in fake_dialogs.questions[-1][1]
    assert [i.file_name for i in library.list_imports(ctx.uow)] == ["eerste.json"]

    fake_dialogs.answers.extend([write(tmp_path, "tweede.json", newer), True])
    dialog.import_button.click()
    assert [i.file_name for i in library.list_imports(ctx.uow)] == ["tweede.json"]
    assert "2027-004" in _licensed_column(dialog, "zrm-2017")

    ctx.undo_stack.undo()
    assert [i.file_name for i in library.list_imports(ctx.uow)] == ["eerste.json"]
    assert LICENCE in _licensed_column(dialog, "zrm-2017")
    ctx.undo_stack.redo()
    assert "2027-004" in _licensed_column(dialog, "zrm-2017")


def test_remove_asks_first_and_undo_brings_the_import_back(dialog, ctx, fake_dialogs, tmp_path):
    fake_dialogs.answers.append(write(tmp_path, "licentie.json", descriptor_file()))
    dialog.import_button.click()
    assert not dialog.remove_button.isEnabled()
    dialog.import_table.selectRow(0)
    assert dialog.remove_button.isEnabled()

    fake_dialogs.answers.append(False)
    dialog.remove_button.click()
    assert len(library.list_imports(ctx.uow)) == 1

    fake_dialogs.answers.append(True)
    dialog.remove_button.click()
    assert library.list_imports(ctx.uow) == ()
    assert LICENCE not in _licensed_column(dialog, "zrm-2017")

    ctx.undo_stack.undo()
    assert [i.file_name for i in library.list_imports(ctx.uow)] == ["licentie.json"]
    assert LICENCE in _licensed_column(dialog, "zrm-2017")
    ctx.undo_stack.redo()
    assert library.list_imports(ctx.uow) == ()


def test_the_file_menu_opens_the_dialog(ctx, qtbot):
    from jeugdtool.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.zrm_library_action in file_menu.actions()
    window.zrm_library_action.trigger()
    dialog = window.findChild(ZrmLibraryDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()
