"""Services for the scale (the fourth domain): the case's 0 and 10, and everyone's scores.

Several people scale a case: the consultant, each parent and child, network members, colleagues
in reflective practice; each with a date, a reason and what would make it one point higher. The
case manager's newest score on the case as a whole is the formal judgement.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold_key
from jeugdtool.framework._common import is_statement_of_case
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import save_checked
from jeugdtool.framework._common import source_columns
from jeugdtool.framework._common import source_of
from jeugdtool.framework._common import source_of_columns
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import CaseScale
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.scale_dto import AboutChoice
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

MIN_SCORE, MAX_SCORE = 0, 10
MAX_WORDING = 1000
MAX_REASON = 5000
SCORE_FIELDS = ("scored_on", "source", "role", "score", "about", "reason", "one_higher", "context")


class _Every(enum.Enum):
    EVERY = "every"


#: `list_scores(..., about=EVERY)`: scores on the case as a whole and on every statement.
EVERY = _Every.EVERY


# ---- the wording of 0 and 10 ------------------------------------------------------------


@cache
def _defaults() -> dict[str, dict[str, dict[str, str]]]:
    """resources/framework/scale.json, checked: every mode has every text in every language."""
    data = resources.load_json("framework", "scale.json")["modes"]
    for mode in CaseMode:
        for key in ("question", "hint", "zero", "ten"):
            for language in LANGUAGES:
                text = data.get(mode.value, {}).get(key, {}).get(language, "")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError(f"scale.json: {mode.value}.{key}.{language} is missing")
    return data


def default_wording(mode: CaseMode | str, language: str | None = None) -> dict[str, str]:
    """The method's question, hint and 0 / 10 wording for a way of working."""
    texts = _defaults()[CaseMode(mode).value]
    language = language or current_language()
    return {key: texts[key][language] for key in ("question", "hint", "zero", "ten")}


def _definition(uow: UnitOfWork, household: Household) -> ScaleDefinition:
    own = uow.session.get(CaseScale, household.id)
    defaults = default_wording(household.mode)
    custom_zero = own.zero if own is not None else None
    custom_ten = own.ten if own is not None else None
    return ScaleDefinition(
        household_id=household.id,
        mode=CaseMode(household.mode),
        question=defaults["question"],
        hint=defaults["hint"],
        zero=custom_zero or defaults["zero"],
        ten=custom_ten or defaults["ten"],
        custom_zero=custom_zero,
        custom_ten=custom_ten,
        default_zero=defaults["zero"],
        default_ten=defaults["ten"],
    )


def get_scale(uow: UnitOfWork, case_id: int) -> ScaleDefinition:
    with uow:
        return _definition(uow, get(uow, Household, case_id))


def _wording(field: str, value: str | None, label: str) -> str | None:
    return v.optional_text(field, value, label=label, max_len=MAX_WORDING)


def set_scale_wording(
    uow: UnitOfWork,
    case_id: int,
    zero: str | None,
    ten: str | None,
    *,
    expected: tuple[str | None, str | None] | None = None,
) -> Outcome[ScaleDefinition]:
    """The case's own wording of 0 and 10; None (or blank) puts the default back for that end.

    `expected` is the case's own (zero, ten) the caller believes is current (undo/redo).
    """
    clean: dict[str, str | None] = {}
    with collect() as problems:
        for field, value, label in (
            ("zero", zero, _("Meaning of 0")),
            ("ten", ten, _("Meaning of 10")),
        ):
            with problems.catching():
                clean[field] = _wording(field, value, label)
    with uow:
        household = ensure_open(uow, case_id)
        row = uow.session.get(CaseScale, case_id)
        current = (row.zero, row.ten) if row is not None else (None, None)
        if expected is not None and current != tuple(expected):
            raise conflict_error()
        if row is None:
            if clean["zero"] is None and clean["ten"] is None:
                return Outcome(_definition(uow, household))
            row = CaseScale(household_id=case_id)
            uow.session.add(row)
        apply(row, clean)
        return committed(uow, lambda: _definition(uow, household))


# ---- checking a score -------------------------------------------------------------------


