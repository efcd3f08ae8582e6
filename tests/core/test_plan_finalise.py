"""Finalising a safety plan: readiness, the override with a reason, freezing, comparing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool import i18n
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_finalise import Change
from jeugdtool.framework.plan_finalise import PlanNotReady
from jeugdtool.framework.plan_finalise import ReadinessKind
from jeugdtool.framework.plan_finalise import compare_versions
from jeugdtool.framework.plan_finalise import finalise
from jeugdtool.framework.plan_finalise import readiness
from jeugdtool.framework.plan_finalise import smart_of
from jeugdtool.framework.plan_rules import saved_smart_draft
from jeugdtool.framework.plans import PlanFinalised
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType as T

pytestmark = pytest.mark.both_backends

#: The first mapping moment; "today" for the SMART check lies after it.
DAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 3, 10)
REVIEW = dt.date(2026, 4, 15)


@pytest.fixture
def family(uow, case):
    """Noa (child), Sanne and Mark (parents), oma Ria (network); a moment with a danger
    statement, a safety goal and a bottom line; an empty first draft of the plan."""

    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    noa, sanne, mark = add("Noa", "child"), add("Sanne", "parent"), add("Mark", "parent")
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value
    danger = statements.add_statement(
        uow,
        moment.id,
        T.DANGER,
        {
            "who_worried": ["Veilig Thuis"],
            "behaviour": "Mark Sanne slaat als hij gedronken heeft",
            "children": [noa.id],
            "impact": "gewond raakt",
        },
    ).value
    goal = statements.add_statement(
        uow,
        moment.id,
        T.SAFETY_GOAL,
        {"pairs_with": danger.lineage, "carers_will": "ruzies zonder geweld oplossen"},
    ).value
    bottom = statements.add_statement(
        uow,
        moment.id,
        T.BOTTOM_LINE,
        {
            "text": "Mark is nooit alleen met Noa als hij gedronken heeft",
            "set_by": "Veilig Thuis",
            "set_on": DAY,
            "guards": [goal.lineage],
        },
    ).value
    draft = plans.start_draft(uow, case.id).value
    names = ["case", "noa", "sanne", "mark", "ria", "moment", "danger", "goal", "bottom", "draft"]
    return dataclasses.make_dataclass("Family", names)(
        case, noa, sanne, mark, ria, moment, danger, goal, bottom, draft
    )


def _ria(family) -> Source:
    return Source(SourceKind.NETWORK, network_id=family.ria.id)


def _mark(family) -> Source:
    return Source(SourceKind.PERSON, person_id=family.mark.id)


def _good(uow, family, **changes):
    """A SMART agreement oma Ria does, serving the bottom line."""
    fields = {
        "what": "Oma Ria haalt Noa op van school",
        "when": "elke woensdag om 15.00 uur",
        "check": "Juf Aïcha ziet dat oma Ria Noa ophaalt en belt de consulent als dat niet gebeurt",
        "checked_by": "juf Aïcha",
        "realistic_confirmed": True,
        "review_on": REVIEW,
        "serves": [family.bottom.lineage],
        "parties": [_ria(family)],
        **changes,
    }
    return plans.add_agreement(uow, family.draft.id, fields).value


def _accept_all(uow, agreement) -> None:
    for party in agreement.parties:
        plans.record_acceptance(uow, party.id, True, on=TODAY, how="meeting")


def _ready_plan(uow, family):
    """A draft with nothing in the way of finalising."""
    _accept_all(uow, _good(uow, family))
    plans.update_plan(
        uow,
        family.draft.id,
        {"review_schedule": "Elke zes weken met het netwerk", "next_review_on": REVIEW},
    )


# ---- readiness ---------------------------------------------------------------------------------


def test_an_empty_draft_names_what_is_missing(uow, family) -> None:
    ready = readiness(uow, family.draft.id, TODAY)
    assert not ready.ok
    kinds = [p.kind for p in ready.problems]
    assert kinds == [
        ReadinessKind.NO_AGREEMENTS,
        ReadinessKind.UNCOVERED_BOTTOM_LINE,
        ReadinessKind.NO_REVIEW,
    ]
    assert ready.problems[1].statement_lineage == family.bottom.lineage


def test_a_ready_plan_has_no_problems(uow, family) -> None:
    _ready_plan(uow, family)
    ready = readiness(uow, family.draft.id, TODAY)
    assert ready.ok, [p.message for p in ready.problems]
    (result,) = smart_of(plans.get_plan(uow, family.draft.id), TODAY).values()
    assert result.is_smart


def test_not_ready_plan_is_refused_with_every_problem_named(uow, family) -> None:
    i18n.set_language("nl")
    vague = _good(
        uow,
        family,
        what="Mark probeert zoveel mogelijk minder te drinken",
        when="",
        check="Sanne ziet dat er geen drank in huis is",
        checked_by="Sanne",
        serves=[family.danger.lineage],
        parties=[_mark(family)],
    )
    _accept_all(uow, vague)
    unaccepted = _good(uow, family, serves=[family.goal.lineage])

    with pytest.raises(PlanNotReady) as raised:
        finalise(uow, family.draft.id, by="A. de Boer", today=TODAY)

    ready = raised.value.readiness
    not_smart = ready.of_kind(ReadinessKind.NOT_SMART)
    assert [(p.agreement_id, p.letters) for p in not_smart] == [(vague.id, ("S", "T"))]
    assert "S (specifiek), T (tijdgebonden)" in not_smart[0].message
    assert "Afspraak 1" in not_smart[0].message
    (waiting,) = ready.of_kind(ReadinessKind.NOT_ACCEPTED)
    assert waiting.agreement_id == unaccepted.id
    assert "oma Ria (nog niet gevraagd)" in waiting.message
    (uncovered,) = ready.of_kind(ReadinessKind.UNCOVERED_BOTTOM_LINE)
    assert uncovered.statement_lineage == family.bottom.lineage
    assert "Mark is nooit alleen met Noa als hij gedronken heeft" in uncovered.message
    assert ready.of_kind(ReadinessKind.NO_REVIEW)
    # The error says it all, in Dutch, one line per problem; it is also an InvalidInput.
    text = str(raised.value)
    assert text.startswith("Het veiligheidsplan kan nog niet worden vastgesteld")
    assert all(p.message in text for p in ready.problems)
    assert isinstance(raised.value, InvalidInput)
    assert len(raised.value.problems) == len(ready.problems)
    # Nothing was changed.
    assert plans.get_plan(uow, family.draft.id).plan.status is PlanStatus.DRAFT


def test_refusal_names_who_does_not_accept(uow, family) -> None:
    agreement = _good(uow, family, parties=[_ria(family), _mark(family)])
    plans.record_acceptance(uow, agreement.parties[0].id, True, on=TODAY, how="phone")
    plans.record_acceptance(uow, agreement.parties[1].id, False, on=TODAY, how="meeting")
    (problem,) = readiness(uow, family.draft.id, TODAY).of_kind(ReadinessKind.NOT_ACCEPTED)
    assert "Mark Jansen (accepteert niet)" in problem.message
    assert "oma Ria" not in problem.message


def test_lapsed_agreements_are_left_out(uow, family) -> None:
    _ready_plan(uow, family)
    _good(uow, family, what="Mark probeert soms te bellen", status=AgreementStatus.LAPSED)
    assert readiness(uow, family.draft.id, TODAY).ok


def test_a_heavy_load_is_counted_per_person(uow, family) -> None:
    for _n in range(6):
        _good(uow, family)
    detail = plans.get_plan(uow, family.draft.id)
    draft = saved_smart_draft(detail.agreements[0], detail.plan, detail.agreements)
    assert draft.load_per_person == {"oma Ria": 6}
    assert draft.review_date == REVIEW
    assert draft.who == ("oma Ria",)


def test_the_plans_next_review_is_the_review_date_of_an_agreement_without_one(uow, family) -> None:
    _good(uow, family, review_on=None)
    plans.update_plan(uow, family.draft.id, {"next_review_on": REVIEW})
    detail = plans.get_plan(uow, family.draft.id)
    draft = saved_smart_draft(detail.agreements[0], detail.plan, detail.agreements)
    assert draft.review_date == REVIEW


# ---- finalising -------------------------------------------------------------------------------


def test_finalising_a_ready_plan(uow, family) -> None:
    _ready_plan(uow, family)
    outcome = finalise(uow, family.draft.id, by="A. de Boer", today=TODAY)
    plan = outcome.value
    assert plan.status is PlanStatus.FINAL
    assert (plan.finalised_on, plan.finalised_by) == (TODAY, "A. de Boer")
    assert plan.override_reason is None
    assert plan.moment_id == family.moment.id
    assert outcome.changes.touches("plan_version")
    assert outcome.changes.touches_case(family.case.id)


def test_override_with_a_reason_finalises_and_records_it(uow, family) -> None:
    _good(uow, family)  # not accepted yet
    reason = "Oma Ria stemde telefonisch in; ze tekent bij het volgende netwerkberaad."
    plan = finalise(
        uow, family.draft.id, by="A. de Boer", override_reason=f"  {reason} ", today=TODAY
    ).value
    assert plan.status is PlanStatus.FINAL
    assert plan.override_reason == reason
    assert plans.list_versions(uow, family.case.id)[0].override_reason == reason


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_empty_reason_is_refused(uow, family, reason) -> None:
    _good(uow, family)
    with pytest.raises(InvalidInput) as raised:
        finalise(uow, family.draft.id, by="A. de Boer", override_reason=reason, today=TODAY)
    assert not isinstance(raised.value, PlanNotReady)
    assert raised.value.for_field("override_reason")
    assert plans.get_plan(uow, family.draft.id).plan.status is PlanStatus.DRAFT


def test_who_finalises_is_required(uow, family) -> None:
    _ready_plan(uow, family)
    with pytest.raises(InvalidInput) as raised:
        finalise(uow, family.draft.id, by="  ", today=TODAY)
    assert raised.value.for_field("by")


def test_a_reason_for_a_ready_plan_is_not_recorded(uow, family) -> None:
    _ready_plan(uow, family)
    plan = finalise(uow, family.draft.id, by="A. de Boer", override_reason="Zeker", today=TODAY)
    assert plan.value.override_reason is None


def test_a_finalised_plan_cannot_change_through_any_service(uow, family) -> None:
    _ready_plan(uow, family)
    plan_sections.add_network_role(
        uow, family.draft.id, {"source": _ria(family), "role": "haalt Noa op"}
    )
    plan_sections.add_red_flag(
        uow, family.draft.id, {"sign": "Mark ruikt naar drank", "action": "Oma Ria bellen"}
    )
    finalise(uow, family.draft.id, by="A. de Boer", today=TODAY)
    detail = plans.get_plan(uow, family.draft.id)
    agreement = detail.agreements[0]
    party = agreement.parties[0]
    attempts = [
        lambda: plans.update_plan(uow, family.draft.id, {"children_told": "Met een tekening"}),
        lambda: plans.add_agreement(uow, family.draft.id, {"what": "Sanne belt oma Ria"}),
        lambda: plans.update_agreement(uow, agreement.id, {"what": "Oma Ria haalt Noa"}),
        lambda: plans.remove_agreement(uow, agreement.id),
        lambda: plans.record_acceptance(uow, party.id, False, on=TODAY, how="phone"),
        lambda: plans.delete_draft(uow, family.draft.id),
        lambda: finalise(uow, family.draft.id, by="A. de Boer", today=TODAY),
        lambda: finalise(uow, family.draft.id, by="A. de Boer", override_reason="Nogmaals"),
        lambda: plan_sections.update_network_role(uow, detail.network[0].id, {"role": "x"}),
        lambda: plan_sections.remove_red_flag(uow, detail.red_flags[0].id),
    ]
    for attempt in attempts:
        with pytest.raises(PlanFinalised):
            attempt()
    assert plans.get_plan(uow, family.draft.id) == detail


def test_a_finalised_plan_keeps_the_statements_of_its_moment(uow, family) -> None:
    _ready_plan(uow, family)
    finalise(uow, family.draft.id, by="A. de Boer", today=TODAY)
    later = moments.start_moment(
        uow, family.case.id, author="A. de Boer", held_on=DAY + dt.timedelta(days=5)
    ).value
    (copy,) = [s for s in statements.list_statements(uow, later.id) if s.type is T.BOTTOM_LINE]
    statements.update_statement(uow, copy.id, {"text": "Mark drinkt niet als Noa thuis is"})

    final = plans.get_plan(uow, family.draft.id)
    assert final.statements_moment_id == family.moment.id
    (bottom,) = [s for s in final.statements if s.type is T.BOTTOM_LINE]
    assert bottom.text == "Mark is nooit alleen met Noa als hij gedronken heeft"

    draft = plans.start_draft(uow, family.case.id).value
    shown = plans.get_plan(uow, draft.id)
    assert shown.statements_moment_id == later.id
    (bottom,) = [s for s in shown.statements if s.type is T.BOTTOM_LINE]
    assert bottom.text == "Mark drinkt niet als Noa thuis is"
    # Same lineage: the copied agreement still covers it.
    assert shown.covering(bottom.lineage)


def test_a_new_draft_after_finalising_is_version_two(uow, family) -> None:
    _ready_plan(uow, family)
    first = finalise(uow, family.draft.id, by="A. de Boer", today=TODAY).value
    second = plans.start_draft(uow, family.case.id).value
    assert (second.number, second.status, second.based_on_id) == (2, PlanStatus.DRAFT, first.id)
    assert second.moment_id is None and second.finalised_on is None
    assert second.override_reason is None
    assert [v.number for v in plans.list_versions(uow, family.case.id)] == [1, 2]


def test_finalising_a_closed_case_is_refused(uow, family) -> None:
    from jeugdtool.cases import households
    from jeugdtool.errors import CaseClosed

    _ready_plan(uow, family)
    households.close_case(uow, family.case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        finalise(uow, family.draft.id, by="A. de Boer", today=TODAY)


# ---- comparing --------------------------------------------------------------------------------


def _of_kind(changes, kind: Change) -> list:
    return [c for c in changes if c.kind is kind]


def test_compare_v1_to_v2_names_the_changes(uow, family) -> None:
    _ready_plan(uow, family)
    v1 = family.draft.id
    dropped = _good(uow, family, what="Sanne belt oma Ria elke avond om 20.00 uur")
    role = plan_sections.add_network_role(
        uow, v1, {"source": _ria(family), "role": "haalt Noa op"}
    ).value
    plan_sections.add_network_role(
        uow,
        v1,
        {"source": Source(SourceKind.PERSON, person_id=family.sanne.id), "role": "moeder"},
    )
    plan_sections.add_red_flag(uow, v1, {"sign": "Mark ruikt naar drank", "action": "Bellen"})
    plan_sections.add_red_flag(
        uow, v1, {"sign": "Noa komt niet op school", "action": "Oma Ria bellen"}
    )
    finalise(uow, v1, by="A. de Boer", override_reason="Tweede afspraak volgt", today=TODAY)

    v2 = plans.start_draft(uow, family.case.id).value.id
    detail = plans.get_plan(uow, v2)
    kept, second = detail.agreements
    plans.update_agreement(uow, kept.id, {"when": "elke woensdag om 15.15 uur"})
    plans.remove_agreement(uow, second.id)
    added = plans.add_agreement(
        uow, v2, {"what": "Mark belt oma Ria", "parties": [_mark(family)]}
    ).value
    plans.update_plan(
        uow, v2, {"children_told": "Met een woorden-en-plaatjesverhaal", "next_review_on": None}
    )
    ria_role, sanne_role = detail.network
    plan_sections.update_network_role(uow, ria_role.id, {"told_on": DAY})
    plan_sections.remove_network_role(uow, sanne_role.id)
    drink, school = detail.red_flags
    plan_sections.update_red_flag(uow, drink.id, {"action": "Oma Ria belt Veilig Thuis"})
    plan_sections.remove_red_flag(uow, school.id)
    plan_sections.add_red_flag(
        uow, v2, {"sign": "Sanne neemt de telefoon niet op", "action": "Oma Ria bellen"}
    )

    diff = compare_versions(uow, v1, v2)
    assert (diff.older.number, diff.newer.number) == (1, 2)
    assert diff.has_changes
    assert {(c.field, c.old, c.new) for c in diff.sections} == {
        ("children_told", "", "Met een woorden-en-plaatjesverhaal"),
        ("next_review_on", REVIEW, None),
    }
    assert {c.label for c in diff.sections} == {"Hoe de kinderen het horen", "Volgende evaluatie"}

    (changed,) = _of_kind(diff.agreements, Change.CHANGED)
    assert changed.lineage == kept.lineage
    # Changing what was agreed asks for acceptance again: proposed until everyone accepted.
    assert [(f.field, f.old, f.new) for f in changed.fields] == [
        ("when", "elke woensdag om 15.00 uur", "elke woensdag om 15.15 uur"),
        ("status", AgreementStatus.AGREED, AgreementStatus.PROPOSED),
    ]
    # Changing what was agreed asks for acceptance again: that is a change too.
    (party,) = changed.parties
    assert party.kind is Change.CHANGED and party.who == "oma Ria"
    assert party.before.accepted is True and party.after.accepted is None
    assert [c.after.id for c in _of_kind(diff.agreements, Change.ADDED)] == [added.id]
    removed = _of_kind(diff.agreements, Change.REMOVED)
    assert [c.before.lineage for c in removed] == [dropped.lineage]
    assert not _of_kind(diff.agreements, Change.SAME)

    assert [(c.kind, c.after and c.after.source.label) for c in diff.network] == [
        (Change.CHANGED, "oma Ria"),
        (Change.REMOVED, None),
    ]
    assert [(f.field, f.old, f.new) for f in diff.network[0].fields] == [("told_on", None, DAY)]
    assert diff.network[0].before.id == role.id
    assert diff.network[1].before.source.person_id == family.sanne.id

    flags = [(c.kind, (c.after or c.before).sign) for c in diff.red_flags]
    assert flags == [
        (Change.CHANGED, "Mark ruikt naar drank"),
        (Change.ADDED, "Sanne neemt de telefoon niet op"),
        (Change.REMOVED, "Noa komt niet op school"),
    ]
    assert [(f.field, f.new) for f in diff.red_flags[0].fields] == [
        ("action", "Oma Ria belt Veilig Thuis")
    ]


def test_a_version_compared_with_itself_has_no_changes(uow, family) -> None:
    _ready_plan(uow, family)
    diff = compare_versions(uow, family.draft.id, family.draft.id)
    assert not diff.has_changes
    assert [c.kind for c in diff.agreements] == [Change.SAME]


def test_versions_of_different_cases_are_not_compared(uow, family) -> None:
    from jeugdtool.cases import households

    other = households.create_case(uow, name="Gezin de Vries", case_number="2026-0013").value
    draft = plans.start_draft(uow, other.id).value
    with pytest.raises(InvalidInput):
        compare_versions(uow, family.draft.id, draft.id)
