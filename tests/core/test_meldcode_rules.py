"""The meldcode's pure rules: every path through the afwegingskader, the steps' order and what each
needs, the decision (refused while the afwegingskader is incomplete; a departure needs a reason),
closing, and when an open step is overdue. No database."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import AfwegingOutcome
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

DAY = dt.date(2026, 3, 2)
Q1, Q2, Q3, Q4, Q5 = rules.QUESTION_KEYS


def _fields(exc: pytest.ExceptionInfo[InvalidInput]) -> set[str]:
    return {p.field for p in exc.value.problems}


# ---- the afwegingskader ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "report", "help", "no_suspicion"),
    [
        ({Q1: False}, False, False, True),
        ({Q1: True, Q2: True}, True, False, False),
        ({Q1: True, Q2: False, Q3: False}, True, False, False),
        ({Q1: True, Q2: False, Q3: True, Q4: False}, True, False, False),
        ({Q1: True, Q2: False, Q3: True, Q4: True, Q5: False}, True, False, False),
        ({Q1: True, Q2: False, Q3: True, Q4: True, Q5: True}, False, True, False),
    ],
    ids=["no-suspicion", "unsafety", "cannot-help", "not-accepted", "not-lasting", "help"],
)
def test_every_path_through_the_afwegingskader(answers, report, help, no_suspicion) -> None:
    outcome = rules.afweging_outcome(answers)
    assert outcome.complete and outcome.missing == ()
    assert (outcome.report, outcome.help, outcome.no_suspicion) == (report, help, no_suspicion)
    assert outcome.summary


def test_the_summary_says_what_the_answers_lead_to() -> None:
    assert rules.afweging_outcome({Q1: True, Q2: True}).summary == _(
        "Acute or structural unsafety: report to Veilig Thuis. Questions 3 to 5 are "
        "answered together with Veilig Thuis."
    )
    assert rules.afweging_outcome({Q1: False}).summary == _(
        "No suspicion of domestic violence or child abuse: the meldcode can be closed; "
        "record the weighing in the file."
    )


def test_later_questions_do_not_count_after_a_deciding_answer() -> None:
    # Question 2 yes decides: what was answered after it (with Veilig Thuis) changes nothing.
    outcome = rules.afweging_outcome({Q1: True, Q2: True, Q3: True, Q4: True, Q5: True})
    assert outcome.report and not outcome.help
    assert rules.afweging_outcome({Q1: False, Q2: True}).no_suspicion


@pytest.mark.parametrize(
    ("answers", "missing"),
    [
        ({}, (Q1, Q2, Q3, Q4, Q5)),
        ({Q1: None}, (Q1, Q2, Q3, Q4, Q5)),
        ({Q1: True}, (Q2, Q3, Q4, Q5)),
        ({Q1: True, Q2: False, Q4: True}, (Q3, Q5)),
        ({Q1: True, Q2: False, Q3: True, Q4: True}, (Q5,)),
    ],
)
def test_an_incomplete_afwegingskader_names_what_is_missing(answers, missing) -> None:
    outcome = rules.afweging_outcome(answers)
    assert not outcome.complete and not outcome.report and not outcome.help
    assert outcome.missing == missing
    expected = _("Answer question {n} of the afwegingskader to see what it leads to.")
    assert outcome.summary == expected.format(n=rules.question_number(missing[0]))


def test_an_answer_is_yes_or_no_with_a_reason() -> None:
    assert rules.check_answer(Q2, True, "  Slaat vaker  ") == (True, "Slaat vaker")
    assert rules.check_answer(Q2, None, "") == (None, "")
    with pytest.raises(InvalidInput) as exc:
        rules.check_answer(Q2, False, " ")
    assert str(exc.value) == _(
        "Write why you answer question {n} this way; the explanation is kept."
    ).format(n=2)
    with pytest.raises(InvalidInput) as exc:
        rules.check_answer(Q2, "ja", "reden")
    assert _fields(exc) == {"answer"}
    with pytest.raises(InvalidInput) as exc:
        rules.check_answer("gevaar", True, "reden")
    assert _fields(exc) == {"question"}


# ---- the steps -------------------------------------------------------------------------------


def _row(**fields):
    base = {"done_on": DAY, "done_by": "A. de Boer", "started_on": DAY}
    return {**base, **fields}


STEP_1 = {"signals": 1, "kindcheck_children_depend": "no"}


def test_a_step_waits_for_the_steps_before_it() -> None:
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(3, _row(talk_held=True, with_whom="Sanne"), {1})
    assert [p.message for p in exc.value.problems] == [
        _("Finish {earlier} first: the meldcode's steps are done in order.").format(
            earlier=rules.step_title(2)
        )
    ]
    rules.check_step_done(3, _row(talk_held=True, with_whom="Sanne"), {1, 2})
    rules.check_step_done(3, _row(talk_held=True, with_whom="Sanne"), True)
    with pytest.raises(InvalidInput):
        rules.check_step_done(2, _row(with_whom="Bram"), False)


def test_a_done_step_has_its_date_its_author_and_the_dates_in_order() -> None:
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(1, _row(done_on=None, done_by=" ", **STEP_1), ())
    assert _fields(exc) == {"done_on", "done_by"}
    early = DAY - dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(1, _row(done_on=early, **STEP_1), ())
    assert _fields(exc) == {"done_on"}
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(
            2, _row(with_whom="Bram", previous_done_on=DAY + dt.timedelta(1)), {1}
        )
    expected = _(
        "The date {date} lies before the step before it was done ({previous}); give a later "
        "date, or correct the earlier step's date first."
    )
    assert str(exc.value) == expected.format(date="02-03-2026", previous="03-03-2026")


def test_step_1_needs_signals_and_the_kindcheck() -> None:
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(1, _row(signals=0), ())
    assert _fields(exc) == {"signals", "kindcheck_children_depend"}
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(1, _row(signals=2, kindcheck_children_depend="yes"), ())
    assert _fields(exc) == {"kindcheck_safety_assessed"}
    rules.check_step_done(
        1, _row(signals=2, kindcheck_children_depend="yes", kindcheck_safety_assessed="no"), ()
    )
    rules.check_step_done(1, _row(**STEP_1), ())


def test_steps_2_and_3_say_with_whom_or_why_the_talk_was_not_held() -> None:
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(2, _row(with_whom=" "), {1})
    assert _fields(exc) == {"with_whom"}
    for fields, wrong in (
        ({}, "talk_held"),
        ({"talk_held": True}, "with_whom"),
        ({"talk_held": False}, "not_held_reason"),
    ):
        with pytest.raises(InvalidInput) as exc:
            rules.check_step_done(3, _row(**fields), {1, 2})
        assert _fields(exc) == {wrong}
    rules.check_step_done(3, _row(talk_held=False, not_held_reason="Gevaar voor Noa"), {1, 2})


def test_step_4_needs_a_complete_afwegingskader_and_step_5_a_decision() -> None:
    incomplete = rules.afweging_outcome({Q1: True})
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(4, _row(outcome=incomplete), {1, 2, 3})
    assert _fields(exc) == {"answers"}
    rules.check_step_done(4, _row(outcome=rules.afweging_outcome({Q1: False})), {1, 2, 3})
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_done(5, _row(decided_report=True), {1, 2, 3, 4})
    assert _fields(exc) == {"decision"}
    rules.check_step_done(5, _row(decided_report=True, decided_help=False), {1, 2, 3, 4})


def test_a_step_is_undone_only_while_no_later_step_is_done() -> None:
    rules.check_step_undone(3, {1, 2, 3})
    with pytest.raises(InvalidInput) as exc:
        rules.check_step_undone(2, {1, 2, 3, 4})
    assert str(exc.value) == _("{later} is already done; mark it as not done first.").format(
        later=rules.step_title(4)
    )


def test_steps_outside_1_to_5_do_not_exist() -> None:
    assert rules.check_step_number(5) == 5
    for wrong in (0, 6, True, "2"):
        with pytest.raises(InvalidInput):
            rules.check_step_number(wrong)


# ---- the decision ----------------------------------------------------------------------------


REPORT = rules.afweging_outcome({Q1: True, Q2: True})
HELP = rules.afweging_outcome({Q1: True, Q2: False, Q3: True, Q4: True, Q5: True})
NONE = rules.afweging_outcome({Q1: False})


def test_a_decision_without_the_afwegingskader_answered_is_refused_clearly() -> None:
    outcome = rules.afweging_outcome({Q1: True, Q2: False})
    with pytest.raises(InvalidInput) as exc:
        rules.check_decision(outcome, True, True, "Ik meld toch")
    assert str(exc.value) == _(
        "The afwegingskader is not complete: answer question {n} (and the questions it leads "
        "to) in step 4 before you decide."
    ).format(n=3)
    with pytest.raises(InvalidInput) as exc:
        rules.check_decision(rules.afweging_outcome({}), False, False, "")
    assert "1" in str(exc.value)


@pytest.mark.parametrize(
    ("outcome", "report", "help", "departs"),
    [
        (REPORT, True, False, False),
        (REPORT, True, True, False),  # help beside a report is always possible
        (REPORT, False, True, True),
        (HELP, False, True, False),
        (HELP, False, False, True),
        (HELP, True, True, True),
        (NONE, False, False, False),
        (NONE, False, True, False),
        (NONE, True, False, True),
    ],
)
def test_a_decision_that_departs_from_the_outcome_needs_a_reason(
    outcome: AfwegingOutcome, report: bool, help: bool, departs: bool
) -> None:
    assert rules.departs(outcome, report, help) is departs
    if departs:
        with pytest.raises(InvalidInput) as exc:
            rules.check_decision(outcome, report, help, "  ")
        assert _fields(exc) == {"reason"} and outcome.summary in str(exc.value)
    else:
        assert rules.check_decision(outcome, report, help, "") == ""
    assert rules.check_decision(outcome, report, help, " Overlegd ") == "Overlegd"


def test_a_decision_is_yes_or_no_for_both() -> None:
    with pytest.raises(InvalidInput) as exc:
        rules.check_decision(REPORT, None, True, "")
    assert _fields(exc) == {"decision"}


def test_a_record_closes_after_the_decision_or_without_suspicion() -> None:
    rules.check_closable(REPORT, decided=True)
    rules.check_closable(NONE, decided=False)
    with pytest.raises(InvalidInput) as exc:
        rules.check_closable(REPORT, decided=False)
    assert _fields(exc) == {"status"}


# ---- reminders -------------------------------------------------------------------------------


def test_the_open_step_is_due_from_the_day_the_step_before_it_was_done() -> None:
    start = dt.date(2026, 1, 5)
    assert rules.open_step({}, start) == (1, start)
    done = {1: dt.date(2026, 1, 9), 2: dt.date(2026, 1, 20)}
    assert rules.open_step(done, start) == (3, dt.date(2026, 1, 20))
    everything = {n: dt.date(2026, 2, n) for n in rules.STEPS}
    assert rules.open_step(everything, start) is None


def test_a_step_is_overdue_after_the_term_not_on_its_last_day() -> None:
    since = dt.date(2026, 1, 1)
    assert rules.overdue_days(since, since + dt.timedelta(days=14), 14) is None
    assert rules.overdue_days(since, since + dt.timedelta(days=15), 14) == 15
