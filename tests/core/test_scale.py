"""The scale: what 0 and 10 mean per case, scores by several raters, history and formal score."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import i18n
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import Statement
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

TODAY = dt.date.today()


def _score(**fields):
    base = {
        "score": 5,
        "reason": "Moeder belt als het misgaat.",
        "role": RaterRole.CONSULTANT,
        "scored_on": TODAY,
    }
    return {**base, **fields}


def _danger_statement(uow, case_id: int, text: str = "Vader slaat moeder waar Tim bij is") -> str:
    """A danger statement on the case's newest map (the statements service is not needed)."""
    moment = moments.latest_moment(uow, case_id)
    moment_id = (
        moment.moment.id
        if moment
        else moments.start_moment(uow, case_id, author="A. de Boer").value.id
    )
    with uow:
        row = Statement(
            moment_id=moment_id, household_id=case_id, type="danger", text=text, behaviour=text
        )
        uow.session.add(row)
        uow.flush()
        lineage = row.lineage
        uow.commit()
    return lineage


# ---- the wording of 0 and 10 -------------------------------------------------------------


def test_default_wording_depends_on_mode_and_language(uow, case) -> None:
    safety = scale.get_scale(uow, case.id)
    assert safety.zero.startswith("Er is zoveel gevaar dat de kinderen niet thuis kunnen blijven")
    assert "veilig zijn om de zaak te kunnen sluiten" in safety.ten
    assert safety.question == "Waar zijn we op een schaal van 0 tot 10?"
    assert not safety.is_custom

    wellbeing = households.create_case(uow, name="Gezin Kaya", mode="wellbeing").value
    sow = scale.get_scale(uow, wellbeing.id)
    assert "welzijn" in sow.zero and "ontwikkelen" in sow.ten
    assert "gevaar" not in sow.zero

    i18n.set_language("en")
    english = scale.get_scale(uow, case.id)
    assert english.zero.startswith("There is so much danger")
    assert english.question == "Where are we on a scale of 0 to 10?"
    assert "developing well" in scale.get_scale(uow, wellbeing.id).ten


def test_every_mode_has_every_text_in_both_languages() -> None:
    for mode in ("safety", "wellbeing"):
        for language in i18n.LANGUAGES:
            texts = scale.default_wording(mode, language)
            assert all(texts[k].strip() for k in ("question", "hint", "zero", "ten"))


def test_custom_wording_and_reset(uow, case) -> None:
    own = scale.set_scale_wording(uow, case.id, " Tim wordt geslagen ", "Tim is veilig thuis")
    assert own.changes.touches("case_scale") and own.changes.touches_case(case.id)
    assert (own.value.zero, own.value.ten) == ("Tim wordt geslagen", "Tim is veilig thuis")
    assert own.value.is_custom

    # Only one end reset: the other keeps the case's own wording.
    half = scale.set_scale_wording(uow, case.id, "", "Tim is veilig thuis").value
    assert half.zero == half.default_zero and half.custom_zero is None
    assert half.ten == "Tim is veilig thuis"

    reset = scale.set_scale_wording(uow, case.id, None, None).value
    assert not reset.is_custom
    assert (reset.zero, reset.ten) == (reset.default_zero, reset.default_ten)
    assert scale.get_scale(uow, case.id) == reset


def test_wording_undo_refuses_to_overwrite_a_later_change(uow, case) -> None:
    scale.set_scale_wording(uow, case.id, "A", "B")
    scale.set_scale_wording(uow, case.id, "C", "D")  # a colleague, meanwhile
    with pytest.raises(ConflictError):
        scale.set_scale_wording(uow, case.id, None, None, expected=("A", "B"))
    undone = scale.set_scale_wording(uow, case.id, None, None, expected=("C", "D")).value
    assert not undone.is_custom


