"""The special-category mark on the family's own goals (issue 19, migration 0018): marked through
`special.mark_family_goal` (also in a finalised version), pre-marked by the words of a new
goal, copied into a new draft, carried by the case file, left out of the family's version of
the plan unless the selection includes special categories (the notice names the goal, never
its words), and warned about when unmarked. Also: the warning reads the family's own words of
agreements, and the help's goals read in the family's words in the family's version."""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from jeugdtool import resources
from jeugdtool.cases import queries
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.export import history_words as hw
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.export.pdf.plan import render_plan
from jeugdtool.export.pdf.plan_data import PlanExport
from jeugdtool.export.pdf.plan_data import PlanHelp
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.plan_data import special_left_out
from jeugdtool.export.pdf.plan_data import special_warnings
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import special
from jeugdtool.framework import special_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork
from tests import pdf_layout

TODAY = dt.date(2026, 12, 7)
CARE_GOAL = "Ik wil elke week naar de verslavingszorg en daar eerlijk vertellen hoe het gaat."


def _family(**changes) -> Selection:
    return replace(default_selection(Document.PLAN), family_version=True, **changes)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _jansen(uow: UnitOfWork) -> int:
    case_id = queries.find_case_id(uow, "2026-0001")
    assert case_id is not None
    return case_id


def _printed(uow: UnitOfWork, case_id: int) -> PlanExport:
    return gather_plan(uow, case_id, today=TODAY, language="nl")


# ---------------------------------------------------------------- the service


def test_a_goal_in_a_finalised_version_is_marked_and_cleared(uow, demo_households) -> None:
    data = _printed(uow, _jansen(uow))
    assert data.plan.plan.is_final
    goal = data.plan.family_goals[0]
    marked = special.mark_family_goal(uow, goal.id, SpecialCategory.ADDICTION).value
    assert marked.special_category == "addiction"
    assert marked.text == goal.text  # only the mark changed
    with pytest.raises(ConflictError):  # someone else's mark is not undone
        special.mark_family_goal(uow, goal.id, "", expected={"special_category": "health"})
    cleared = special.mark_family_goal(uow, goal.id, "", expected={"special_category": "addiction"})
    assert cleared.value.special_category == ""
    with pytest.raises(InvalidInput) as wrong:
        special.mark_family_goal(uow, goal.id, "gezondheid")
    assert [p.field for p in wrong.value.problems] == ["special_category"]


def test_a_new_draft_keeps_the_mark_and_the_words_pre_mark_a_new_goal(uow, demo_households) -> None:
    case_id = queries.find_case_id(uow, "2026-0005")  # newest version finalised, no draft
    assert case_id is not None
    final = plans.current_plan(uow, case_id)
    assert final is not None and final.plan.is_final
    goal = final.family_goals[0]
    special.mark_family_goal(uow, goal.id, SpecialCategory.HEALTH)
    draft = plans.start_draft(uow, case_id).value
    copied = plans.get_plan(uow, draft.id).family_goals
    assert [g.special_category for g in copied if g.lineage == goal.lineage] == ["health"]
    said = {"text": CARE_GOAL, "source": goal.source}
    assert plan_sections.add_family_goal(uow, draft.id, said).value.special_category == (
        "addiction"
    )
    plain = {"text": "We willen samen eten.", "source": goal.source}
    assert plan_sections.add_family_goal(uow, draft.id, plain).value.special_category == ""
    chosen = {**said, "special_category": ""}  # the consultant's choice wins over the words
    assert plan_sections.add_family_goal(uow, draft.id, chosen).value.special_category == ""


def test_the_mark_has_words_in_the_history() -> None:
    assert hw.field_label("family_goal", "special_category") != "special_category"
    health = hw.value_text("special_category", "health", {})
    assert health == SpecialCategory.HEALTH.label


# ---------------------------------------------------------------- the case file


def _demo() -> dict:
    return copy.deepcopy(read_case_file(resources.path("demo", "01-jansen.json")))


def test_the_case_file_carries_the_mark_and_older_files_import(uow) -> None:
    doc = _demo()
    doc["plans"][-1]["family_goals"][1]["special_category"] = "health"
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    again = export_case(uow, case.id)
    marks = [g["special_category"] for g in again["plans"][-1]["family_goals"]]
    assert marks == ["", "health", ""]
    older = _demo()
    for plan in older["plans"]:
        for goal in plan["family_goals"]:
            del goal["special_category"]
    assert validate_case_document(older) == []
    imported = import_case(uow, older, as_new=True).value
    goals = plans.current_plan(uow, imported.id).family_goals
    assert goals and {g.special_category for g in goals} == {""}
    doc["plans"][-1]["family_goals"][0]["special_category"] = "verslaving"
    fields = [p.field for p in validate_case_document(doc)]
    assert fields == [f"plans[{len(doc['plans']) - 1}].family_goals[0].special_category"]


# ---------------------------------------------------------------- the PDF


