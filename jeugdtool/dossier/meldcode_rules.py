"""The rules of the meldcode, pure (no session): the afwegingskader's outcome, the order of the
five steps, what a step needs before it is done, and when a decision is accepted.

The afwegingskader (since 2019) asks five questions in order; a deciding answer ends it:
no suspicion (question 1 no) closes the meldcode, acute or structural unsafety (2 yes) and help
that cannot be given, is not accepted or does not bring lasting safety (3, 4 or 5 no) mean a
report to Veilig Thuis, and help that does (5 yes) means help without a report. The services
(meldcode.py) call these inside their transaction; the screens call the same functions for
feedback while the consultant works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.dossier.dto import AfwegingOutcome
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.dossier.vocab import MeldcodeStep
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import clean_fields
from jeugdtool.errors import collect
from jeugdtool.i18n import _

#: The afwegingskader's questions, in order (their wording: resources/meldcode/meldcode.json).
SUSPICION = "suspicion"
UNSAFETY = "unsafety"
CAN_HELP = "can_help"
HELP_ACCEPTED = "help_accepted"
LASTING_SAFETY = "lasting_safety"
QUESTION_KEYS = (SUSPICION, UNSAFETY, CAN_HELP, HELP_ACCEPTED, LASTING_SAFETY)
#: The answer that ends the afwegingskader with a report, per question (1 ends it without).
_REPORT_WHEN = {UNSAFETY: True, CAN_HELP: False, HELP_ACCEPTED: False, LASTING_SAFETY: False}

STEPS = tuple(step.number for step in MeldcodeStep)
MAX_TEXT = 5000
MAX_NAME = 200


class RecordClosed(JeugdtoolError):
    """A closed meldcode record is the record of what was weighed and decided; it never
    changes (a new worry starts a new record)."""


def record_closed() -> RecordClosed:
    """The error a change of a closed record raises, saying to start a new record."""
    return RecordClosed(
        _(
            "This meldcode record is closed and can no longer be changed. If there are new "
            "worries, start a new meldcode record."
        )
    )


# ---- fields ----------------------------------------------------------------------------------


def clean_signal(fields: Mapping[str, Any], *, new: bool) -> dict[str, Any]:
    """A signal of step 1: its `text` (needed), `source` (vocab.SignalSource; new: own
    observation unless given) and `source_lineage` (the map item or statement it came from)."""
    given = dict(fields)
    if new:
        given = {"source": SignalSource.OWN.value, "source_lineage": None, "text": "", **given}
    return clean_fields(
        given,
        {
            "source": lambda f, x: str(v.choice(f, x, SignalSource, _("Source")).value),
            "source_lineage": lambda f, x: v.optional_text(
                f, x, label=_("Map item or statement"), max_len=32
            ),
            "text": lambda f, x: v.text(f, x, label=_("Signal"), max_len=MAX_TEXT, required=True),
        },
    )


def _kindcheck_answer(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(v.choice(field, value, KindcheckAnswer, _("Answer")).value)


def _adults(field: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidInput.at(field, _("Name the adults the signals are about."))
    names = (v.text(field, name, label=_("Adult"), max_len=MAX_NAME) for name in value)
    return tuple(dict.fromkeys(name for name in names if name))


def clean_record(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Step 1's kindcheck on the record: `kindcheck_adults` (names, each once),
    `kindcheck_children_depend` and `kindcheck_safety_assessed` (vocab.KindcheckAnswer; None:
    not asked), `kindcheck_note`."""
    return clean_fields(
        changes,
        {
            "kindcheck_adults": _adults,
            "kindcheck_children_depend": _kindcheck_answer,
            "kindcheck_safety_assessed": _kindcheck_answer,
            "kindcheck_note": lambda f, x: v.text(f, x, label=_("Note"), max_len=MAX_TEXT),
        },
    )


