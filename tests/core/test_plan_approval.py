"""Services of a plan's review (toetsing): submit, decide, withdraw and their undo; the plan's
status for one case and for the case list (in a fixed number of queries), the reviewer's queue
and the overdue reviews; the help gate; a case on the agenda of the next meeting; the settings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.staff import single_user
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.framework import plan_approval as pa
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_policy
from jeugdtool.framework import plans
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.plan_approval_rules import ReviewNotAllowed
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanState
from jeugdtool.meetings import agenda
from jeugdtool.meetings import caseload
from jeugdtool.meetings import meetings
from jeugdtool.outcomes import help as helps
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.store import org_settings
from jeugdtool.store.roles import StaffRole
from tests.statements import statements_sent

pytestmark = pytest.mark.both_backends

MONDAY = dt.date(2026, 12, 7)
FRIDAY = dt.date(2026, 12, 11)
DAY = dt.timedelta(days=1)


# ---- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def boer(uow) -> StaffMember:
    return single_user(consultants.add_consultant(uow, "A. de Boer").value)


@pytest.fixture
def team(uow, boer) -> dict[str, StaffMember]:
    """The same database's people as team-mode members (the service's own checks; the
    database's policies are tested as each login in test_plan_approval_rls)."""
    kaya = consultants.add_consultant(uow, "M. Kaya").value
    smit = consultants.add_consultant(uow, "J. Smit").value

    def member(dto, *roles: StaffRole) -> StaffMember:
        return StaffMember(dto.id, dto.name, None, None, True, frozenset(roles), (), True)

    return {
        "boer": dataclasses.replace(boer, roles=frozenset({StaffRole.CONSULTANT}), team_mode=True),
        "kaya": member(kaya, StaffRole.REVIEWER),
        "smit": member(smit, StaffRole.TEAM_LEADER, StaffRole.CONSULTANT),
    }


def finalised(uow, case_id: int, what: str = "Oma Ria haalt Noa elke woensdag op") -> int:
    draft = plans.start_draft(uow, case_id).value
    plans.add_agreement(uow, draft.id, {"what": what})
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="spoed")
    return draft.id


@pytest.fixture
def version(uow, case) -> int:
    return finalised(uow, case.id)


def submitted(uow, version_id: int, by: StaffMember, on: dt.date = MONDAY, **kw):
    return pa.submit(uow, version_id, by=by, today=on, **kw).value


def agreement_comment(text: str = "Wie controleert dit, en wanneer?") -> CommentInput:
    return CommentInput(CommentTarget.AGREEMENT, "lineage1", "Afspraak 1", text)


# ---- submitting ---------------------------------------------------------------------------------


def test_a_finalised_plan_is_submitted_due_in_working_days(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer, on=FRIDAY, note="  Graag voor de kerst  ")
    assert (made.state, made.version_number, made.submitted_by) == (
        ApprovalState.SUBMITTED,
        1,
        "A. de Boer",
    )
    assert made.due_on == dt.date(2026, 12, 18)  # 5 working days over the weekend
    assert made.note == "Graag voor de kerst" and made.reviewer == "" and made.comments == ()
    assert made.submitted_by_id == boer.id
    status = pa.plan_status(uow, case.id, today=FRIDAY)
    assert status == PlanStatusDTO(PlanState.SUBMITTED, 1, due_on=dt.date(2026, 12, 18))
    # The organisation's term: 2 working days from now on.
    plan_policy.set_plan_setting(uow, org_settings.PLAN_REVIEW_DAYS, 2, boer)
    pa.withdraw(uow, made.id, by=boer, today=FRIDAY)
    again = submitted(uow, version, boer, on=FRIDAY, reviewer="M. Kaya")
    assert (again.due_on, again.reviewer) == (dt.date(2026, 12, 15), "M. Kaya")


