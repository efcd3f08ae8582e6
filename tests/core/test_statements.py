"""Statements: services, sentences in Dutch, and the writing hints a consultant sees."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import i18n
from jeugdtool.cases import members
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework._common import ReadOnlyMoment
from jeugdtool.framework.statement_dto import StatementParts
from jeugdtool.framework.statement_text import EMPTY_CONTEXT
from jeugdtool.framework.statement_text import StatementContext
from jeugdtool.framework.statement_text import check_moment
from jeugdtool.framework.statement_text import check_statement
from jeugdtool.framework.statement_text import find_label
from jeugdtool.framework.statement_text import load_rules
from jeugdtool.framework.statement_text import sentence
from jeugdtool.framework.vocab import StatementType as T

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def family(uow, case):
    """Noa (child), Sanne and Mark (parents), and a first mapping moment."""

    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    noa, sanne, mark = add("Noa", "child"), add("Sanne", "parent"), add("Mark", "parent")
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value
    return dataclasses.make_dataclass("Family", ["noa", "sanne", "mark", "moment"])(
        noa, sanne, mark, moment
    )


def _danger(uow, family, **fields):
    base = {
        "who_worried": ["Veilig Thuis", "school"],
        "behaviour": "Mark Sanne slaat als hij gedronken heeft",
        "example": "op 3 maart duwde hij Sanne tegen de kast terwijl Noa ernaast stond",
        "children": [family.noa.id],
        "impact": "gewond raakt",
    }
    return statements.add_statement(uow, family.moment.id, T.DANGER, {**base, **fields}).value


def _goal(uow, family, danger, **fields):
    base = {
        "pairs_with": danger.lineage,
        "carers_will": "ruzies zonder geweld oplossen en oma Ria bellen als het misgaat",
        "child_will_experience": "zich thuis veilig voelt",
        "professionals_will_see": "dat Noa uitgerust op school komt",
        "sustained_amount": 6,
        "sustained_unit": "months",
    }
    return statements.add_statement(uow, family.moment.id, T.SAFETY_GOAL, {**base, **fields}).value


# ---- services ---------------------------------------------------------------------------------


def test_add_danger_statement_generates_the_dutch_sentence(uow, family) -> None:
    danger = _danger(uow, family)
    assert danger.text == (
        "Veilig Thuis en school zijn bezorgd dat Mark Sanne slaat als hij gedronken heeft "
        "(bijvoorbeeld: op 3 maart duwde hij Sanne tegen de kast terwijl Noa ernaast stond). "
        "Als er niets verandert, zijn we bang dat Noa gewond raakt."
    )
    assert danger.who_worried == ("Veilig Thuis", "school")
    assert not danger.text_edited
    assert danger.position == 1


def test_safety_goal_sentence_names_the_carers_and_the_paired_child(uow, family) -> None:
    goal = _goal(uow, family, _danger(uow, family))
    assert goal.text == (
        "Sanne en Mark zullen ruzies zonder geweld oplossen en oma Ria bellen als het misgaat, "
        "zodat Noa zich thuis veilig voelt. Professionals zien dat Noa uitgerust op school komt; "
        "dit moet 6 maanden zichtbaar zijn."
    )


def test_list_orders_by_type_then_position(uow, family) -> None:
    first = _danger(uow, family)
    second = _danger(uow, family, behaviour="Sanne vergeet Noa uit school te halen")
    _goal(uow, family, second)
    statements.add_statement(
        uow,
        family.moment.id,
        T.HARM,
        {"behaviour": "Noa werd geslagen", "children": [family.noa.id]},
    )
    listed = statements.list_statements(uow, family.moment.id)
    assert [(s.type, s.position) for s in listed] == [
        (T.HARM, 1),
        (T.DANGER, 1),
        (T.DANGER, 2),
        (T.SAFETY_GOAL, 1),
    ]
    assert listed[1].id == first.id


def test_text_follows_the_parts_until_the_consultant_edits_it(uow, family) -> None:
    danger = _danger(uow, family)
    changed = statements.update_statement(uow, danger.id, {"impact": "bang wordt"}).value
    assert changed.text.endswith("zijn we bang dat Noa bang wordt.")

    own = "Iedereen maakt zich zorgen om Noa als Mark drinkt."
    edited = statements.update_statement(uow, danger.id, {"text": own}).value
    assert (edited.text, edited.text_edited) == (own, True)
    later = statements.update_statement(uow, danger.id, {"impact": "gewond raakt"}).value
    assert later.text == own  # kept: the consultant wrote it

    again = statements.regenerate_text(uow, danger.id).value
    assert not again.text_edited
    assert again.text.endswith("zijn we bang dat Noa gewond raakt.")


def test_goal_sentence_follows_its_danger_statements_child(uow, family, case) -> None:
    daan = members.add_person(uow, case.id, {"first_name": "Daan", "role": "child"}).value
    danger = _danger(uow, family)
    goal = _goal(uow, family, danger)
    statements.update_statement(uow, danger.id, {"children": [daan.id]})
    goal = next(s for s in statements.list_statements(uow, family.moment.id) if s.id == goal.id)
    assert "zodat Daan zich thuis veilig voelt" in goal.text


def test_removing_a_danger_statement_a_goal_answers_is_refused(uow, family) -> None:
    danger = _danger(uow, family)
    goal = _goal(uow, family, danger)
    with pytest.raises(statements.StatementInUse) as refused:
        statements.remove_statement(uow, danger.id)
    assert "ruzies zonder geweld" in str(refused.value)  # names the safety goal

    bottom = statements.add_statement(
        uow,
        family.moment.id,
        T.BOTTOM_LINE,
        {
            "text": "Mark drinkt niet als hij voor Noa zorgt",
            "set_by": "Veilig Thuis",
            "set_on": DAY,
            "guards": [goal.lineage],
        },
    ).value
    with pytest.raises(statements.StatementInUse) as refused:
        statements.remove_statement(uow, goal.id)
    assert "Mark drinkt niet" in str(refused.value)

    statements.remove_statement(uow, bottom.id)
    statements.remove_statement(uow, goal.id)
    removed = statements.remove_statement(uow, danger.id).value
    assert statements.list_statements(uow, family.moment.id) == ()
    restored = statements.restore_statement(uow, removed).value
    assert (restored.id, restored.lineage, restored.text) == (
        danger.id,
        danger.lineage,
        danger.text,
    )


def test_undo_of_removal_puts_it_back_in_its_place(uow, family) -> None:
    dangers = [_danger(uow, family, behaviour=f"gedrag {n}") for n in range(3)]
    removed = statements.remove_statement(uow, dangers[1].id).value
    assert [s.position for s in statements.list_statements(uow, family.moment.id)] == [1, 2]
    statements.restore_statement(uow, removed)
    listed = statements.list_statements(uow, family.moment.id)
    assert [s.id for s in listed] == [d.id for d in dangers]
    assert [s.position for s in listed] == [1, 2, 3]


def test_a_safety_goal_is_not_put_back_without_its_danger_statement(uow, family) -> None:
    danger = _danger(uow, family)
    goal = _goal(uow, family, danger)
    removed = statements.remove_statement(uow, goal.id, expected=goal).value
    statements.remove_statement(uow, danger.id)  # nothing answers it any more
    with pytest.raises(InvalidInput) as refused:
        statements.restore_statement(uow, removed)
    assert refused.value.for_field("pairs_with")
    assert statements.list_statements(uow, family.moment.id) == ()


def test_who_is_worried_and_what_a_bottom_line_guards_are_audited_as_lines(
    uow, family, case
) -> None:
    from jeugdtool.cases import queries

    danger = _danger(uow, family)
    goals = [_goal(uow, family, danger, sustained_amount=n) for n in (3, 6)]
    fields = {"text": "Nooit alleen", "guards": [goals[0].lineage]}
    line = statements.add_statement(uow, family.moment.id, T.BOTTOM_LINE, fields).value
    statements.update_statement(uow, danger.id, {"who_worried": ["school", "Veilig Thuis"]})
    statements.update_statement(uow, line.id, {"guards": [g.lineage for g in goals]})
    trail = {e.field: (e.old, e.new) for e in queries.case_history(uow, case.id)}
    assert trail["who_worried"] == ("Veilig Thuis\nschool", "school\nVeilig Thuis")
    assert trail["guards"] == (goals[0].lineage, f"{goals[0].lineage}\n{goals[1].lineage}")
    listed = statements.list_statements(uow, family.moment.id)
    assert listed[0].who_worried == ("school", "Veilig Thuis")
    assert listed[-1].guards == (goals[0].lineage, goals[1].lineage)


def test_references_must_belong_to_the_moment(uow, family) -> None:
    with pytest.raises(InvalidInput) as bad:
        statements.add_statement(
            uow, family.moment.id, T.SAFETY_GOAL, {"pairs_with": "not-a-danger"}
        )
    assert bad.value.for_field("pairs_with")
    with pytest.raises(InvalidInput) as bad:
        statements.add_statement(
            uow, family.moment.id, T.BOTTOM_LINE, {"text": "x", "guards": ["nothing"]}
        )
    assert bad.value.for_field("guards")
    with pytest.raises(InvalidInput) as bad:
        statements.add_statement(uow, family.moment.id, T.BOTTOM_LINE, {"set_by": "team"})
    assert bad.value.for_field("text")


def test_next_moment_copies_statements_with_their_lineage_and_the_past_is_read_only(
    uow, family, case
) -> None:
    danger = _danger(uow, family)
    goal = _goal(uow, family, danger)
    later = moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value
    copies = statements.list_statements(uow, later.id)
    assert [(s.lineage, s.text) for s in copies] == [
        (danger.lineage, danger.text),
        (goal.lineage, goal.text),
    ]
    assert copies[1].pairs_with == danger.lineage
    assert {s.id for s in copies}.isdisjoint({danger.id, goal.id})

    with pytest.raises(ReadOnlyMoment):
        statements.update_statement(uow, danger.id, {"impact": "x"})
    with pytest.raises(ReadOnlyMoment):
        statements.remove_statement(uow, goal.id)
    with pytest.raises(ReadOnlyMoment):
        statements.add_statement(uow, family.moment.id, T.HARM, {"behaviour": "x"})
    # the copy changes; the original stays as it was
    statements.update_statement(uow, copies[0].id, {"impact": "bang wordt"})
    assert statements.list_statements(uow, family.moment.id)[0].text == danger.text


def test_undo_style_update_refuses_when_the_value_moved_on(uow, family) -> None:
    danger = _danger(uow, family)
    statements.update_statement(uow, danger.id, {"impact": "bang wordt"})
    from jeugdtool.errors import ConflictError

    with pytest.raises(ConflictError):
        statements.update_statement(
            uow, danger.id, {"impact": "gewond raakt"}, expected={"impact": "iets anders"}
        )
    statements.update_statement(
        uow,
        danger.id,
        {"who_worried": ["school"]},
        expected={"who_worried": ("Veilig Thuis", "school")},
    )


# ---- sentences -----------------------------------------------------------------------------------

CTX = StatementContext(names={1: "Noa", 2: "Daan"}, children=(1, 2), carers=("Sanne",))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            StatementParts(
                type=T.DANGER,
                who_worried=("Veilig Thuis",),
                behaviour="De moeder Noa en Daan 's avonds alleen thuis laat.",
                children=(1,),
                impact="iets overkomt zonder dat er een volwassene is",
            ),
            "Veilig Thuis is bezorgd dat de moeder Noa en Daan 's avonds alleen thuis laat. "
            "Als er niets verandert, zijn we bang dat Noa iets overkomt zonder dat er een "
            "volwassene is.",
        ),
        (
            StatementParts(
                type=T.DANGER,
                who_worried=("school", "de huisarts", "oma Ria"),
                behaviour="Sanne Noa vaak pas om elf uur naar school brengt",
            ),
            "School, de huisarts en oma Ria zijn bezorgd dat Sanne Noa vaak pas om elf uur naar "
            "school brengt.",
        ),
        (
            StatementParts(
                type=T.DANGER, behaviour="er thuis hard geschreeuwd wordt", impact="slecht slapen"
            ),
            "Er zijn zorgen dat er thuis hard geschreeuwd wordt. Als er niets verandert, zijn we "
            "bang dat de kinderen slecht slapen.",
        ),
        (
            StatementParts(
                type=T.HARM,
                behaviour="op 3 maart sloeg Mark Sanne terwijl Daan erbij was",
                children=(2,),
                impact="dat hij wekenlang niet durfde te slapen",
            ),
            "Op 3 maart sloeg Mark Sanne terwijl Daan erbij was; voor Daan betekende dit dat hij "
            "wekenlang niet durfde te slapen.",
        ),
        (
            StatementParts(
                type=T.SAFETY_GOAL,
                carers_will="elke ochtend zorgen dat Noa om half negen op school is",
                sustained_amount=3,
                sustained_unit="months",
            ),
            "Sanne zal elke ochtend zorgen dat Noa om half negen op school is. Dit moet 3 "
            "maanden zichtbaar zijn.",
        ),
        (StatementParts(type=T.DANGER), ""),
        (StatementParts(type=T.BOTTOM_LINE, text="Noa slaapt thuis  "), "Noa slaapt thuis."),
    ],
)
def test_dutch_sentences(parts: StatementParts, expected: str) -> None:
    assert sentence(parts, CTX, "nl") == expected


def test_english_sentence_follows_the_language() -> None:
    parts = StatementParts(
        type=T.DANGER,
        who_worried=("School",),
        behaviour="Noa often arrives late",
        children=(1,),
        impact="falls behind",
    )
    i18n.set_language("en")
    assert sentence(parts, CTX) == (
        "School is worried that Noa often arrives late. If nothing changes, we are afraid that "
        "Noa falls behind."
    )


text_or_junk = st.text(max_size=80) | st.sampled_from(["{x}", "{}", "  ", "\n\n", "%s", "nooit"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(list(T)),
    text=text_or_junk,
    who=st.lists(text_or_junk, max_size=4).map(tuple),
    child=st.none() | st.integers(-3, 5),
    pairs=st.none() | text_or_junk,
    language=st.sampled_from(["nl", "en", "de"]),
    guards=st.lists(text_or_junk, max_size=3).map(tuple),
)
def test_generator_and_checks_never_crash(kind, text, who, child, pairs, language, guards) -> None:
    parts = StatementParts(
        type=kind,
        who_worried=who,
        behaviour=text,
        example=text[::-1],
        impact=text,
        children=() if child is None else (child,),
        pairs_with=pairs,
        carers_will=text,
        child_will_experience=text,
        professionals_will_see=text,
        sustained_for=text,
        set_by=text,
        guards=guards,
        text=text,
    )
    for ctx in (
        StatementContext(),
        CTX,
        StatementContext(dangers=(("a", None),) * 5, paired=frozenset(), goals=frozenset()),
    ):
        assert isinstance(sentence(parts, ctx, language), str)
        hints = check_statement(parts, ctx)
        assert isinstance(hints, list)
        assert all(h.message for h in hints)
    assert isinstance(check_moment([parts] * 5), list)


# ---- writing hints ------------------------------------------------------------------------


def _codes(parts: StatementParts, ctx: StatementContext = EMPTY_CONTEXT) -> set[str]:
    return {h.code for h in check_statement(parts, ctx)}


GOOD_DANGER = dict(
    who_worried=("Veilig Thuis",),
    behaviour="Mark Sanne slaat als hij gedronken heeft",
    example="op 3 maart duwde hij Sanne tegen de kast",
    children=(1,),
    impact="gewond raakt",
)
GOOD_GOAL = dict(
    pairs_with="d1",
    carers_will="ruzies zonder geweld oplossen",
    child_will_experience="zich thuis veilig voelt",
    professionals_will_see="dat Noa uitgerust op school komt",
    sustained_amount=6,
    sustained_unit="months",
)
NO_PERIOD = dict(sustained_amount=None, sustained_unit=None)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # good Dutch: nothing to say
        (StatementParts(type=T.DANGER, **GOOD_DANGER), set()),
        (StatementParts(type=T.SAFETY_GOAL, **GOOD_GOAL), set()),
        (
            StatementParts(
                type=T.HARM,
                behaviour="Op 3 maart sloeg Mark Sanne waar Noa bij was",
                children=(1,),
                impact="dat ze niet meer durfde te slapen",
            ),
            set(),
        ),
        (
            StatementParts(
                type=T.BOTTOM_LINE,
                text="Mark is nooit dronken bij Noa",
                set_by="Veilig Thuis",
                guards=("g1",),
            ),
            set(),
        ),
        # a label instead of behaviour
        (
            StatementParts(type=T.DANGER, **{**GOOD_DANGER, "behaviour": "huiselijk geweld"}),
            {"label"},
        ),
        (
            StatementParts(
                type=T.DANGER, **{**GOOD_DANGER, "behaviour": "Er is sprake van verwaarlozing"}
            ),
            {"label"},
        ),
        (
            StatementParts(type=T.DANGER, **{**GOOD_DANGER, "behaviour": "Middelenmisbruik vader"}),
            {"label"},
        ),
        (
            StatementParts(
                type=T.HARM, behaviour="Kindermishandeling", children=(1,), impact="pijn"
            ),
            {"label"},
        ),
        # a label inside a concrete description is fine
        (
            StatementParts(
                type=T.DANGER,
                **{
                    **GOOD_DANGER,
                    "behaviour": "Mark slaat Sanne met de vlakke hand als Noa erbij is "
                    "(huiselijk geweld)",
                },
            ),
            set(),
        ),
        # missing parts
        (
            StatementParts(type=T.DANGER, behaviour="Mark slaat Sanne als hij gedronken heeft"),
            {"missing_who", "missing_child", "missing_impact"},
        ),
        (
            StatementParts(type=T.DANGER, who_worried=("school",), children=(1,), impact="x"),
            {"missing_behaviour"},
        ),
        (StatementParts(type=T.HARM), {"missing_behaviour", "missing_child", "missing_impact"}),
        # safety goals: positive wording, a duration, a pairing
        (
            StatementParts(type=T.SAFETY_GOAL, **{**GOOD_GOAL, "carers_will": "niet meer slaan"}),
            {"negative_wording"},
        ),
        (
            StatementParts(
                type=T.SAFETY_GOAL, **{**GOOD_GOAL, "carers_will": "stoppen met drinken"}
            ),
            {"negative_wording"},
        ),
        (
            StatementParts(
                type=T.SAFETY_GOAL, **{**GOOD_GOAL, "carers_will": "geen alcohol meer drinken"}
            ),
            {"negative_wording"},
        ),
        (
            StatementParts(
                type=T.SAFETY_GOAL,
                **{**GOOD_GOAL, "professionals_will_see": "dat Noa nooit te laat komt"},
            ),
            {"negative_wording"},
        ),
        (StatementParts(type=T.SAFETY_GOAL, **{**GOOD_GOAL, **NO_PERIOD}), {"no_duration"}),
        (
            StatementParts(
                type=T.SAFETY_GOAL, **{**GOOD_GOAL, **NO_PERIOD, "sustained_for": "een tijdje"}
            ),
            {"vague_duration"},
        ),
        (
            # an older text: the goal cannot be followed until a period is chosen
            StatementParts(
                type=T.SAFETY_GOAL, **{**GOOD_GOAL, **NO_PERIOD, "sustained_for": "tot de zomer"}
            ),
            {"period_as_text"},
        ),
        (
            StatementParts(type=T.SAFETY_GOAL, **{**GOOD_GOAL, "pairs_with": None}),
            {"unpaired_goal"},
        ),
        # bottom lines
        (
            StatementParts(type=T.BOTTOM_LINE, text="Noa slaapt thuis", set_by="team"),
            {"guards_nothing"},
        ),
        (StatementParts(type=T.BOTTOM_LINE, guards=("g1",)), {"missing_text", "missing_set_by"}),
    ],
)
def test_writing_hints(parts: StatementParts, expected: set[str]) -> None:
    assert _codes(parts) == expected


def test_label_hint_names_the_label_and_the_field() -> None:
    hints = check_statement(
        StatementParts(type=T.DANGER, **{**GOOD_DANGER, "behaviour": "Huiselijk geweld"})
    )
    assert [(h.code, h.field) for h in hints] == [("label", "behaviour")]
    assert "'huiselijk geweld'" in hints[0].message
    assert find_label("Mark slaat Sanne; de politie noemt het huiselijk geweld") is None


def test_hints_that_need_the_whole_moment(uow, family) -> None:
    dangers = [
        _danger(uow, family, behaviour=f"Mark doet iets anders, nummer {n}") for n in range(4)
    ]
    _goal(uow, family, dangers[0])
    ctx = statements.moment_context(uow, family.moment.id)
    listed = statements.list_statements(uow, family.moment.id)
    codes = {s.id: {h.code for h in check_statement(s, ctx)} for s in listed}
    assert codes[dangers[0].id] == set()
    assert codes[dangers[1].id] == {"no_safety_goal"}
    assert codes[dangers[3].id] == {"no_safety_goal", "too_many_dangers"}
    assert [h.code for h in check_moment(listed)] == ["too_many_dangers"]
    bottom = StatementParts(type=T.BOTTOM_LINE, text="x", set_by="y", guards=("gone",))
    assert _codes(bottom, ctx) == {"guards_unknown"}


def test_rules_load_from_resources() -> None:
    rules = load_rules()
    assert rules.max_dangers == 3
    assert {"nl", "en"} <= set(rules.templates)


# ---- several children, the new parts, who is worried --------------------------------------------


def _children_rows(uow, statement_id: int) -> list[tuple[int, int]]:
    from sqlalchemy import select

    from jeugdtool.framework.models import StatementChild

    with uow:
        rows = uow.session.scalars(
            select(StatementChild)
            .where(StatementChild.statement_id == statement_id)
            .order_by(StatementChild.position)
        )
        return [(r.person_id, r.position) for r in rows]


def test_a_statement_about_several_children(uow, family, case) -> None:
    daan = members.add_person(uow, case.id, {"first_name": "Daan", "role": "child"}).value
    danger = _danger(uow, family, children=[daan.id, family.noa.id, daan.id])
    assert danger.children == (daan.id, family.noa.id)
    assert _children_rows(uow, danger.id) == [(daan.id, 1), (family.noa.id, 2)]
    assert danger.text.endswith("zijn we bang dat zowel Daan als Noa gewond raakt.")
    goal = _goal(uow, family, danger)
    assert "zodat zowel Daan als Noa zich thuis veilig voelt" in goal.text

    changed = statements.update_statement(uow, danger.id, {"children": [family.noa.id]}).value
    assert changed.children == (family.noa.id,)
    assert _children_rows(uow, danger.id) == [(family.noa.id, 1)]
    with pytest.raises(ConflictError):
        statements.update_statement(
            uow, danger.id, {"children": []}, expected={"children": (daan.id,)}
        )
    none = statements.update_statement(
        uow, danger.id, {"children": []}, expected={"children": (family.noa.id,)}
    ).value
    assert none.children == () and _children_rows(uow, danger.id) == []


def test_children_of_another_household_are_refused(uow, family) -> None:
    from jeugdtool.cases import households

    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0099").value
    stranger = members.add_person(uow, other.id, {"first_name": "Tim", "role": "child"}).value
    with pytest.raises(InvalidInput) as caught:
        _danger(uow, family, children=[stranger.id])
    assert caught.value.problems[0].field == "children"
    with pytest.raises(InvalidInput):
        _danger(uow, family, children=["Noa"])


def test_a_new_moment_copies_the_children_and_undo_keeps_them(uow, family, case) -> None:
    daan = members.add_person(uow, case.id, {"first_name": "Daan", "role": "child"}).value
    danger = _danger(uow, family, children=[family.noa.id, daan.id])
    later = moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value
    (copy,) = [s for s in statements.list_statements(uow, later.id) if s.type is T.DANGER]
    assert copy.children == (family.noa.id, daan.id) and copy.id != danger.id
    assert _children_rows(uow, danger.id) == [(family.noa.id, 1), (daan.id, 2)]  # kept

    taken = statements.remove_statement(uow, copy.id).value
    assert _children_rows(uow, copy.id) == []
    back = statements.restore_statement(uow, taken).value
    assert back.children == (family.noa.id, daan.id)


def test_restoring_a_statement_whose_child_left_is_refused(uow, family, case) -> None:
    daan = members.add_person(uow, case.id, {"first_name": "Daan", "role": "child"}).value
    danger = _danger(uow, family, children=[daan.id])
    taken = statements.remove_statement(uow, danger.id).value
    members.remove_person(uow, daan.id)
    with pytest.raises(InvalidInput):
        statements.restore_statement(uow, taken)


def test_harm_has_an_incident_date_and_marks(uow, family) -> None:
    fields = {
        "behaviour": "Mark sloeg Noa met een riem",
        "children": [family.noa.id],
        "incident_on": dt.date(2026, 2, 14),
        "incident_marks": ["last", "first", "last"],
    }
    harm = statements.add_statement(uow, family.moment.id, T.HARM, fields).value
    assert harm.incident_on == dt.date(2026, 2, 14)
    assert harm.incident_marks == ("first", "last")  # the method's order
    with pytest.raises(InvalidInput):
        statements.update_statement(uow, harm.id, {"incident_marks": ["often"]})
    with pytest.raises(InvalidInput):
        statements.update_statement(
            uow, harm.id, {"incident_on": dt.date.today() + dt.timedelta(days=1)}
        )
    with pytest.raises(KeyError):  # not a part of a danger statement
        _danger(uow, family, incident_on=dt.date(2026, 2, 14))


def test_goal_names_who_will_and_its_period(uow, family) -> None:
    goal = _goal(
        uow,
        family,
        _danger(uow, family),
        who_will=["Sanne", "oma Ria", "sanne"],
        sustained_amount=1,
        sustained_unit="weeks",
    )
    assert goal.who_will == ("Sanne", "oma Ria")
    assert goal.text.startswith("Sanne en oma Ria zullen ruzies zonder geweld oplossen")
    assert goal.text.endswith("dit moet 1 week zichtbaar zijn.")
    with pytest.raises(InvalidInput) as caught:
        statements.update_statement(uow, goal.id, {"sustained_unit": None})
    assert caught.value.problems[0].field == "sustained_unit"
    for wrong in (0, 521, "drie", True):
        with pytest.raises(InvalidInput):
            statements.update_statement(uow, goal.id, {"sustained_amount": wrong})
    with pytest.raises(InvalidInput):
        statements.update_statement(uow, goal.id, {"sustained_unit": "days"})
    cleared = statements.update_statement(
        uow, goal.id, {"sustained_amount": None, "sustained_unit": None}
    ).value
    assert "zichtbaar" not in cleared.text


def test_worried_choices_name_family_network_team_and_consultant(uow, case) -> None:
    from sqlalchemy import select

    from jeugdtool.cases import staff
    from jeugdtool.cases.models import Consultant
    from jeugdtool.cases.models import Household

    with uow:
        uow.session.add_all([Consultant(name="A. de Boer"), Consultant(name="K. Visser")])
        uow.commit()
    with uow:
        boer, visser = uow.session.scalars(select(Consultant).order_by(Consultant.name)).all()
        uow.session.get(Household, case.id).case_manager_id = boer.id
        ids = boer.id, visser.id
        uow.commit()
    staff.add_coworker(uow, case.id, ids[1])
    for first, role in (("Noa", "child"), ("Sanne", "parent")):
        members.add_person(uow, case.id, {"first_name": first, "last_name": "Jansen", "role": role})
    members.add_network_member(uow, case.id, {"name": "Ria", "kind": "family", "relation": "oma"})
    members.add_network_member(
        uow,
        case.id,
        {"name": "Juf Els", "kind": "school", "organisation": "School De Linde"},
    )
    members.add_network_member(uow, case.id, {"name": "sanne jansen", "kind": "family"})
    assert statements.worried_choices(uow, case.id) == [
        "School De Linde",
        "Sanne Jansen",
        "Ria",
        "Juf Els",
        "A. de Boer",
        "K. Visser",
    ]


def test_the_history_names_the_child_a_statement_is_about(uow, family, case) -> None:
    from jeugdtool.cases import queries
    from jeugdtool.export.history_words import history_rows
    from jeugdtool.i18n import _

    danger = _danger(uow, family)
    statements.update_statement(uow, danger.id, {"children": []})
    entries = [e for e in queries.case_history(uow, case.id) if e.entity == "statement_child"]
    rows = history_rows(entries, {}, queries.get_case(uow, case.id))
    added, removed = (_("{entity} added: {name}"), _("{entity} removed: {name}"))
    entity = _("Child a statement is about")
    assert sorted(r.what for r in rows) == sorted(
        [
            added.format(entity=entity, name="Noa Jansen"),
            removed.format(entity=entity, name="Noa Jansen"),
        ]
    )
