"""The pure rules of a plan's review (toetsing): the schedule in working days and months, who may
decide, what a decision needs, the plan's state, and the help gate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_approval_rules as rules
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanState
from jeugdtool.store.roles import StaffRole

D = dt.date
MONDAY = D(2026, 12, 7)
FRIDAY = D(2026, 12, 11)
SATURDAY = D(2026, 12, 12)


@dataclass
class Row:
    """An approval as the rules see it (a DTO, a row or a light query row all fit)."""

    id: int
    state: str
    submitted_on: dt.date
    due_on: dt.date
    decided_on: dt.date | None = None
    decided_by: str = ""
    re_review_on: dt.date | None = None
    plan_version_id: int = 1
    submitted_by: str = "A. de Boer"
    submitted_by_id: int | None = 1


def member(pid: int, *roles: StaffRole, team_mode: bool = True) -> StaffMember:
    return StaffMember(pid, f"P{pid}", None, None, True, frozenset(roles), (), team_mode)


# ---- the schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "days", "due"),
    [
        (MONDAY, 5, D(2026, 12, 14)),  # Monday + 5 working days: the next Monday
        (MONDAY, 1, D(2026, 12, 8)),
        (FRIDAY, 1, D(2026, 12, 14)),  # over the weekend
        (FRIDAY, 5, D(2026, 12, 18)),
        (SATURDAY, 1, D(2026, 12, 14)),  # submitted in the weekend: Monday is the first
        (D(2026, 12, 13), 5, D(2026, 12, 18)),  # Sunday
        (SATURDAY, 0, D(2026, 12, 14)),  # 0 days: the next working day
        (MONDAY, 0, MONDAY),
        (MONDAY, 10, D(2026, 12, 21)),
    ],
)
def test_due_date_counts_working_days(submitted, days, due) -> None:
    assert rules.due_date(submitted, days) == due
    assert rules.is_working_day(rules.due_date(submitted, days))


@pytest.mark.parametrize(
    ("approved", "months", "again"),
    [
        (D(2026, 1, 15), 3, D(2026, 4, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # a shorter month: its last day
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # a leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 10, 5), 24, D(2028, 10, 5)),
        (D(2026, 12, 31), 12, D(2027, 12, 31)),
    ],
)
def test_re_review_date_adds_calendar_months(approved, months, again) -> None:
    assert rules.re_review_date(approved, months) == again


# ---- who may decide ---------------------------------------------------------------------------


def test_in_team_mode_only_a_reviewer_who_did_not_submit_decides() -> None:
    approval = Row(1, "submitted", MONDAY, FRIDAY, submitted_by_id=7)
    rules.check_may_decide(member(2, StaffRole.REVIEWER), approval, team_mode=True, decided_by="")
    with pytest.raises(rules.ReviewNotAllowed) as not_a_reviewer:
        rules.check_may_decide(
            member(2, StaffRole.CONSULTANT, StaffRole.TEAM_LEADER),
            approval,
            team_mode=True,
            decided_by="",
        )
    assert "werkbegeleider" in str(not_a_reviewer.value)
    with pytest.raises(rules.ReviewNotAllowed) as own:
        rules.check_may_decide(
            member(7, StaffRole.REVIEWER), approval, team_mode=True, decided_by="Iemand"
        )
    assert str(own.value) != str(not_a_reviewer.value)
    assert rules.may_decide(member(2, StaffRole.REVIEWER), approval)
    assert not rules.may_decide(member(7, StaffRole.REVIEWER), approval)
    assert not rules.may_decide(member(3, StaffRole.CONSULTANT), approval)


def test_in_single_user_mode_a_named_colleague_other_than_the_submitter_decides() -> None:
    approval = Row(1, "submitted", MONDAY, FRIDAY, submitted_by="A. de Boer")
    me = member(1, team_mode=False)
    assert rules.may_decide(me, approval)
    rules.check_may_decide(me, approval, team_mode=False, decided_by="M. Kaya")
    for name in ("", "   ", "a. DE  boer", "Á. de Boer"):
        with pytest.raises(InvalidInput) as refused:
            rules.check_may_decide(me, approval, team_mode=False, decided_by=name)
        assert refused.value.problems[0].field == "decided_by"
    with pytest.raises(InvalidInput):
        rules.check_may_decide(me, approval, team_mode=False, decided_by="x" * 201)


def test_only_the_submitter_withdraws_in_team_mode() -> None:
    approval = Row(1, "submitted", MONDAY, FRIDAY, submitted_by_id=7)
    rules.check_may_withdraw(member(7, StaffRole.CONSULTANT), approval)
    rules.check_may_withdraw(member(2, team_mode=False), approval)
    with pytest.raises(rules.ReviewNotAllowed) as refused:
        rules.check_may_withdraw(member(2, StaffRole.TEAM_LEADER), approval)
    assert "A. de Boer" in str(refused.value)


def test_a_decided_or_withdrawn_submission_is_not_decided_again() -> None:
    rules.check_pending(Row(1, "submitted", MONDAY, FRIDAY))
    decided = Row(1, "approved", MONDAY, FRIDAY, decided_on=FRIDAY, decided_by="M. Kaya")
    with pytest.raises(InvalidInput) as info:
        rules.check_pending(decided)
    assert "M. Kaya" in str(info.value) and "11-12-2026" in str(info.value)
    with pytest.raises(InvalidInput):
        rules.check_pending(Row(1, "withdrawn", MONDAY, FRIDAY))


# ---- what a decision holds --------------------------------------------------------------------


def test_returning_needs_a_comment_or_a_note_approving_does_not() -> None:
    assert rules.clean_decision(True, "", []) == ("", [])
    with pytest.raises(InvalidInput) as info:
        rules.clean_decision(False, "  ", [])
    assert info.value.problems[0].field == "decision_note"
    note, comments = rules.clean_decision(False, " Graag concreter ", [])
    assert (note, comments) == ("Graag concreter", [])
    comment = CommentInput(CommentTarget.AGREEMENT, "abc", "Afspraak 1", " Wie controleert? ")
    note, comments = rules.clean_decision(False, "", [comment])
    assert (
        comments[0].text == "Wie controleert?"
        and comments[0].target_kind is CommentTarget.AGREEMENT
    )


def test_each_bad_comment_is_reported_with_its_place() -> None:
    bad = [
        CommentInput("agreement", "", "Afspraak 1", "Tekst"),  # no key
        CommentInput("mood", "x", "", "Tekst"),  # no such target
        CommentInput("statement", "lin", "Zorg", ""),  # no text
        CommentInput("plan", "ignored", "", "Goed"),  # fine: the plan needs no key
    ]
    with pytest.raises(InvalidInput) as info:
        rules.clean_decision(False, "", bad)
    assert [p.field for p in info.value.problems] == ["comments[0]", "comments[1]", "comments[2]"]
    assert rules.clean_comment(bad[3]).target_key == ""


def test_a_submission_note_and_reviewer_name_are_tidied() -> None:
    assert rules.clean_submission(" Graag voor vrijdag ", "  M.   Kaya ") == (
        "Graag voor vrijdag",
        "M. Kaya",
    )
    with pytest.raises(InvalidInput) as info:
        rules.clean_submission("x" * 5001, "y" * 201)
    assert {p.field for p in info.value.problems} == {"note", "reviewer"}


# ---- the plan's state ---------------------------------------------------------------------------


TODAY = D(2026, 12, 16)


def test_plan_state_without_approvals() -> None:
    assert rules.plan_state_of(False, False, None, TODAY) is PlanState.NONE
    assert rules.plan_state_of(True, False, None, TODAY) is PlanState.DRAFT
    assert rules.plan_state_of(True, True, None, TODAY) is PlanState.FINAL


@pytest.mark.parametrize(
    ("row", "state"),
    [
        (Row(1, "submitted", MONDAY, TODAY), PlanState.SUBMITTED),  # due today: not late yet
        (Row(1, "submitted", MONDAY, TODAY - dt.timedelta(1)), PlanState.REVIEW_OVERDUE),
        (Row(1, "returned", MONDAY, FRIDAY, decided_on=FRIDAY), PlanState.RETURNED),
        (Row(1, "approved", MONDAY, FRIDAY, FRIDAY, re_review_on=TODAY), PlanState.APPROVED),
        (
            Row(1, "approved", MONDAY, FRIDAY, FRIDAY, re_review_on=TODAY - dt.timedelta(1)),
            PlanState.REVIEW_OVERDUE,
        ),
    ],
)
def test_plan_state_of_the_current_approval(row, state) -> None:
    assert rules.plan_state_of(True, True, row, TODAY) is state


def test_withdrawn_submissions_do_not_count_and_the_newest_decides() -> None:
    old = Row(1, "approved", D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 9), "M. Kaya", D(2026, 4, 9))
    withdrawn = Row(2, "withdrawn", D(2026, 3, 1), D(2026, 3, 6), D(2026, 3, 2), "A. de Boer")
    assert rules.current_approval([withdrawn, old]) is old
    assert rules.standing_approval([withdrawn, old]) is old
    again = Row(3, "submitted", D(2026, 4, 1), D(2026, 4, 8))
    # A re-review waiting: the plan stays approved meanwhile.
    assert rules.current_approval([old, withdrawn, again]) is again
    assert rules.standing_approval([old, withdrawn, again]) is old
    # Returned at the re-review: no longer approved.
    returned = Row(3, "returned", D(2026, 4, 1), D(2026, 4, 8), D(2026, 4, 7), "M. Kaya")
    assert rules.standing_approval([old, returned]) is None
    # Same day: the higher id is the newer.
    a, b = Row(4, "returned", MONDAY, FRIDAY), Row(5, "approved", MONDAY, FRIDAY)
    assert rules.current_approval([b, a]) is b


def test_status_of_looks_at_the_plan_in_force() -> None:
    assert rules.status_of([], [], TODAY) == PlanStatusDTO(PlanState.NONE)
    assert rules.status_of([(10, 1, "draft")], [], TODAY) == PlanStatusDTO(PlanState.DRAFT, 1)
    approved = Row(
        1,
        "approved",
        D(2026, 12, 1),
        D(2026, 12, 8),
        D(2026, 12, 4),
        "M. Kaya",
        D(2027, 3, 4),
        plan_version_id=10,
    )
    versions = [(10, 1, "final"), (11, 2, "draft")]  # a draft over the approved plan
    status = rules.status_of(versions, [approved], TODAY)
    assert status == PlanStatusDTO(
        PlanState.APPROVED, 1, D(2026, 12, 4), "M. Kaya", D(2027, 3, 4), None
    )
    assert status.approved
    # Version 2 finalised: the plan in force is new and not approved.
    versions = [(10, 1, "final"), (11, 2, "final")]
    status = rules.status_of(versions, [approved], TODAY)
    assert (status.state, status.version_number, status.approved) == (PlanState.FINAL, 2, False)
    waiting = Row(2, "submitted", D(2026, 12, 14), D(2026, 12, 21), plan_version_id=11)
    status = rules.status_of(versions, [approved, waiting], TODAY)
    assert (status.state, status.due_on, status.next_review_on) == (
        PlanState.SUBMITTED,
        D(2026, 12, 21),
        None,
    )


# ---- help ---------------------------------------------------------------------------------------


def test_the_help_gate_names_the_remedy_per_state() -> None:
    assert rules.help_gate_problem(PlanStatusDTO(PlanState.NONE), required=False) is None
    approved = PlanStatusDTO(PlanState.REVIEW_OVERDUE, 1, D(2026, 1, 1), "M. Kaya")
    assert rules.help_gate_problem(approved, required=True) is None  # approved, re-review late
    messages = {}
    for state in (
        PlanState.NONE,
        PlanState.DRAFT,
        PlanState.FINAL,
        PlanState.RETURNED,
        PlanState.SUBMITTED,
    ):
        problem = rules.help_gate_problem(
            PlanStatusDTO(state, 1, due_on=D(2026, 12, 21)), required=True
        )
        assert problem is not None and problem.field == "plan"
        messages[state] = problem.message
    # No plan and a draft need the same step; each other state names its own.
    assert messages[PlanState.NONE] == messages[PlanState.DRAFT]
    assert len(set(messages.values())) == 4
    assert "21-12-2026" in messages[PlanState.SUBMITTED]
    with pytest.raises(InvalidInput):
        rules.check_help_allowed(PlanStatusDTO(PlanState.FINAL, 1), required=True)


def test_the_agenda_reason_names_the_version() -> None:
    waiting = PlanStatusDTO(PlanState.SUBMITTED, 2, due_on=D(2026, 12, 21))
    assert "2" in rules.agenda_reason(waiting) and "21-12-2026" in rules.agenda_reason(waiting)
    assert rules.agenda_reason(PlanStatusDTO(PlanState.NONE))
    assert ApprovalState.SUBMITTED.value == "submitted"


def test_a_submitter_asks_an_active_reviewer_other_than_themselves() -> None:
    me = member(1, StaffRole.REVIEWER, StaffRole.CONSULTANT)
    reviewer = member(2, StaffRole.REVIEWER)
    assert rules.may_be_asked(reviewer, me)
    assert not rules.may_be_asked(me, me)
    assert not rules.may_be_asked(member(3, StaffRole.TEAM_LEADER), me)
    gone = StaffMember(4, "P4", None, None, False, frozenset({StaffRole.REVIEWER}), (), True)
    assert not rules.may_be_asked(gone, me)
    assert rules.same_name(" m.  Kaya ", "M. KAYA") and not rules.same_name("M. Kaya", "J. Kaya")


def test_a_closed_case_is_never_review_overdue() -> None:
    """A closed case's plan is no longer reviewed: its late re-review is not a warning."""
    late = Row(1, "approved", MONDAY, FRIDAY, FRIDAY, re_review_on=TODAY - dt.timedelta(58))
    assert rules.plan_state_of(True, True, late, TODAY) is PlanState.REVIEW_OVERDUE
    assert rules.plan_state_of(True, True, late, TODAY, closed=True) is PlanState.APPROVED
