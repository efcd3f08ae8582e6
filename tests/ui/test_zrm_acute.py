"""An acute ZRM domain is offered as an immediate need on the map, in one undoable click."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.zrm import assessments

from jeugdtool.ui.zrm.page import ZrmPage


def _immediate_needs(ctx, case_id: int) -> list[str]:
    moment = moments.latest_moment(ctx.uow, case_id)
    return [item.text for item in moment.cells.get(Cell.IMMEDIATE_NEEDS, ())]


def test_acute_domains_go_on_the_map_once_and_undo_takes_them_off(ctx, case, qtbot) -> None:
    sandra = members.add_person(ctx.uow, case.id, {"first_name": "Sandra", "role": "parent"})
    a = assessments.create_assessment(ctx.uow, sandra.value.id, assessed_on=dt.date(2026, 2, 3))
    assessments.set_domain(ctx.uow, a.value.id, "middelengebruik", {"level": 1})
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()
    button = page.editor.header.acute_button
    assert button.isVisibleTo(page)

    button.click()  # no map yet: says so, changes nothing
    assert ctx.dialogs.infos and moments.latest_moment(ctx.uow, case.id) is None

    moments.start_moment(ctx.uow, case.id, author="A. de Boer")
    button.click()
    (text,) = _immediate_needs(ctx, case.id)
    assert "Middelengebruik" in text and "Sandra" in text and "03-02-2026" in text
    (item,) = moments.latest_moment(ctx.uow, case.id).cells[Cell.IMMEDIATE_NEEDS]
    assert item.concerns_person_id == sandra.value.id

    infos = len(ctx.dialogs.infos)
    button.click()  # already there: not added twice
    assert len(_immediate_needs(ctx, case.id)) == 1 and len(ctx.dialogs.infos) == infos + 1

    ctx.undo_stack.undo()
    assert _immediate_needs(ctx, case.id) == []


def test_no_offer_without_an_acute_domain(ctx, case, qtbot) -> None:
    sandra = members.add_person(ctx.uow, case.id, {"first_name": "Sandra", "role": "parent"})
    a = assessments.create_assessment(ctx.uow, sandra.value.id, assessed_on=dt.date(2026, 2, 3))
    assessments.set_domain(ctx.uow, a.value.id, "middelengebruik", {"level": 2})
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()
    assert not page.editor.header.acute_button.isVisibleTo(page)
