"""Rules for closing a case, the family's experience and new starts: pure, no session, no Qt.

The closing dialog calls `check_input` while the consultant fills it in; `closing.close_case`
calls it again inside its transaction with the case's current safety goals.

The goals' outcome as a whole: when the case has safety goals, each goal gets its own outcome
and the whole is the LOWEST of them (a case is not "fully reached" while one goal is only
partly reached), so it is never asked; a value given for it is ignored. Only a case without
safety goals (Signs of Wellbeing, or a map without goals) is asked for the whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import asdict
from dataclasses import dataclass
from typing import Any
from typing import Protocol

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold_key
from jeugdtool.framework.vocab import Judgement
from jeugdtool.i18n import _
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome

#: As `households.close_reason` allows.
MAX_REASON = 2000
MAX_TEXT = 2000
MAX_NAME = 200
#: The network's plan after closure: its text, and the lines of whom to call.
MAX_NETWORK_TEXT = 5000
MAX_CALL_LINE = 300
MAX_CALL_LINES = 20
#: The answers to an experience question.
LOWEST_SCORE, HIGHEST_SCORE = 1, 5
#: The experience questions, as columns of `ClientExperience`.
QUESTIONS = ("heard", "helped", "knows_what_to_do")

#: A safety goal at closing: (lineage, its words, the outcome chosen or None).
GoalAnswer = tuple[str, str, GoalOutcome | str | None]

#: Worst first: the goals' outcome as a whole is the first of these any goal has.
_WORST_FIRST = (GoalOutcome.NOT, GoalOutcome.PARTLY, GoalOutcome.MOSTLY, GoalOutcome.FULLY)


@dataclass(frozen=True)
class ClosingInput:
    """What the consultant says when closing a case (the closing dialog's fields)."""

    closed_on: dt.date | str | None
    #: The consultant's words (required).
    reason: str
    #: Asked only when the case has no safety goals (else the lowest per-goal outcome).
    goals_outcome: GoalOutcome | str | None = None
    #: One (lineage, text, outcome) per current safety goal (`ClosingForm.goals`).
    goal_outcomes: tuple[GoalAnswer, ...] = ()
    further_help: FurtherHelp | str | None = None
    #: Which help; required when `further_help` is "other".
    further_help_detail: str = ""
    ended_as: EndedAs | str | None = None
    #: Required exactly when `ended_as` is "early".
    ended_early_by: EndedEarlyBy | str | None = None
    #: The network's own plan for after closure: what the network keeps doing …
    network_keeps: str = ""
    #: … and whom to call (one line each: who, how to reach them, what for).
    whom_to_call: tuple[str, ...] = ()


#: Fields a new closing must have (the goals' outcome: see the module docstring).
REQUIRED = frozenset({"closed_on", "reason", "goals_outcome", "further_help", "ended_as"})


def check_input(
    data: ClosingInput,
    *,
    goals: Sequence[tuple[str, str]],
    opened_on: dt.date,
    today: dt.date,
    reopened_on: dt.date | None = None,
) -> dict[str, Any]:
    """A new closing's values, clean, with every problem at once (InvalidInput).

    `goals`: the case's current safety goals (lineage, text); `reopened_on`: the day the case
    was last reopened (a closing cannot lie before it)."""
    return clean_closing(
        asdict(data), goals=goals, opened_on=opened_on, today=today, reopened_on=reopened_on
    )


def clean_closing(
    values: Mapping[str, Any],
    *,
    goals: Sequence[tuple[str, str]],
    opened_on: dt.date,
    today: dt.date,
    reopened_on: dt.date | None = None,
    required: Collection[str] = REQUIRED,
) -> dict[str, Any]:
    """Every field of a closing (the `ClosingInput` names) clean; the fields in `required`
    may not be empty. A correction of an older closing (recorded before outcomes were) requires
    only what it had or what is changed; the rules between fields always apply."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean["closed_on"] = _closed_on(values.get("closed_on"), opened_on, today, reopened_on)
        with problems.catching():
            clean["reason"] = _reason(values.get("reason"), "reason" in required)
        with problems.catching():
            clean["goal_outcomes"] = _goal_outcomes(values.get("goal_outcomes") or (), goals)
        with problems.catching():
            clean["goals_outcome"] = _goals_outcome(
                values.get("goals_outcome"), goals, "goals_outcome" in required
            )
        with problems.catching():
            clean.update(further_help_fields(values, "further_help" in required))
        with problems.catching():
            clean.update(ended_fields(values, "ended_as" in required))
        with problems.catching():
            clean["network_keeps"] = v.text(
                "network_keeps",
                values.get("network_keeps") or "",
                label=_("What the network keeps doing"),
                max_len=MAX_NETWORK_TEXT,
            )
        with problems.catching():
            clean["whom_to_call"] = call_lines(values.get("whom_to_call") or ())
    if goals:
        clean["goals_outcome"] = lowest(o for _l, _t, o in clean["goal_outcomes"])
    return clean


def call_lines(value: Any, field: str = "whom_to_call") -> tuple[str, ...]:
    """Whom the network calls after closure: one line each (who, how to reach them, what
    for), empty lines left out; a text is split at its line ends."""
    if isinstance(value, str):
        value = value.splitlines()
    lines = tuple(" ".join(str(line).split()) for line in value)
    lines = tuple(line for line in lines if line)
    if len(lines) > MAX_CALL_LINES:
        raise InvalidInput.at(
            field,
            _("Name at most {max} people or places to call; keep the list short.").format(
                max=MAX_CALL_LINES
            ),
        )
    for line in lines:
        if len(line) > MAX_CALL_LINE:
            raise InvalidInput.at(
                field,
                _("A line of whom to call is too long: at most {max} characters.").format(
                    max=MAX_CALL_LINE
                ),
            )
    return lines


def proposed_outcome(judgement: str | None, held: bool) -> GoalOutcome | None:
    """The outcome a closing proposes for a safety goal from its latest judgement: held for
    its whole period: fully reached; met, not yet for its whole period: mostly; partly met:
    partly; not met: not reached; never judged: no proposal."""
    if judgement is None:
        return None
    found = Judgement(judgement)
    if found is Judgement.MET:
        return GoalOutcome.FULLY if held else GoalOutcome.MOSTLY
    return GoalOutcome.PARTLY if found is Judgement.PARTLY else GoalOutcome.NOT


def lowest(outcomes: Any) -> GoalOutcome | None:
    """The worst of several goal outcomes (None when there are none)."""
    found = {GoalOutcome(o) for o in outcomes}
    return next((o for o in _WORST_FIRST if o in found), None)


def _closed_on(
    value: Any, opened_on: dt.date, today: dt.date, reopened_on: dt.date | None
) -> dt.date:
    day = v.date("closed_on", value, label=_("Closing date"), required=True, not_after=today)
    assert day is not None  # required
    v.check_closing("closed", opened_on, day)
    return v.not_before(
        "closed_on",
        day,
        reopened_on,
        lambda closed, reopened: _(
            "The closing date {closed} lies before the day the case was last reopened "
            "({reopened}). Choose a date on or after it."
        ).format(closed=closed, reopened=reopened),
    )


def _reason(value: Any, required: bool) -> str:
    text = v.text("reason", value, label=_("Closing reason"), max_len=MAX_REASON)
    if required and not text:
        raise InvalidInput.at("reason", _("Give a reason for closing the case."))
    return text


def goal_field(lineage: str) -> str:
    """The field a problem with one goal's outcome is filed under."""
    return f"goal_outcomes[{lineage}]"


def _goal_outcomes(
    given: Sequence[GoalAnswer], goals: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str, GoalOutcome], ...]:
    """One outcome per goal, in the goals' order; a goal the case does not have is refused."""
    by_lineage = {lineage: outcome for lineage, _text, outcome in given}
    clean: list[tuple[str, str, GoalOutcome]] = []
    with collect() as problems:
        for lineage in by_lineage.keys() - {lineage for lineage, _text in goals}:
            problems.add(
                Problem(
                    goal_field(lineage),
                    _(
                        "This safety goal is not one of the case's current safety goals. "
                        "Close the dialog and start closing again."
                    ),
                )
            )
        for lineage, text in goals:
            with problems.catching():
                clean.append((lineage, text, _one_goal(lineage, by_lineage.get(lineage))))
    return tuple(clean)