def check_score(value: Any, field: str = "score") -> int:
    """A whole number from 0 to 10 (also typed as text, "7"); else a message saying so."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(Problem(field, _("Choose a score from 0 to 10.")))
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_SCORE <= value <= MAX_SCORE:
        raise InvalidInput(
            Problem(
                field,
                _("A scale score is a whole number from 0 to 10; '{value}' is not.").format(
                    value=value
                ),
            )
        )
    return value


def _rules(today: dt.date) -> dict[str, Any]:
    return {
        "score": lambda f, x: check_score(x, f),
        "scored_on": lambda f, x: v.date(f, x, label=_("Date"), required=True, not_after=today),
        "role": lambda f, x: v.choice(f, x, RaterRole, _("Role")).value,
        "context": lambda f, x: v.choice(f, x, ScoreContext, _("Context")).value,
        "reason": lambda f, x: _reason(f, x),
        "one_higher": lambda f, x: v.text(f, x, label=_("One point higher"), max_len=MAX_REASON),
    }


def _reason(field: str, value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(
            Problem(field, _("Give the reason: what makes it this number and not lower?"))
        )
    return v.text(field, value, label=_("Reason"), max_len=MAX_REASON, required=True)


def check_fields(changes: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """The fields that need no database (score, date, role, context, reason, one higher),
    clean; every problem is collected. The UI calls this while typing; the services again."""
    rules = _rules(today or dt.date.today())
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in changes.items():
            if field not in rules:
                continue
            with problems.catching():
                clean[field] = rules[field](field, value)
    return clean


def _check_about(uow: UnitOfWork, case_id: int, about: str | None) -> str | None:
    if about is None or about == "":
        return None
    if not is_statement_of_case(uow, case_id, about, StatementType.DANGER):
        raise InvalidInput(
            Problem(
                "about",
                _("Choose a danger statement of this case, or score the case as a whole."),
            )
        )
    return about


def _source_columns(uow: UnitOfWork, case_id: int, source: Source) -> dict[str, Any]:
    # The chart tells raters apart by name: a consultant scoring without one is the user.
    if SourceKind(source.kind) is SourceKind.CONSULTANT and not source.label.strip():
        source = Source(kind=SourceKind.CONSULTANT, label=uow.author)
    return source_columns(uow, case_id, source)


def clean_score_fields(uow: UnitOfWork, case_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """`changes` (SCORE_FIELDS) checked and as columns, inside the caller's unit of work;
    InvalidInput names every field that is wrong."""
    unknown = set(changes) - set(SCORE_FIELDS)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean.update(check_fields(changes))
        for field, check in (
            ("source", lambda x: _source_columns(uow, case_id, x or Source())),
            ("about", lambda x: {"about": _check_about(uow, case_id, x)}),
        ):
            if field in changes:
                with problems.catching():
                    clean.update(check(changes[field]))
    return clean


# ---- changing scores --------------------------------------------------------------------


def score_dto(row: ScaleScore) -> ScoreDTO:
    """A score row as its DTO (inside the caller's unit of work)."""
    return as_dto(
        ScoreDTO,
        row,
        source=source_of(row),
        role=RaterRole(row.role),
        context=ScoreContext(row.context),
    )


def score_fields(dto: ScoreDTO) -> dict[str, Any]:
    """A score's fields as `add_score` / `update_score` take them."""
    return {name: getattr(dto, name) for name in SCORE_FIELDS}


def add_score(uow: UnitOfWork, case_id: int, fields: Mapping[str, Any]) -> Outcome[ScoreDTO]:
    """A rater's score (the consultant's, today, in a conversation unless `fields` say else)."""
    defaults = {
        "scored_on": dt.date.today(),
        "source": Source(),
        "role": RaterRole.CONSULTANT,
        "context": ScoreContext.CONVERSATION,
        "about": None,
        "one_higher": "",
    }
    with uow:
        ensure_open(uow, case_id)
        clean = clean_score_fields(
            uow, case_id, {**defaults, "score": None, "reason": None, **fields}
        )
        row = ScaleScore(household_id=case_id, **clean)
        uow.session.add(row)
        return committed(uow, lambda: score_dto(row))


def update_score(
    uow: UnitOfWork, score_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ScoreDTO]:
    """Correct a score (any of its fields); `expected` guards undo against later changes."""
    return save_checked(
        uow,
        lambda: open_row(uow, ScaleScore, score_id),
        lambda row: clean_score_fields(uow, row.household_id, changes),
        expected,
        score_dto,
    )


def remove_score(
    uow: UnitOfWork, score_id: int, *, expected: ScoreDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a score (with its place in a meeting's scale round); `restore_score` puts the
    snapshot back.

    `expected`: the score as the caller last saw it (undo/redo); when someone else changed it
    since, ConflictError and nothing is removed.
    """
    with uow:
        taken = _take(uow, score_id, expected)
        return Outcome(taken, uow.commit())


def remove_scores(uow: UnitOfWork, scores: Sequence[ScoreDTO]) -> Outcome[list[Snapshot]]:
    """Remove several scores (e.g. a meeting's scale round) all at once or none: each expected
    as given (ConflictError when one changed since). `restore_scores` puts them back."""
    with uow:
        taken = [_take(uow, score.id, score) for score in scores]
        return Outcome(taken, uow.commit())


def _take(uow: UnitOfWork, score_id: int, expected: ScoreDTO | None) -> Snapshot:
    row = open_row(uow, ScaleScore, score_id)
    ensure_as_seen(score_dto(row), expected)
    return snapshot.remove(uow, row)


def restore_score(uow: UnitOfWork, taken: Snapshot) -> Outcome[ScoreDTO]:
    """Put a removed score back with its id (undo), in its meeting's round too when it had a
    place there. Refused when the case is closed, the rater or the danger statement left the
    case, or its place in the round was taken or removed meanwhile."""
    with uow:
        row = _put_back(uow, taken)
        return committed(uow, lambda: score_dto(row))


def restore_scores(uow: UnitOfWork, taken: Sequence[Snapshot]) -> Outcome[list[ScoreDTO]]:
    """Put back what `remove_scores` took, all or none (each checked as `restore_score`)."""
    with uow:
        rows = [_put_back(uow, one) for one in taken]
        return committed(uow, lambda: [score_dto(row) for row in rows])


def _put_back(uow: UnitOfWork, taken: Snapshot) -> ScaleScore:
    values = taken.values
    ensure_open(uow, values["household_id"])
    source_columns(uow, values["household_id"], source_of_columns(values))
    _check_about(uow, values["household_id"], values["about"])
    # Its place in a meeting's round (a row of an upper layer, which the database took
    # along) may have gone to another score or left with its agenda item meanwhile.
    row = snapshot.put_back(uow, taken)
    assert isinstance(row, ScaleScore)
    return row


# ---- reading scores ---------------------------------------------------------------------


def _scores(uow: UnitOfWork, case_id: int, about: str | _Every | None = EVERY) -> list[ScaleScore]:
    query = select(ScaleScore).where(ScaleScore.household_id == case_id)
    if about is None:
        query = query.where(ScaleScore.about.is_(None))
    elif not isinstance(about, _Every):
        query = query.where(ScaleScore.about == about)
    return list(uow.session.scalars(query.order_by(ScaleScore.scored_on, ScaleScore.id)))


def list_scores(
    uow: UnitOfWork, case_id: int, *, about: str | _Every | None = EVERY
) -> tuple[ScoreDTO, ...]:
    """The case's scores, oldest first (same day: in the order entered).

    `about=None`: only those on the case as a whole; a lineage: only those on that danger
    statement; EVERY (the default): all.
    """
    with uow:
        get(uow, Household, case_id)
        return tuple(score_dto(row) for row in _scores(uow, case_id, about))


def rater_key(rater: Rater) -> tuple[str, str]:
    """Raters are told apart by name (case, accents and spacing aside) and role."""
    return (fold_key(rater.label), rater.role.value)


def score_history(uow: UnitOfWork, case_id: int, *, about: str | None = None) -> ScoreHistory:
    """Per rater, their scores over time (on the case as a whole, or on one danger statement)."""
    series: dict[tuple[str, str], list[ScoreDTO]] = {}
    for score in list_scores(uow, case_id, about=about):
        series.setdefault(rater_key(score.rater), []).append(score)
    return ScoreHistory(
        household_id=case_id,
        about=about,
        series=tuple(
            RaterSeries(
                # The newest spelling of the name is the one shown.
                rater=scores[-1].rater,
                points=tuple(
                    ScorePoint(s.id, s.scored_on, s.score, s.reason, s.one_higher) for s in scores
                ),
                formal=scores[-1].role is RaterRole.CASE_MANAGER,
            )
            for scores in series.values()
        ),
    )


def formal_score(uow: UnitOfWork, case_id: int, *, about: str | None = None) -> ScoreDTO | None:
    """The formal judgement: the case manager's newest score (on the case as a whole)."""
    with uow:
        get(uow, Household, case_id)
        row = uow.session.scalar(
            select(ScaleScore)
            .where(
                ScaleScore.household_id == case_id,
                ScaleScore.role == RaterRole.CASE_MANAGER.value,
                ScaleScore.about.is_(None) if about is None else ScaleScore.about == about,
            )
            .order_by(ScaleScore.scored_on.desc(), ScaleScore.id.desc())
            .limit(1)
        )
        return score_dto(row) if row is not None else None


# ---- what a score can be about ----------------------------------------------------------

ABOUT_LABEL_LENGTH = 70


def about_choices(uow: UnitOfWork, case_id: int) -> tuple[AboutChoice, ...]:
    """The danger statements scores can be about: those on the newest map in their order,
    then those only earlier maps have (past scores may be about them)."""
    with uow:
        get(uow, Household, case_id)
        latest = latest_moment_id(uow, case_id)
        rows = uow.session.scalars(
            select(Statement)
            .where(Statement.household_id == case_id, Statement.type == StatementType.DANGER.value)
            .order_by(Statement.moment_id.desc(), Statement.position, Statement.id)
        )
        newest: dict[str, Statement] = {}
        for row in rows:
            newest.setdefault(row.lineage, row)  # the newest version of each statement
        current = [r for r in newest.values() if r.moment_id == latest]
        older = [r for r in newest.values() if r.moment_id != latest]
        return tuple(
            _about_choice(number, row, row.moment_id == latest)
            for number, row in enumerate([*current, *older], 1)
        )


def _about_choice(number: int, row: Statement, current: bool) -> AboutChoice:
    text = " ".join((row.text or row.behaviour or "").split())
    short = text if len(text) <= ABOUT_LABEL_LENGTH else text[: ABOUT_LABEL_LENGTH - 1] + "…"
    label = _("Danger statement {n}: {text}").format(n=number, text=short or "…")
    return AboutChoice(lineage=row.lineage, label=label, text=text, current=current)
