"""Structured closing: the rules, closing in one transaction, undo of closing and reopening,
corrections and the family's experience."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import DiskFull
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes import closing_rules
from jeugdtool.outcomes.closing import ClosingInput
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import NewStart
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
OPENED = TODAY - dt.timedelta(days=200)
GOALS = [("g1", "Noa is elke ochtend op tijd op school"), ("g2", "Er is 's avonds rust in huis")]


def _input(**changes) -> ClosingInput:
    values = {
        "closed_on": TODAY,
        "reason": "Hulp afgerond, veiligheid stabiel",
        "goals_outcome": GoalOutcome.MOSTLY,
        "further_help": FurtherHelp.NONE,
        "ended_as": EndedAs.PLANNED,
    }
    return ClosingInput(**{**values, **changes})


def _check(data: ClosingInput, goals=(), reopened_on=None) -> dict:
    return closing_rules.check_input(
        data, goals=goals, opened_on=OPENED, today=TODAY, reopened_on=reopened_on
    )


def _problems(data: ClosingInput, goals=(), reopened_on=None) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as bad:
        _check(data, goals, reopened_on)
    found: dict[str, list[str]] = {}
    for problem in bad.value.problems:
        found.setdefault(problem.field, []).append(problem.message)
    return found


# ---- the rules --------------------------------------------------------------------------------


def test_a_complete_closing_without_goals_is_clean() -> None:
    clean = _check(_input(reason="  Hulp afgerond  "))
    assert clean["reason"] == "Hulp afgerond"
    assert clean["goals_outcome"] is GoalOutcome.MOSTLY
    assert clean["goal_outcomes"] == ()
    assert clean["ended_early_by"] is None


def test_every_missing_answer_is_named_at_once() -> None:
    found = _problems(ClosingInput(closed_on=None, reason=" "))
    assert found == {
        "closed_on": [_("{label} is required.").format(label=_("Closing date"))],
        "reason": [_("Give a reason for closing the case.")],
        "goals_outcome": [_("Say how far the goals were reached.")],
        "further_help": [_("Say whether the family still needs help after closing.")],
        "ended_as": [_("Say whether the help ended as planned or early.")],
    }


def test_the_closing_date_lies_between_the_opening_and_today() -> None:
    before = OPENED - dt.timedelta(days=1)
    assert _problems(_input(closed_on=before))["closed_on"] == [
        _("The closing date {closed} lies before the opening date {opened}.").format(
            closed=format_date_nl(before), opened=format_date_nl(OPENED)
        )
    ]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert _problems(_input(closed_on=tomorrow))["closed_on"] == [
        _("{label} {date} lies in the future; choose today or an earlier date.").format(
            label=_("Closing date"), date=format_date_nl(tomorrow)
        )
    ]
    assert _check(_input(closed_on=OPENED))["closed_on"] == OPENED


def test_the_closing_date_is_not_before_the_last_reopening() -> None:
    reopened = TODAY - dt.timedelta(days=10)
    early = reopened - dt.timedelta(days=1)
    assert _problems(_input(closed_on=early), reopened_on=reopened)["closed_on"] == [
        _(
            "The closing date {closed} lies before the day the case was last reopened "
            "({reopened}). Choose a date on or after it."
        ).format(closed=format_date_nl(early), reopened=format_date_nl(reopened))
    ]


def test_a_closing_date_typed_in_dutch_is_read() -> None:
    typed = format_date_nl(OPENED + dt.timedelta(days=3))
    assert _check(_input(closed_on=typed))["closed_on"] == OPENED + dt.timedelta(days=3)


def test_each_safety_goal_needs_its_outcome() -> None:
    data = _input(goal_outcomes=(("g1", "", GoalOutcome.FULLY), ("g2", "", None)))
    found = _problems(data, GOALS)
    assert found == {"goal_outcomes[g2]": [_("Say how far this safety goal was reached.")]}


def test_with_goals_the_whole_is_the_lowest_goal_outcome_and_not_asked() -> None:
    data = _input(
        goals_outcome=None,
        goal_outcomes=(("g2", "", "partly"), ("g1", "", GoalOutcome.FULLY)),
    )
    clean = _check(data, GOALS)
    assert clean["goals_outcome"] is GoalOutcome.PARTLY
    # In the goals' order, with their own words.
    assert clean["goal_outcomes"] == (
        ("g1", GOALS[0][1], GoalOutcome.FULLY),
        ("g2", GOALS[1][1], GoalOutcome.PARTLY),
    )
    # A value given for the whole does not overrule the goals.
    assert _check(_input(goal_outcomes=data.goal_outcomes), GOALS)["goals_outcome"] is (
        GoalOutcome.PARTLY
    )


def test_lowest_of_goal_outcomes() -> None:
    assert closing_rules.lowest(["fully", "not", "mostly"]) is GoalOutcome.NOT
    assert closing_rules.lowest(["fully", "mostly"]) is GoalOutcome.MOSTLY
    assert closing_rules.lowest([]) is None


def test_a_goal_the_case_does_not_have_is_refused() -> None:
    data = _input(goal_outcomes=(("g1", "", "fully"), ("g2", "", "fully"), ("gone", "", "not")))
    assert _problems(data, GOALS) == {
        "goal_outcomes[gone]": [
            _(
                "This safety goal is not one of the case's current safety goals. "
                "Close the dialog and start closing again."
            )
        ]
    }


def test_an_unknown_outcome_is_named() -> None:
    found = _problems(_input(goals_outcome="great"))
    allowed = ", ".join(o.value for o in GoalOutcome)
    assert found["goals_outcome"] == [
        _("{label} '{value}' is unknown; choose one of: {allowed}.").format(
            label=_("Goals' outcome"), value="great", allowed=allowed
        )
    ]


def test_other_further_help_says_which() -> None:
    assert _problems(_input(further_help=FurtherHelp.OTHER)) == {
        "further_help_detail": [_("Say which other help the family gets.")]
    }
    clean = _check(_input(further_help="other", further_help_detail=" GGZ-behandeling "))
    assert clean["further_help"] is FurtherHelp.OTHER
    assert clean["further_help_detail"] == "GGZ-behandeling"
    # Community help may say which, need not.
    assert _check(_input(further_help="community"))["further_help_detail"] == ""


def test_ended_early_by_is_required_exactly_when_early() -> None:
    assert _problems(_input(ended_as=EndedAs.EARLY)) == {
        "ended_early_by": [
            _("Say who ended the help early: the family, the provider or the municipality.")
        ]
    }
    assert _problems(_input(ended_early_by=EndedEarlyBy.FAMILY)) == {
        "ended_early_by": [
            _("Only help that ended early was ended by someone: leave 'ended early by' empty.")
        ]
    }
    clean = _check(_input(ended_as="early", ended_early_by="provider"))
    assert clean["ended_early_by"] is EndedEarlyBy.PROVIDER


def test_experience_answers_are_one_to_five_or_empty() -> None:
    message = _("Answer with a number from 1 to 5, or leave it empty.")
    for wrong in (0, 6, "zes", True, 2.5):
        with pytest.raises(InvalidInput) as bad:
            closing_rules.clean_experience({"heard": wrong, "respondent": "x"}, new=True)
        assert bad.value.for_field("heard") == [message]
    clean = closing_rules.clean_experience(
        {"respondent": "Sandra", "heard": "4", "helped": None, "knows_what_to_do": ""}, new=True
    )
    assert (clean["heard"], clean["helped"], clean["knows_what_to_do"]) == (4, None, None)
    with pytest.raises(InvalidInput) as bad:
        closing_rules.clean_experience({"heard": 3}, new=True)
    assert bad.value.for_field("respondent") == [_("Say who answered the questions.")]


def test_same_child_folds_names_and_needs_the_birth_date() -> None:
    born = dt.date(2015, 4, 1)
    aicha = SimpleNamespace(first_name="Aïcha", last_name="el Amrani", birth_date=born)
    assert closing_rules.same_child(
        aicha, SimpleNamespace(first_name="AICHA ", last_name="El  Amrani", birth_date=born)
    )
    other_day = SimpleNamespace(
        first_name="Aicha", last_name="el Amrani", birth_date=dt.date(2015, 4, 2)
    )
    assert not closing_rules.same_child(aicha, other_day)
    no_date = SimpleNamespace(first_name="Aïcha", last_name="el Amrani", birth_date=None)
    assert not closing_rules.same_child(no_date, no_date)
    sister = SimpleNamespace(first_name="Amira", last_name="el Amrani", birth_date=born)
    assert not closing_rules.same_child(aicha, sister)


# ---- closing a case ---------------------------------------------------------------------------


@pytest.fixture
def open_case(uow):
    return households.create_case(uow, name="Gezin Jansen", opened_on=OPENED).value


@pytest.fixture
def goals(uow, open_case):
    """Two safety goals on the case's map (lineage, text)."""
    moment = moments.start_moment(uow, open_case.id, author="A. de Boer", held_on=OPENED).value
    found = []
    for text in ("Noa is elke ochtend op tijd op school", "Er is 's avonds rust in huis"):
        goal = statements.add_statement(
            uow, moment.id, StatementType.SAFETY_GOAL, {"carers_will": text, "text": text}
        ).value
        found.append((goal.lineage, goal.text))
    return found


