"""Safety goals tracked to closure: judgements on their own and at reviews, each goal's clock."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
START = TODAY - dt.timedelta(days=200)


def set_period(uow, statement_id: int, amount: int | None, unit: str | None) -> None:
    """A goal's period, as the statement dialog saves it (helper C's service): on the row."""
    with uow:
        row = uow.session.get(Statement, statement_id)
        row.sustained_amount, row.sustained_unit = amount, unit
        uow.commit()


@pytest.fixture
def goal_pair(uow, case):
    """Two safety goals on the case's map: the first asks 3 months, the second 6 weeks."""
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=START).value
    found = []
    for text, amount, unit in (
        ("Noa is elke ochtend op tijd op school", 3, "months"),
        ("Er is 's avonds rust in huis", 6, "weeks"),
    ):
        goal = statements.add_statement(
            uow, moment.id, StatementType.SAFETY_GOAL, {"carers_will": text, "text": text}
        ).value
        set_period(uow, goal.id, amount, unit)
        found.append(goal)
    return found


def _count(uow, model) -> int:
    with uow:
        return uow.session.query(model).count()


def test_a_judgement_starts_the_goals_clock(uow, case, goal_pair) -> None:
    first, second = goal_pair
    seen = TODAY - dt.timedelta(days=120)
    done = goals.judge_goal(
        uow, case.id, first.lineage, "met", on=TODAY - 10 * DAY, seen_since=seen, by="Sanne"
    )
    judged = done.value
    assert (judged.judgement, judged.seen_since, judged.judged_by) == (Judgement.MET, seen, "Sanne")
    assert done.changes.touches("goal_judgement")
    tracks = goals.goal_tracks(uow, case.id)
    assert [t.lineage for t in tracks] == [first.lineage, second.lineage]
    track = tracks[0]
    assert (track.amount, track.unit, track.seen_since) == (3, PeriodUnit.MONTHS, seen)
    assert track.latest == judged and track.history == (judged,)
    assert track.held_until is not None and track.held_until <= TODAY and track.held
    assert tracks[1].latest is None and not tracks[1].held and tracks[1].held_until is None


def test_a_goal_holds_only_from_the_end_of_its_period(uow, case, goal_pair) -> None:
    first = goal_pair[0]
    seen = TODAY - dt.timedelta(days=20)
    goals.judge_goal(uow, case.id, first.lineage, "met", seen_since=seen)
    track = goals.goal_tracks(uow, case.id)[0]
    assert track.held_until is not None and track.held_until > TODAY and not track.held
    assert goals.goal_tracks(uow, case.id, today=track.held_until)[0].held


def test_a_later_partly_stops_the_clock_and_a_met_again_without_date_starts_anew(
    uow, case, goal_pair
) -> None:
    lineage = goal_pair[0].lineage
    goals.judge_goal(uow, case.id, lineage, "met", on=TODAY - 50 * DAY, seen_since=START)
    goals.judge_goal(uow, case.id, lineage, "partly", on=TODAY - 40 * DAY)
    assert not goals.goal_tracks(uow, case.id)[0].held
    again = goals.judge_goal(uow, case.id, lineage, "met", on=TODAY - 30 * DAY).value
    assert again.seen_since == TODAY - 30 * DAY  # the change was interrupted
    later = goals.judge_goal(uow, case.id, lineage, "met").value
    assert later.seen_since == TODAY - 30 * DAY  # it goes on: the clock keeps its start
    assert len(goals.goal_tracks(uow, case.id)[0].history) == 4


def test_a_goal_without_a_period_never_holds(uow, case, goal_pair) -> None:
    set_period(uow, goal_pair[0].id, None, None)
    goals.judge_goal(uow, case.id, goal_pair[0].lineage, "met", seen_since=START)
    track = goals.goal_tracks(uow, case.id)[0]
    assert (track.amount, track.unit, track.held_until, track.held) == (None, None, None, False)


def test_only_a_safety_goal_of_the_case_is_judged(uow, case, goal_pair) -> None:
    other = households.create_case(uow, name="Gezin Bakker").value
    with pytest.raises(InvalidInput) as bad:
        goals.judge_goal(uow, other.id, goal_pair[0].lineage, "met")
    assert bad.value.for_field("goal_lineage") == [_("Choose a safety goal of this case.")]
    with pytest.raises(InvalidInput):
        goals.judge_goal(uow, case.id, goal_pair[0].lineage, "met", network_meeting_id=999)
    assert _count(uow, GoalJudgement) == 0


def test_a_judgement_is_corrected_and_undo_refuses_a_colleagues_change(
    uow, case, goal_pair
) -> None:
    judged = goals.judge_goal(uow, case.id, goal_pair[0].lineage, "partly").value
    fixed = goals.update_judgement(
        uow, judged.id, {"judgement": "met", "seen_since": TODAY - 5 * DAY}
    ).value
    assert (fixed.judgement, fixed.seen_since) == (Judgement.MET, TODAY - 5 * DAY)
    not_met = goals.update_judgement(uow, judged.id, {"judgement": "not_met"}).value
    assert not_met.seen_since is None  # "not met" has no date
    with pytest.raises(ConflictError):
        goals.update_judgement(uow, judged.id, {"note": "x"}, expected={"judgement": Judgement.MET})


