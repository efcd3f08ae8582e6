"""The family's own goals (plan_sections.*_family_goal) and the family's own words on agreements
and statements: rules, order, undo with conflicts, the copy into a new draft and what changed
since the previous version."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import members
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_rules
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_finalise import Change
from jeugdtool.framework.plans import PlanFinalised
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType

pytestmark = pytest.mark.both_backends

FINALISED_ON = dt.date.today() - dt.timedelta(days=30)


@pytest.fixture
def people(uow, case) -> dict[str, Source]:
    mum = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    kid = members.add_person(uow, case.id, {"first_name": "Milan", "role": "child"}).value
    ria = members.add_network_member(uow, case.id, {"name": "oma Ria", "kind": "family"}).value
    return {
        "mum": Source(SourceKind.PERSON, person_id=mum.id),
        "kid": Source(SourceKind.PERSON, person_id=kid.id),
        "ria": Source(SourceKind.NETWORK, network_id=ria.id),
    }


@pytest.fixture
def draft(uow, case):
    return plans.start_draft(uow, case.id).value


def _goal(uow, version_id: int, text: str, who: Source):
    return plan_sections.add_family_goal(uow, version_id, {"text": text, "source": who}).value


def _finalise(uow, version_id: int) -> None:
    plan_finalise.finalise(
        uow, version_id, by="A. de Boer", override_reason="test", today=FINALISED_ON
    )


# ---- the rules --------------------------------------------------------------------------------


def test_rules_require_the_words_and_who_said_them() -> None:
    with pytest.raises(InvalidInput) as caught:
        plan_rules.new_family_goal({})
    assert {p.field for p in caught.value.problems} == {"text", "source"}
    with pytest.raises(InvalidInput) as caught:
        plan_rules.new_family_goal({"text": "   ", "source": Source(SourceKind.CONSULTANT)})
    assert {p.field for p in caught.value.problems} == {"text", "source"}
    with pytest.raises(InvalidInput):
        plan_rules.family_goal({"text": "x" * (plan_rules.MAX_TEXT + 1)})
    with pytest.raises(InvalidInput):
        plan_rules.family_goal({"source": Source(SourceKind.OTHER, label=" ")})
    with pytest.raises(InvalidInput):
        plan_rules.family_goal({"colour": "groen"})
    said = Source(SourceKind.OTHER, label="buurvrouw Fatima")
    clean = plan_rules.new_family_goal({"text": " Rust in huis ", "source": said})
    assert clean == {"text": "Rust in huis", "source": said}


# ---- the services -----------------------------------------------------------------------------


def test_add_update_move_remove_restore(uow, case, people, draft) -> None:
    first = _goal(uow, draft.id, "We willen weer samen eten.", people["mum"])
    second = _goal(uow, draft.id, "Ik wil dat papa en mama geen ruzie maken.", people["kid"])
    third = _goal(
        uow, draft.id, "De kinderen slapen bij mij als het niet goed gaat.", people["ria"]
    )
    assert (first.position, second.position, third.position) == (1, 2, 3)
    assert first.source.label == "Sanne" and first.lineage
    assert third.source.label == "oma Ria"
    assert plans.get_plan(uow, draft.id).family_goals == (first, second, third)

    changed = plan_sections.update_family_goal(
        uow, first.id, {"text": "We eten elke dag samen."}, expected={"text": first.text}
    ).value
    assert changed.text == "We eten elke dag samen." and changed.lineage == first.lineage
    with pytest.raises(ConflictError):  # undo of a change someone else changed again
        plan_sections.update_family_goal(
            uow, first.id, {"text": first.text}, expected={"text": first.text}
        )
    with pytest.raises(InvalidInput):
        plan_sections.update_family_goal(uow, first.id, {"text": ""})

    plan_sections.move_family_goal(uow, third.id, 1, expected={"position": 3})
    with pytest.raises(ConflictError):
        plan_sections.move_family_goal(uow, third.id, 3, expected={"position": 3})
    assert [g.id for g in plans.get_plan(uow, draft.id).family_goals] == [
        third.id,
        first.id,
        second.id,
    ]

    now = plans.get_plan(uow, draft.id).family_goals[1]
    with pytest.raises(ConflictError):
        plan_sections.remove_family_goal(uow, first.id, expected=first)  # text changed since
    taken = plan_sections.remove_family_goal(uow, first.id, expected=now).value
    assert [g.position for g in plans.get_plan(uow, draft.id).family_goals] == [1, 2]
    back = plan_sections.restore_family_goal(uow, taken).value
    assert (back.id, back.position, back.text, back.lineage) == (
        first.id,
        2,
        "We eten elke dag samen.",
        first.lineage,
    )


def test_someone_outside_the_case_cannot_have_said_it(uow, case, people, draft) -> None:
    with pytest.raises(InvalidInput) as caught:
        plan_sections.add_family_goal(
            uow, draft.id, {"text": "Rust", "source": Source(SourceKind.PERSON, person_id=99999)}
        )
    assert [p.field for p in caught.value.problems] == ["source"]
    assert plans.get_plan(uow, draft.id).family_goals == ()


def test_the_screens_find_the_services_by_name() -> None:
    """ui.commands.RowServices.named(plan_sections, "family_goal") takes them by these names,
    with the red flag's parameters."""
    import inspect

    for verb in ("add", "update", "move", "remove", "restore"):
        goal = inspect.signature(getattr(plan_sections, f"{verb}_family_goal"))
        flag = inspect.signature(getattr(plan_sections, f"{verb}_red_flag"))
        assert [p.kind for p in goal.parameters.values()] == [
            p.kind for p in flag.parameters.values()
        ]