def _rows(uow, model, **where):
    with uow:
        query = uow.session.query(model)
        for name, value in where.items():
            query = query.filter(getattr(model, name) == value)
        return query.count()


def _household(uow, case_id):
    return queries.get_case(uow, case_id).household


def test_closing_form_asks_about_the_current_goals_and_members(uow, open_case, goals) -> None:
    members.add_person(uow, open_case.id, {"first_name": "Sandra", "last_name": "Jansen"})
    form = closing.closing_form(uow, open_case.id)
    assert [(g.lineage, g.text) for g in form.goals] == goals
    assert [m.label for m in form.members] == ["Sandra Jansen"]
    assert form.today == TODAY
    assert form.earliest == OPENED


def test_close_case_records_the_closing_and_closes_the_case(uow, open_case, goals) -> None:
    data = _input(
        closed_on=TODAY - dt.timedelta(days=1),
        goal_outcomes=((goals[0][0], "", "fully"), (goals[1][0], "", "partly")),
        further_help="other",
        further_help_detail="Schuldhulp",
        ended_as="early",
        ended_early_by="family",
    )
    done = closing.close_case(uow, open_case.id, data)
    found = done.value
    assert found.goals_outcome == "partly"
    assert [(g.lineage, g.text, g.outcome) for g in found.goal_outcomes] == [
        (goals[0][0], goals[0][1], "fully"),
        (goals[1][0], goals[1][1], "partly"),
    ]
    assert (found.further_help, found.further_help_detail) == ("other", "Schuldhulp")
    assert (found.ended_as, found.ended_early_by) == ("early", "family")
    case = _household(uow, open_case.id)
    assert (case.status, case.closed_on, case.close_reason) == (
        "closed",
        TODAY - dt.timedelta(days=1),
        "Hulp afgerond, veiligheid stabiel",
    )
    assert done.changes.touches("case_closing", "closing_goal_outcome", "household")
    assert closing.closings(uow, open_case.id) == [found]