def test_wording_length_is_limited(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        scale.set_scale_wording(uow, case.id, "x" * 1001, None)
    assert info.value.for_field("zero")


# ---- validation --------------------------------------------------------------------------


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=-1000, max_value=1000))
def test_only_whole_numbers_from_0_to_10_are_scores(value: int) -> None:
    if 0 <= value <= 10:
        assert scale.check_score(value) == value
        assert scale.check_score(f" {value} ") == value
    else:
        with pytest.raises(InvalidInput) as info:
            scale.check_score(value)
        assert info.value.for_field("score")


@pytest.mark.parametrize("value", [None, "", "zeven", 6.5, 7.0, True, "11", "-1"])
def test_not_a_score(value) -> None:
    with pytest.raises(InvalidInput) as info:
        scale.check_score(value)
    assert info.value.for_field("score")


def test_score_message_is_clear() -> None:
    i18n.set_language("en")
    with pytest.raises(InvalidInput) as info:
        scale.check_score(12)
    assert str(info.value) == "A scale score is a whole number from 0 to 10; '12' is not."
    with pytest.raises(InvalidInput) as info:
        scale.check_score(None)
    assert str(info.value) == "Choose a score from 0 to 10."


def test_every_problem_of_a_score_is_reported_at_once(uow, case) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as info:
        scale.add_score(uow, case.id, {"score": 11, "reason": "  ", "scored_on": tomorrow})
    assert {p.field for p in info.value.problems} == {"score", "reason", "scored_on"}
    assert "toekomst" in info.value.for_field("scored_on")[0]  # "ligt in de toekomst"
    assert scale.list_scores(uow, case.id) == ()


