"""Reflective-practice meetings without Qt: lifecycle, agenda, the scale round as scale scores,
follow-ups on the case, search, remove and put back, and hiding names."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import scale
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import initials

pytestmark = pytest.mark.both_backends

DAY = dt.date(2026, 11, 12)


@pytest.fixture
def second_case(uow):
    return households.create_case(uow, name="Gezin Öztürk", case_number="2026-0031").value


@pytest.fixture
def meeting(uow, case, second_case):
    detail = meetings.create_meeting(uow, {"held_on": DAY, "title": "Reflectieve praktijk"}).value
    mid = detail.meeting.id
    for name, kind, org in (
        ("A. de Boer", "consultant", ""),
        ("B. Visser", "consultant", ""),
        ("Fatma Yıldız", "partner", "IB'er De Regenboog"),
    ):
        meetings.add_participant(uow, mid, {"name": name, "kind": kind, "organisation": org})
    agenda.add_case(uow, mid, case.id, "Is dit veilig genoeg om af te schalen?")
    return agenda.add_case(uow, mid, second_case.id, "Wat is de lichtste hulp die werkt?").value


def test_a_meeting_with_chair_participants_and_an_agenda(uow, meeting, case) -> None:
    m = meeting.meeting
    assert (m.held_on, m.title, m.chair, m.hide_names) == (
        DAY,
        "Reflectieve praktijk",
        "A. de Boer",
        False,
    )
    assert [p.name for p in meeting.participants] == ["A. de Boer", "B. Visser", "Fatma Yıldız"]
    assert [i.case_number for i in meeting.items] == ["2026-0012", "2026-0031"]
    assert meeting.items[0].question.startswith("Is dit veilig")
    with pytest.raises(InvalidInput):
        agenda.add_case(uow, m.id, case.id)  # already on the agenda
    with pytest.raises(InvalidInput):
        meetings.add_participant(uow, m.id, {"name": "B. Visser"})
    with pytest.raises(InvalidInput) as caught:
        meetings.add_participant(uow, m.id, {"name": "X", "kind": "boss"})
    assert caught.value.problems[0].field == "kind"
    moved = agenda.move_item(uow, meeting.items[1].id, 1).value
    assert [i.case_number for i in moved.items] == ["2026-0031", "2026-0012"]


def test_the_scale_round_becomes_scale_scores_of_the_case(uow, meeting, case) -> None:
    item = meeting.items[0]
    boer, visser, yildiz = meeting.participants
    agenda.record_score(uow, item.id, boer.id, 6, "Moeder belt als het misgaat.")
    agenda.record_score(uow, item.id, visser.id, 4, "Oma is niet altijd bereikbaar.")
    done = agenda.record_score(uow, item.id, yildiz.id, "7", "Noa komt uitgerust op school.")
    round_ = done.changes
    assert round_.touches("scale_score") and round_.touches_case(case.id)
    item = done.value.item(item.id)
    assert [(e.name, e.score) for e in item.round] == [
        ("A. de Boer", 6),
        ("B. Visser", 4),
        ("Fatma Yıldız", 7),
    ]
    assert (item.spread.low, item.spread.high, item.spread.median, item.spread.count) == (
        4,
        7,
        6,
        3,
    )
    scores = scale.list_scores(uow, case.id)
    assert len(scores) == 3
    assert all(
        s.role is RaterRole.COLLEAGUE
        and s.context is ScoreContext.REFLECTIVE_PRACTICE
        and s.scored_on == DAY
        for s in scores
    )
    # Scoring again corrects the earlier score rather than adding one.
    again = agenda.record_score(uow, item.id, visser.id, 5, "Na uitleg: oma is wel te bereiken.")
    assert [e.score for e in again.value.item(item.id).round] == [6, 5, 7]
    assert len(scale.list_scores(uow, case.id)) == 3
    with pytest.raises(InvalidInput):
        agenda.record_score(uow, item.id, boer.id, 11, "te hoog")
    with pytest.raises(InvalidInput):
        agenda.record_score(uow, item.id, boer.id, 5, "  ")  # the reason is required


def test_a_removed_participant_scoring_again_after_undo_is_one_score(uow, meeting) -> None:
    item = meeting.items[0]
    visser = meeting.participants[1]
    agenda.record_score(uow, item.id, visser.id, 4, "Oma is niet altijd bereikbaar.")
    gone = meetings.remove_participant(uow, visser.id).value
    back = meetings.restore_participant(uow, gone).value
    detail = agenda.record_score(uow, item.id, back.id, 5, "Toch wel.").value
    assert [(e.name, e.score) for e in detail.item(item.id).round] == [("B. Visser", 5)]


def test_a_participant_put_back_has_their_place_and_their_scores_again(uow, meeting) -> None:
    """Undo of removing a participant links the scores they gave to them again (the removal
    cleared the link), and they sit where they sat."""
    item = meeting.items[0]
    boer, visser, yildiz = meeting.participants
    agenda.record_score(uow, item.id, visser.id, 4, "Oma is niet altijd bereikbaar.")
    gone = meetings.remove_participant(uow, visser.id, expected=visser).value
    detail = meetings.get_meeting(uow, meeting.meeting.id)
    assert [(p.name, p.position) for p in detail.participants] == [
        ("A. de Boer", 1),
        ("Fatma Yıldız", 2),
    ]
    assert [e.participant_id for e in detail.item(item.id).round] == [None]
    back = meetings.restore_participant(uow, gone).value
    assert (back.id, back.position) == (visser.id, 2)
    detail = meetings.get_meeting(uow, meeting.meeting.id)
    assert [p.name for p in detail.participants] == ["A. de Boer", "B. Visser", "Fatma Yıldız"]
    assert [(e.participant_id, e.score) for e in detail.item(item.id).round] == [(visser.id, 4)]
    assert (boer.id, yildiz.id) == (detail.participants[0].id, detail.participants[2].id)


def test_notes_decisions_and_follow_ups_on_the_case(uow, meeting, case) -> None:
    item = meeting.items[0]
    detail = agenda.update_item(
        uow,
        item.id,
        {
            "advice": "Afschalen naar lichte ondersteuning.",
            "decisions": "Over zes weken opnieuw bespreken.",
            "cheapest_help": "Twee hulpverleners doen huisbezoeken; één is genoeg.",
        },
    ).value
    assert detail.item(item.id).cheapest_help.startswith("Twee hulpverleners")
    follow = agenda.add_follow_up(
        uow,
        item.id,
        {"what": "Netwerkberaad plannen", "owner": "B. Visser", "due_on": "01-12-2026"},
    ).value
    assert (follow.due_on, follow.household_id, follow.done) == (
        dt.date(2026, 12, 1),
        case.id,
        False,
    )
    assert agenda.case_follow_ups(uow, case.id) == (follow,)
    assert agenda.count_open_follow_ups(uow, case.id) == 1
    agenda.update_follow_up(uow, follow.id, {"done": True}, expected={"done": False})
    assert agenda.case_follow_ups(uow, case.id) == ()
    assert len(agenda.case_follow_ups(uow, case.id, open_only=False)) == 1
    with pytest.raises(InvalidInput):
        agenda.add_follow_up(uow, item.id, {"what": " "})
    (seen,) = agenda.case_meetings(uow, case.id)
    assert (seen.held_on, seen.advice) == (DAY, "Afschalen naar lichte ondersteuning.")


def test_search_finds_meetings_by_case_participant_and_question(uow, meeting) -> None:
    meetings.create_meeting(uow, {"held_on": dt.date(2026, 10, 1), "title": "Oktober"})
    assert [m.title for m in meetings.list_meetings(uow)] == ["Reflectieve praktijk", "Oktober"]
    for text in ("ozturk", "yildiz", "veilig genoeg", "2026-0012", "12-11-2026"):
        assert [m.title for m in meetings.list_meetings(uow, text)] == ["Reflectieve praktijk"], (
            text
        )
    assert meetings.list_meetings(uow, "niemand") == ()
    found = meetings.list_meetings(uow, "regenboog")[0]
    assert found.cases == ("2026-0012 Gezin Jansen", "2026-0031 Gezin Öztürk")
    assert found.participants == 3


def test_removing_a_meeting_and_putting_it_back_exactly(uow, meeting, case) -> None:
    item = meeting.items[0]
    agenda.record_score(uow, item.id, meeting.participants[0].id, 6, "Reden")
    agenda.add_follow_up(uow, item.id, {"what": "Bellen met school"})
    before = meetings.get_meeting(uow, meeting.meeting.id)
    snapshot = meetings.remove_meeting(uow, meeting.meeting.id).value
    assert meetings.list_meetings(uow) == ()
    assert scale.list_scores(uow, case.id) == ()  # the round's scores went with it
    back = meetings.restore_meeting(uow, snapshot).value
    assert back.participants == before.participants
    assert [(i.id, i.round, i.follow_ups, i.question) for i in back.items] == [
        (i.id, i.round, i.follow_ups, i.question) for i in before.items
    ]
    assert len(scale.list_scores(uow, case.id)) == 1


def test_removing_an_agenda_item_and_a_score_can_be_undone(uow, meeting, case) -> None:
    item = meeting.items[0]
    detail = agenda.record_score(uow, item.id, meeting.participants[0].id, 6, "Reden").value
    entry = detail.item(item.id).round[0]
    snap = agenda.remove_score(uow, entry.id).value
    assert meetings.get_meeting(uow, meeting.meeting.id).item(item.id).round == ()
    agenda.restore(uow, snap)
    assert meetings.get_meeting(uow, meeting.meeting.id).item(item.id).round == (entry,)
    snap = agenda.remove_item(uow, item.id).value
    assert len(meetings.get_meeting(uow, meeting.meeting.id).items) == 1
    agenda.restore(uow, snap)
    assert meetings.get_meeting(uow, meeting.meeting.id).item(item.id).round == (entry,)


def test_a_closed_case_takes_no_new_scores_or_follow_ups(uow, meeting, case) -> None:
    households.close_case(uow, case.id, reason="Afgerond", closed_on=dt.date.today())
    item = meeting.items[0]
    with pytest.raises(CaseClosed):
        agenda.record_score(uow, item.id, meeting.participants[0].id, 6, "Reden")
    with pytest.raises(CaseClosed):
        agenda.add_follow_up(uow, item.id, {"what": "Bellen"})


# ---- hiding names (pure) ---------------------------------------------------------------------


def test_initials() -> None:
    assert initials("Sandra Jansen") == "S.J."
    assert initials("Marga de Vries") == "M.d.V."
    assert initials("Łukasz Wiśniewski") == "Ł.W."
    assert initials("Jan-Peter Smit") == "J.P.S."
    assert initials("  ") == "?"


def test_a_mask_hides_full_first_and_last_names_in_free_text(uow, case) -> None:
    people = [
        Person("Sandra Jansen", "moeder"),
        Person("Ria Jansen", "oma"),
        Person("Ayşe Öztürk", "moeder"),
    ]
    mask = NameMask(people)
    text = "Sandra Jansen belt oma Ria; sandra en Ayşe Öztürk spreken af. Jansen-Smit? Sandrina."
    hidden = mask.text(text)
    for name in ("Sandra", "Jansen", "Ria", "Ayşe", "Öztürk"):
        assert name.casefold() not in hidden.casefold().replace("sandrina", ""), name
    assert hidden.startswith("S.J. belt oma R.;")
    assert "Sandrina" in hidden  # a longer word is not a name
    assert mask.label("Sandra Jansen") == "S.J. (moeder)"
    assert NameMask(people, enabled=False).text(text) == text
    assert members  # household members are the usual people to mask (used by the views)


def test_name_parts_that_are_ordinary_words_are_masked_only_as_names() -> None:
    mask = NameMask([Person("Erik van der Meer", "vader"), Person("Joke Bakker", "oma")])
    hidden = mask.text(
        "Erik van der Meer komt niet meer; Meer belt. De bakker bezorgt, Bakker niet."
    )
    assert hidden == "E.v.d.M. komt niet meer; M. belt. De bakker bezorgt, B. niet."
    assert mask.text("van der Meer") == "van der M."
    assert mask.text("ERIK") == "E."  # a real name part is masked however it is written