def test_what_cannot_be_submitted(uow, case, version, boer) -> None:
    draft = plans.start_draft(uow, case.id).value
    with pytest.raises(InvalidInput) as info:
        pa.submit(uow, draft.id, by=boer, today=MONDAY)
    assert info.value.problems[0].field == "plan_version_id"
    first = submitted(uow, version, boer)
    with pytest.raises(InvalidInput) as waiting:
        pa.submit(uow, version, by=boer, today=MONDAY)
    assert "07-12-2026" in str(waiting.value)  # names the submission that waits
    pa.withdraw(uow, first.id, by=boer, today=MONDAY)
    with pytest.raises(InvalidInput) as own:
        pa.submit(uow, version, by=boer, reviewer=" a. de boer ", today=MONDAY)
    assert own.value.problems[0].field == "reviewer"
    with pytest.raises(InvalidInput) as self_id:
        pa.submit(uow, version, by=boer, reviewer_id=boer.id, today=MONDAY)
    assert self_id.value.problems[0].field == "reviewer_id"
    # A newer version finalised: the older one is no longer the plan in force.
    plans.add_agreement(uow, draft.id, {"what": "Mark belt elke avond"})
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="spoed")
    with pytest.raises(InvalidInput) as old:
        pa.submit(uow, version, by=boer, today=MONDAY)
    assert "2" in str(old.value)
    assert submitted(uow, draft.id, boer).version_number == 2
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        pa.submit(uow, draft.id, by=boer, today=MONDAY)


def test_in_team_mode_the_reviewer_asked_must_be_a_reviewer(uow, version, team) -> None:
    with pytest.raises(InvalidInput) as info:
        pa.submit(uow, version, by=team["boer"], reviewer_id=team["smit"].id, today=MONDAY)
    assert "J. Smit" in str(info.value)
    from jeugdtool.cases.models import StaffRoleGrant

    with uow:
        uow.session.add(StaffRoleGrant(person_id=team["kaya"].id, role="reviewer"))
        uow.commit()
    made = submitted(uow, version, team["boer"], reviewer_id=team["kaya"].id)
    assert (made.reviewer, made.reviewer_id) == ("M. Kaya", team["kaya"].id)


# ---- deciding -----------------------------------------------------------------------------------


def test_approving_in_single_user_mode_records_the_named_colleague(
    uow, case, version, boer
) -> None:
    made = submitted(uow, version, boer)
    with pytest.raises(InvalidInput) as nobody:
        pa.decide(uow, made.id, approve=True, by=boer, today=FRIDAY)
    assert nobody.value.problems[0].field == "decided_by"
    with pytest.raises(InvalidInput) as own:
        pa.decide(uow, made.id, approve=True, by=boer, decided_by="A. de Boer", today=FRIDAY)
    assert own.value.problems[0].field == "decided_by"
    plan_policy.set_plan_setting(uow, org_settings.PLAN_REREVIEW_MONTHS, 6, boer)
    done = pa.decide(
        uow, made.id, approve=True, by=boer, decided_by=" M.  Kaya ", today=FRIDAY
    ).value
    assert (done.state, done.decided_on, done.decided_by, done.decided_by_id) == (
        ApprovalState.APPROVED,
        FRIDAY,
        "M. Kaya",
        None,
    )
    assert done.re_review_on == dt.date(2027, 6, 11)
    status = pa.plan_status(uow, case.id, today=FRIDAY)
    assert status == PlanStatusDTO(PlanState.APPROVED, 1, FRIDAY, "M. Kaya", dt.date(2027, 6, 11))
    with pytest.raises(InvalidInput) as twice:
        pa.decide(uow, made.id, approve=False, by=boer, decided_by="J. Smit", note="Nee")
    assert "M. Kaya" in str(twice.value)