def test_a_finalised_version_and_a_closed_case_refuse(uow, case, people, draft) -> None:
    goal = _goal(uow, draft.id, "Rust in huis", people["mum"])
    taken = plan_sections.remove_family_goal(uow, goal.id).value
    plan_sections.restore_family_goal(uow, taken)
    _finalise(uow, draft.id)
    for attempt in (
        lambda: plan_sections.add_family_goal(
            uow, draft.id, {"text": "x", "source": people["mum"]}
        ),
        lambda: plan_sections.update_family_goal(uow, goal.id, {"text": "x"}),
        lambda: plan_sections.move_family_goal(uow, goal.id, 1),
        lambda: plan_sections.remove_family_goal(uow, goal.id),
        lambda: plan_sections.restore_family_goal(uow, taken),
    ):
        with pytest.raises(PlanFinalised):
            attempt()
    second = plans.start_draft(uow, case.id).value
    copy = plans.get_plan(uow, second.id).family_goals[0]
    from jeugdtool.cases import households

    households.close_case(uow, case.id, reason="Doelen bereikt")
    with pytest.raises(CaseClosed):
        plan_sections.update_family_goal(uow, copy.id, {"text": "x"})


# ---- a new draft, and what changed ------------------------------------------------------------


def test_a_new_draft_copies_the_goals_and_the_comparison_names_the_changes(
    uow, case, people, draft
) -> None:
    kept = _goal(uow, draft.id, "We eten elke dag samen.", people["mum"])
    edited = _goal(uow, draft.id, "Geen ruzie meer.", people["kid"])
    dropped = _goal(uow, draft.id, "Oma past op.", people["ria"])
    _finalise(uow, draft.id)
    second = plans.start_draft(uow, case.id).value
    copies = plans.get_plan(uow, second.id).family_goals
    assert [(g.text, g.source, g.lineage) for g in copies] == [
        (g.text, g.source, g.lineage) for g in (kept, edited, dropped)
    ]
    assert {g.id for g in copies}.isdisjoint({kept.id, edited.id, dropped.id})

    plan_sections.update_family_goal(
        uow, copies[1].id, {"text": "Geen geschreeuw in huis.", "source": people["mum"]}
    )
    plan_sections.update_family_goal(uow, copies[0].id, {"source": people["mum"]})  # the same
    plan_sections.remove_family_goal(uow, copies[2].id)
    added = _goal(uow, second.id, "Milan gaat weer naar voetbal.", people["kid"])
    comparison = plan_finalise.compare_versions(uow, draft.id, second.id)
    assert comparison.has_changes
    kinds = [(c.kind, (c.after or c.before).lineage) for c in comparison.family_goals]
    assert kinds == [
        (Change.SAME, kept.lineage),
        (Change.CHANGED, edited.lineage),
        (Change.ADDED, added.lineage),
        (Change.REMOVED, dropped.lineage),
    ]
    text, who = comparison.family_goals[1].fields
    assert (text.field, text.old, text.new) == (
        "text",
        "Geen ruzie meer.",
        "Geen geschreeuw in huis.",
    )
    assert (who.field, who.old, who.new) == ("source", "Milan", "Sanne")


