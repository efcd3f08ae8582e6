"""Team mode and the review of a plan (toetsing, issue 18): the approval is a colleague's
judgement, so PostgreSQL itself sees to it that nobody gives it in another's name or to their
own plan. Anyone of the case team submits, as themselves; a reviewer who did not submit it
approves or returns it, in their own name, and writes the comments; the submitter withdraws a
pending submission; nobody else changes one. Checked in raw SQL as each login, the way `psql`
would try, and through jeugdtool (store/team_sql.py has the rules).

The world is test_team_rls.py's: case 2026-0003 is Bert's (team A), Carla works on it as
co-worker, Rita (reviewer) and Teun (team leader) read it through their team; Anna does not.
Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import select

from jeugdtool.cases import staff
from jeugdtool.cases.staff import StaffMember
from jeugdtool.framework import plan_approval
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanApprovalComment
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_team_rls import METADATA
from tests.core.test_team_rls import World

CASE = "2026-0003"
NEW_TABLES = (
    "plan_approvals",
    "plan_approval_comments",
    "goal_judgements",
    "network_meetings",
    "network_meeting_attendees",
    "statement_children",
)
_INSERT = (
    "INSERT INTO plan_approvals (household_id, plan_version_id, state, submitted_on, "
    "submitted_by_id, submitted_by, reviewer, due_on, note, decided_on, decided_by_id, "
    "decided_by, decision_note, version, created_at, created_by, updated_at, updated_by) "
    "VALUES (%(case)s, %(version)s, %(state)s, '2026-12-01', %(by)s, 'Iemand', '', "
    "'2026-12-08', '', %(decided_on)s, %(decided_by)s, '', '', 1, now(), '', now(), '') "
    "RETURNING id"
)
_COMMENT = (
    "INSERT INTO plan_approval_comments (household_id, approval_id, position, target_kind, "
    "target_key, target_label, text, version, created_at, created_by, updated_at, updated_by) "
    "VALUES (%s, %s, 1, 'plan', '', '', 'Maak de afspraak concreter', 1, now(), '', now(), '') "
    "RETURNING id"
)
_APPROVE = (
    "UPDATE plan_approvals SET state = 'approved', decided_on = '2026-12-03', "
    "decided_by_id = %s, decided_by = 'Rita' WHERE id = %s"
)
_DENIED = psycopg.errors.InsufficientPrivilege


def _refused(conn: psycopg.Connection, query: str, params: tuple) -> bool:
    """Whether the change touched nothing: no row it may change (0 rows), or the new row
    breaks a rule (a submitter may change his own pending row, but not into a decision)."""
    try:
        return conn.execute(query, params).rowcount == 0
    except _DENIED:
        return True


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


def _version(world: World) -> int:
    """The case's first plan version."""
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT min(id) FROM plan_versions WHERE household_id = %s", (world.case_ids[CASE],)
        ).fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def _submit(world: World, who: str, *, by: str | None = None, state: str = "submitted") -> int:
    """A submission written in raw SQL as `who`, in `by`'s name (their own unless given)."""
    values = {
        "case": world.case_ids[CASE],
        "version": _version(world),
        "state": state,
        "by": world.person_ids[by or who],
        "decided_on": None,
        "decided_by": None,
    }
    with world.psql(who) as conn:
        row = conn.execute(_INSERT, values).fetchone()
    assert row is not None
    return int(row[0])


def _row(world: World, approval: int) -> tuple:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT state, decided_by_id FROM plan_approvals WHERE id = %s", (approval,)
        ).fetchone()
    assert row is not None
    return tuple(row)


def _comments(world: World, approval: int) -> int:
    with world.owner_psql() as conn:
        query = "SELECT count(*) FROM plan_approval_comments WHERE approval_id = %s"
        return int(conn.execute(query, (approval,)).fetchone()[0])


def test_the_new_tables_are_case_tables() -> None:
    """Each gets the case team's policy (reads and writes within one's cases) by its
    household_id; test_team_rls.py fills and checks them with every other case table."""
    assert set(NEW_TABLES) <= set(team_sql.case_tables(METADATA))