def test_returning_keeps_the_comments_in_order(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer)
    with pytest.raises(InvalidInput) as empty:
        pa.decide(uow, made.id, approve=False, by=boer, decided_by="M. Kaya", today=FRIDAY)
    assert empty.value.problems[0].field == "decision_note"
    comments = [
        agreement_comment(),
        CommentInput("statement", "danger1", "Gevaarsituatie 1", "Te algemeen"),
        CommentInput(CommentTarget.PLAN, "", "", "Netwerk ontbreekt"),
    ]
    done = pa.decide(
        uow, made.id, approve=False, by=boer, decided_by="M. Kaya", comments=comments, today=FRIDAY
    ).value
    assert done.state is ApprovalState.RETURNED and done.re_review_on is None
    assert [(c.position, c.target_kind, c.text) for c in done.comments] == [
        (1, CommentTarget.AGREEMENT, "Wie controleert dit, en wanneer?"),
        (2, CommentTarget.STATEMENT, "Te algemeen"),
        (3, CommentTarget.PLAN, "Netwerk ontbreekt"),
    ]
    assert pa.plan_status(uow, case.id, today=FRIDAY).state is PlanState.RETURNED
    assert pa.approvals_of_version(uow, version)[0].comments == done.comments
    # A returned version is not submitted again: the plan changes first, in a new version.
    with pytest.raises(InvalidInput) as again:
        pa.submit(uow, version, by=boer, today=FRIDAY)
    assert again.value.problems[0].field == "plan_version_id"
    assert pa.submit(uow, finalised(uow, case.id, "Oma haalt Noa op"), by=boer).value


def test_in_team_mode_only_a_reviewer_who_did_not_submit_decides(uow, version, team) -> None:
    made = submitted(uow, version, team["boer"])
    for who in ("boer", "smit"):  # the submitter, a team leader
        with pytest.raises(ReviewNotAllowed):
            pa.decide(uow, made.id, approve=True, by=team[who], decided_by="M. Kaya")
    done = pa.decide(
        uow, made.id, approve=True, by=team["kaya"], decided_by="Iemand anders", today=FRIDAY
    ).value
    # The decision is in the signed-in reviewer's name, whatever name was passed.
    assert (done.decided_by, done.decided_by_id) == ("M. Kaya", team["kaya"].id)


def test_a_reviewer_does_not_decide_on_their_own_submission(uow, case, team) -> None:
    version = finalised(uow, case.id)
    both = dataclasses.replace(team["kaya"], roles=frozenset({StaffRole.REVIEWER}))
    made = submitted(uow, version, both)
    with pytest.raises(ReviewNotAllowed):
        pa.decide(uow, made.id, approve=True, by=both)


# ---- withdrawing and undo -----------------------------------------------------------------------


def test_only_the_submitter_withdraws_and_undo_puts_it_back(uow, case, version, team) -> None:
    made = submitted(uow, version, team["boer"])
    with pytest.raises(ReviewNotAllowed):
        pa.withdraw(uow, made.id, by=team["smit"])
    gone = pa.withdraw(uow, made.id, by=team["boer"], today=FRIDAY, expected=made).value
    assert (gone.state, gone.decided_on, gone.decided_by) == (
        ApprovalState.WITHDRAWN,
        FRIDAY,
        "A. de Boer",
    )
    assert pa.plan_status(uow, case.id, today=FRIDAY).state is PlanState.FINAL
    with pytest.raises(ReviewNotAllowed):
        pa.reopen_decision(uow, made.id, expected=gone, by=team["smit"])
    back = pa.reopen_decision(uow, made.id, expected=gone, by=team["boer"]).value
    assert back.state is ApprovalState.SUBMITTED and back.decided_by == ""
    assert pa.plan_status(uow, case.id, today=FRIDAY).state is PlanState.SUBMITTED
    # Redo: withdraw again, expecting it as undo left it.
    again = pa.withdraw(uow, made.id, by=team["boer"], today=FRIDAY, expected=back).value
    assert again.state is ApprovalState.WITHDRAWN