def test_a_missing_goal_outcome_leaves_the_case_open_and_no_closing(uow, open_case, goals) -> None:
    data = _input(goal_outcomes=((goals[0][0], "", "fully"),))
    with pytest.raises(InvalidInput) as bad:
        closing.close_case(uow, open_case.id, data)
    assert bad.value.for_field(f"goal_outcomes[{goals[1][0]}]") == [
        _("Say how far this safety goal was reached.")
    ]
    assert _household(uow, open_case.id).status == "open"
    assert _rows(uow, CaseClosing) == 0
    assert _rows(uow, ClosingGoalOutcome) == 0


def test_a_failing_write_leaves_nothing_half_done(uow, open_case, goals, monkeypatch) -> None:
    """The closing is written before the goal outcomes and the case: when the disk fails at
    the end, none of it stays (one transaction)."""
    data = _input(goal_outcomes=((goals[0][0], "", "fully"), (goals[1][0], "", "not")))

    def full_disk():
        raise DiskFull(_("the disk is full"))

    monkeypatch.setattr(uow, "commit", full_disk)
    with pytest.raises(DiskFull):
        closing.close_case(uow, open_case.id, data)
    monkeypatch.undo()
    assert _household(uow, open_case.id).status == "open"
    assert _rows(uow, CaseClosing) == 0
    assert _rows(uow, ClosingGoalOutcome) == 0


