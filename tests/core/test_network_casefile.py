"""Network meetings, goal judgements, plan approvals and the closing's network plan in a case
file: export, import, older files and the checks beyond the schema."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import select

from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import demo_files
from jeugdtool.export.dossier_parts import without_working_notes
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanApprovalComment
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.store.uow import UnitOfWork


def _demo(name: str) -> dict[str, Any]:
    path = next(p for p in demo_files() if p.name == name)
    return copy.deepcopy(read_case_file(path))


def _import(uow: UnitOfWork, doc: dict[str, Any]) -> int:
    uow = UnitOfWork(uow.database, doc["household"]["case_manager"])
    return import_case(uow, doc).value.id


def _fields(doc: dict[str, Any]) -> list[str]:
    return [p.field for p in validate_case_document(doc)]


def test_the_meeting_and_what_was_given_in_it_are_linked(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    case_id = _import(uow, doc)
    with uow:
        session = uow.session
        meeting = session.scalars(
            select(NetworkMeeting).where(NetworkMeeting.household_id == case_id)
        ).one()
        attendees = session.scalars(
            select(NetworkMeetingAttendee).where(NetworkMeetingAttendee.meeting_id == meeting.id)
        ).all()
        round_ = session.scalars(
            select(ScaleScore).where(ScaleScore.network_meeting_id == meeting.id)
        ).all()
        reviews = session.scalars(
            select(PlanReview).where(PlanReview.network_meeting_id == meeting.id)
        ).all()
        judgements = session.scalars(
            select(GoalJudgement)
            .where(GoalJudgement.household_id == case_id)
            .order_by(GoalJudgement.judged_on, GoalJudgement.id)
        ).all()
        in_file = doc["network_meetings"][0]
        assert meeting.held_on == dt.date.fromisoformat(in_file["date"])
        assert meeting.journal_entry_id is not None and meeting.plan_version_id is not None
        assert [a.source_label for a in attendees] == [
            a["who"]["label"] for a in in_file["attendees"]
        ]
        assert sum(a.chaired for a in attendees) == 1
        given = [s for s in doc["scale"]["scores"] if s["network_meeting"] == "nm1"]
        assert len(round_) == len(given) >= 2
        assert len(reviews) == 1
        at_meeting = [j for j in judgements if j.network_meeting_id == meeting.id]
        assert at_meeting and all(j.review_id == reviews[0].id for j in at_meeting)
        assert len(judgements) == len(doc["goal_judgements"])
        assert all(j.review_id is not None for j in judgements)


def test_approvals_and_comments_come_back(uow: UnitOfWork) -> None:
    doc = _demo("03-meijer.json")
    case_id = _import(uow, doc)
    with uow:
        approvals = uow.session.scalars(
            select(PlanApproval)
            .where(PlanApproval.household_id == case_id)
            .order_by(PlanApproval.submitted_on)
        ).all()
        assert [a.state for a in approvals] == ["returned", "approved"]
        comments = uow.session.scalars(
            select(PlanApprovalComment).order_by(PlanApprovalComment.position)
        ).all()
        assert [c.target_kind for c in comments] == ["agreement", "statement", "plan"]
        lineages = set(uow.session.scalars(select(Agreement.lineage)))
        assert comments[0].target_key in lineages  # the fresh lineage of the file's A4
        assert comments[2].target_key == ""
    again = export_case(uow, case_id)
    assert [p["approvals"] for p in again["plans"]] == [p["approvals"] for p in doc["plans"]]


def test_the_demo_has_a_plan_waiting_and_one_returned() -> None:
    states = {}
    for path in demo_files():
        doc = read_case_file(path)
        for plan in doc["plans"]:
            for approval in plan["approvals"]:
                states.setdefault(approval["state"], []).append(doc["household"]["case_number"])
    assert len(states["submitted"]) == 1
    assert states["returned"] and len(states["approved"]) >= 3
    returned = next(
        a
        for p in _demo("03-meijer.json")["plans"]
        for a in p["approvals"]
        if a["state"] == "returned"
    )
    assert returned["comments"]


def test_an_older_file_without_the_new_parts_imports(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    del doc["network_meetings"], doc["goal_judgements"]
    for plan in doc["plans"]:
        del plan["approvals"]
        for review in plan["reviews"]:
            del review["id"], review["network_meeting"]
    for score in doc["scale"]["scores"]:
        del score["network_meeting"]
    assert validate_case_document(doc) == []
    exported = export_case(uow, _import(uow, doc))
    assert exported["network_meetings"] == [] and exported["goal_judgements"] == []
    assert all(p["approvals"] == [] for p in exported["plans"])
    assert all(s["network_meeting"] is None for s in exported["scale"]["scores"])
    meijer = _demo("03-meijer.json")
    for closing in meijer["closings"]:
        del closing["network_keeps"], closing["whom_to_call"]
    closings = export_case(uow, _import(uow, meijer))["closings"]
    assert [(c["network_keeps"], c["whom_to_call"]) for c in closings] == [("", [])]


def test_the_network_plan_of_a_closing_comes_back(uow: UnitOfWork) -> None:
    doc = _demo("03-meijer.json")
    doc["closings"][0]["network_keeps"] = "Oma Annie haalt de kinderen op woensdag."
    doc["closings"][0]["whom_to_call"] = ["Annie Meijer, 06-12345678, als het misgaat"]
    closing = export_case(uow, _import(uow, doc))["closings"][0]
    assert closing["network_keeps"] == doc["closings"][0]["network_keeps"]
    assert closing["whom_to_call"] == doc["closings"][0]["whom_to_call"]


def test_broken_references_are_reported_at_their_place() -> None:
    doc = _demo("01-jansen.json")
    meeting = doc["network_meetings"][0]
    meeting["plan_version"] = 9
    meeting["journal_entry"] = "j99"
    meeting["shared"].append("S99")
    meeting["attendees"][0]["chaired"] = True  # a second chair
    doc["scale"]["scores"][0]["network_meeting"] = "nm7"
    doc["plans"][0]["reviews"][0]["network_meeting"] = "nm2"
    judgement = doc["goal_judgements"][0]
    judgement.update(review="r99", seen_since="2026-12-01")
    doc["goal_judgements"][1]["goal"] = "S2"  # a danger statement
    doc["goal_judgements"][-1]["network_meeting"] = "nm3"
    assert _fields(doc) == [
        "scale.scores[0].network_meeting",
        "plans[0].reviews[0].network_meeting",
        "network_meetings[0].plan_version",
        "network_meetings[0].attendees[2].chaired",
        "network_meetings[0].shared[4]",
        "network_meetings[0].journal_entry",
        "goal_judgements[0].seen_since",
        "goal_judgements[0].review",
        "goal_judgements[1].goal",
        "goal_judgements[3].network_meeting",
    ]


def test_an_approval_holds_what_its_state_says() -> None:
    doc = _demo("03-meijer.json")
    returned, approved = doc["plans"][0]["approvals"][0], doc["plans"][1]["approvals"][0]
    returned.update(comments=[], decision_note="", re_review_on="2026-07-01")
    approved.update(state="submitted")  # still carries its decision
    doc["plans"][1]["approvals"].append({**approved, "decided_on": None, "decided_by": ""})
    doc["plans"][1]["approvals"][1]["re_review_on"] = None
    assert _fields(doc) == [
        "plans[0].approvals[0].re_review_on",
        "plans[0].approvals[0].comments",
        "plans[1].approvals[0].decided_on",
        "plans[1].approvals[0].decided_by",
        "plans[1].approvals[0].re_review_on",
        "plans[1].approvals[1].state",
    ]


def test_a_comment_names_an_agreement_of_its_version() -> None:
    doc = _demo("03-meijer.json")
    comments = doc["plans"][0]["approvals"][0]["comments"]
    comments[0]["key"] = "A9"
    comments[2]["key"] = "A1"  # the plan as a whole names nothing
    assert _fields(doc) == [
        "plans[0].approvals[0].comments[0].key",
        "plans[0].approvals[0].comments[2].key",
    ]


def test_a_meeting_recorded_in_a_left_out_working_note_names_no_entry() -> None:
    doc = _demo("01-jansen.json")
    entry = doc["network_meetings"][0]["journal_entry"]
    note = next(e for e in doc["journal"] if e["id"] == entry)
    note["working_note"] = True
    out = without_working_notes(doc, kept_author="iemand anders")
    assert out["network_meetings"][0]["journal_entry"] is None
    assert doc["network_meetings"][0]["journal_entry"] == entry  # the file is not changed