def test_undo_and_redo_of_a_decision(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer)
    done = pa.decide(
        uow,
        made.id,
        approve=False,
        by=boer,
        decided_by="M. Kaya",
        note="Zie opmerkingen",
        comments=[agreement_comment()],
        today=FRIDAY,
        expected=made,
    ).value
    undone = pa.reopen_decision(uow, made.id, expected=done).value
    assert undone.state is ApprovalState.SUBMITTED and undone.comments == ()
    assert (undone.decided_on, undone.decided_by, undone.decision_note) == (None, "", "")
    assert pa.plan_status(uow, case.id, today=FRIDAY).state is PlanState.SUBMITTED
    redone = pa.decide(
        uow,
        made.id,
        approve=False,
        by=boer,
        decided_by=done.decided_by,
        note=done.decision_note,
        comments=pa.comment_inputs(done),
        today=done.decided_on,
        expected=undone,
    ).value

    def same(a):
        return dataclasses.replace(
            a, version=0, comments=tuple(dataclasses.replace(c, id=0) for c in a.comments)
        )

    assert same(redone) == same(done)
    # A colleague changed it meanwhile: undo refuses and leaves their decision.
    pa.reopen_decision(uow, made.id, expected=redone)
    theirs = pa.decide(uow, made.id, approve=True, by=boer, decided_by="J. Smit").value
    with pytest.raises(ConflictError):
        pa.reopen_decision(uow, made.id, expected=redone)
    # Redo of the first decision on a submission decided meanwhile refuses too.
    with pytest.raises(ConflictError):
        pa.decide(
            uow, made.id, approve=False, by=boer, decided_by="M. Kaya", note="x", expected=undone
        )
    assert pa.get_approval(uow, made.id).decided_by == theirs.decided_by == "J. Smit"


def test_undo_of_a_decision_refuses_when_another_submission_waits(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer)
    done = pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya").value
    submitted(uow, version, boer, on=FRIDAY)  # a re-review, asked for meanwhile
    with pytest.raises(ConflictError):
        pa.reopen_decision(uow, made.id, expected=done)


def test_undo_and_redo_of_submitting(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer)
    taken = pa.remove_submission(uow, made.id, expected=made).value
    assert pa.approvals_of_case(uow, case.id) == []
    assert pa.plan_status(uow, case.id, today=MONDAY).state is PlanState.FINAL
    back = pa.restore_submission(uow, taken).value
    assert dataclasses.replace(back, version=0, overdue=False) == dataclasses.replace(
        made, version=0, overdue=False
    )
    # Once decided, undo of the submission would erase the reviewer's work: refused.
    decided = pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya").value
    with pytest.raises(ConflictError):
        pa.remove_submission(uow, made.id, expected=back)
    with pytest.raises(ConflictError):
        pa.remove_submission(uow, made.id, expected=decided)
    # Redo while another submission waits: refused, nothing twice.
    pa.reopen_decision(uow, made.id, expected=decided)
    taken = pa.remove_submission(uow, made.id).value
    other = submitted(uow, version, boer, on=FRIDAY)
    with pytest.raises(ConflictError):
        pa.restore_submission(uow, taken)
    assert [a.id for a in pa.approvals_of_case(uow, case.id)] == [other.id]


# ---- re-review, the queue, overdue --------------------------------------------------------------


def test_an_approved_plan_past_its_re_review_date_is_overdue_until_submitted_again(
    uow, case, version, boer
) -> None:
    made = submitted(uow, version, boer)
    done = pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya", today=FRIDAY).value
    assert done.re_review_on == dt.date(2027, 3, 11)  # the default: 3 months
    late = dt.date(2027, 3, 12)
    status = pa.plan_status(uow, case.id, today=late)
    assert (status.state, status.approved) == (PlanState.REVIEW_OVERDUE, True)
    assert pa.plan_status(uow, case.id, today=dt.date(2027, 3, 11)).state is PlanState.APPROVED
    (item,) = pa.overdue_reviews(uow, today=late)
    assert (item.case_id, item.approval.id, item.overdue) == (case.id, made.id, True)
    assert pa.approvals_of_case(uow, case.id, today=late)[0].overdue
    # The re-review is asked for: waiting, still approved meanwhile, not late any more.
    again = submitted(uow, version, boer, on=late)
    status = pa.plan_status(uow, case.id, today=late)
    assert (status.state, status.approved, status.approved_by) == (
        PlanState.SUBMITTED,
        True,
        "M. Kaya",
    )
    assert pa.overdue_reviews(uow, today=late) == []
    listed = pa.approvals_of_case(uow, case.id, today=late)
    assert [a.id for a in listed] == [again.id, made.id]  # newest first
    assert not listed[1].overdue  # the old approval is no longer the current one
    # Returned at the re-review: no longer approved.
    pa.decide(uow, again.id, approve=False, by=boer, decided_by="M. Kaya", note="Verouderd")
    status = pa.plan_status(uow, case.id, today=late)
    assert (status.state, status.approved) == (PlanState.RETURNED, False)