def test_a_closed_case_cannot_be_closed_again(uow, open_case) -> None:
    closing.close_case(uow, open_case.id, _input())
    with pytest.raises(InvalidInput) as bad:
        closing.close_case(uow, open_case.id, _input())
    assert bad.value.for_field("status") == [_("This case is already closed.")]
    assert _rows(uow, CaseClosing) == 1


def test_undo_close_opens_the_case_and_redo_puts_the_same_closing_back(uow, open_case) -> None:
    found = closing.close_case(uow, open_case.id, _input()).value
    taken = closing.undo_close(uow, found.id, expected=found).value
    case = _household(uow, open_case.id)
    assert (case.status, case.closed_on, case.close_reason) == ("open", None, None)
    assert closing.closings(uow, open_case.id) == []
    assert _rows(uow, NewStart) == 0  # undo is no new start
    again = closing.redo_close(uow, taken).value
    assert again.id == found.id and again.reason == found.reason
    assert _household(uow, open_case.id).status == "closed"


def test_undo_close_refuses_after_an_experience_or_a_correction(uow, open_case) -> None:
    found = closing.close_case(uow, open_case.id, _input()).value
    closing.add_experience(uow, found.id, {"respondent": "Sandra", "heard": 4})
    with pytest.raises(ConflictError):
        closing.undo_close(uow, found.id, expected=found)
    assert _household(uow, open_case.id).status == "closed"
    later = closing.closings(uow, open_case.id)[0]
    closing.update_closing(uow, found.id, {"reason": "Doelen behaald, gezin zelfstandig"})
    with pytest.raises(ConflictError):
        closing.undo_close(uow, found.id, expected=later)


def test_undo_close_refuses_once_the_case_was_reopened(uow, open_case) -> None:
    found = closing.close_case(uow, open_case.id, _input()).value
    closing.reopen_case(uow, open_case.id)
    with pytest.raises(ConflictError):
        closing.undo_close(uow, found.id)
    assert _household(uow, open_case.id).status == "open"


# ---- reopening --------------------------------------------------------------------------------


def test_reopen_keeps_the_closing_and_records_a_new_start(uow, open_case) -> None:
    closed_on = TODAY - dt.timedelta(days=30)
    found = closing.close_case(uow, open_case.id, _input(closed_on=closed_on)).value
    reopened = closing.reopen_case(uow, open_case.id).value
    assert reopened.previous_status == "closed" and reopened.closing_id == found.id
    start = reopened.new_start
    assert (start.kind, start.person_id, start.previous_closing_id, start.started_on) == (
        "reopened",
        None,
        found.id,
        TODAY,
    )
    assert start.confirmed_by == "A. de Boer"
    kept = closing.closings(uow, open_case.id)
    assert [(c.id, c.closed_on, c.reopened_on) for c in kept] == [(found.id, closed_on, TODAY)]
    assert _household(uow, open_case.id).status == "open"
    assert closing.new_starts(uow, open_case.id) == [start]
    # The next closing is a second episode; the first stays as it was.
    closing.close_case(uow, open_case.id, _input())
    assert [c.reopened_on for c in closing.closings(uow, open_case.id)] == [TODAY, None]


