"""Marking agreements and help as special categories of personal data, remembering the choice
in the selection, leaving marked items out of an export, the warning before one, and the case
file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import select

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import leave_out_special
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.plan_data import special_warnings
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import ExportSelection
from jeugdtool.export.selection import default_selection
from jeugdtool.export.selection import get_selection
from jeugdtool.export.selection import remember_selection
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework import special_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.special import mark_agreement
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.outcomes import help as h
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.resources import load_json

pytestmark = pytest.mark.both_backends

TODAY = dt.date(2026, 4, 1)
HEALTH = SpecialCategory.HEALTH


@pytest.fixture
def plan(uow, case):
    """A finalised version with two agreements: one about migraine (marked by the consultant
    later), one by oma Ria alone; and help for the household."""
    mum = members.add_person(uow, case.id, {"first_name": "Ayşe", "role": "parent"}).value
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    zeynep = members.add_network_member(uow, case.id, {"name": "Zeynep", "kind": "friend"}).value
    draft = plans.start_draft(uow, case.id).value
    as_mum = Source(SourceKind.PERSON, person_id=mum.id)
    migraine = plans.add_agreement(
        uow,
        draft.id,
        {
            "what": "Als Ayşe migraine heeft, kookt Zeynep.",
            "parties": [as_mum, Source(SourceKind.NETWORK, network_id=zeynep.id)],
        },
    ).value
    plain = plans.add_agreement(
        uow,
        draft.id,
        {
            "what": "Oma Ria belt elke avond.",
            "parties": [as_mum, Source(SourceKind.NETWORK, network_id=ria.id)],
        },
    ).value
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="test", today=TODAY)
    return dataclasses.make_dataclass(
        "Plan", ["case", "version", "migraine", "plain", "zeynep", "ria"]
    )(case, draft, migraine, plain, zeynep, ria)


def _help(uow, case_id: int, description: str, **fields):
    base = {
        "product_list": "ijw-productcategorieen",
        "category": "45",
        "starts_on": dt.date(2026, 1, 5),
        "decided_by": DecidedBy.MUNICIPALITY,
        "description": description,
    }
    return h.add_help(uow, case_id, {**base, **fields}).value


# ---- marking ------------------------------------------------------------------------------


def test_a_finalised_agreement_is_marked_and_undo_refuses_after_a_colleague(uow, plan) -> None:
    marked = mark_agreement(uow, plan.migraine.id, HEALTH).value
    assert marked.special_category == "health"
    assert marked.what == plan.migraine.what  # what was agreed stays
    # Undo: back to not marked, if it is still marked as the caller left it.
    with pytest.raises(ConflictError):
        mark_agreement(uow, plan.migraine.id, "", expected={"special_category": "justice"})
    undone = mark_agreement(uow, plan.migraine.id, "", expected={"special_category": HEALTH})
    assert undone.value.special_category == ""
    with pytest.raises(InvalidInput):
        mark_agreement(uow, plan.migraine.id, "religion")


def test_a_closed_case_is_not_marked(uow, plan) -> None:
    households.close_case(uow, plan.case.id, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        mark_agreement(uow, plan.migraine.id, HEALTH)


def test_a_new_draft_keeps_the_marks_and_a_new_agreement_can_come_marked(uow, plan) -> None:
    mark_agreement(uow, plan.migraine.id, HEALTH)
    draft = plans.start_draft(uow, plan.case.id).value
    copied = plans.get_plan(uow, draft.id).agreements
    assert [a.special_category for a in copied] == ["health", ""]
    added = plans.add_agreement(
        uow, draft.id, {"what": "Naar de huisarts", "special_category": "health"}
    ).value
    assert added.special_category == "health"
    # Marking is not a change of what was agreed: the acceptances stay.
    accepted = plans.accept_for_all(uow, copied[1].id, how="meeting").value
    remarked = plans.update_agreement(uow, accepted.id, {"special_category": "justice"}).value
    assert remarked.accepted_by_all


def test_help_is_marked_through_its_update(uow, case) -> None:
    item = _help(uow, case.id, "Gesprekken bij de POH-GGZ", special_category="health")
    assert item.special_category == "health"
    with pytest.raises(ConflictError):
        h.update_help(uow, item.id, {"special_category": ""}, expected={"special_category": ""})
    cleared = h.update_help(
        uow, item.id, {"special_category": ""}, expected={"special_category": HEALTH}
    ).value
    assert cleared.special_category == ""
    with pytest.raises(InvalidInput):
        h.update_help(uow, item.id, {"special_category": "religion"})


# ---- the selection --------------------------------------------------------------------------


def test_the_choice_is_remembered_and_off_by_default(uow, case) -> None:
    assert default_selection(Document.PLAN).special_categories is False
    chosen = dataclasses.replace(default_selection(Document.PLAN), special_categories=True)
    remember_selection(uow, case.id, chosen)
    assert get_selection(uow, case.id, Document.PLAN).special_categories is True
    # A choice stored before special categories existed leaves them out.
    with uow:
        row = uow.session.scalar(select(ExportSelection))
        settings = json.loads(row.settings)
        del settings["special_categories"]
        row.settings = json.dumps(settings)
        uow.commit()
    assert get_selection(uow, case.id, Document.PLAN).special_categories is False


# ---- leaving out, and the warning -----------------------------------------------------------


def test_marked_items_and_the_people_only_they_name_are_left_out(uow, plan) -> None:
    _help(uow, plan.case.id, "Hulp bij migraine", special_category="health")
    _help(uow, plan.case.id, "Budgetcoaching")
    mark_agreement(uow, plan.migraine.id, HEALTH)
    data = gather_plan(uow, plan.case.id, today=TODAY)
    selection = default_selection(Document.PLAN)
    shown = leave_out_special(data, selection)
    assert [a.what for a in shown.plan.agreements] == [plan.plain.what]
    assert [x.description for x in shown.help] == ["Budgetcoaching"]
    network = [n.name for n in select_plan(data, selection).case.network]
    assert network == ["oma Ria"]  # Zeynep was named only in the left-out agreement
    # With uninvolved persons included she stays; with special categories everything does.
    wide = dataclasses.replace(selection, uninvolved_persons=True)
    assert {n.name for n in leave_out_special(data, wide).case.network} >= {"Zeynep"}
    everything = dataclasses.replace(selection, special_categories=True)
    assert leave_out_special(data, everything) == data


def test_an_unmarked_item_with_such_words_is_warned_about(uow, plan) -> None:
    _help(uow, plan.case.id, "Gesprekken bij de POH-GGZ")
    data = gather_plan(uow, plan.case.id, today=TODAY)
    selection = default_selection(Document.PLAN)
    warnings = special_warnings(data, selection)
    assert len(warnings) == 2
    assert all(special_rules.data_words(HEALTH) in w for w in warnings)
    assert special_warnings(data, dataclasses.replace(selection, special_categories=True)) == ()
    no_help = dataclasses.replace(selection, sections=selection.sections - {"help"})
    assert len(special_warnings(data, no_help)) == 1
    mark_agreement(uow, plan.migraine.id, HEALTH)
    data = gather_plan(uow, plan.case.id, today=TODAY)
    assert special_warnings(data, no_help) == ()


# ---- the case file --------------------------------------------------------------------------


def test_the_case_file_keeps_the_marks_and_an_older_file_has_none(uow) -> None:
    load_demo(uow)
    jansen = queries.find_case_id(uow, "2026-0001")
    doc = export_case(uow, jansen)
    marks = [a["special_category"] for p in doc["plans"] for a in p["agreements"]]
    assert marks.count("addiction") == 6
    assert [x["special_category"] for x in doc["help"]] == ["addiction", "addiction", ""]
    older = load_json("demo", "01-jansen.json")
    for p in older["plans"]:
        for a in p["agreements"]:
            del a["special_category"]
    for item in older["help"]:
        del item["special_category"]
    again = import_case(uow, older, as_new=True).value
    copy = export_case(uow, again.id)
    assert {a["special_category"] for p in copy["plans"] for a in p["agreements"]} == {""}
