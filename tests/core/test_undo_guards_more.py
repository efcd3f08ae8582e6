"""Undo's guards in the ZRM and meeting services: assessments (also as they go with a person),
imported files, meetings, participants, the agenda, the scale round and follow-ups. A stale
expectation is refused and changes nothing; a current one works."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import ConflictError
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.store.guards import comparable
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import definitions
from jeugdtool.zrm import library
from jeugdtool.zrm.models import ZrmAssessment

pytestmark = pytest.mark.both_backends

JAN = dt.date(2026, 1, 12)
DAY = dt.date(2026, 11, 12)


def descriptor_file(source: str = "GGD Amsterdam, licentie 2026-17") -> dict:
    """A licensed descriptor file for the shipped matrix (texts made up)."""
    matrix = definitions.builtin_matrices()[0]
    return {
        "format": definitions.DESCRIPTOR_FORMAT,
        "matrix": matrix.id,
        "version": matrix.version,
        "source": source,
        "descriptors": {
            code: {str(n): f"Criteria {code} niveau {n}" for n in definitions.LEVELS}
            for code in matrix.codes
        },
    }


@pytest.fixture
def colleague(db) -> UnitOfWork:
    return UnitOfWork(db, "M. Kaya")


@pytest.fixture
def mother(uow, case):
    fields = {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    return members.add_person(uow, case.id, fields).value


# ---- ZRM -----------------------------------------------------------------------------------


def test_removing_an_assessment_expects_it_with_its_domains(uow, colleague, mother) -> None:
    started = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    changed = za.set_domain(colleague, started.id, "financien", {"level": 2}).value
    with pytest.raises(ConflictError):
        za.remove_assessment(uow, started.id, expected=started)
    assert za.get_assessment(uow, started.id).level("financien") == 2
    removed = za.remove_assessment(uow, started.id, expected=changed).value
    # SQLite hands the freed id to the colleague's next assessment; the server does not, so
    # give it away on both.
    other = _assessment_of(colleague, mother, id=started.id)
    with pytest.raises(ConflictError):
        za.restore_assessment(uow, removed)
    assert [a.id for a in za.person_assessments(uow, mother.id)] == [other]


def test_a_renamed_person_is_no_change_to_their_assessment(uow, colleague, mother) -> None:
    started = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    members.update_person(colleague, mother.id, {"first_name": "Sandy"})
    za.remove_assessment(uow, started.id, expected=started)
    assert za.person_assessments(uow, mother.id) == ()


def test_a_person_goes_only_with_the_assessments_expected(uow, colleague, case, mother) -> None:
    started = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    seen = za.person_assessments(uow, mother.id)
    za.set_domain(colleague, started.id, "huisvesting", {"level": 4})
    guard = za.person_assessments_as_seen(mother.id, seen)
    with pytest.raises(ConflictError):
        members.remove_person(uow, mother.id, expected=mother, guard=guard)
    assert za.get_assessment(uow, started.id).level("huisvesting") == 4
    now = za.person_assessments_as_seen(mother.id, za.person_assessments(uow, mother.id))
    members.remove_person(uow, mother.id, expected=mother, guard=now)
    assert queries.get_case(uow, case.id).persons == ()


def test_a_person_is_not_put_back_when_an_assessments_id_was_taken(
    uow, colleague, case, mother
) -> None:
    started = za.create_assessment(uow, mother.id, assessed_on=JAN).value
    removed = members.remove_person(uow, mother.id).value
    father = members.add_person(colleague, case.id, {"first_name": "Kees", "role": "parent"})
    other = _assessment_of(colleague, father.value, id=started.id)
    with pytest.raises(ConflictError):  # the person and the assessment go back together
        members.restore_person(uow, removed)
    assert [p.first_name for p in queries.get_case(uow, case.id).persons] == ["Kees"]
    assert [a.id for a in za.list_assessments(uow, case.id)] == [other]


def _assessment_of(uow: UnitOfWork, person, *, id: int) -> int:
    """A colleague's assessment of `person` given the id `id` (as SQLite reuses a freed id)."""
    with uow:
        uow.session.add(
            ZrmAssessment(
                id=id,
                household_id=person.household_id,
                person_id=person.id,
                assessed_on=JAN,
                assessor="M. Kaya",
                matrix_id="zrm-2017",
                matrix_version="2017",
            )
        )
        uow.commit()
    return id


def test_an_import_is_removed_or_replaced_only_as_expected(uow, colleague) -> None:
    ours = library.import_document(uow, descriptor_file(), file_name="ons.json").value
    theirs = library.import_document(
        colleague, descriptor_file(source="Licentie 2027"), file_name="hun.json", replace=True
    ).value
    with pytest.raises(ConflictError):
        library.remove_import(uow, ours.id, expected=ours)  # replaced: ours is gone
    with pytest.raises(ConflictError):
        library.import_document(uow, descriptor_file(), replace=True, expected=ours)
    assert [i.file_name for i in library.list_imports(uow)] == ["hun.json"]
    back = library.import_document(
        uow, descriptor_file(), file_name="ons.json", replace=True, expected=theirs
    ).value
    library.remove_import(uow, back.id, expected=back)
    assert library.list_imports(uow) == ()


# ---- meetings ------------------------------------------------------------------------------


