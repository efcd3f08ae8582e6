"""A plan is read by the family and its partners: a kind of statement the plan has none of is
left out (no "Eisen: Nog niet beschreven.", as the issue found), and its word is not explained
in the word list; the map, a working document, still says "not described yet"."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pypdf

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType

TODAY = dt.date(2026, 3, 10)


def _text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _case_without_bottom_lines(uow) -> int:
    case = households.create_case(uow, name="Gezin Zonder", case_number="2026-0098").value
    child = members.add_person(
        uow, case.id, {"first_name": "Noa", "last_name": "Zonder", "role": "child"}
    ).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {"text": "Noa gaat elke dag uitgerust naar school."},
    )
    draft = plans.start_draft(uow, case.id).value
    plans.add_agreement(
        uow,
        draft.id,
        {
            "what": "Noa ligt om acht uur in bed.",
            "parties": [Source(SourceKind.PERSON, person_id=child.id)],
        },
    )
    return case.id


def test_a_kind_the_plan_has_none_of_is_not_printed_nor_explained(uow, tmp_path) -> None:
    case_id = _case_without_bottom_lines(uow)
    selection = replace(default_selection(Document.PLAN), uninvolved_persons=True)
    plan = _text(documents.export(uow, case_id, selection, tmp_path / "plan.pdf").path)
    assert "Noa gaat elke dag uitgerust naar school." in plan
    assert "Veiligheidsdoelen" in plan
    assert "Eisen" not in plan and "Eis " not in plan
    assert "Waar zijn we bang voor" not in plan  # no danger statement either


def test_the_map_still_says_not_described_yet(uow, tmp_path) -> None:
    case_id = _case_without_bottom_lines(uow)
    selection = default_selection(Document.MAP)
    text = _text(documents.export(uow, case_id, selection, tmp_path / "map.pdf").path)
    assert "Nog niet beschreven" in text
