"""Who a new map item is attributed to by default: never silently the consultant."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.framework import moments
from jeugdtool.framework.speakers import NOT_RECORDED
from jeugdtool.framework.speakers import default_speaker
from jeugdtool.framework.speakers import is_not_recorded
from jeugdtool.framework.speakers import the_family
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

FAMILY_WORDS = [c for c in Cell if c not in (Cell.FAMILY_GOALS, Cell.PROFESSIONAL_GOALS)]


def test_the_familys_goals_are_said_by_the_family() -> None:
    source = default_speaker(Cell.FAMILY_GOALS, "A. de Boer")
    assert source == the_family()
    assert source.kind is SourceKind.OTHER and source.label == _("the family")
    assert "Boer" not in source.label


def test_the_professionals_goals_are_the_consultants_own() -> None:
    source = default_speaker(Cell.PROFESSIONAL_GOALS, " A. de Boer ")
    assert source.kind is SourceKind.CONSULTANT and source.label == "A. de Boer"


@pytest.mark.parametrize("cell", FAMILY_WORDS)
def test_other_cells_name_nobody_rather_than_the_consultant(cell: Cell) -> None:
    source = default_speaker(cell, "A. de Boer")
    assert source == NOT_RECORDED and is_not_recorded(source)
    assert source.label == ""


def test_without_a_consultants_name_the_professionals_goals_name_nobody() -> None:
    assert is_not_recorded(default_speaker(Cell.PROFESSIONAL_GOALS, "  "))


def test_the_service_stores_the_defaults_as_they_are(uow, case) -> None:
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=dt.date(2026, 11, 1))
    for cell in (Cell.HARM, Cell.FAMILY_GOALS):
        fields = {"text": "Iets", "source": default_speaker(cell, "A. de Boer")}
        moments.add_item(uow, moment.value.id, cell, fields)
    detail = moments.get_moment(uow, moment.value.id)
    (harm,) = detail.cells[Cell.HARM]
    (goal,) = detail.cells[Cell.FAMILY_GOALS]
    assert harm.source.label == "" and is_not_recorded(harm.source)
    assert goal.source.kind is SourceKind.OTHER and goal.source.label == _("the family")