@pytest.fixture
def meeting(uow, case):
    detail = meetings.create_meeting(uow, {"held_on": DAY, "title": "Reflectie"}).value
    meetings.add_participant(uow, detail.meeting.id, {"name": "B. Visser"})
    return agenda.add_case(uow, detail.meeting.id, case.id, "Afschalen?").value


def _item(uow, meeting):
    return meetings.get_meeting(uow, meeting.meeting.id).items[0]


def test_removing_a_meeting_expects_all_of_it(uow, colleague, meeting) -> None:
    agenda.update_item(colleague, meeting.items[0].id, {"advice": "Afschalen"})
    with pytest.raises(ConflictError):
        meetings.remove_meeting(uow, meeting.meeting.id, expected=meeting)
    assert _item(uow, meeting).advice == "Afschalen"
    now = meetings.get_meeting(uow, meeting.meeting.id)
    removed = meetings.remove_meeting(uow, meeting.meeting.id, expected=now).value
    assert meetings.list_meetings(uow) == ()
    assert comparable(meetings.restore_meeting(uow, removed).value) == comparable(now)


def test_removing_a_participant_expects_them_as_last_seen(uow, colleague, meeting) -> None:
    visser = meeting.participants[0]
    changed = meetings.update_participant(colleague, visser.id, {"organisation": "Team Noord"})
    with pytest.raises(ConflictError):
        meetings.remove_participant(uow, visser.id, expected=visser)
    removed = meetings.remove_participant(uow, visser.id, expected=changed.value).value
    meetings.add_participant(colleague, meeting.meeting.id, {"name": "B. Visser"})
    with pytest.raises(ConflictError):  # added again meanwhile: not twice
        meetings.restore_participant(uow, removed)
    names = [p.name for p in meetings.get_meeting(uow, meeting.meeting.id).participants]
    assert names == ["B. Visser"]


def test_taking_a_case_off_expects_its_round_and_follow_ups(uow, colleague, case, meeting) -> None:
    item = meeting.items[0]
    agenda.add_follow_up(colleague, item.id, {"what": "Oma bellen"})
    with pytest.raises(ConflictError):
        agenda.remove_item(uow, item.id, expected=item)
    assert [f.what for f in _item(uow, meeting).follow_ups] == ["Oma bellen"]
    removed = agenda.remove_item(uow, item.id, expected=_item(uow, meeting)).value
    agenda.add_case(colleague, meeting.meeting.id, case.id)
    with pytest.raises(ConflictError):  # on the agenda again meanwhile: not twice
        agenda.restore(uow, removed)
    assert [f.what for f in _item(uow, meeting).follow_ups] == []


def test_a_follow_up_is_removed_only_as_expected(uow, colleague, meeting) -> None:
    follow_up = agenda.add_follow_up(uow, meeting.items[0].id, {"what": "Oma bellen"}).value
    changed = agenda.update_follow_up(colleague, follow_up.id, {"done": True}).value
    with pytest.raises(ConflictError):
        agenda.remove_follow_up(uow, follow_up.id, expected=follow_up)
    removed = agenda.remove_follow_up(uow, follow_up.id, expected=changed).value
    detail = agenda.restore(uow, removed).value  # the meeting as it is with it back
    assert comparable(detail.items[0].follow_ups) == comparable((changed,))


def test_a_round_score_changes_or_goes_only_as_expected(uow, colleague, meeting) -> None:
    item, visser = meeting.items[0], meeting.participants[0]
    nothing = {"score": None, "reason": None}
    agenda.record_score(uow, item.id, visser.id, 6, "Netwerk sterk", expected=nothing)
    with pytest.raises(ConflictError):  # a score exists by now
        agenda.record_score(uow, item.id, visser.id, 7, "Beter", expected=nothing)
    entry = _item(uow, meeting).round[0]
    agenda.record_score(colleague, item.id, visser.id, 5, "Toch zorgen")
    with pytest.raises(ConflictError):
        agenda.record_score(uow, item.id, visser.id, 7, "Beter", expected={"score": 6})
    with pytest.raises(ConflictError):
        agenda.remove_score(uow, entry.id, expected=entry)
    assert (_item(uow, meeting).round[0].score, _item(uow, meeting).round[0].reason) == (
        5,
        "Toch zorgen",
    )
    removed = agenda.remove_score(uow, entry.id, expected=_item(uow, meeting).round[0]).value
    agenda.record_score(colleague, item.id, visser.id, 8, "Opnieuw")
    with pytest.raises(ConflictError):  # scored again meanwhile: not twice
        agenda.restore(uow, removed)
    assert [e.score for e in _item(uow, meeting).round] == [8]


def test_an_agenda_item_moves_only_from_where_it_was_left(uow, colleague, meeting) -> None:
    other_case = meeting.items[0].household_id
    from jeugdtool.cases import households

    second = households.create_case(uow, name="Gezin Smit", case_number="2026-0031").value
    detail = agenda.add_case(uow, meeting.meeting.id, second.id).value
    first, last = detail.items
    agenda.move_item(colleague, last.id, 1)
    with pytest.raises(ConflictError):
        agenda.move_item(uow, last.id, 1, expected={"position": last.position})
    moved = agenda.move_item(uow, first.id, 1, expected={"position": 2}).value
    assert [i.household_id for i in moved.items] == [other_case, second.id]
