"""A wellbeing case's screens speak of Signs of Wellbeing (ui/case_wording.py applying
framework/wording.py): the statements, plan, scale, map and overview pages, the statement
dialog and the presentation view show no safety-only word, while a safety case's pages still
do; a text set later, a dialog made later and a case that changes back are followed."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.export.demo import load_demo
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.wording import safety_only_words

from jeugdtool.ui.case_wording import follow
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import STATEMENTS
from jeugdtool.ui.workspace.workspace import CaseWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

#: Demo household 02 (Bakker) works with Signs of Wellbeing; 01 (Jansen) with Signs of Safety.
WELLBEING_CASE, SAFETY_CASE = "2026-0002", "2026-0001"
PAGES = (("overview", OVERVIEW), ("map", FRAMEWORK), ("statements", STATEMENTS))
PAGES += (("scale", SCALE), ("plan", SAFETY_PLAN))
_SAFETY = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in safety_only_words("nl")) + r")(?!\w)",
    re.IGNORECASE,
)


def visible_texts(top: QWidget) -> list[str]:
    """Every text a user sees in `top`: labels, buttons, group boxes, tabs, list items."""
    texts = []
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisibleTo(top) and w is not top:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTableView):
            texts += table_texts(w.model())
    return [t.replace("&", "") for t in texts if t]


def table_texts(model: QAbstractItemModel | None) -> list[str]:
    """A table's headers and cells (its model draws them)."""
    if model is None:
        return []
    columns = model.columnCount(QModelIndex())
    display = Qt.ItemDataRole.DisplayRole
    texts = [model.headerData(c, Qt.Orientation.Horizontal, display) for c in range(columns)]
    for row in range(model.rowCount(QModelIndex())):
        texts += [model.data(model.index(row, c), display) for c in range(columns)]
    return [t for t in texts if isinstance(t, str)]


def safety_words_in(texts: list[str]) -> list[str]:
    return [t for t in texts if _SAFETY.search(t)]


@pytest.fixture
def cases(started_window, qtbot, demo_households) -> dict[str, CaseWorkspace]:
    window = started_window
    loaded = demo_households
    window.list_page.reload()
    for case in loaded:
        if case.case_number in (WELLBEING_CASE, SAFETY_CASE):
            window.open_case(case.id)
    window.resize(1366, 720)
    found = {
        ws.household.case_number: ws
        for ws in window.workspaces.values()
        if ws.household is not None
    }
    assert set(found) == {WELLBEING_CASE, SAFETY_CASE}
    return found


def _walk(window, ws: CaseWorkspace, qtbot) -> dict[str, list[str]]:
    window.tabs.setCurrentWidget(ws)
    seen = {}
    for name, row in PAGES:
        ws.show_page(row)
        page = ws.stack.currentWidget()
        if hasattr(page, "ensure_built"):  # a page made when first shown
            page.ensure_built()
        qtbot.wait(20)  # the posted layout requests: texts set while the page is built
        seen[name] = visible_texts(ws)
    return seen


def test_a_wellbeing_case_shows_no_safety_words_on_its_pages(cases, started_window, qtbot):
    seen = _walk(started_window, cases[WELLBEING_CASE], qtbot)
    wrong = {name: safety_words_in(texts) for name, texts in seen.items()}
    assert not any(wrong.values()), wrong
    every = " ".join(t for texts in seen.values() for t in texts)
    assert "Welzijnsplan" in every
    assert re.search(r"Zorgomschrijving|Zorg en doelen", every)


def test_a_safety_case_keeps_the_safety_words(cases, started_window, qtbot):
    seen = _walk(started_window, cases[SAFETY_CASE], qtbot)
    every = " ".join(t for texts in seen.values() for t in texts)
    assert "Veiligheidsplan" in every
    assert "Gevaar en doelen" in every
    assert "Veiligheidsdoel" in every  # the goals' table (a model's header)
    assert "Welzijnsplan" not in every