def test_reopen_refuses_an_open_case_and_a_day_before_the_closing(uow, open_case) -> None:
    with pytest.raises(InvalidInput) as bad:
        closing.reopen_case(uow, open_case.id)
    assert bad.value.for_field("status") == [_("This case is already open.")]
    closed_on = TODAY - dt.timedelta(days=5)
    closing.close_case(uow, open_case.id, _input(closed_on=closed_on))
    early = closed_on - dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as bad:
        closing.reopen_case(uow, open_case.id, on=early)
    assert bad.value.for_field("reopened_on") == [
        _(
            "The case was closed on {closed}; it cannot be reopened on {day}, before "
            "that. Choose a later date."
        ).format(closed=format_date_nl(closed_on), day=format_date_nl(early))
    ]
    assert _household(uow, open_case.id).status == "closed"
    assert _rows(uow, NewStart) == 0


def test_undo_reopen_puts_the_closed_case_back(uow, open_case) -> None:
    found = closing.close_case(uow, open_case.id, _input()).value
    reopened = closing.reopen_case(uow, open_case.id).value
    back = closing.undo_reopen(
        uow, reopened.new_start.id, expected=reopened.new_start, status=reopened.previous_status
    ).value
    assert back.id == found.id and back.reopened_on is None
    case = _household(uow, open_case.id)
    assert (case.status, case.closed_on, case.close_reason) == ("closed", TODAY, found.reason)
    assert _rows(uow, NewStart) == 0
    # Redo is reopening again.
    closing.reopen_case(uow, open_case.id, on=reopened.new_start.started_on)
    assert _household(uow, open_case.id).status == "open"


def test_undo_reopen_of_an_archived_case_archives_it_again(uow, open_case) -> None:
    closing.close_case(uow, open_case.id, _input())
    households.archive_case(uow, open_case.id)
    reopened = closing.reopen_case(uow, open_case.id).value
    assert reopened.previous_status == "archived"
    closing.undo_reopen(uow, reopened.new_start.id, status=reopened.previous_status)
    assert _household(uow, open_case.id).status == "archived"


def test_undo_reopen_refuses_once_the_case_was_closed_again(uow, open_case) -> None:
    closing.close_case(uow, open_case.id, _input())
    reopened = closing.reopen_case(uow, open_case.id).value
    closing.close_case(uow, open_case.id, _input())
    with pytest.raises(ConflictError):
        closing.undo_reopen(uow, reopened.new_start.id, expected=reopened.new_start)
    assert len(closing.closings(uow, open_case.id)) == 2
    assert _rows(uow, NewStart) == 1


def test_reopening_a_case_closed_the_old_way_gives_it_its_closing(uow, open_case) -> None:
    """A case closed by an older path (a case file, the old service) has no closing row."""
    households.close_case(uow, open_case.id, "Verhuisd naar andere gemeente")
    reopened = closing.reopen_case(uow, open_case.id).value
    (made,) = closing.closings(uow, open_case.id)
    assert (made.id, made.reason, made.goals_outcome) == (
        reopened.closing_id,
        "Verhuisd naar andere gemeente",
        None,
    )
    assert made.reopened_on == TODAY


# ---- corrections ------------------------------------------------------------------------------


def test_update_closing_corrects_and_keeps_the_case_in_step(uow, open_case, goals) -> None:
    data = _input(goal_outcomes=((goals[0][0], "", "fully"), (goals[1][0], "", "mostly")))
    found = closing.close_case(uow, open_case.id, data).value
    day = TODAY - dt.timedelta(days=2)
    fixed = closing.update_closing(
        uow,
        found.id,
        {
            "closed_on": day,
            "goal_outcomes": ((goals[1][0], "", "not"), (goals[0][0], "", "fully")),
        },
        expected={"closed_on": TODAY, "goal_outcomes": found.goal_outcomes},
    ).value
    assert fixed.closed_on == day and fixed.goals_outcome == "not"
    assert [g.outcome for g in fixed.goal_outcomes] == ["fully", "not"]
    assert _household(uow, open_case.id).closed_on == day
    with pytest.raises(ConflictError):
        closing.update_closing(uow, found.id, {"closed_on": TODAY}, expected={"closed_on": TODAY})