def test_a_marked_goal_is_left_out_of_the_family_version_and_named_in_the_notice(
    uow, demo_households
) -> None:
    case_id = _jansen(uow)
    goal = _printed(uow, case_id).plan.family_goals[1]
    special.mark_family_goal(uow, goal.id, SpecialCategory.HEALTH)
    data = _printed(uow, case_id)
    label = _("Our own goal {n}").format(n=goal.position)
    notice = special_rules.left_out(label)
    assert notice in special_left_out(data, _family())
    assert goal.text not in " ".join(notice.split())
    assert notice not in special_left_out(data, _family(special_categories=True))
    assert notice not in special_left_out(data, default_selection(Document.PLAN))
    assert goal.lineage not in {g.lineage for g in select_plan(data, _family()).plan.family_goals}
    left_out = _text(render_plan(data, _family(), "A. de Boer", TODAY, "nl").data)
    included = _text(
        render_plan(data, _family(special_categories=True), "A. de Boer", TODAY, "nl").data
    )
    words = " ".join(goal.text.split()[:6])
    assert words not in left_out
    assert words in included
    other = data.plan.family_goals[0]
    assert " ".join(other.text.split()[:6]) in left_out


def test_unmarked_goals_and_family_words_with_such_words_are_warned_about(
    uow, demo_households
) -> None:
    data = _printed(uow, _jansen(uow))
    goal = replace(data.plan.family_goals[0], text=CARE_GOAL)
    unmarked = next(a for a in data.plan.agreements if not a.special_category)
    agreement = replace(unmarked, family_words="Mama gaat elke week naar de huisarts.")
    plan = replace(
        data.plan,
        family_goals=(goal, *data.plan.family_goals[1:]),
        agreements=tuple(agreement if a.id == unmarked.id else a for a in data.plan.agreements),
    )
    label = _("Agreement {n}").format(n=agreement.position)
    assert not any(w.startswith(label + " ") for w in special_warnings(data, _family()))
    data = replace(data, plan=plan)
    said = special_warnings(data, _family())
    goal_warning = special_rules.warning(
        special_rules.Unmarked(
            _("Our own goal {n}").format(n=goal.position), SpecialCategory.ADDICTION
        )
    )
    assert goal_warning in said
    assert any(w.startswith(label + " ") for w in said)
    # The normal version prints no family goals: no warning about them.
    assert goal_warning not in special_warnings(data, default_selection(Document.PLAN))
    marked = replace(
        data, plan=replace(plan, family_goals=(replace(goal, special_category="addiction"),))
    )
    assert goal_warning not in special_warnings(marked, _family())


def test_the_help_goal_reads_in_the_family_words_in_the_family_version(
    uow, demo_households
) -> None:
    data = _printed(uow, _jansen(uow))
    goal = next(
        s
        for s in data.plan.statements
        if s.type is StatementType.SAFETY_GOAL and not s.special_category
    )
    official = goal.text or goal.carers_will
    words = "Wij zorgen dat er altijd iemand wakker is die op de kinderen let."
    statements = tuple(
        replace(s, family_words=words) if s.id == goal.id else s for s in data.plan.statements
    )
    help_item = PlanHelp(
        for_whom="",
        kind="Opvoedondersteuning",
        description="Thuisbegeleiding",
        intensity="",
        provider="",
        starts_on=data.plan.plan.finalised_on,
        until=None,
        planned=False,
        goals=(official,),
        domains=(),
    )
    data = replace(data, plan=replace(data.plan, statements=statements), help=(help_item,))
    assert select_plan(data, _family()).help[0].goals == (words,)
    assert select_plan(data, default_selection(Document.PLAN)).help[0].goals == (official,)


def test_a_goal_said_by_nobody_named_is_still_checked(uow, demo_households) -> None:
    """A goal said by a network member the selection leaves out is still read for words."""
    data = _printed(uow, _jansen(uow))
    goal = replace(
        data.plan.family_goals[0], text=CARE_GOAL, source=Source(SourceKind.OTHER, label="Buur")
    )
    data = replace(data, plan=replace(data.plan, family_goals=(goal,)))
    assert special_warnings(data, _family())


def test_the_family_versions_fact_labels_stay_on_one_line(uow, demo_households) -> None:
    """ "Vaste hulpverlener" (the family's word for the case manager) is wider than the other
    labels: its column widens, so both its words stand on one line beside the name."""
    data = _printed(uow, _jansen(uow))
    pdf = render_plan(data, _family(), "A. de Boer", TODAY, "nl").data
    texts = Texts("safety_plan", "nl", mode=data.case.household.mode)
    first, *rest = texts.plain("label_case_manager").split()
    assert rest
    found = [w for w in pdf_layout.words(pdf) if w.page == 1 and w.bold]
    start = next(w for w in found if w.text == first)
    last = next(w for w in found if w.text == rest[-1])
    assert abs(last.top - start.top) < 1 and last.x0 > start.x1
