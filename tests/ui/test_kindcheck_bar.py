"""The Kindcheck bar asks nothing when a case opens: a question pending before stays the
overview's, one raised by a change right after the opening shows the bar (issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import Family
from plan_data import family

from jeugdtool.dossier import kindcheck
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.zrm import assessments as za

from jeugdtool.ui.journal.kindcheck_dialog import SETTLE_MS
from jeugdtool.ui.journal.kindcheck_dialog import KindcheckBar

TODAY = dt.date.today()


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


def _low_zrm(ctx, person_id: int) -> int:
    assessment = ctx.run(za.create_assessment, person_id, assessed_on=TODAY)
    ctx.run(za.set_domain, assessment.id, "geestelijke_gezondheid", {"level": 2})
    return assessment.id


def _worry_about(ctx, case_id: int, person_id: int) -> None:
    moment = moments.list_moments(ctx.uow, case_id)[0]
    fields = {"text": "Mark drinkt veel en wordt dan boos", "concerns_person_id": person_id}
    ctx.run(moments.add_item, moment.id, Cell.DANGER, fields)


def _bar(ctx, case_id: int, qtbot) -> KindcheckBar:
    bar = KindcheckBar(ctx, case_id)
    qtbot.addWidget(bar)
    return bar


def test_opening_asks_nothing_and_a_question_pending_before_shows_no_bar(
    ctx, case, fam, qtbot, monkeypatch: pytest.MonkeyPatch
):
    assessment = _low_zrm(ctx, fam.sanne.id)  # pending before the case is opened
    asked: list[str] = []

    def counted(name: str):
        real = getattr(kindcheck, name)
        return lambda *args, **kwargs: asked.append(name) or real(*args, **kwargs)

    for name in ("pending_kindchecks", "kindchecks_raised_since"):
        monkeypatch.setattr(kindcheck, name, counted(name))
    bar = _bar(ctx, case.id, qtbot)
    qtbot.wait(SETTLE_MS)
    assert asked == [] and bar.isHidden()
    ctx.run(za.set_domain, assessment, "financien", {"level": 1})  # a change: it looks
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(SETTLE_MS)
    assert bar.isHidden()  # Sanne's question is the overview's
    _worry_about(ctx, case.id, fam.mark.id)
    qtbot.waitUntil(bar.isVisible)
    assert "Mark" in bar.text.text() and bar.trigger.person_id == fam.mark.id


def test_a_question_raised_at_once_after_opening_shows_the_bar(ctx, case, fam, qtbot):
    bar = _bar(ctx, case.id, qtbot)
    _worry_about(ctx, case.id, fam.mark.id)  # before any event: no look has run
    qtbot.waitUntil(bar.isVisible)
    assert bar.trigger is not None and bar.trigger.person_id == fam.mark.id


def test_a_change_before_the_first_look_is_told_apart_from_what_was_pending(ctx, case, fam, qtbot):
    _worry_about(ctx, case.id, fam.mark.id)  # pending before the opening
    bar = _bar(ctx, case.id, qtbot)
    assessment = _low_zrm(ctx, fam.sanne.id)  # raised right after, before the bar looked
    qtbot.waitUntil(bar.isVisible)
    assert bar.trigger is not None and bar.trigger.person_id == fam.sanne.id
    bar.later_button.click()
    ctx.run(za.set_domain, assessment, "financien", {"level": 1})
    qtbot.wait(2 * SETTLE_MS)
    assert bar.isHidden()  # asked once; Mark's stays the overview's