def _score(field: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidInput.at(field, _("A scale score is a whole number from 0 to 10."))
    return value


def _held(field: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise InvalidInput.at(field, _("Say whether the talk was held: yes or no."))


def _text(label: str, max_len: int = MAX_TEXT) -> Any:
    return lambda f, x: v.text(f, x, label=label, max_len=max_len)


def clean_step(changes: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """A step's fields: `done_on` (None: not done; not after `today`), `done_by`, `notes`,
    `with_whom`, `advice`, `talk_held`, `not_held_reason`, `scale_score` (0–10)."""
    today = today or dt.date.today()
    return clean_fields(
        changes,
        {
            "done_on": lambda f, x: v.date(f, x, label=_("Date done"), not_after=today),
            "done_by": _text(_("Done by"), MAX_NAME),
            "notes": _text(_("Notes")),
            "with_whom": _text(_("With whom")),
            "advice": _text(_("Advice")),
            "talk_held": _held,
            "not_held_reason": _text(_("Why the talk was not held")),
            "scale_score": _score,
        },
    )


# ---- the afwegingskader ----------------------------------------------------------------------


def afweging_outcome(answers: Mapping[str, bool | None]) -> AfwegingOutcome:
    """What the answers (question key → yes/no, None or absent: not answered) lead to. The
    questions are read in order; the first deciding answer ends it (later answers do not
    count); an unanswered question before that leaves it incomplete."""
    for number, key in enumerate(QUESTION_KEYS, 1):
        answer = answers.get(key)
        if answer is None:
            return _incomplete(answers, number)
        if key == SUSPICION and answer is False:
            return AfwegingOutcome(True, False, False, True, (), _summary("no_suspicion"))
        if key in _REPORT_WHEN and answer is _REPORT_WHEN[key]:
            return AfwegingOutcome(True, True, False, False, (), _summary(key))
    return AfwegingOutcome(True, False, True, False, (), _summary("help"))


def _incomplete(answers: Mapping[str, bool | None], number: int) -> AfwegingOutcome:
    missing = tuple(k for k in QUESTION_KEYS[number - 1 :] if answers.get(k) is None)
    summary = _("Answer question {n} of the afwegingskader to see what it leads to.")
    return AfwegingOutcome(False, False, False, False, missing, summary.format(n=number))


def _summary(kind: str) -> str:
    texts = {
        "no_suspicion": _(
            "No suspicion of domestic violence or child abuse: the meldcode can be closed; "
            "record the weighing in the file."
        ),
        UNSAFETY: _(
            "Acute or structural unsafety: report to Veilig Thuis. Questions 3 to 5 are "
            "answered together with Veilig Thuis."
        ),
        CAN_HELP: _("Effective help cannot be offered or organised: report to Veilig Thuis."),
        HELP_ACCEPTED: _("The help is not accepted: report to Veilig Thuis."),
        LASTING_SAFETY: _(
            "The help does not lead to the safety needed: report (again) to Veilig Thuis."
        ),
        "help": _(
            "Offer or organise help without a report, with agreements on how safety will be "
            "followed."
        ),
    }
    return texts[kind]


def question_number(key: str) -> int:
    """1–5 for a question's key; ValueError for an unknown key (a programming error)."""
    return QUESTION_KEYS.index(key) + 1


def check_answer(question: str, answer: Any, reason: Any) -> tuple[bool | None, str]:
    """An answer as saved: yes or no with a reason (None clears it; its reason may stay)."""
    if question not in QUESTION_KEYS:
        message = _("'{question}' is not a question of the afwegingskader.")
        raise InvalidInput.at("question", message.format(question=question))
    if answer is not None and not isinstance(answer, bool):
        raise InvalidInput.at("answer", _("Answer the question with yes or no."))
    text = v.text("reason", reason, label=_("Explanation"), max_len=MAX_TEXT)
    if answer is not None and not text:
        message = _("Write why you answer question {n} this way; the explanation is kept.")
        raise InvalidInput.at("reason", message.format(n=question_number(question)))
    return answer, text


# ---- the steps -------------------------------------------------------------------------------


def step_title(step: int) -> str:
    """A step as the messages name it: "step 2 (Consult a colleague and Veilig Thuis)"."""
    label = MeldcodeStep(str(step)).label
    return _("step {n} ({title})").format(n=step, title=label)


def check_day(field: str, value: Any, label: str) -> dt.date:
    """The day something of the record was done (None: today); not in the future."""
    today = dt.date.today()
    return v.date(field, value, label=label, not_after=today) or today


def check_step_number(step: Any) -> int:
    """`step` as an int 1–5, or InvalidInput (field "step")."""
    if isinstance(step, bool) or step not in STEPS:
        raise InvalidInput.at("step", _("The meldcode has steps 1 to 5."))
    return int(step)


def _first_missing(step: int, earlier_done: Collection[int] | bool) -> int | None:
    """The first earlier step that is not done (None: all are)."""
    if isinstance(earlier_done, bool):
        return None if earlier_done else (1 if step > 1 else None)
    return next((n for n in range(1, step) if n not in earlier_done), None)


def check_step_done(
    step: int, row: Mapping[str, Any], earlier_done: Collection[int] | bool
) -> None:
    """A step may be marked done: the steps before it are done (`earlier_done`: their
    numbers, or True when all are), and it holds what it needs. `row`: the step's columns as
    they will be saved, with what only the record knows — `started_on`, `previous_done_on`
    (the day the step before it was done), `signals` (how many),
    `kindcheck_children_depend`, `kindcheck_safety_assessed`, `outcome` (AfwegingOutcome),
    `decided_report`, `decided_help`. Every problem at once (InvalidInput)."""
    with collect() as problems:
        missing = _first_missing(step, earlier_done)
        if missing is not None:
            message = _("Finish {earlier} first: the meldcode's steps are done in order.")
            problems.add(Problem("done_on", message.format(earlier=step_title(missing))))
        problems.check(
            _check_date, row.get("done_on"), row.get("started_on"), row.get("previous_done_on")
        )
        if not str(row.get("done_by") or "").strip():
            problems.add(Problem("done_by", _("Say who did this step.")))
        problems.check(_STEP_CHECKS[step], row)


def _check_date(done_on: Any, started_on: Any, previous_done_on: Any) -> None:
    if done_on is None:
        raise InvalidInput.at("done_on", _("Give the date the step was done."))
    v.not_before(
        "done_on",
        done_on,
        started_on,
        lambda date, start: _(
            "The date {date} lies before the record was started ({start}); give a later date."
        ).format(date=date, start=start),
    )
    v.not_before(
        "done_on",
        done_on,
        previous_done_on,
        lambda date, previous: _(
            "The date {date} lies before the step before it was done ({previous}); give a later "
            "date, or correct the earlier step's date first."
        ).format(date=date, previous=previous),
    )


def _check_signals(row: Mapping[str, Any]) -> None:
    with collect() as problems:
        if not row.get("signals"):
            problems.add(Problem("signals", _("Record at least one signal before step 1 is done.")))
        depend = row.get("kindcheck_children_depend")
        if depend is None:
            problems.add(
                Problem(
                    "kindcheck_children_depend",
                    _("Do the kindcheck: say whether children depend on the adult concerned."),
                )
            )
        elif depend == KindcheckAnswer.YES and row.get("kindcheck_safety_assessed") is None:
            problems.add(
                Problem(
                    "kindcheck_safety_assessed",
                    _(
                        "Say whether the safety of the children who depend on this adult is "
                        "assessed."
                    ),
                )
            )


def _check_consult(row: Mapping[str, Any]) -> None:
    if not str(row.get("with_whom") or "").strip():
        raise InvalidInput.at(
            "with_whom", _("Say which colleague (or Veilig Thuis) you consulted.")
        )


def _check_talk(row: Mapping[str, Any]) -> None:
    held = row.get("talk_held")
    if held is None:
        raise InvalidInput.at(
            "talk_held", _("Say whether the talk with the person(s) involved was held.")
        )
    if held and not str(row.get("with_whom") or "").strip():
        raise InvalidInput.at("with_whom", _("Say with whom the talk was held."))
    if not held and not str(row.get("not_held_reason") or "").strip():
        raise InvalidInput.at(
            "not_held_reason",
            _("Write why the talk was not held (for instance because of safety)."),
        )


def _check_weigh(row: Mapping[str, Any]) -> None:
    outcome = row.get("outcome")
    if outcome is None or not outcome.complete:
        raise InvalidInput.at("answers", _incomplete_message(outcome))


def _check_decide(row: Mapping[str, Any]) -> None:
    if row.get("decided_report") is None or row.get("decided_help") is None:
        raise InvalidInput.at("decision", _("Record the decision (report and/or help) first."))


_STEP_CHECKS = {
    1: _check_signals,
    2: _check_consult,
    3: _check_talk,
    4: _check_weigh,
    5: _check_decide,
}


def check_step_undone(step: int, later_done: Collection[int]) -> None:
    """A step may be marked not done again only while no later step is done."""
    later = sorted(n for n in later_done if n > step)
    if later:
        message = _("{later} is already done; mark it as not done first.")
        raise InvalidInput.at("done_on", message.format(later=step_title(later[-1])))


# ---- the decision ----------------------------------------------------------------------------


def _incomplete_message(outcome: AfwegingOutcome | None) -> str:
    first = outcome.missing[0] if outcome is not None and outcome.missing else QUESTION_KEYS[0]
    return _(
        "The afwegingskader is not complete: answer question {n} (and the questions it leads "
        "to) in step 4 before you decide."
    ).format(n=question_number(first))


def departs(outcome: AfwegingOutcome, report: bool, help: bool) -> bool:
    """The decision differs from what the afwegingskader leads to: no report where one is
    required, a report where none is, or no help where help without a report is the outcome.
    Help beside a report is always possible (the decision since 2019 is report and/or help)."""
    return report != outcome.report or (outcome.help and not help)


def check_decision(outcome: AfwegingOutcome, report: Any, help: Any, reason: Any) -> str:
    """A decision of step 5 may be recorded: the afwegingskader is complete, report and help
    are yes or no, and a decision that departs from the outcome says why. Returns the reason
    as saved."""
    if not outcome.complete:
        raise InvalidInput.at("answers", _incomplete_message(outcome))
    if not isinstance(report, bool) or not isinstance(help, bool):
        raise InvalidInput.at(
            "decision",
            _("Say whether you report to Veilig Thuis and whether you offer or organise help."),
        )
    text = v.text("reason", reason, label=_("Reason"), max_len=MAX_TEXT)
    if departs(outcome, report, help) and not text:
        raise InvalidInput.at(
            "reason",
            _(
                "Your decision differs from what the afwegingskader leads to: {outcome} Write "
                "why; the reason is kept in the file."
            ).format(outcome=outcome.summary),
        )
    return text


def check_closable(outcome: AfwegingOutcome, decided: bool) -> None:
    """A record closes after the decision of step 5, or when question 1 was answered no (no
    suspicion: the meldcode ends there)."""
    if not decided and not outcome.no_suspicion:
        raise InvalidInput.at(
            "status",
            _(
                "Record the decision in step 5 before closing the record (or answer "
                "question 1 of the afwegingskader with no when there is no suspicion)."
            ),
        )


# ---- reminders -------------------------------------------------------------------------------


def open_step(
    done: Mapping[int, dt.date | None], started_on: dt.date
) -> tuple[int, dt.date] | None:
    """The first step not done of a record and the day it became due (the day the step before
    it was done, or the start); None when all five are done."""
    since = started_on
    for step in STEPS:
        day = done.get(step)
        if day is None:
            return step, since
        since = max(since, day)
    return None


def overdue_days(since: dt.date, today: dt.date, term_days: int) -> int | None:
    """How many days a step has been open, when that is longer than the term; else None."""
    days = (today - since).days
    return days if days > term_days else None