def test_reason_is_required_one_higher_is_not(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        scale.add_score(uow, case.id, {"score": 4, "scored_on": TODAY})
    assert info.value.for_field("reason")
    made = scale.add_score(uow, case.id, _score()).value
    assert made.one_higher == ""


def test_date_typed_the_dutch_way(uow, case) -> None:
    made = scale.add_score(uow, case.id, _score(scored_on="03-02-2026")).value
    assert made.scored_on == dt.date(2026, 2, 3)
    with pytest.raises(InvalidInput) as info:
        scale.add_score(uow, case.id, _score(scored_on="31-02-2026"))
    assert info.value.for_field("scored_on")


def test_about_must_be_a_danger_statement_of_the_case(uow, case) -> None:
    lineage = _danger_statement(uow, case.id)
    on_statement = scale.add_score(uow, case.id, _score(about=lineage)).value
    assert on_statement.about == lineage

    with pytest.raises(InvalidInput) as info:
        scale.add_score(uow, case.id, _score(about="0" * 32))
    assert info.value.for_field("about")

    other = households.create_case(uow, name="Gezin Ander").value
    with pytest.raises(InvalidInput):
        scale.add_score(uow, other.id, _score(about=lineage))  # another case's statement

    with uow:
        goal = Statement(
            moment_id=moments.latest_moment(uow, case.id).moment.id,
            household_id=case.id,
            type="safety_goal",
            carers_will="Vader gaat weg als hij boos wordt",
        )
        uow.session.add(goal)
        uow.flush()
        goal_lineage = goal.lineage
        uow.commit()
    with pytest.raises(InvalidInput):
        scale.add_score(uow, case.id, _score(about=goal_lineage))  # not a danger statement


def test_about_choices_list_the_danger_statements(uow, case) -> None:
    first = _danger_statement(uow, case.id, "Vader slaat moeder waar Tim bij is")
    second = _danger_statement(uow, case.id, "Moeder drinkt als ze alleen voor Tim zorgt " * 3)
    choices = scale.about_choices(uow, case.id)
    assert [c.lineage for c in choices] == [first, second]
    assert choices[0].label.endswith("Vader slaat moeder waar Tim bij is")
    assert len(choices[1].label) < 100 and choices[1].label.endswith("…")
    assert all(c.current for c in choices)


def test_source_is_checked_and_named(uow, case) -> None:
    mother = members.add_person(
        uow, case.id, {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    ).value
    by_mother = scale.add_score(
        uow,
        case.id,
        _score(source=Source(SourceKind.PERSON, person_id=mother.id), role=RaterRole.PARENT),
    ).value
    assert by_mother.source.label == "Sanne Jansen"
    # A consultant without a name is the one entering it.
    assert scale.add_score(uow, case.id, _score()).value.source.label == "A. de Boer"
    with pytest.raises(InvalidInput) as info:
        scale.add_score(uow, case.id, _score(source=Source(SourceKind.OTHER)))
    assert info.value.for_field("source")


# ---- changing ----------------------------------------------------------------------------


def test_add_update_remove_restore(uow, case) -> None:
    made = scale.add_score(uow, case.id, _score(one_higher="Vaste afspraken met oma"))
    assert made.changes.touches("scale_score") and made.changes.touches_case(case.id)
    dto = made.value
    changed = scale.update_score(
        uow, dto.id, {"score": 6, "context": ScoreContext.NETWORK_MEETING}, expected={"score": 5}
    ).value
    assert (changed.score, changed.context) == (6, ScoreContext.NETWORK_MEETING)
    with pytest.raises(ConflictError):
        scale.update_score(uow, dto.id, {"score": 5}, expected={"score": 5})
    with pytest.raises(InvalidInput):
        scale.update_score(uow, dto.id, {"score": 11})

    removed = scale.remove_score(uow, dto.id).value
    assert scale.list_scores(uow, case.id) == ()
    back = scale.restore_score(uow, removed).value
    assert back.id == dto.id
    assert (back.score, back.one_higher) == (6, "Vaste afspraken met oma")


def test_update_guards_the_source_against_later_changes(uow, case) -> None:
    dto = scale.add_score(uow, case.id, _score()).value
    other = Source(SourceKind.OTHER, label="Oma Ria")
    scale.update_score(uow, dto.id, {"source": other}, expected={"source": dto.source})
    with pytest.raises(ConflictError):
        scale.update_score(uow, dto.id, {"source": other}, expected={"source": dto.source})


# ---- reading -----------------------------------------------------------------------------


def _history_case(uow, case_id: int) -> None:
    d = dt.date
    entries = [
        (d(2026, 1, 5), "A. de Boer", RaterRole.CASE_MANAGER, 3),
        (d(2026, 1, 5), "Sanne", RaterRole.PARENT, 6),
        (d(2026, 2, 9), "sanne ", RaterRole.PARENT, 7),  # the same rater, typed differently
        (d(2026, 2, 9), "A. de Boer", RaterRole.CASE_MANAGER, 4),
        (d(2026, 1, 20), "Oma Ria", RaterRole.NETWORK, 5),
        (d(2026, 3, 2), "A. de Boer", RaterRole.CONSULTANT, 6),  # another role: another line
    ]
    for day, who, role, score in entries:
        scale.add_score(
            uow,
            case_id,
            _score(
                scored_on=day,
                source=Source(SourceKind.OTHER, label=who),
                role=role,
                score=score,
                reason=f"{who} op {day}",
            ),
        )


def test_scores_are_listed_by_date(uow, case) -> None:
    _history_case(uow, case.id)
    days = [s.scored_on for s in scale.list_scores(uow, case.id)]
    assert days == sorted(days) and len(days) == 6


def test_history_has_one_series_per_rater(uow, case) -> None:
    _history_case(uow, case.id)
    history = scale.score_history(uow, case.id)
    names = [s.rater for s in history.series]
    assert [(r.label, r.role) for r in names] == [
        ("A. de Boer", RaterRole.CASE_MANAGER),
        ("sanne", RaterRole.PARENT),
        ("Oma Ria", RaterRole.NETWORK),
        ("A. de Boer", RaterRole.CONSULTANT),
    ]
    parent = history.series[1]
    assert [(p.scored_on.month, p.score) for p in parent.points] == [(1, 6), (2, 7)]
    assert parent.points[1].reason == "sanne  op 2026-02-09"
    assert [s.formal for s in history.series] == [True, False, False, False]
    assert history.date_range() == (dt.date(2026, 1, 5), dt.date(2026, 3, 2))


def test_history_and_list_can_be_about_one_statement(uow, case) -> None:
    _history_case(uow, case.id)
    lineage = _danger_statement(uow, case.id)
    scale.add_score(uow, case.id, _score(about=lineage, score=2))
    assert len(scale.list_scores(uow, case.id)) == 7
    assert len(scale.list_scores(uow, case.id, about=None)) == 6
    assert [s.score for s in scale.list_scores(uow, case.id, about=lineage)] == [2]
    on_statement = scale.score_history(uow, case.id, about=lineage)
    assert [len(s.points) for s in on_statement.series] == [1]
    assert sum(len(s.points) for s in scale.score_history(uow, case.id).series) == 6


def test_formal_score_is_the_case_managers_newest(uow, case) -> None:
    assert scale.formal_score(uow, case.id) is None
    _history_case(uow, case.id)
    formal = scale.formal_score(uow, case.id)
    assert formal is not None
    assert (formal.score, formal.scored_on) == (4, dt.date(2026, 2, 9))
    # An older date entered later does not replace the newest judgement.
    scale.add_score(
        uow,
        case.id,
        _score(scored_on=dt.date(2026, 1, 1), role=RaterRole.CASE_MANAGER, score=1),
    )
    assert scale.formal_score(uow, case.id).score == 4


def _round(uow, case_id: int):
    """A meeting with B. Visser, the case on its agenda; returns (meeting id, item id, person)."""
    detail = meetings.create_meeting(uow, {"held_on": TODAY, "title": "Reflectieve praktijk"})
    meeting_id = detail.value.meeting.id
    visser = meetings.add_participant(uow, meeting_id, {"name": "B. Visser"}).value
    item = agenda.add_case(uow, meeting_id, case_id, "Veilig genoeg?").value.items[0]
    return meeting_id, item.id, visser


@pytest.mark.both_backends
def test_undo_of_removing_a_round_score_puts_it_back_in_the_round(uow, case) -> None:
    meeting_id, item_id, visser = _round(uow, case.id)
    agenda.record_score(uow, item_id, visser.id, 6, "Oma helpt elke dag")
    (score,) = scale.list_scores(uow, case.id)
    removed = scale.remove_score(uow, score.id, expected=score).value
    assert meetings.get_meeting(uow, meeting_id).item(item_id).round == ()
    back = scale.restore_score(uow, removed).value
    assert (back.id, back.score, back.reason) == (score.id, 6, "Oma helpt elke dag")
    # Before, the score came back without its place in the meeting's round.
    (entry,) = meetings.get_meeting(uow, meeting_id).item(item_id).round
    assert (entry.score_id, entry.participant_id, entry.score) == (score.id, visser.id, 6)


@pytest.mark.both_backends
def test_a_round_score_is_not_put_back_when_its_place_was_taken(uow, case) -> None:
    meeting_id, item_id, visser = _round(uow, case.id)
    agenda.record_score(uow, item_id, visser.id, 6, "Oma helpt elke dag")
    (score,) = scale.list_scores(uow, case.id)
    removed = scale.remove_score(uow, score.id).value
    agenda.record_score(uow, item_id, visser.id, 4, "Oma is ziek")  # scored again meanwhile
    with pytest.raises(ConflictError):
        scale.restore_score(uow, removed)
    assert [e.score for e in meetings.get_meeting(uow, meeting_id).item(item_id).round] == [4]
    assert [s.score for s in scale.list_scores(uow, case.id)] == [4]


def test_a_score_is_not_put_back_when_its_rater_left_the_case(uow, case) -> None:
    sanne = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    source = Source(SourceKind.PERSON, person_id=sanne.id)
    score = scale.add_score(uow, case.id, _score(source=source, role=RaterRole.PARENT)).value
    removed = scale.remove_score(uow, score.id).value
    members.remove_person(uow, sanne.id)
    with pytest.raises(InvalidInput) as refused:
        scale.restore_score(uow, removed)
    assert refused.value.for_field("source")
    assert scale.list_scores(uow, case.id) == ()