def test_update_closing_applies_the_rules_between_fields(uow, open_case) -> None:
    found = closing.close_case(uow, open_case.id, _input()).value
    with pytest.raises(InvalidInput) as bad:
        closing.update_closing(uow, found.id, {"ended_as": "early"})
    assert bad.value.for_field("ended_early_by")
    with pytest.raises(InvalidInput) as bad:
        closing.update_closing(uow, found.id, {"further_help": None})
    assert bad.value.for_field("further_help") == [
        _("Say whether the family still needs help after closing.")
    ]
    assert closing.closings(uow, open_case.id) == [found]


def test_an_old_closing_is_filled_in_bit_by_bit(uow, open_case) -> None:
    households.close_case(uow, open_case.id, "Verhuisd naar andere gemeente")
    reopened = closing.reopen_case(uow, open_case.id).value
    fixed = closing.update_closing(uow, reopened.closing_id, {"goals_outcome": "partly"}).value
    assert (fixed.goals_outcome, fixed.further_help, fixed.ended_as) == ("partly", None, None)
    # A reopened closing's date stays on or before the reopening.
    with pytest.raises(InvalidInput) as bad:
        closing.update_closing(uow, fixed.id, {"closed_on": TODAY + dt.timedelta(days=1)})
    assert bad.value.for_field("closed_on")
    assert _household(uow, open_case.id).status == "open"


# ---- the family's experience ------------------------------------------------------------------


@pytest.fixture
def closed(uow, open_case):
    sandra = members.add_person(
        uow, open_case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    ).value
    found = closing.close_case(uow, open_case.id, _input()).value
    return SimpleNamespace(case=open_case, sandra=sandra, closing=found)


def test_an_experience_takes_the_members_name_and_only_once(uow, closed) -> None:
    added = closing.add_experience(
        uow, closed.closing.id, {"person_id": closed.sandra.id, "heard": 5, "helped": 4}
    ).value
    assert (added.respondent, added.heard, added.helped, added.knows_what_to_do) == (
        "Sandra Jansen",
        5,
        4,
        None,
    )
    with pytest.raises(InvalidInput) as bad:
        closing.add_experience(uow, closed.closing.id, {"person_id": closed.sandra.id})
    assert bad.value.for_field("person_id") == [
        _(
            "This family member has already given their experience at this closing. "
            "Change that experience instead."
        )
    ]
    # Someone outside the household answers under their own name.
    grandma = closing.add_experience(uow, closed.closing.id, {"respondent": "Oma Jansen"}).value
    assert grandma.person_id is None
    assert [e.id for e in closing.closings(uow, closed.case.id)[0].experiences] == [
        added.id,
        grandma.id,
    ]


def test_an_experience_of_someone_from_another_case_is_refused(uow, closed) -> None:
    other = households.create_case(uow, name="Gezin Bakker").value
    stranger = members.add_person(uow, other.id, {"first_name": "Piet"}).value
    with pytest.raises(InvalidInput) as bad:
        closing.add_experience(uow, closed.closing.id, {"person_id": stranger.id})
    assert bad.value.for_field("person_id") == [_("Choose a member of this household.")]


def test_experiences_change_and_come_back_after_removal(uow, closed) -> None:
    added = closing.add_experience(
        uow, closed.closing.id, {"person_id": closed.sandra.id, "heard": 2}
    ).value
    changed = closing.update_experience(
        uow, added.id, {"heard": 3, "comment": "Fijn"}, expected={"heard": 2}
    ).value
    assert (changed.heard, changed.comment) == (3, "Fijn")
    with pytest.raises(ConflictError):
        closing.update_experience(uow, added.id, {"heard": 1}, expected={"heard": 2})
    with pytest.raises(ConflictError):
        closing.remove_experience(uow, added.id, expected=added)
    taken = closing.remove_experience(uow, added.id, expected=changed).value
    assert closing.closings(uow, closed.case.id)[0].experiences == ()
    back = closing.restore_experience(uow, taken).value
    assert back == changed


def test_experience_can_be_added_to_a_closed_case_but_the_case_stays_closed(uow, closed) -> None:
    closing.add_experience(uow, closed.closing.id, {"respondent": "Sandra", "helped": 4})
    with pytest.raises(CaseClosed):
        members.add_person(uow, closed.case.id, {"first_name": "Daan"})