def test_the_queue_shows_waiting_plans_soonest_due_first(uow, boer) -> None:
    def new_case(name: str) -> int:
        return households.create_case(uow, name=name).value.id

    late, soon, later, decided, closed = (
        new_case(n)
        for n in ("Gezin Laat", "Gezin Straks", "Gezin Later", "Gezin Klaar", "Gezin Dicht")
    )
    today = dt.date(2026, 12, 16)
    submitted(uow, finalised(uow, later), boer, on=dt.date(2026, 12, 15))
    submitted(uow, finalised(uow, late), boer, on=dt.date(2026, 12, 1))
    submitted(uow, finalised(uow, soon), boer, on=dt.date(2026, 12, 10))
    done = submitted(uow, finalised(uow, decided), boer, on=dt.date(2026, 12, 1))
    pa.decide(uow, done.id, approve=True, by=boer, decided_by="M. Kaya", today=today)
    submitted(uow, finalised(uow, closed), boer, on=dt.date(2026, 11, 1))
    households.close_case(uow, closed, "Verhuisd")

    queue = pa.review_queue(uow, today=today)
    assert [(q.case_name, q.approval.due_on, q.overdue) for q in queue] == [
        ("Gezin Laat", dt.date(2026, 12, 8), True),
        ("Gezin Straks", dt.date(2026, 12, 17), False),
        ("Gezin Later", dt.date(2026, 12, 22), False),
    ]
    assert all(q.case_number for q in queue)
    assert [q.case_name for q in pa.overdue_reviews(uow, today=today)] == ["Gezin Laat"]
    statuses = pa.plan_statuses(uow, today=today)
    assert statuses[late].state is PlanState.REVIEW_OVERDUE
    assert statuses[decided].state is PlanState.APPROVED


def test_plan_statuses_of_the_demo_in_two_queries(uow, db, boer) -> None:
    from jeugdtool.export.demo import load_demo

    cases = load_demo(uow).value
    today = dt.date.today()
    approved = 0
    for case in cases:
        if case.status != "open" or approved == 2:
            continue
        try:  # a demo case with a submission waiting already is left as it is
            version = finalised(uow, case.id, "Buurvrouw belt elke vrijdag")
            made = submitted(uow, version, boer, on=today)
        except InvalidInput:
            continue
        pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya", today=today)
        approved += 1
    assert approved == 2

    def counted(**kw):
        with statements_sent(db, "SELECT") as statements:
            found = pa.plan_statuses(uow, today=today, **kw)
        return found, len(statements)

    found, queries = counted()
    assert queries <= 2
    assert any(s.state is PlanState.APPROVED for s in found.values())
    assert found == {c: pa.plan_status(uow, c, today) for c in found}
    extra = [households.create_case(uow, name=f"Gezin {n}").value.id for n in range(3)]
    for case_id in extra:
        submitted(uow, finalised(uow, case_id), boer, on=today)
    more, queries_again = counted()
    assert queries_again == queries and len(more) == len(found) + 3
    bare = households.create_case(uow, name="Gezin zonder plan").value.id
    asked, _n = counted(case_ids=[bare, extra[0]])
    assert asked == {
        bare: PlanStatusDTO(PlanState.NONE),
        extra[0]: pa.plan_status(uow, extra[0], today),
    }
    assert pa.plan_statuses(uow, [], today) == {}