def _texts_of_modal(opened: list[list[str]]) -> QTimer:
    """A timer that reads and closes the statement dialog while its own event loop runs."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and not opened:
            opened.append([*visible_texts(dialog), dialog.windowTitle()])
            dialog.reject()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    return timer


@pytest.mark.parametrize("kind", [StatementType.DANGER, StatementType.SAFETY_GOAL])
def test_the_statement_dialog_of_a_wellbeing_case(cases, started_window, qtbot, kind):
    ws = cases[WELLBEING_CASE]
    started_window.tabs.setCurrentWidget(ws)
    ws.show_page(STATEMENTS)
    page = ws.stack.currentWidget().ensure_built()
    opened: list[list[str]] = []
    timer = _texts_of_modal(opened)
    page.add_statement(kind)
    if not opened:  # a dialog shown without exec()
        qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    timer.stop()
    assert opened and opened[0]
    assert safety_words_in(opened[0]) == []
    assert re.search(r"Zorgomschrijving|Welzijnsdoel", " ".join(opened[0]))


def test_texts_set_later_dialogs_made_later_and_a_change_back(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("Veiligheidsplan", root)
    field = QLineEdit(root)
    field.setText("mijn veiligheidsplan")  # the user's own words
    field.setPlaceholderText("Bijvoorbeeld: de bodemeis")
    layout.addWidget(label)
    layout.addWidget(field)
    root.show()
    follow(root, CaseMode.WELLBEING)
    assert label.text() == "Welzijnsplan"
    assert field.placeholderText() == "Bijvoorbeeld: de ondergrens"
    assert field.text() == "mijn veiligheidsplan"
    label.setText("Bodemeisen")  # a page's refresh
    qtbot.waitUntil(lambda: label.text() == "Ondergrenzen", timeout=2000)
    later = QLabel("Rol in het veiligheidsnetwerk")
    layout.addWidget(later)
    qtbot.waitUntil(lambda: later.text() == "Rol in het steunnetwerk", timeout=2000)
    dialog = QDialog(root)
    dialog.setWindowTitle("Gevaarsomschrijving wijzigen")
    inner = QLabel("&Veiligheidsdoel", dialog)
    dialog.show()
    qtbot.waitUntil(lambda: inner.text() == "&Welzijnsdoel", timeout=2000)
    assert dialog.windowTitle() == "Zorgomschrijving wijzigen"
    dialog.close()
    follow(root, CaseMode.SAFETY)
    assert label.text() == "Bodemeisen"
    assert later.text() == "Rol in het veiligheidsnetwerk"
    assert field.placeholderText() == "Bijvoorbeeld: de bodemeis"
    label.setText("Veiligheidsplan")
    qtbot.wait(5)
    assert label.text() == "Veiligheidsplan"


def test_the_presentation_of_a_wellbeing_case_and_then_a_safety_case(ctx, qtbot):
    """Every view of the wellbeing case on the big screen in its words; the safety case after
    it on the same views in the safety words again."""
    from jeugdtool.meetings import agenda
    from jeugdtool.meetings import meetings

    from jeugdtool.ui.meetings.presentation import PresentationWindow

    loaded = {c.case_number: c for c in load_demo(ctx.uow).value}
    mid = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    agenda.add_case(ctx.uow, mid, loaded[WELLBEING_CASE].id, "Hoe gaat het met Fenna?")
    agenda.add_case(ctx.uow, mid, loaded[SAFETY_CASE].id, "Veilig genoeg?")
    window = PresentationWindow(ctx, mid)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    seen: dict[str, list[str]] = {WELLBEING_CASE: [], SAFETY_CASE: []}
    for case_index, number in enumerate((WELLBEING_CASE, SAFETY_CASE)):
        for view_index in range(len(window.views)):
            window.show_position(case_index, view_index)
            QApplication.processEvents()
            seen[number] += visible_texts(window.stack.currentWidget())
    assert safety_words_in(seen[WELLBEING_CASE]) == []
    assert re.search(r"Zorgomschrijving|Welzijnsdoel", " ".join(seen[WELLBEING_CASE]))
    assert re.search(r"Gevaarsomschrijving|Veiligheidsdoel", " ".join(seen[SAFETY_CASE]))
