"""The meetings in a case file: export, import (joining a meeting already in the database), the
round as the file's scale scores, checks at their JSON paths, and the demo meeting."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.cases import queries
from jeugdtool.errors import InvalidInput
from jeugdtool.export import meeting_parts
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import load_demo
from jeugdtool.export.dossier_parts import PARTS as DOSSIER_PARTS
from jeugdtool.framework import scale
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.meetings.models import Meeting
from jeugdtool.store.uow import UnitOfWork

DAY = dt.date(2026, 10, 15)


def _demo(name: str) -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _without(doc: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in keys}


def _count_meetings(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Meeting)) or 0


@pytest.fixture
def discussed(uow: UnitOfWork, case: Any) -> Any:
    """A meeting about `case` with a round of three, follow-ups, and a participant who scored
    and was removed afterwards."""
    detail = meetings.create_meeting(
        uow, {"held_on": DAY, "title": "Reflectieve praktijk Noord", "hide_names": True}
    ).value
    mid = detail.meeting.id
    people = [
        ("A. de Boer", "consultant", "Wijkteam Noord"),
        ("J. Visser", "consultant", ""),
        ("H. Schouten", "partner", "Veilig Thuis"),
    ]
    for name, kind, org in people:
        meetings.add_participant(uow, mid, {"name": name, "kind": kind, "organisation": org})
    detail = agenda.add_case(uow, mid, case.id, "Is dit veilig genoeg om af te schalen?").value
    item = detail.items[0]
    boer, visser, schouten = detail.participants
    agenda.record_score(uow, item.id, boer.id, 6, "Moeder belt oma als het misgaat.")
    agenda.record_score(uow, item.id, schouten.id, 3, "Te kort om te zien of het blijft.")
    agenda.record_score(uow, item.id, visser.id, 5, "Het netwerk is dichtbij.")
    meetings.remove_participant(uow, visser.id)
    agenda.update_item(
        uow, item.id, {"advice": "Houd Veilig Thuis betrokken.", "decisions": "Plan blijft."}
    )
    agenda.add_follow_up(
        uow, item.id, {"what": "Noa apart spreken.", "owner": "A. de Boer", "due_on": DAY}
    )
    done = agenda.add_follow_up(uow, item.id, {"what": "School bellen."}).value
    agenda.update_follow_up(uow, done.id, {"done": True})
    # A score outside the meeting, so the round's ids are not simply the first ones.
    scale.add_score(
        uow,
        case.id,
        {"score": 4, "reason": "Eigen inschatting.", "scored_on": dt.date(2026, 10, 1)},
    )
    return meetings.get_meeting(uow, mid)


# ---------------------------------------------------------------- export


def test_the_file_carries_the_meeting_and_this_cases_agenda_item(
    uow: UnitOfWork, case: Any, discussed: Any
) -> None:
    doc = export_case(uow, case.id)
    [meeting] = doc["meetings"]
    assert (meeting["date"], meeting["title"], meeting["chair"], meeting["hide_names"]) == (
        "2026-10-15",
        "Reflectieve praktijk Noord",
        "A. de Boer",
        True,
    )
    assert meeting["participants"] == [
        {"name": "A. de Boer", "kind": "consultant", "organisation": "Wijkteam Noord"},
        {"name": "H. Schouten", "kind": "partner", "organisation": "Veilig Thuis"},
    ]
    assert meeting["question"] == "Is dit veilig genoeg om af te schalen?"
    assert (meeting["advice"], meeting["decisions"]) == (
        "Houd Veilig Thuis betrokken.",
        "Plan blijft.",
    )
    scores = {s["id"]: s for s in doc["scale"]["scores"]}
    given = [(r["participant"], scores[r["score"]]) for r in meeting["round"]]
    # The removed participant's score stays, under the name it was given with.
    assert [(who, s["rater"]["label"], s["score"]) for who, s in given] == [
        ("A. de Boer", "A. de Boer", 6),
        ("H. Schouten", "H. Schouten", 3),
        (None, "J. Visser", 5),
    ]
    assert {(s["role"], s["context"]) for _who, s in given} == {
        ("colleague", "reflective_practice")
    }
    assert len(doc["scale"]["scores"]) == 4  # each score once: the round refers to them
    assert meeting["follow_ups"] == [
        {
            "what": "Noa apart spreken.",
            "owner": "A. de Boer",
            "due_on": "2026-10-15",
            "done": False,
        },
        {"what": "School bellen.", "owner": "", "due_on": None, "done": True},
    ]
    assert validate_case_document(doc) == []


def test_a_case_never_discussed_has_no_meetings(uow: UnitOfWork, case: Any) -> None:
    assert export_case(uow, case.id)["meetings"] == []


# ---------------------------------------------------------------- import


def test_export_import_export_is_identical_and_joins_the_same_meeting(
    uow: UnitOfWork, case: Any, discussed: Any
) -> None:
    doc = export_case(uow, case.id)
    copy_ = import_case(uow, doc, as_new=True).value
    again = export_case(uow, copy_.id)
    expected = _without(doc, "exported_at")
    expected["household"] = {**doc["household"], "case_number": copy_.case_number}
    assert _without(again, "exported_at") == expected
    # Same date, title and chair: the same meeting, now with both cases on its agenda.
    assert _count_meetings(uow) == 1
    detail = meetings.get_meeting(uow, discussed.meeting.id)
    assert [i.case_number for i in detail.items] == ["2026-0012", copy_.case_number]
    assert [p.name for p in detail.participants] == ["A. de Boer", "H. Schouten"]
    imported = detail.items[1]
    assert [(e.name, e.score) for e in imported.round] == [
        ("A. de Boer", 6),
        ("H. Schouten", 3),
        ("J. Visser", 5),
    ]
    assert [f.what for f in agenda.case_follow_ups(uow, copy_.id)] == ["Noa apart spreken."]
    scores = scale.list_scores(uow, copy_.id)
    colleagues = [s for s in scores if s.role is RaterRole.COLLEAGUE]
    assert len(scores) == 4 and len(colleagues) == 3
    assert all(s.context is ScoreContext.REFLECTIVE_PRACTICE for s in colleagues)


def test_importing_adds_the_missing_participants_to_a_meeting_already_there(
    uow: UnitOfWork, case: Any, discussed: Any
) -> None:
    doc = export_case(uow, case.id)
    doc["meetings"][0]["participants"].append(
        {"name": "I. Postma", "kind": "partner", "organisation": "Consultatiebureau"}
    )
    doc["meetings"][0]["participants"][0]["organisation"] = "elders"
    copy_ = import_case(uow, doc, as_new=True).value
    detail = meetings.get_meeting(uow, discussed.meeting.id)
    assert [(p.name, p.organisation) for p in detail.participants] == [
        ("A. de Boer", "Wijkteam Noord"),  # already there: the database's data stays
        ("H. Schouten", "Veilig Thuis"),
        ("I. Postma", "Consultatiebureau"),
    ]
    assert meetings.get_meeting(uow, discussed.meeting.id).items[1].household_id == copy_.id


def test_another_title_is_another_meeting(uow: UnitOfWork, case: Any, discussed: Any) -> None:
    doc = export_case(uow, case.id)
    doc["meetings"][0]["title"] = "Reflectieve praktijk Zuid"
    copy_ = import_case(uow, doc, as_new=True).value
    assert _count_meetings(uow) == 2
    [found] = agenda.case_meetings(uow, copy_.id)
    assert found.title == "Reflectieve praktijk Zuid"
    assert meetings.get_meeting(uow, found.meeting_id).meeting.hide_names is True


def test_a_file_from_before_meetings_still_imports(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    del doc["meetings"]
    for part in DOSSIER_PARTS:  # nor the dossier, which names scores by their ids
        del doc[part]
    for part in ("network_meetings", "goal_judgements"):  # nor network meetings
        del doc[part]
    for plan in doc["plans"]:
        for review in plan["reviews"]:
            del review["network_meeting"]
    for score in doc["scale"]["scores"]:
        del score["id"]
        del score["network_meeting"]
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    assert agenda.case_meetings(uow, case.id) == ()
    assert export_case(uow, case.id)["meetings"] == []


# ---------------------------------------------------------------- checks


def _problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in validate_case_document(doc)]


def test_every_problem_is_reported_at_its_path() -> None:
    doc = _demo("05-ozturk.json")
    meeting = doc["meetings"][0]
    meeting["participants"][2]["name"] = "A. de Boer"
    meeting["round"][1]["participant"] = "Fatma Çelik"
    meeting["round"][2]["score"] = meeting["round"][0]["score"]
    meeting["round"][3]["score"] = "c99"
    doc["scale"]["scores"][1]["id"] = doc["scale"]["scores"][0]["id"]
    doc["meetings"].append({**copy.deepcopy(meeting), "round": []})
    problems = _problems(doc)
    fields = [field for field, _message in problems]
    assert fields == [
        "scale.scores[1].id",
        "meetings[0].participants[2].name",
        "meetings[0].round[1].participant",
        "meetings[0].round[2].score",
        "meetings[0].round[3].score",
        "meetings[1].date",
        "meetings[1].participants[2].name",
    ]
    messages = dict(problems)
    # Each message names what is wrong and where the other one is.
    assert "scale.scores[0].id" in messages["scale.scores[1].id"]
    assert "meetings[0].participants[1].name" in messages["meetings[0].participants[2].name"]
    assert "Fatma Çelik" in messages["meetings[0].round[1].participant"]
    assert "meetings[0].round[0].score" in messages["meetings[0].round[2].score"]
    assert "'c99'" in messages["meetings[0].round[3].score"]
    assert "meetings[0]" in messages["meetings[1].date"]


def test_the_schema_shapes_are_reported_in_words() -> None:
    doc = _demo("02-bakker.json")
    meeting = doc["meetings"][0]
    meeting["participants"][3]["kind"] = "boss"
    meeting["follow_ups"][0]["what"] = "  "
    meeting["follow_ups"][1]["due_on"] = "2026-02-30"
    meeting["round"][0]["score"] = "s1"
    meeting["hide_names"] = "ja"
    del meeting["question"]
    fields = [field for field, _message in _problems(doc)]
    assert fields == [
        "meetings[0].hide_names",
        "meetings[0].participants[3].kind",
        "meetings[0].round[0].score",
        "meetings[0].follow_ups[0].what",
        "meetings[0].follow_ups[1].due_on",
        "meetings[0].question",
    ]


def test_a_bad_meeting_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo("02-bakker.json")
    doc["meetings"][0]["round"][0]["participant"] = "Iemand Anders"
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    assert [p.field for p in caught.value.problems] == ["meetings[0].round[0].participant"]
    assert _count_meetings(uow) == 0
    assert queries.list_case_summaries(uow) == []


def test_an_error_in_the_last_step_leaves_no_meeting_and_no_case(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_row(**fields: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(meeting_parts, "FollowUp", broken_row)
    with pytest.raises(RuntimeError):
        import_case(uow, _demo("02-bakker.json"))
    assert _count_meetings(uow) == 0
    assert queries.list_case_summaries(uow) == []


# ---------------------------------------------------------------- the demo meeting


def test_the_demo_has_one_meeting_about_two_households(uow: UnitOfWork) -> None:
    loaded = {c.case_number: c for c in load_demo(uow).value}
    assert _count_meetings(uow) == 1
    [summary] = meetings.list_meetings(uow)
    detail = meetings.get_meeting(uow, summary.id)
    assert (detail.meeting.held_on, detail.meeting.chair) == (DAY, "M. Kaya")
    assert detail.meeting.hide_names
    kinds = [p.kind for p in detail.participants]
    assert kinds.count("consultant") == 3 and kinds.count("partner") == 1
    assert [i.case_number for i in detail.items] == ["2026-0002", "2026-0005"]
    for item in detail.items:
        assert item.question.endswith("?")
        assert 3 <= len(item.round) <= 4 and all(e.reason for e in item.round)
        assert item.advice and item.decisions and item.cheapest_help
        assert sorted(f.done for f in item.follow_ups) == [False, True]
        assert all(f.due_on for f in item.follow_ups)
    for number in ("2026-0002", "2026-0005"):
        [found] = agenda.case_meetings(uow, loaded[number].id)
        assert found.meeting_id == summary.id
        assert len(agenda.case_follow_ups(uow, loaded[number].id)) == 1
