"""Rules that live once (issue 15): "this date lies before that one", the time of day as the
user reads it, and undo of a removal putting a row back in a list numbered 1, 2, 3 … again."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.outcomes import help_rules


def _explain(day: str, earlier: str) -> str:
    return f"{day} < {earlier}"


def test_not_before_passes_a_day_on_or_after_the_earlier_one() -> None:
    day = dt.date(2026, 3, 2)
    assert v.not_before("x", day, dt.date(2026, 3, 2), _explain) == day
    assert v.not_before("x", day, None, _explain) == day  # nothing to follow


def test_not_before_names_both_dates_as_the_user_reads_them() -> None:
    with pytest.raises(InvalidInput) as raised:
        v.not_before("ended_on", dt.date(2026, 3, 1), dt.date(2026, 3, 2), _explain)
    assert raised.value.for_field("ended_on") == ["01-03-2026 < 02-03-2026"]


def test_a_help_items_end_dates_are_checked_by_the_same_rule_together() -> None:
    values = {
        "starts_on": dt.date(2026, 3, 2),
        "planned_end": dt.date(2026, 3, 1),
        "ended_on": dt.date(2026, 2, 1),
    }
    with pytest.raises(InvalidInput) as raised:
        help_rules.check_item(values, {}, kind=False)
    fields = [p.field for p in raised.value.problems]
    assert fields == ["planned_end", "ended_on"]  # both found, raised once
    assert "01-02-2026" in raised.value.for_field("ended_on")[0]
    assert "02-03-2026" in raised.value.for_field("ended_on")[0]


def test_a_time_of_day_is_written_hh_mm() -> None:
    assert v.format_time_nl(dt.time(9, 5)) == "09:05"
    assert v.format_time_nl(dt.time(0, 0)) == "00:00"  # midnight is a time, not "no time"
    assert v.format_time_nl(None) == ""
    moment = dt.datetime(2026, 3, 2, 14, 30)  # naive: local time already
    assert v.format_datetime_nl(moment) == "02-03-2026 14:30"


@pytest.mark.both_backends
def test_a_restored_member_leaves_no_gap_in_the_numbering(uow, case) -> None:
    noa = members.add_person(uow, case.id, {"first_name": "Noa"}).value
    members.add_person(uow, case.id, {"first_name": "Daan"})
    sem = members.add_person(uow, case.id, {"first_name": "Sem"}).value
    gone_sem = members.remove_person(uow, sem.id).value  # it stood at 3
    members.remove_person(uow, noa.id)  # Daan moves up to 1: 3 is now past the end
    members.restore_person(uow, gone_sem)
    persons = queries.get_case(uow, case.id).persons
    assert [(p.first_name, p.position) for p in persons] == [("Daan", 1), ("Sem", 2)]


@pytest.mark.both_backends
def test_a_restored_participant_and_follow_up_leave_no_gap(uow, case) -> None:
    meeting = meetings.create_meeting(uow, {"held_on": dt.date(2026, 3, 2), "title": "RP"})
    meeting_id = meeting.value.meeting.id
    names = ("An", "Bo", "Cas")
    people = [meetings.add_participant(uow, meeting_id, {"name": n}).value for n in names]
    gone = meetings.remove_participant(uow, people[2].id).value
    meetings.remove_participant(uow, people[0].id)
    meetings.restore_participant(uow, gone)
    shown = meetings.get_meeting(uow, meeting_id).participants
    assert [(p.name, p.position) for p in shown] == [("Bo", 1), ("Cas", 2)]

    item = agenda.add_case(uow, meeting_id, case.id).value
    item_id = item.items[0].id
    whats = ("Bellen", "Mailen", "Langsgaan")
    ups = [agenda.add_follow_up(uow, item_id, {"what": w}).value for w in whats]
    gone_up = agenda.remove_follow_up(uow, ups[2].id).value
    agenda.remove_follow_up(uow, ups[0].id)
    detail = agenda.restore(uow, gone_up).value
    assert [(f.what, f.position) for f in detail.item(item_id).follow_ups] == [
        ("Mailen", 1),
        ("Langsgaan", 2),
    ]
