"""The kindcheck's rules, pure (no session): which adults raise the question whether children
depend on them (a low ZRM level on a sensitive domain, a worry about them), and how the answer
reads in the journal.

Seed §5.4: the meldcode's kindcheck is asked outside the meldcode too. A trigger is answered once;
the service (kindcheck.py) reads the household, the ZRM and the map and stores the answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.dossier.dto import KindcheckTrigger
from jeugdtool.dossier.vocab import KindcheckAnswer
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import collect
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _
from jeugdtool.store.base import short_label
from jeugdtool.zrm import reading

#: The ZRM domains whose low level (1 or 2) in an adult raises the kindcheck (ZRM 2017's codes).
TRIGGER_DOMAINS = ("geestelijke_gezondheid", "middelengebruik", "huiselijke_relaties")
#: The same domains under another matrix's code: the 11-domain ZRM calls substance use
#: "verslaving".
SAME_DOMAIN = {"verslaving": "middelengebruik"}
#: The levels that raise it: 1 (acute crisis) and 2 (not self-sufficient).
LOW_LEVELS = frozenset({1, 2})
MAX_NOTE = 5000
#: How much of a worry's text the reason quotes.
REASON_LENGTH = 80

ZRM_PREFIX = "zrm:"
WORRY_PREFIX = "worry:"


@dataclass(frozen=True)
class Member:
    """A household member as the rules need them (the service reads them from the case)."""

    id: int
    label: str
    #: cases.vocab.PersonRole (value).
    role: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class AssessedLevels:
    """The levels of one ZRM assessment of one person."""

    assessment_id: int
    person_id: int
    assessed_on: dt.date
    #: Domain code -> level (None: not assessed).
    levels: Mapping[str, int | None]
    #: Domain code -> the domain's name in the user's language (the code when missing).
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Worry:
    """A map item of the newest mapping moment that is about a person."""

    lineage: str
    person_id: int | None
    #: framework.vocab.Cell (value): only the worries column raises the kindcheck.
    cell: str
    text: str


# ---- who raises it ----------------------------------------------------------------------------


def is_adult(role: str, birth_date: dt.date | None, today: dt.date) -> bool:
    """Parents, carers and other household members; a child from their 18th birthday (the same
    rule as the ZRM's, so whoever the ZRM is for can raise the kindcheck)."""
    return reading.is_adult(str(role), birth_date, today)


def trigger_domain(code: str) -> str | None:
    """The kindcheck domain `code` stands for (its own code, or the ZRM 2017 code of the same
    domain), None when it raises no kindcheck."""
    code = SAME_DOMAIN.get(code, code)
    return code if code in TRIGGER_DOMAINS else None


def _low_domains(levels: Mapping[str, int | None]) -> list[str]:
    """The assessment's codes of trigger domains at level 1 or 2, in TRIGGER_DOMAINS' order."""
    low = [code for code, level in levels.items() if level in LOW_LEVELS and trigger_domain(code)]
    return sorted(low, key=lambda code: TRIGGER_DOMAINS.index(trigger_domain(code) or ""))


def _newest(assessments: Iterable[AssessedLevels]) -> dict[int, AssessedLevels]:
    """Each person's newest assessment (by date, then the later one recorded)."""
    newest: dict[int, AssessedLevels] = {}
    for found in sorted(assessments, key=lambda a: (a.assessed_on, a.assessment_id)):
        newest[found.person_id] = found
    return newest


def _zrm_trigger(adult: Member, assessed: AssessedLevels) -> KindcheckTrigger | None:
    """One trigger per assessment, naming every low domain (one question about one adult)."""
    low = _low_domains(assessed.levels)
    if not low:
        return None
    levels = ", ".join(
        _("{domain}: {level}").format(
            domain=assessed.names.get(code, code), level=assessed.levels[code]
        )
        for code in low
    )
    return KindcheckTrigger(
        person_id=adult.id,
        adult_label=adult.label,
        trigger=f"{ZRM_PREFIX}{assessed.assessed_on.isoformat()}:{low[0]}",
        reason=_("ZRM {levels}").format(levels=levels),
    )


def _is_worry(cell: str) -> bool:
    try:
        return Cell(cell).is_worry
    except ValueError:
        return False


def _worry_trigger(adult: Member, worry: Worry) -> KindcheckTrigger:
    return KindcheckTrigger(
        person_id=adult.id,
        adult_label=adult.label,
        trigger=f"{WORRY_PREFIX}{worry.lineage}",
        reason=_("Worry: {text}").format(text=short_label(worry.text, REASON_LENGTH)),
    )


def triggers(
    adults: Sequence[Member],
    zrm_levels: Iterable[AssessedLevels],
    worries: Iterable[Worry],
    today: dt.date,
) -> list[KindcheckTrigger]:
    """Why the kindcheck is asked, per adult in the order given: their newest ZRM assessment with
    Geestelijke gezondheid, Middelengebruik or Huiselijke relaties at 1 or 2 (one trigger naming
    each such domain), then each worry item (the map's worries column) about them.

    `adults`: the household's members; those who are not adults on `today` raise nothing.
    """
    newest = _newest(zrm_levels)
    about: dict[int, list[Worry]] = {}
    for worry in worries:
        if worry.person_id is not None and _is_worry(worry.cell):
            about.setdefault(worry.person_id, []).append(worry)
    found: list[KindcheckTrigger] = []
    for adult in adults:
        if not is_adult(adult.role, adult.birth_date, today):
            continue
        assessed = newest.get(adult.id)
        zrm = _zrm_trigger(adult, assessed) if assessed is not None else None
        if zrm is not None:
            found.append(zrm)
        found.extend(_worry_trigger(adult, worry) for worry in about.get(adult.id, ()))
    return found


# ---- answered or not ----------------------------------------------------------------------------


def question_of(trigger: str) -> str:
    """What a trigger asks about: a ZRM assessment as a whole ("zrm:<date>:"; its low domains may
    change while it is the newest, the question stays answered), or one worry item's lineage."""
    if trigger.startswith(ZRM_PREFIX):
        return trigger.rsplit(":", 1)[0] + ":"
    return trigger


def pending(
    found: Iterable[KindcheckTrigger], answered: Collection[tuple[int | None, str]]
) -> list[KindcheckTrigger]:
    """The triggers in `found` whose question no answered kindcheck about the same adult
    answered. `answered`: (person id, trigger) of each answered kindcheck."""
    done = {(person_id, question_of(key)) for person_id, key in answered}
    return [t for t in found if (t.person_id, question_of(t.trigger)) not in done]


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def check_trigger(trigger: str) -> str:
    """A trigger key as the table keeps it: "zrm:<assessment date>:<domain>" or
    "worry:<lineage>"; InvalidInput (field "trigger") for anything else."""
    parts = trigger.split(":") if isinstance(trigger, str) else []
    zrm = len(parts) == 3 and parts[0] + ":" == ZRM_PREFIX and _is_day(parts[1])
    zrm = zrm and trigger_domain(parts[2]) is not None
    worry = len(parts) == 2 and parts[0] + ":" == WORRY_PREFIX and 0 < len(parts[1]) <= 32
    if not (zrm or worry) or len(trigger) > 120:
        message = _("This kindcheck has no known reason; open it again from the overview.")
        raise InvalidInput.at("trigger", message)
    return trigger


# ---- the answer -------------------------------------------------------------------------------


def _answer(field_name: str, value: Any, label: str) -> str:
    if value is None or value == "":
        message = _("Answer the question '{label}'.").format(label=label)
        raise InvalidInput.at(field_name, message)
    return str(v.choice(field_name, value, KindcheckAnswer, label).value)


def depend_question() -> str:
    """The kindcheck's first question, as the dialog and the journal word it."""
    return _("Do children depend on this adult?")


def safety_question() -> str:
    """The kindcheck's second question, as the dialog and the journal word it."""
    return _("Is the safety of these children assessed?")


def clean_answer(children_depend: Any, safety_assessed: Any, note: Any) -> dict[str, str]:
    """The two answers (vocab.KindcheckAnswer) and the note, every problem at once."""
    clean: dict[str, str] = {}
    with collect() as problems:
        with problems.catching():
            clean["children_depend"] = _answer(
                "children_depend", children_depend, depend_question()
            )
        with problems.catching():
            clean["safety_assessed"] = _answer(
                "safety_assessed", safety_assessed, safety_question()
            )
        with problems.catching():
            clean["note"] = v.text("note", note, label=_("Note"), max_len=MAX_NOTE)
    return clean


def kindcheck_note(
    children_depend: str,
    safety_assessed: str,
    note: str,
    *,
    adult: str = "",
    reason: str = "",
) -> str:
    """The journal's wording of an answered kindcheck: whom it was about and why (when given),
    the two questions with their answers, then the consultant's note."""
    lines = []
    if adult:
        heading = (
            _("Kindcheck about {adult} ({reason}).") if reason else _("Kindcheck about {adult}.")
        )
        lines.append(heading.format(adult=adult, reason=reason))
    answer = _("{question} {answer}")
    lines.append(
        answer.format(question=depend_question(), answer=KindcheckAnswer(children_depend).label)
    )
    lines.append(
        answer.format(question=safety_question(), answer=KindcheckAnswer(safety_assessed).label)
    )
    if note.strip():
        lines.append(note.strip())
    return "\n".join(lines)