@pytest.mark.parametrize("who", ["bert", "carla", "rita", "teun"])
def test_anyone_of_the_case_team_submits_as_themselves(world: World, who: str) -> None:
    mine = _submit(world, who)
    assert _row(world, mine) == ("submitted", None)
    other = "carla" if who != "carla" else "bert"
    with pytest.raises(_DENIED):  # in a colleague's name
        _submit(world, who, by=other)
    for state in ("approved", "returned", "withdrawn"):  # or already decided
        with pytest.raises(_DENIED):
            _submit(world, who, state=state)
    values = {  # a pending one that says it was decided
        "case": world.case_ids[CASE],
        "version": _version(world),
        "state": "submitted",
        "by": world.person_ids[who],
        "decided_on": dt.date(2026, 12, 2),
        "decided_by": world.person_ids["rita"],
    }
    with world.psql(who) as conn, pytest.raises(_DENIED):
        conn.execute(_INSERT, values)


def test_outside_the_case_team_nobody_submits(world: World) -> None:
    with pytest.raises(_DENIED):
        _submit(world, "anna")


@pytest.mark.parametrize("who", ["bert", "carla", "teun", "anna"])
def test_only_a_reviewer_decides(world: World, who: str) -> None:
    """Not the submitter, not a co-worker, not the team leader (who reads the case), and not
    anyone outside the case: their approval touches no row."""
    approval = _submit(world, "bert")
    returned = "UPDATE plan_approvals SET state = 'returned' WHERE id = %s"
    with world.psql(who) as conn:
        assert _refused(conn, _APPROVE, (world.person_ids[who], approval))
        assert _refused(conn, returned, (approval,))
        with pytest.raises(_DENIED):
            conn.execute(_COMMENT, (world.case_ids[CASE], approval))
    assert _row(world, approval) == ("submitted", None)
    assert _comments(world, approval) == 0


def test_the_reviewer_decides_in_her_own_name_and_comments(world: World) -> None:
    approval = _submit(world, "bert")
    rita = world.person_ids["rita"]
    with world.psql("rita") as conn:
        with pytest.raises(_DENIED):  # in the team leader's name
            conn.execute(_APPROVE, (world.person_ids["teun"], approval))
        with pytest.raises(_DENIED):  # a state that is not a decision of hers
            conn.execute("UPDATE plan_approvals SET state = 'withdrawn' WHERE id = %s", (approval,))
        conn.execute(_COMMENT, (world.case_ids[CASE], approval))
        returned = conn.execute(
            "UPDATE plan_approvals SET state = 'returned', decided_on = '2026-12-03', "
            "decided_by_id = %s, decided_by = 'Rita' WHERE id = %s",
            (rita, approval),
        )
        assert returned.rowcount == 1
        conn.execute(_COMMENT, (world.case_ids[CASE], approval))  # while it is hers
    assert _row(world, approval) == ("returned", rita)
    assert _comments(world, approval) == 2
    for who in ("bert", "carla", "teun"):  # nobody else changes or removes her comments
        with world.psql(who) as conn:
            query = "UPDATE plan_approval_comments SET text = 'weg' WHERE approval_id = %s"
            assert conn.execute(query, (approval,)).rowcount == 0
            query = "DELETE FROM plan_approval_comments WHERE approval_id = %s"
            assert conn.execute(query, (approval,)).rowcount == 0
    assert _comments(world, approval) == 2


