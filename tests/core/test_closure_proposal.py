"""When every safety goal has held for its period the case is proposed for closure; the closing
starts from the goals' outcomes proposed from their latest judgements and can hold the network's
own plan for after closure."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import Statement
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.outcomes import closing
from jeugdtool.outcomes import closing_rules
from jeugdtool.outcomes import closure
from jeugdtool.outcomes.closing import ClosingInput
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
OPENED = TODAY - dt.timedelta(days=400)


def _period(uow, statement_id: int, amount: int, unit: str) -> None:
    with uow:
        row = uow.session.get(Statement, statement_id)
        row.sustained_amount, row.sustained_unit = amount, unit
        uow.commit()


@pytest.fixture
def open_case(uow):
    return households.create_case(uow, name="Gezin Jansen", opened_on=OPENED).value


@pytest.fixture
def two_goals(uow, open_case):
    """Two goals: 3 months and 6 weeks."""
    moment = moments.start_moment(uow, open_case.id, author="A. de Boer", held_on=OPENED).value
    found = []
    for text, amount, unit in (("Noa gaat naar school", 3, "months"), ("Rust in huis", 6, "weeks")):
        goal = statements.add_statement(
            uow, moment.id, StatementType.SAFETY_GOAL, {"carers_will": text, "text": text}
        ).value
        _period(uow, goal.id, amount, unit)
        found.append(goal.lineage)
    return found


def _met(uow, case_id, lineage, days_ago: int) -> None:
    goals.judge_goal(uow, case_id, lineage, "met", seen_since=TODAY - days_ago * DAY)


def test_no_proposal_without_goals_or_before_every_goal_held(uow, open_case, two_goals) -> None:
    first, second = two_goals
    assert closure.closure_proposal(uow, open_case.id) is None  # not judged
    _met(uow, open_case.id, first, 100)
    _met(uow, open_case.id, second, 10)  # 6 weeks not yet reached
    assert closure.closure_proposal(uow, open_case.id) is None
    other = households.create_case(uow, name="Gezin Bakker").value
    assert closure.closure_proposal(uow, other.id) is None  # no goals at all


def test_every_goal_held_proposes_closure_with_each_goals_outcome(
    uow, open_case, two_goals
) -> None:
    first, second = two_goals
    _met(uow, open_case.id, first, 100)
    _met(uow, open_case.id, second, 45)
    found = closure.closure_proposal(uow, open_case.id)
    assert found is not None and found.case_id == open_case.id
    assert [(g.lineage, g.outcome) for g in found.goals] == [
        (first, GoalOutcome.FULLY),
        (second, GoalOutcome.FULLY),
    ]
    three_months = goals.goal_tracks(uow, open_case.id)[0].held_until
    six_weeks = TODAY - 45 * DAY + dt.timedelta(weeks=6)
    assert found.held_since == max(three_months, six_weeks)
    assert all(g.why for g in found.goals)
    # Before the last goal held, no proposal.
    assert closure.closure_proposal(uow, open_case.id, today=found.held_since - DAY) is None


def test_a_later_partly_withdraws_the_proposal(uow, open_case, two_goals) -> None:
    for lineage in two_goals:
        _met(uow, open_case.id, lineage, 120)
    assert closure.closure_proposal(uow, open_case.id) is not None
    goals.judge_goal(uow, open_case.id, two_goals[1], "partly")
    assert closure.closure_proposal(uow, open_case.id) is None


def test_a_closed_case_is_not_proposed(uow, open_case, two_goals) -> None:
    for lineage in two_goals:
        _met(uow, open_case.id, lineage, 120)
    households.close_case(uow, open_case.id, "Verhuisd")
    assert closure.closure_proposal(uow, open_case.id) is None


def test_whom_to_call_is_proposed_from_the_plans_safety_network(uow, open_case, two_goals) -> None:
    ria = members.add_network_member(
        uow,
        open_case.id,
        {"name": "oma Ria", "kind": "family", "relation": "grootmoeder", "phone": "0612345678"},
    ).value
    draft = plans.start_draft(uow, open_case.id).value
    source = Source(SourceKind.NETWORK, network_id=ria.id)
    if not plans.get_plan(uow, draft.id).network:
        plan_sections.add_network_role(uow, draft.id, {"source": source, "role": "haalt Noa op"})
    plan_sections.add_network_role(
        uow, draft.id, {"source": Source(SourceKind.OTHER, label="buurman Ahmed"), "role": ""}
    )
    for lineage in two_goals:
        _met(uow, open_case.id, lineage, 120)
    found = closure.closure_proposal(uow, open_case.id)
    assert found is not None
    assert found.whom_to_call[-1] == "buurman Ahmed"
    assert found.whom_to_call[0].startswith("oma Ria (grootmoeder), 0612345678")
    assert closing.closing_form(uow, open_case.id).whom_to_call == found.whom_to_call


# ---- the closing starts from the goals -------------------------------------------------------


@pytest.mark.parametrize(
    ("judgement", "days_ago", "proposed"),
    [
        ("met", 120, GoalOutcome.FULLY),
        ("met", 5, GoalOutcome.MOSTLY),
        ("partly", None, GoalOutcome.PARTLY),
        ("not_met", None, GoalOutcome.NOT),
    ],
)
def test_the_closing_form_proposes_each_goals_outcome_from_its_latest_judgement(
    uow, open_case, two_goals, judgement, days_ago, proposed
) -> None:
    seen = TODAY - days_ago * DAY if days_ago else None
    goals.judge_goal(uow, open_case.id, two_goals[0], judgement, seen_since=seen)
    form = closing.closing_form(uow, open_case.id)
    assert form.goals[0].proposed == proposed.value and form.goals[0].why
    assert form.goals[1].proposed is None  # never judged: the consultant chooses


def test_proposed_outcome_rule() -> None:
    assert closing_rules.proposed_outcome(None, False) is None
    assert closing_rules.proposed_outcome("met", True) is GoalOutcome.FULLY
    assert closing_rules.proposed_outcome("met", False) is GoalOutcome.MOSTLY
    assert closing_rules.proposed_outcome("partly", False) is GoalOutcome.PARTLY
    assert closing_rules.proposed_outcome("not_met", False) is GoalOutcome.NOT


def _closing(**changes) -> ClosingInput:
    values = {
        "closed_on": TODAY,
        "reason": "Doelen gehaald",
        "goals_outcome": GoalOutcome.FULLY,
        "further_help": FurtherHelp.NONE,
        "ended_as": EndedAs.PLANNED,
    }
    return ClosingInput(**{**values, **changes})


def test_a_closing_keeps_the_networks_plan_and_it_can_be_corrected(uow, open_case) -> None:
    data = _closing(
        network_keeps="  Oma haalt Noa op woensdag op.  ",
        whom_to_call=("oma Ria, 0612345678: bij zorgen", "  ", "Wijkteam  Noord: 020-1234567"),
    )
    done = closing.close_case(uow, open_case.id, data).value
    assert done.network_keeps == "Oma haalt Noa op woensdag op."
    assert done.whom_to_call == ("oma Ria, 0612345678: bij zorgen", "Wijkteam Noord: 020-1234567")
    fixed = closing.update_closing(
        uow,
        done.id,
        {"whom_to_call": "Huisarts\nWijkteam"},
        expected={"network_keeps": done.network_keeps},
    ).value
    assert fixed.whom_to_call == ("Huisarts", "Wijkteam")
    assert closing.closings(uow, open_case.id) == [fixed]


def test_whom_to_call_is_a_short_list_of_lines() -> None:
    with pytest.raises(InvalidInput) as bad:
        closing_rules.call_lines(["x"] * 21)
    assert bad.value.for_field("whom_to_call")
    with pytest.raises(InvalidInput):
        closing_rules.call_lines(["x" * 301])
    assert closing_rules.call_lines("a\n\n b ") == ("a", "b")