def _one_goal(lineage: str, outcome: Any) -> GoalOutcome:
    if outcome is None or outcome == "":
        raise InvalidInput.at(goal_field(lineage), _("Say how far this safety goal was reached."))
    return v.choice(goal_field(lineage), outcome, GoalOutcome, _("Outcome"))  # type: ignore[no-any-return]


def _goals_outcome(
    value: Any, goals: Sequence[tuple[str, str]], required: bool
) -> GoalOutcome | None:
    if goals:
        return None  # derived from the goals' own outcomes
    if value is None or value == "":
        if required:
            raise InvalidInput.at("goals_outcome", _("Say how far the goals were reached."))
        return None
    return v.choice("goals_outcome", value, GoalOutcome, _("Goals' outcome"))  # type: ignore[no-any-return]


def further_help_fields(values: Mapping[str, Any], required: bool) -> dict[str, Any]:
    """Further help and which (the case-file check applies the same rule)."""
    value = values.get("further_help")
    detail = v.text(
        "further_help_detail",
        values.get("further_help_detail"),
        label=_("Which help"),
        max_len=MAX_TEXT,
    )
    if value is None or value == "":
        if required:
            raise InvalidInput.at(
                "further_help", _("Say whether the family still needs help after closing.")
            )
        return {"further_help": None, "further_help_detail": detail}
    kind = v.choice("further_help", value, FurtherHelp, _("Further help"))
    if kind is FurtherHelp.OTHER and not detail:
        raise InvalidInput.at("further_help_detail", _("Say which other help the family gets."))
    return {"further_help": kind, "further_help_detail": detail}