def test_a_decision_is_its_makers_and_the_submitter_cannot_undo_it(world: World) -> None:
    approval = _submit(world, "bert")
    rita = world.person_ids["rita"]
    with world.psql("rita") as conn:
        assert conn.execute(_APPROVE, (rita, approval)).rowcount == 1
    for who in ("bert", "carla", "teun"):
        with world.psql(who) as conn:
            for change in (
                "UPDATE plan_approvals SET state = 'withdrawn' WHERE id = %s",
                "UPDATE plan_approvals SET state = 'submitted', decided_by_id = NULL, "
                "decided_on = NULL WHERE id = %s",
                "UPDATE plan_approvals SET decided_by = 'Iemand anders' WHERE id = %s",
                "DELETE FROM plan_approvals WHERE id = %s",
            ):
                assert conn.execute(change, (approval,)).rowcount == 0, (who, change)
    assert _row(world, approval) == ("approved", rita)
    with world.psql("rita") as conn:  # the undo of her decision: pending again
        taken_back = conn.execute(
            "UPDATE plan_approvals SET state = 'submitted', decided_by_id = NULL, "
            "decided_on = NULL, decided_by = '' WHERE id = %s",
            (approval,),
        )
        assert taken_back.rowcount == 1
        # and she cannot remove a submission: that is the submitter's undo
        assert conn.execute("DELETE FROM plan_approvals WHERE id = %s", (approval,)).rowcount == 0
    assert _row(world, approval) == ("submitted", None)


@pytest.mark.parametrize(
    "change",
    [
        "submitted_by_id = NULL",
        "submitted_by = 'Rita'",
        "submitted_on = '2026-11-01'",
        "due_on = '2027-01-01'",
        "note = 'Goedgekeurd, zei Bert'",
        "reviewer = 'Iemand anders'",
    ],
)
def test_deciding_does_not_rewrite_the_submission(world: World, change: str) -> None:
    """A reviewer who decides cannot make it someone else's submission, back-date it, move
    its due day, or put words in the submitter's note."""
    approval = _submit(world, "bert")
    rita = world.person_ids["rita"]
    with world.psql("rita") as conn, pytest.raises(_DENIED):
        conn.execute(
            f"UPDATE plan_approvals SET state = 'approved', decided_on = '2026-12-03', "
            f"decided_by_id = %s, {change} WHERE id = %s",
            (rita, approval),
        )
    assert _row(world, approval) == ("submitted", None)


def test_the_submitter_may_change_whom_he_asks_and_his_note(world: World) -> None:
    approval = _submit(world, "bert")
    with world.psql("bert") as conn:
        changed = conn.execute(
            "UPDATE plan_approvals SET reviewer = 'Rita', note = 'Graag deze week' WHERE id = %s",
            (approval,),
        )
        assert changed.rowcount == 1
        with pytest.raises(_DENIED):
            conn.execute(
                "UPDATE plan_approvals SET due_on = '2027-01-01' WHERE id = %s", (approval,)
            )


def test_a_reviewer_does_not_decide_on_her_own_submission(world: World) -> None:
    approval = _submit(world, "rita")
    with world.psql("rita") as conn:
        assert _refused(conn, _APPROVE, (world.person_ids["rita"], approval))
        with pytest.raises(_DENIED):
            conn.execute(_COMMENT, (world.case_ids[CASE], approval))
    assert _row(world, approval) == ("submitted", None)


def test_the_submitter_withdraws_a_pending_submission_and_nobody_else(world: World) -> None:
    approval = _submit(world, "bert")
    withdraw = (
        "UPDATE plan_approvals SET state = 'withdrawn', decided_on = '2026-12-02', "
        "decided_by = 'Bert' WHERE id = %s"
    )
    for who in ("carla", "teun", "anna"):
        with world.psql(who) as conn:
            assert conn.execute(withdraw, (approval,)).rowcount == 0, who
            query = "DELETE FROM plan_approvals WHERE id = %s"
            assert conn.execute(query, (approval,)).rowcount == 0, who
    with world.psql("bert") as conn:
        with pytest.raises(_DENIED):  # approving his own while at it
            conn.execute(_APPROVE, (world.person_ids["bert"], approval))
        assert conn.execute(withdraw, (approval,)).rowcount == 1
    assert _row(world, approval) == ("withdrawn", None)
    with world.psql("rita") as conn:  # withdrawn: nothing left to decide
        assert conn.execute(_APPROVE, (world.person_ids["rita"], approval)).rowcount == 0
    with world.psql("bert") as conn:  # the undo of withdrawing, then of submitting
        with pytest.raises(_DENIED):  # withdrawn is no decision of his to make
            conn.execute(_APPROVE, (world.person_ids["bert"], approval))
        back = (
            "UPDATE plan_approvals SET state = 'submitted', decided_on = NULL, "
            "decided_by = '' WHERE id = %s"
        )
        assert conn.execute(back, (approval,)).rowcount == 1
        assert conn.execute("DELETE FROM plan_approvals WHERE id = %s", (approval,)).rowcount == 1