# ---- help, the agenda, the case list ------------------------------------------------------------


def test_help_waits_for_an_approved_plan_when_the_organisation_asks(uow, case, boer) -> None:
    fields = {
        "product_list": "ijw-productcategorieen",
        "category": "45",
        "starts_on": MONDAY,
        "decided_by": DecidedBy.MUNICIPALITY,
    }
    helps.add_help(uow, case.id, fields)  # the setting is off: help without a plan
    assert helps.help_gate(uow, case.id) == ""
    plan_policy.set_plan_setting(uow, org_settings.HELP_NEEDS_APPROVED_PLAN, True, boer)
    assert plan_policy.help_needs_approved_plan(uow)
    with pytest.raises(InvalidInput) as no_plan:
        helps.add_help(uow, case.id, fields)
    assert no_plan.value.problems[0].field == "plan"
    assert helps.help_gate(uow, case.id) == no_plan.value.problems[0].message
    version = finalised(uow, case.id)
    made = submitted(uow, version, boer, on=dt.date.today())
    with pytest.raises(InvalidInput) as waiting:
        helps.add_help(uow, case.id, fields)
    assert waiting.value.problems[0].message != no_plan.value.problems[0].message
    pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya", today=dt.date.today())
    assert helps.add_help(uow, case.id, fields).value.position == 2
    assert helps.help_gate(uow, case.id) == ""
    plan_policy.set_plan_setting(uow, org_settings.HELP_NEEDS_APPROVED_PLAN, False, boer)
    assert not plan_policy.help_needs_approved_plan(uow)


def test_a_case_goes_on_the_agenda_of_the_next_meeting(uow, case) -> None:
    today = dt.date(2026, 12, 16)
    with pytest.raises(InvalidInput) as none:
        agenda.add_to_next_meeting(uow, case.id, reason="Toetsing plan", today=today)
    assert none.value.problems[0].field == "meeting" and "16-12-2026" in str(none.value)
    meetings.create_meeting(uow, {"held_on": today, "title": "Vandaag"})  # not after today
    with pytest.raises(InvalidInput):
        agenda.add_to_next_meeting(uow, case.id, reason="Toetsing plan", today=today)
    later = meetings.create_meeting(uow, {"held_on": today + 14 * DAY, "title": "Later"}).value
    first = meetings.create_meeting(uow, {"held_on": today + 7 * DAY, "title": "Eerst"}).value
    with pytest.raises(InvalidInput) as no_reason:
        agenda.add_to_next_meeting(uow, case.id, reason="  ", today=today)
    assert no_reason.value.problems[0].field == "question"
    placed = agenda.add_to_next_meeting(
        uow, case.id, reason=" Plan versie 1 ter toetsing ", today=today
    ).value
    assert placed.meeting.id == first.meeting.id and placed.meeting.id != later.meeting.id
    assert (placed.item.household_id, placed.item.question, placed.item.position) == (
        case.id,
        "Plan versie 1 ter toetsing",
        1,
    )
    with pytest.raises(InvalidInput) as twice:
        agenda.add_to_next_meeting(uow, case.id, reason="Nog eens", today=today)
    assert "23-12-2026" in str(twice.value)
    # Undo and redo, as every agenda item.
    taken = agenda.remove_item(uow, placed.item.id, expected=placed.item).value
    assert meetings.get_meeting(uow, first.meeting.id).items == ()
    back = agenda.restore(uow, taken).value
    assert back.item(placed.item.id).question == "Plan versie 1 ter toetsing"
    agenda.update_item(uow, placed.item.id, {"notes": "Besproken"})
    with pytest.raises(ConflictError):
        agenda.remove_item(uow, placed.item.id, expected=placed.item)


