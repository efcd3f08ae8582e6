"""Presentation mode on any screen from 1024×768 to 4K: every view of every demo case shows all of
its text (nothing cut off, nothing outside the window), with type sized from the screen.

Set JEUGDTOOL_SHOTS=<folder> to save every view as a PNG to look at."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import members
from jeugdtool.cases.ages import age_text
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.demo import load_demo
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.meetings.views_common import View

SIZES = [(1024, 768), (1366, 768), (1920, 1080), (3840, 2160)]
BABY_BORN = dt.date.today() - dt.timedelta(days=130)


@pytest.fixture
def meeting(ctx):
    """Every demo case on the agenda with a long question, a round, notes and follow-ups; the
    first household has a baby."""
    uow = ctx.uow
    cases = load_demo(uow).value
    members.add_person(
        uow, cases[0].id, {"first_name": "Mila", "last_name": "Jansen", "birth_date": BABY_BORN}
    )
    mid = meetings.create_meeting(uow, {"title": "Reflectieve praktijk team Oost"}).value.meeting.id
    raters = [
        meetings.add_participant(uow, mid, {"name": name}).value
        for name in ("J. Visser", "M. Kaya", "R. Bakker")
    ]
    question = (
        "Is het veilig genoeg nu oma elke avond belt, en wat is er nodig om de omgang met "
        "vader weer op te pakken zonder dat de kinderen klem komen te zitten?"
    )
    for case in cases:
        item = agenda.add_case(uow, mid, case.id, question).value.items[-1]
        if case.status is not CaseStatus.OPEN:  # shown as it was closed
            continue
        for score, rater in enumerate(raters, start=4):
            reason = "Het plan werkt, maar de avonden blijven kwetsbaar zolang oma ziek is"
            agenda.record_score(uow, item.id, rater.id, score, reason)
        agenda.update_item(uow, item.id, {"notes": "Daan gaat beter naar school.\n" * 3})
        for n in range(4):
            what = f"School en wijkteam bellen over de voortgang van het plan, ronde {n + 1}"
            agenda.add_follow_up(uow, item.id, {"what": what, "owner": "B. Visser"})
    return mid, len(cases)


@pytest.fixture
def window(ctx, meeting, qtbot) -> PresentationWindow:
    shown = PresentationWindow(ctx, meeting[0])
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _in_scroll(view: View, widget: QWidget) -> bool:
    return view.body.isAncestorOf(widget)


def _scrolls(view: View) -> bool:
    bar = view.scroll.verticalScrollBar()
    return bar.isVisible() and bar.maximum() > 0


def _room_of(window: PresentationWindow, view: View, widget: QWidget) -> QRect:
    """Where the widget must be to be seen: in a view's body, its visible part (or the whole
    body when it scrolls: Space brings the rest); else the window."""
    if not _in_scroll(view, widget):
        return window.rect()
    shown = view.body if _scrolls(view) else view.scroll.viewport()
    return QRect(shown.mapTo(window, shown.rect().topLeft()), shown.size())


def _label_problem(label: QLabel) -> str | None:
    if label.wordWrap():
        if label.heightForWidth(label.width()) > label.height() + 1:
            return "cut off at the bottom"
        if label.minimumSizeHint().width() > label.width() + 1:
            return "a word wider than the label"
        return None
    hint = label.sizeHint()
    if hint.width() > label.width() + 1 or hint.height() > label.height() + 1:
        return f"needs {hint.width()}×{hint.height()}, has {label.width()}×{label.height()}"
    return None


def _table_problem(table: QTableWidget) -> str | None:
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionSizeFromContents(column).width() > header.sectionSize(column):
            return f"column {column}'s heading is cut"
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    if header.height() + rows > table.height():
        return "rows below the table's edge"
    return None


def _overlaps(view: View) -> list[str]:
    """Texts a layout placed over a neighbour (it had less room than their heights need)."""
    found = []
    for parent in [view.body, *view.body.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisibleTo(view):
            continue
        shown = [c for c in parent.children() if isinstance(c, QWidget) and c.isVisibleTo(view)]
        placed = [w for w in shown if layout.indexOf(w) >= 0 or _nested(layout, w)]
        for number, widget in enumerate(placed):
            box = widget.geometry().adjusted(0, 0, -1, -1)
            for other in placed[number + 1 :]:
                if box.intersects(other.geometry()):
                    found.append(f"{type(widget).__name__} over {type(other).__name__}")
    return found


def _nested(layout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.layout() is not None and (
            item.layout().indexOf(widget) >= 0 or _nested(item.layout(), widget)
        ):
            return True
    return False


def unfit_texts(window: PresentationWindow) -> list[str]:
    """Every text of the shown view, its title and the footer that cannot be read in full:
    cut by its own box, or outside the window (or outside a body that does not scroll)."""
    view = window.stack.currentWidget()
    assert isinstance(view, View)
    problems = []
    widgets = [*view.findChildren(QWidget), *window.footer_labels()]
    for widget in widgets:
        if not widget.isVisibleTo(window):
            continue
        problem = None
        if isinstance(widget, QLabel) and widget.text():
            problem = _label_problem(widget)
        elif isinstance(widget, QPlainTextEdit) and widget.verticalScrollBar().maximum() > 0:
            problem = "text below the field's edge"
        elif isinstance(widget, QTableWidget):
            problem = _table_problem(widget)
        if not isinstance(widget, QLabel | QPlainTextEdit | QTableWidget):
            continue
        where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if problem is None and not _room_of(window, view, widget).contains(where):
            problem = f"{where.getRect()} leaves the room it has"
        if problem is not None:
            text = widget.text() if isinstance(widget, QLabel) else type(widget).__name__
            problems.append(f"{text[:50]!r}: {problem}")
    return problems + _overlaps(view)


def _shoot(window: PresentationWindow, name: str) -> None:
    folder = os.environ.get("JEUGDTOOL_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_view_fits_the_screen(window, meeting, width, height):
    window.resize(width, height)
    found = {}
    for case in range(meeting[1]):
        for view in range(len(window.views)):
            window.show_position(case, view)
            QApplication.processEvents()
            _shoot(window, f"{width}x{height}-case{case + 1}-view{view + 1}")
            if problems := unfit_texts(window):
                found[window.footer_position.text()] = problems
    assert not found


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_unlocked_fields_fit_too(window, width, height):
    window.resize(width, height)
    window.toggle_editing()
    for view in (3, 6):  # the round's entry row, the conclusions' fields
        window.show_position(0, view)
        QApplication.processEvents()
        _shoot(window, f"{width}x{height}-unlocked-view{view + 1}")
        assert unfit_texts(window) == []


def test_type_follows_the_screen(window):
    bases, sizes = {}, {}
    for width, height in SIZES:
        window.resize(width, height)
        window.show_position(0, 5)  # the ZRM picture
        QApplication.processEvents()
        bases[width], sizes[width] = window.views[5].base_pt, window.views[5].point_size
    assert bases[3840] == pytest.approx(2 * bases[1920])
    assert sizes[1024] < sizes[1366] < sizes[1920] < sizes[3840]
    table = window.views[5].findChild(QTableWidget)
    assert table.font().pointSizeF() > 2 * 0.7 * bases[1920]  # 4K: large enough for a room
    assert window.footer_position.font().pointSizeF() < bases[3840]


def test_a_baby_is_shown_in_months(window):
    window.show_position(0, 0)
    texts = [label.text() for label in window.views[0].body.findChildren(QLabel)]
    assert any(f"kind, {age_text(BABY_BORN, dt.date.today())}" in t for t in texts)
    assert "0 " not in age_text(BABY_BORN, dt.date.today())


def test_the_check_sees_cut_text(window):
    """The helper itself: a label squeezed below its text's height is reported."""
    window.resize(1366, 768)
    window.show_position(0, 0)
    QApplication.processEvents()
    assert unfit_texts(window) == []
    label = window.views[0].title
    label.setFixedHeight(label.height() // 3)
    QApplication.processEvents()
    assert any("cut off" in problem for problem in unfit_texts(window))
    label.setMinimumHeight(0)
    label.setMaximumHeight(16777215)
    label.setFixedWidth(40)
    QApplication.processEvents()
    assert unfit_texts(window) != []
    window.show_position(0, 5)  # a table taller than the layout can give: over the legend
    table = window.views[5].findChild(QTableWidget)
    table.setFixedHeight(window.height())
    QApplication.processEvents()
    assert any(" over " in problem for problem in unfit_texts(window))


def test_the_footer_stays_whole_on_a_small_screen(window):
    window.resize(1024, 768)
    window.toggle_editing()  # the longest lock text
    QApplication.processEvents()
    footer = [label for label in window.footer_labels() if label.text()]
    assert len(footer) == 5
    assert all(not _label_problem(label) for label in footer)
    for label in footer:
        where = QRect(label.mapTo(window, label.rect().topLeft()), label.size())
        assert window.rect().contains(where), label.text()


def test_an_empty_agenda_says_so_in_type_sized_from_the_screen(ctx, qtbot):
    mid = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    shown = PresentationWindow(ctx, mid)
    qtbot.addWidget(shown)
    shown.show()
    shown.resize(1920, 1080)
    shown.show_position(0, 0)
    QApplication.processEvents()
    assert shown.stack.currentWidget() is shown.empty
    assert shown.empty.font().pointSizeF() == pytest.approx(shown.base_pt())
    assert not _label_problem(shown.empty)