def test_through_jeugdtool_submit_decide_and_take_back(world: World) -> None:
    """The ORM's INSERT … RETURNING, the versioned UPDATE and the comments' inserts and
    deletes within one flush pass the same rules."""
    case_id = world.case_ids[CASE]
    bert = world.uow("bert")
    with bert:
        approval = PlanApproval(
            household_id=case_id,
            plan_version_id=_version(world),
            submitted_on=dt.date(2026, 12, 1),
            submitted_by_id=bert.person_id,
            submitted_by="Bert",
            due_on=dt.date(2026, 12, 8),
        )
        bert.session.add(approval)
        bert.session.flush()
        approval_id = approval.id
        bert.commit()
    rita = world.uow("rita")
    with rita:
        row = rita.session.get(PlanApproval, approval_id)
        assert row is not None
        row.state, row.decided_on = "returned", dt.date(2026, 12, 2)
        row.decided_by_id, row.decided_by = rita.person_id, "Rita"
        rita.session.add(
            PlanApprovalComment(
                household_id=case_id, approval_id=approval_id, target_kind="plan", text="Wie?"
            )
        )
        rita.commit()
    assert _row(world, approval_id) == ("returned", world.person_ids["rita"])
    with rita:  # reopening: back to pending, her comments gone, in one flush
        row = rita.session.get(PlanApproval, approval_id)
        assert row is not None
        mine = select(PlanApprovalComment).where(PlanApprovalComment.approval_id == approval_id)
        for comment in rita.session.scalars(mine):
            rita.session.delete(comment)
        row.state, row.decided_on, row.decided_by_id, row.decided_by = "submitted", None, None, ""
        rita.commit()
    assert _row(world, approval_id) == ("submitted", None)
    assert _comments(world, approval_id) == 0


#: An open case (the services change no closed one): Anna's, which Rita reviews.
OPEN_CASE = "2026-0001"


def _final_version(world: World) -> int:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT max(id) FROM plan_versions WHERE household_id = %s AND status = 'final'",
            (world.case_ids[OPEN_CASE],),
        ).fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def _member(world: World, who: str) -> tuple[UnitOfWork, StaffMember]:
    uow = world.uow(who)
    member = staff.current_person(uow)
    assert member is not None
    return uow, member


def test_the_services_work_within_the_rules(world: World) -> None:
    """framework/plan_approval.py as each login: what the service allows, the database lets
    through (submit, return with a comment, reopen, approve, withdraw and take back)."""
    anna, anna_member = _member(world, "anna")
    rita, rita_member = _member(world, "rita")
    submitted = plan_approval.submit(anna, _final_version(world), by=anna_member).value
    comment = CommentInput("plan", "", "", "Wie let er op in het weekend?")
    returned = plan_approval.decide(
        rita, submitted.id, approve=False, by=rita_member, comments=[comment]
    ).value
    assert returned.decided_by_id == world.person_ids["rita"] and len(returned.comments) == 1
    reopened = plan_approval.reopen_decision(rita, submitted.id, expected=returned).value
    assert reopened.comments == ()
    approved = plan_approval.decide(rita, submitted.id, approve=True, by=rita_member).value
    assert _row(world, approved.id) == ("approved", world.person_ids["rita"])
    again = plan_approval.submit(anna, _final_version(world), by=anna_member).value
    withdrawn = plan_approval.withdraw(anna, again.id, by=anna_member).value
    plan_approval.reopen_decision(anna, again.id, expected=withdrawn)
    assert _row(world, again.id) == ("submitted", None)
    taken = plan_approval.remove_submission(anna, again.id).value
    plan_approval.restore_submission(anna, taken)
    assert _row(world, again.id) == ("submitted", None)