def ended_fields(values: Mapping[str, Any], required: bool) -> dict[str, Any]:
    """How the help ended and, when early, by whom (the case-file check applies it too)."""
    value, by = values.get("ended_as"), values.get("ended_early_by") or None
    if value is None or value == "":
        if required:
            raise InvalidInput.at("ended_as", _("Say whether the help ended as planned or early."))
        ended = None
    else:
        ended = v.choice("ended_as", value, EndedAs, _("Help ended"))
    if ended is EndedAs.EARLY and by is None:
        raise InvalidInput.at(
            "ended_early_by",
            _("Say who ended the help early: the family, the provider or the municipality."),
        )
    if ended is not EndedAs.EARLY and by is not None:
        raise InvalidInput.at(
            "ended_early_by",
            _("Only help that ended early was ended by someone: leave 'ended early by' empty."),
        )
    early_by = None if by is None else v.choice("ended_early_by", by, EndedEarlyBy, _("Ended by"))
    return {"ended_as": ended, "ended_early_by": early_by}


# ---- the family's experience -----------------------------------------------------------------


def clean_experience(fields: Mapping[str, Any], *, new: bool) -> dict[str, Any]:
    """An experience's fields, clean (only those given); every problem at once.

    `person_id` (a household member, or None) and `respondent` (who answered; required for a
    new experience unless a member is chosen, whose name the service fills in), the three
    questions 1–5 or None (not answered), and a `comment`."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in fields.items():
            with problems.catching():
                clean[field] = _experience_field(field, value)
        if new and not clean.get("person_id") and not clean.get("respondent"):
            problems.add(Problem("respondent", _("Say who answered the questions.")))
    return clean


def _experience_field(field: str, value: Any) -> Any:
    if field in QUESTIONS:
        return score(field, value)
    if field == "respondent":
        return v.text(field, value, label=_("Who answered"), max_len=MAX_NAME)
    if field == "comment":
        return v.text(field, value, label=_("Comment"), max_len=MAX_TEXT)
    if field == "person_id":
        return None if value is None else int(value)
    raise KeyError(f"unknown field {field!r}")  # a programming error


def score(field: str, value: Any) -> int | None:
    """An answer 1–5; None (or empty): not answered."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidInput.at(field, _("Answer with a number from 1 to 5, or leave it empty."))
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not LOWEST_SCORE <= number <= HIGHEST_SCORE:
        raise InvalidInput.at(field, _("Answer with a number from 1 to 5, or leave it empty."))
    return number


# ---- new starts ------------------------------------------------------------------------------


class NamedChild(Protocol):
    """Anything with a child's name and birth date (a person row, a DTO, a typed form)."""

    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def birth_date(self) -> dt.date | None: ...


def same_child(a: NamedChild, b: NamedChild) -> bool:
    """The same child as people mean it: the same birth date and the same first and last name,
    case and accents aside ("Aïcha" is "Aicha"). Without a birth date, never: a name alone is
    not enough to say two files are about one child."""
    if a.birth_date is None or a.birth_date != b.birth_date:
        return False
    return fold_key(a.first_name) == fold_key(b.first_name) and fold_key(
        a.last_name or ""
    ) == fold_key(b.last_name or "")


def new_start_date(value: Any, *, closed_on: dt.date | None, today: dt.date) -> dt.date:
    """The day help started again: not in the future, not before the closing it follows."""
    day = v.date("started_on", value, label=_("Start date"), required=True, not_after=today)
    assert day is not None  # required
    return v.not_before(
        "started_on",
        day,
        closed_on,
        lambda started, closed: _(
            "The new start {started} lies before the closing it follows ({closed}). "
            "Check both dates."
        ).format(started=started, closed=closed),
    )


def default_start_day(opened_on: dt.date, closed_on: dt.date, today: dt.date) -> dt.date:
    """When help started again for a child found in an earlier case: the day this case opened;
    for a case that opened before the earlier one closed (the child joins it now), today."""
    return opened_on if opened_on >= closed_on else today


def reopen_date(value: Any, *, closed_on: dt.date, today: dt.date) -> dt.date:
    """The day a case is reopened (default today): not in the future, not before its closing."""
    day = v.date("reopened_on", value or today, label=_("Reopening date"), not_after=today)
    assert day is not None  # never empty: today by default
    return v.not_before(
        "reopened_on",
        day,
        closed_on,
        lambda reopened, closed: _(
            "The case was closed on {closed}; it cannot be reopened on {day}, before "
            "that. Choose a later date."
        ).format(closed=closed, day=reopened),
    )
