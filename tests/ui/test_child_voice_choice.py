"""The child's voice page opens on the first child who has talks or stories (not simply the
first child), remembers the child chosen last per case while jeugdtool runs, and offers the
child's PDF with the three houses side by side (one landscape page)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import child_voice as cv

from jeugdtool.ui.child import page as page_module
from jeugdtool.ui.child.page import ChildVoicePage
from jeugdtool.ui.child.page import first_child_to_show


@pytest.fixture(autouse=True)
def _forget_choices(monkeypatch) -> None:
    """Each test starts as a new session: no child chosen before."""
    monkeypatch.setattr(page_module, "_LAST_CHOSEN", {})


@pytest.fixture
def children(ctx, case):
    out = []
    for first in ("Anna", "Bram", "Cas"):
        fields = {"first_name": first, "last_name": "Jansen", "role": "child"}
        out.append(members.add_person(ctx.uow, case.id, fields).value)
    return out


def _talk(ctx, case, child, words: str = "boos") -> None:
    cv.add_three_houses(
        ctx.uow,
        case.id,
        child_id=child.id,
        held_on=dt.date(2026, 11, 2),
        talked_with="A. de Boer",
        worries=words,
    )


def _open(ctx, case_id: int, qtbot) -> ChildVoicePage:
    widget = ChildVoicePage(ctx, case_id)
    qtbot.addWidget(widget)
    widget.resize(1176, 640)
    widget.show()
    widget.reload()
    return widget


def test_the_page_opens_on_the_first_child_with_a_talk(ctx, case, children, qtbot) -> None:
    _talk(ctx, case, children[1])
    page = _open(ctx, case.id, qtbot)
    assert page.child.currentText() == "Bram Jansen"
    assert page.pdf_button.isEnabled() and page.side_by_side.isEnabled()


def test_a_story_counts_as_much_as_a_talk(ctx, case, children, qtbot) -> None:
    cv.add_story(ctx.uow, case.id, child_id=children[2].id, title="Wat er gebeurde")
    assert _open(ctx, case.id, qtbot).child.currentText() == "Cas Jansen"


def test_without_talks_or_stories_the_first_child(ctx, case, children, qtbot) -> None:
    page = _open(ctx, case.id, qtbot)
    assert page.child.currentText() == "Anna Jansen"
    assert not page.pdf_button.isEnabled() and not page.side_by_side.isEnabled()


def test_the_child_chosen_last_is_remembered_per_case(ctx, case, children, qtbot) -> None:
    _talk(ctx, case, children[1])
    other = households.create_case(ctx.uow, name="Gezin de Vries", case_number="2026-0099").value
    fields = {"first_name": "Dirk", "last_name": "de Vries", "role": "child"}
    members.add_person(ctx.uow, other.id, fields)
    first = _open(ctx, case.id, qtbot)
    first.child.setCurrentIndex(2)  # Cas, as a user chooses: by the list
    assert first.child.currentText() == "Cas Jansen"
    assert _open(ctx, other.id, qtbot).child.currentText() == "Dirk de Vries"
    again = _open(ctx, case.id, qtbot)  # the case's page built anew, the same session
    assert again.child.currentText() == "Cas Jansen"


def test_a_remembered_child_no_longer_in_the_case_is_not_chosen(children) -> None:
    records = ()
    assert first_child_to_show(children, records, (), remembered=-5) == children[0].id
    assert first_child_to_show([], records, (), remembered=None) is None


def test_the_pdf_prints_the_houses_side_by_side_when_chosen(
    ctx, case, children, qtbot, fake_dialogs, tmp_path
) -> None:
    _talk(ctx, case, children[0], words="Ik ben boos.")
    page = _open(ctx, case.id, qtbot)
    sizes = []
    for side_by_side in (True, False):
        page.side_by_side.setChecked(side_by_side)
        fake_dialogs.answers.append(str(tmp_path / f"anna-{side_by_side}.pdf"))
        written = page.save_pdf()
        assert written is not None
        box = pypdf.PdfReader(io.BytesIO(written.read_bytes())).pages[0].mediabox
        sizes.append(float(box.width) > float(box.height))
    assert sizes == [True, False]  # landscape side by side, else upright