def test_the_case_list_and_the_caseload_carry_the_review_state(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer, on=dt.date.today())
    columns = caseload.case_columns(uow, case.id)
    assert columns.approval.state is PlanState.SUBMITTED
    assert columns.approval.due_on == made.due_on
    pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya")
    listed = caseload.list_columns(uow)[case.id].approval
    assert (listed.state, listed.approved_by) == (PlanState.APPROVED, "M. Kaya")
    assert listed.next_review_on is not None
    (row,) = caseload.caseload(uow).cases
    assert row.approval == listed
    bare = households.create_case(uow, name="Gezin Kaal").value
    assert caseload.case_columns(uow, bare.id).approval.state is PlanState.NONE


# ---- the settings -------------------------------------------------------------------------------


def test_the_plan_settings_are_checked_and_kept(uow, boer, team) -> None:
    assert (plan_policy.review_days(uow), plan_policy.rereview_months(uow)) == (5, 3)
    assert not plan_policy.help_needs_approved_plan(uow)
    assert [s.key for s in plan_policy.PLAN_SETTINGS] == [
        org_settings.PLAN_REVIEW_DAYS,
        org_settings.PLAN_REREVIEW_MONTHS,
        org_settings.HELP_NEEDS_APPROVED_PLAN,
    ]
    with pytest.raises(NoPermission):
        plan_policy.set_plan_setting(uow, org_settings.PLAN_REVIEW_DAYS, 3, team["kaya"])
    admin = dataclasses.replace(team["kaya"], roles=frozenset({StaffRole.ADMINISTRATOR}))
    plan_policy.set_plan_setting(uow, org_settings.PLAN_REVIEW_DAYS, 10, admin)
    assert plan_policy.review_days(uow) == 10
    for key, value in (
        (org_settings.PLAN_REVIEW_DAYS, 0),
        (org_settings.PLAN_REVIEW_DAYS, 31),
        (org_settings.PLAN_REVIEW_DAYS, True),
        (org_settings.PLAN_REREVIEW_MONTHS, 25),
        (org_settings.HELP_NEEDS_APPROVED_PLAN, 2),
    ):
        with pytest.raises(InvalidInput) as info:
            plan_policy.set_plan_setting(uow, key, value, boer)
        assert info.value.problems[0].field == key
    assert plan_policy.review_days(uow) == 10
    with uow:  # a broken row reads as the default; one out of range as its nearest bound
        org_settings.write(uow.session, org_settings.PLAN_REREVIEW_MONTHS, "veel")
        org_settings.write(uow.session, org_settings.PLAN_REVIEW_DAYS, "99")
        uow.commit()
    assert (plan_policy.rereview_months(uow), plan_policy.review_days(uow)) == (3, 30)


def test_a_submission_of_an_older_version_waits_until_withdrawn(uow, case, version, boer) -> None:
    old = submitted(uow, version, boer)
    newer = finalised(uow, case.id, "Mark belt elke avond om acht uur")
    status = pa.plan_status(uow, case.id, today=MONDAY)
    assert (status.state, status.version_number) == (PlanState.FINAL, 2)
    with pytest.raises(InvalidInput) as info:
        pa.submit(uow, newer, by=boer, today=MONDAY)
    assert "1" in str(info.value)
    pa.withdraw(uow, old.id, by=boer, today=MONDAY)
    assert submitted(uow, newer, boer).version_number == 2
    assert [a.version_number for a in pa.approvals_of_case(uow, case.id)] == [2, 1]
    assert [a.id for a in pa.approvals_of_version(uow, version)] == [old.id]


def test_nothing_is_decided_or_undone_on_a_closed_case(uow, case, version, boer) -> None:
    made = submitted(uow, version, boer)
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        pa.decide(uow, made.id, approve=True, by=boer, decided_by="M. Kaya")
    with pytest.raises(CaseClosed):
        pa.withdraw(uow, made.id, by=boer)
    with pytest.raises(CaseClosed):
        pa.remove_submission(uow, made.id, expected=made)
    assert pa.review_queue(uow, today=MONDAY) == []  # a closed case waits in no queue
    assert pa.plan_status(uow, case.id, today=MONDAY).state is PlanState.SUBMITTED
