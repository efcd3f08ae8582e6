"""The family's version says on page 1 which of the family's own goals are new, reworded or
taken out since the previous version; the professionals' plan (no family goals printed) does
not; the consultant's comparison counts a change of the goals alone as a change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pypdf

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import moments
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType

TODAY = dt.date(2026, 3, 10)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _two_versions(uow) -> int:
    case = households.create_case(uow, name="Gezin Doel", case_number="2026-0097").value
    mother = members.add_person(
        uow, case.id, {"first_name": "Sandra", "last_name": "Doel", "role": "parent"}
    ).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    statements.add_statement(
        uow, moment.id, StatementType.SAFETY_GOAL, {"text": "Noa slaapt rustig."}
    )
    said = Source(SourceKind.PERSON, person_id=mother.id)
    first = plans.start_draft(uow, case.id).value
    for text in ("We eten samen.", "We maken geen ruzie waar Noa bij is.", "Wij gaan wandelen."):
        plan_sections.add_family_goal(uow, first.id, {"text": text, "source": said})
    plan_finalise.finalise(uow, first.id, by="A. de Boer", override_reason="Test", today=TODAY)
    second = plans.start_draft(uow, case.id).value
    goals = plans.get_plan(uow, second.id).family_goals
    plan_sections.update_family_goal(
        uow, goals[0].id, {"text": "We eten elke avond samen aan tafel."}
    )
    plan_sections.remove_family_goal(uow, goals[2].id)
    plan_sections.add_family_goal(
        uow, second.id, {"text": "Noa mag logeren bij oma.", "source": said}
    )
    plan_finalise.finalise(uow, second.id, by="A. de Boer", override_reason="Test", today=TODAY)
    return case.id


def _page_one(uow, case_id: int, tmp_path, *, family: bool) -> str:
    selection = replace(
        default_selection(Document.PLAN), family_version=family, uninvolved_persons=True
    )
    path = documents.export(uow, case_id, selection, tmp_path / f"plan-{family}.pdf").path
    return _squash(pypdf.PdfReader(path).pages[0].extract_text())


def test_the_family_version_names_its_goals_new_reworded_and_taken_out(uow, tmp_path) -> None:
    case_id = _two_versions(uow)
    page = _page_one(uow, case_id, tmp_path, family=True)
    assert "Wat is er veranderd sinds versie 1?" in page
    assert "Nieuw: ons eigen doel: Noa mag logeren bij oma." in page
    assert "Gewijzigd: ons eigen doel: We eten elke avond samen aan tafel." in page
    assert "Gestopt: een van onze eigen doelen van versie 1." in page
    assert "Wij gaan wandelen" not in page  # a goal taken out is not quoted
    assert "De afspraken zijn niet veranderd" not in page


def test_the_plan_for_partners_does_not_list_the_familys_goals(uow, tmp_path) -> None:
    case_id = _two_versions(uow)
    page = _page_one(uow, case_id, tmp_path, family=False)
    assert "ons eigen doel" not in page and "onze eigen doelen" not in page


def test_a_change_of_the_goals_alone_is_a_change_of_the_plan(uow) -> None:
    case_id = _two_versions(uow)
    versions = plans.list_versions(uow, case_id)
    comparison = plan_finalise.compare_versions(uow, versions[0].id, versions[-1].id)
    assert comparison.has_changes
    kinds = sorted(c.kind.value for c in comparison.family_goals if c.kind.value != "same")
    assert kinds == ["added", "changed", "removed"]