def test_only_goals_changed_is_a_change(uow, case, people, draft) -> None:
    _finalise(uow, draft.id)
    second = plans.start_draft(uow, case.id).value
    assert not plan_finalise.compare_versions(uow, draft.id, second.id).has_changes
    _goal(uow, second.id, "Rust in huis", people["mum"])
    assert plan_finalise.compare_versions(uow, draft.id, second.id).has_changes


# ---- the family's own words -------------------------------------------------------------------


def test_agreement_family_words_are_kept_compared_and_checked(uow, case, people, draft) -> None:
    agreement = plans.add_agreement(
        uow,
        draft.id,
        {"what": "Vader drinkt geen alcohol als hij zorgt.", "family_words": "Papa drinkt niet"},
    ).value
    assert agreement.family_words == "Papa drinkt niet"
    changed = plans.update_agreement(
        uow, agreement.id, {"family_words": "Papa drinkt niet als hij voor ons zorgt"}
    ).value
    assert changed.family_words == "Papa drinkt niet als hij voor ons zorgt"
    assert changed.what == agreement.what
    with pytest.raises(InvalidInput):
        plans.update_agreement(uow, agreement.id, {"family_words": "x" * 5001})
    _finalise(uow, draft.id)
    second = plans.start_draft(uow, case.id).value
    copy = plans.get_plan(uow, second.id).agreements[0]
    assert copy.family_words == changed.family_words
    plans.update_agreement(uow, copy.id, {"family_words": "Papa drinkt nooit"})
    (change,) = plan_finalise.compare_versions(uow, draft.id, second.id).agreements
    assert change.kind is Change.CHANGED
    assert [f.field for f in change.fields] == ["family_words"]


@pytest.fixture
def moment(uow, case):
    return moments.start_moment(uow, case.id, author="A. de Boer").value


def test_statement_family_words_and_mark(uow, case, moment) -> None:
    goal = statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {
            "carers_will": "zorgen dat er een nuchtere volwassene is",
            "family_words": "Papa drinkt niet",
        },
    ).value
    assert goal.family_words == "Papa drinkt niet" and goal.special_category == ""
    danger = statements.add_statement(
        uow,
        moment.id,
        StatementType.DANGER,
        {"behaviour": "drinkt", "special_category": "addiction"},
    ).value
    assert danger.special_category == "addiction"
    with pytest.raises(InvalidInput) as caught:
        statements.update_statement(uow, danger.id, {"special_category": "gezondheid"})
    assert [p.field for p in caught.value.problems] == ["special_category"]
    harm = statements.add_statement(
        uow, moment.id, StatementType.HARM, {"behaviour": "x", "family_words": "Het ging mis"}
    ).value
    assert harm.family_words == "Het ging mis"


def test_an_update_without_family_words_keeps_them(uow, case, moment) -> None:
    """The statement dialog sends only what changed (statement_commands.changed_parts): an
    update of the parts or the sentence leaves the family's words and the mark alone."""
    goal = statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {
            "carers_will": "zorgen dat er een nuchtere volwassene is",
            "family_words": "Papa drinkt niet als hij voor ons zorgt",
            "special_category": "addiction",
        },
    ).value
    parts = goal.parts()
    changes = {n: getattr(parts, n) for n in ("carers_will", "who_will", "text")}
    changes["carers_will"] = "zorgen dat er altijd een nuchtere volwassene thuis is"
    changes["text"] = "De ouders zorgen voor een nuchtere volwassene."
    after = statements.update_statement(uow, goal.id, changes).value
    assert after.carers_will.startswith("zorgen dat er altijd")
    assert after.family_words == "Papa drinkt niet als hij voor ons zorgt"
    assert after.special_category == "addiction"
    cleared = statements.update_statement(uow, goal.id, {"family_words": ""}).value
    assert cleared.family_words == "" and cleared.special_category == "addiction"