def test_a_removed_judgement_comes_back_and_redo_refuses_after_a_change(
    uow, case, goal_pair
) -> None:
    judged = goals.judge_goal(uow, case.id, goal_pair[0].lineage, "met").value
    taken = goals.remove_judgement(uow, judged.id, expected=judged).value
    assert _count(uow, GoalJudgement) == 0
    back = goals.restore_judgement(uow, taken).value
    assert (back.id, back.judgement, back.seen_since) == (judged.id, judged.judgement, TODAY)
    goals.update_judgement(uow, judged.id, {"note": "door collega"})
    with pytest.raises(ConflictError):
        goals.remove_judgement(uow, judged.id, expected=back)


def test_a_closed_case_takes_no_judgements(uow, case, goal_pair) -> None:
    households.close_case(uow, case.id, "Verhuisd")
    with pytest.raises(CaseClosed):
        goals.judge_goal(uow, case.id, goal_pair[0].lineage, "met")


# ---- judgements at a review -----------------------------------------------------------------


@pytest.fixture
def final_plan(uow, case, goal_pair):
    draft = plans.start_draft(uow, case.id).value
    plan_finalise.finalise(
        uow, draft.id, by="A. de Boer", override_reason="test", today=TODAY - 30 * DAY
    )
    return draft


def test_a_review_judges_goals_on_its_date_and_takes_them_along(
    uow, case, goal_pair, final_plan
) -> None:
    first, second = goal_pair
    review = plan_reviews.add_review(
        uow,
        final_plan.id,
        TODAY - 2 * DAY,
        "",
        [],
        [
            JudgementInput(first.lineage, "met", seen_since=TODAY - 100 * DAY),
            JudgementInput(second.lineage, Judgement.PARTLY, note="bijna"),
        ],
    ).value
    assert [(j.goal_lineage, j.judged_on, j.review_id) for j in review.judgements] == [
        (first.lineage, TODAY - 2 * DAY, review.id),
        (second.lineage, TODAY - 2 * DAY, review.id),
    ]
    assert plan_reviews.list_reviews(uow, case.id) == (review,)
    moved = plan_reviews.update_review(uow, review.id, {"held_on": TODAY - 3 * DAY}).value
    assert {j.judged_on for j in moved.judgements} == {TODAY - 3 * DAY}
    taken = plan_reviews.remove_review(uow, review.id, expected=moved).value
    assert _count(uow, GoalJudgement) == 0
    back = plan_reviews.restore_review(uow, taken).value
    assert [j.id for j in back.judgements] == [j.id for j in moved.judgements]
    assert goals.goal_tracks(uow, case.id)[0].held


def test_a_goal_is_judged_once_per_review_and_problems_name_the_judgement(
    uow, case, goal_pair, final_plan
) -> None:
    lineage = goal_pair[0].lineage
    with pytest.raises(InvalidInput) as bad:
        plan_reviews.add_review(
            uow,
            final_plan.id,
            TODAY,
            "",
            [],
            [
                JudgementInput(lineage, "met"),
                JudgementInput("elsewhere", "met"),
                JudgementInput(goal_pair[1].lineage, "not_met", seen_since=TODAY),
            ],
        )
    assert bad.value.for_field("judgements[1].goal_lineage")
    assert bad.value.for_field("judgements[2].seen_since")
    assert plan_reviews.list_reviews(uow, case.id) == ()
    with pytest.raises(InvalidInput) as bad:
        plan_reviews.add_review(
            uow,
            final_plan.id,
            TODAY,
            "",
            [],
            [JudgementInput(lineage, "met"), JudgementInput(lineage, "partly")],
        )
    assert bad.value.for_field("judgements[1].goal_lineage") == [
        _("Each safety goal is judged once per review; it already is.")
    ]


def test_a_review_judgement_keeps_the_reviews_date(uow, case, goal_pair, final_plan) -> None:
    review = plan_reviews.add_review(
        uow, final_plan.id, TODAY, "", [], [JudgementInput(goal_pair[0].lineage, "met")]
    ).value
    with pytest.raises(InvalidInput):
        goals.update_judgement(uow, review.judgements[0].id, {"judged_on": TODAY - DAY})


def test_a_goal_judged_at_a_review_on_its_own_takes_the_reviews_date(
    uow, case, goal_pair, final_plan
) -> None:
    held = TODAY - 3 * DAY
    review = plan_reviews.add_review(uow, final_plan.id, held, "", []).value
    lineage = goal_pair[0].lineage
    with pytest.raises(InvalidInput) as bad:
        goals.judge_goal(uow, case.id, lineage, "met", on=TODAY, review_id=review.id)
    assert bad.value.for_field("judged_on")
    done = goals.judge_goal(uow, case.id, lineage, "met", review_id=review.id).value
    assert (done.judged_on, done.review_id) == (held, review.id)
