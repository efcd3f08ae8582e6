"""The SMART check of one safety-plan agreement. A pure function: no database, no Qt.

`check_smart(draft, today)` reads an agreement as it is being typed (an `AgreementDraft`) and
says per letter, in the order S, M, A, R, T, whether it holds, with concrete hints in the user's
language (`_()`; each hint says what to write instead). A letter is ok exactly when it has no
hints, and `SmartResult.is_smart` when all five are ok.

- **S** (specific): a description of what will be done with at least one verb, the persons who do
  it, and no vague words ("probeert", "zoveel mogelijk", "soms", "normaal", "op tijd", ...).
- **M** (measurable): an observable check (how we will know it happened, free of vague words and
  not only an inner state such as "voelt zich veilig") and who checks, someone other than only
  the persons who do it.
- **A** (accepted): every person it names accepted it (`accepted_by_all`, computed elsewhere from
  the recorded acceptances); an agreement naming nobody cannot be accepted by everyone.
- **R** (realistic): the consultant confirmed it is realistic, and no person it names carries more
  agreements in the plan than the threshold in the data (each such person is named).
- **T** (time-bound): a date, a start date, a deadline, a time or a recurrence ("elke woensdag",
  "dagelijks na school", "vóór 1 december", "om 20.00 uur", "01-12-2025"), found in the `when`
  field or in the description; no vague timing in `when`; no date that has passed; and a review
  date that has not passed.

The word lists, the threshold and the recognised phrases are data in
`resources/framework/smart.json`, checked against `resources/schemas/smart.schema.json` when first
used (a broken file raises `SmartRulesError` naming the place). Messages are here.

How text is read: it is *folded* (case-folded, diacritics removed, typographic apostrophes made
straight), so "Vóór", "VOOR" and "voor" are the same word, and "Aïcha" is "aicha". Listed words
and phrases match **whole words only**: "beter" is flagged, "beterschap" and "verbeteren" are not,
because a compound or derivation usually means something else (and is rarely the vague part);
inflected forms that are just as vague are listed themselves ("betere", "probeert"). The word
shown in a hint is the one the consultant typed, with its own capitals and accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.folding import Folded
from jeugdtool.folding import fold_mapped
from jeugdtool.framework.statement_text import Hint
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.jsonfile import json_path

RESOURCE = ("framework", "smart.json")
SCHEMA = ("schemas", "smart.schema.json")

#: The letters, in the order a result lists them.
LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {
    "S": N_("Specific"),
    "M": N_("Measurable"),
    "A": N_("Accepted"),
    "R": N_("Realistic"),
    "T": N_("Time-bound"),
}
#: The kinds of vague words in the data; each has its own hint below.
VAGUE_KINDS = ("effort", "amount", "frequency", "judgement", "timing", "condition")


class SmartRulesError(JeugdtoolError):
    """The SMART data file is missing or broken (a packaging or editing error)."""


# ---- input and output ----------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementDraft:
    """One agreement as the consultant typed it; every field may still be empty."""

    #: What exactly will be done.
    what: str = ""
    #: The names of the persons who do it.
    who: tuple[str, ...] = ()
    #: When or how often, as typed: "elke woensdag", "vóór 1 december", "dagelijks na school".
    when: str = ""
    #: A deadline, if one was picked as a date.
    due: date | None = None
    #: From when it applies, if picked as a date.
    start: date | None = None
    #: Where, or in which situation (not part of the check; kept for completeness).
    where: str = ""
    #: How we will know it happened: something someone can see or hear.
    check: str = ""
    #: Who checks it.
    checked_by: str = ""
    #: Every person it names has accepted it (computed from the acceptances, never ticked).
    accepted_by_all: bool = False
    #: The consultant confirmed it is realistic.
    realistic_confirmed: bool = False
    #: Name -> the number of agreements that person carries in the plan (this one included).
    load_per_person: Mapping[str, int] = field(default_factory=dict, hash=False)
    #: When the plan (or this agreement) is next reviewed.
    review_date: date | None = None


@dataclass(frozen=True)
class LetterCheck:
    """One letter: ok when nothing is missing; `hints` say what to change (empty when ok)."""

    letter: str
    ok: bool
    hints: tuple[Hint, ...] = ()


@dataclass(frozen=True)
class SmartResult:
    #: Always five, in the order S, M, A, R, T.
    letters: tuple[LetterCheck, ...]

    @property
    def is_smart(self) -> bool:
        return all(check.ok for check in self.letters)

    @property
    def failing(self) -> tuple[str, ...]:
        """The letters that do not hold, e.g. ("S", "T")."""
        return tuple(check.letter for check in self.letters if not check.ok)

    @property
    def hints(self) -> tuple[Hint, ...]:
        return tuple(hint for check in self.letters for hint in check.hints)

    def __getitem__(self, letter: str) -> LetterCheck:
        return self.letters[LETTERS.index(letter)]


def letter_name(letter: str) -> str:
    """ "S" -> "Specifiek" (translated)."""
    return _(LETTER_NAMES[letter])


# ---- reading text --------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"\w+(?:'\w+)?")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> Folded:
    """Folded as everywhere (`jeugdtool.folding`), with straight apostrophes; the origins are
    kept so that a match can be shown as typed (the apostrophes map one to one)."""
    text = text or ""
    return replace(fold_mapped(text.translate(_APOSTROPHES)), original=text)


def _fold_name(name: str) -> str:
    return _SPACE.sub(" ", fold(name).text).strip()


def _whole(pattern: str) -> str:
    return r"(?<!\w)(?:" + pattern + r")(?!\w)"


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for listed words and phrases, longest first, as whole words."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    alternatives = [r"\s+".join(re.escape(w) for w in p.split()) for p in ordered]
    return re.compile(_whole("|".join(alternatives)))


# ---- the data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Exception:
    words: frozenset[str]
    followed_by: re.Pattern[str] | None
    preceded_by: re.Pattern[str] | None


@dataclass(frozen=True)
class Rules:
    vague: re.Pattern[str]
    vague_kind: Mapping[str, str]
    exceptions: tuple[_Exception, ...]
    verb_endings: tuple[str, ...]
    verb_min_length: int
    known_verbs: frozenset[str]
    not_verbs: frozenset[str]
    not_verb_suffixes: tuple[str, ...]
    inner_states: re.Pattern[str]
    reported: re.Pattern[str]
    months: Mapping[str, int]
    dates: tuple[re.Pattern[str], ...]
    timing: tuple[re.Pattern[str], ...]
    deadline_before: re.Pattern[str]
    max_load: int


def check_rules(document: Any, source: str = "/".join(RESOURCE)) -> Rules:
    """Check `document` against the schema and compile it; raise `SmartRulesError` listing every
    problem (JSON path and what is wrong)."""
    problems = resources.schema_problems(document, *SCHEMA)
    rules = None if problems else _compile(document, problems)
    if problems or rules is None:
        raise SmartRulesError(
            _(
                "The SMART rules file {path} is damaged; reinstall jeugdtool or undo the edit."
            ).format(path=source)
            + "\n"
            + "\n".join(problems)
        )
    return rules


def _compile(data: Mapping[str, Any], problems: list[str]) -> Rules | None:
    timing = data["timing"]
    months = {fold(name).text: number for name, number in timing["months"].items()}
    alternatives = {
        "{weekday}": "|".join(re.escape(d) for d in timing["weekdays"]),
        "{month}": "|".join(re.escape(m) for m in sorted(months, key=lambda m: (-len(m), m))),
        "{number}": "|".join(re.escape(n) for n in timing["numbers"]),
    }

    def pattern(text: str, path: list[str | int], whole: bool = True) -> re.Pattern[str]:
        # "{weekday}" in a timing pattern stands for any weekday of the word list, and so on.
        for slot, alternative in alternatives.items():
            text = text.replace(slot, f"(?:{alternative})")
        try:
            return re.compile(_whole(text) if whole else text)
        except re.error as exc:
            problems.append(f"{json_path(path)}: not a regular expression ({exc})")
            return re.compile(r"(?!)")

    vague_kind: dict[str, str] = {}
    for kind in VAGUE_KINDS:
        for phrase in data["vague"][kind]:
            vague_kind.setdefault(_fold_name(phrase), kind)
    exceptions = []
    for i, item in enumerate(data["vague_exceptions"]):
        path: list[str | int] = ["vague_exceptions", i]
        exceptions.append(
            _Exception(
                words=frozenset(_fold_name(w) for w in item["words"]),
                followed_by=pattern(item["followed_by"], [*path, "followed_by"], whole=False)
                if "followed_by" in item
                else None,
                preceded_by=pattern(item["preceded_by"], [*path, "preceded_by"], whole=False)
                if "preceded_by" in item
                else None,
            )
        )
    dates = []
    for i, text in enumerate(timing["dates"]):
        compiled = pattern(text, ["timing", "dates", i])
        groups = set(compiled.groupindex)
        if not ({"d", "y"} <= groups and ("m" in groups or "month" in groups)):
            problems.append(
                f"{json_path(['timing', 'dates', i])}: needs the named groups d, y and m or month"
            )
        dates.append(compiled)
    timing_patterns = [
        pattern(text, ["timing", "patterns", kind, i])
        for kind, texts in timing["patterns"].items()
        for i, text in enumerate(texts)
    ]
    deadline = "|".join(
        r"\s+".join(re.escape(w) for w in _fold_name(p).split()) for p in timing["deadline_words"]
    )
    verbs = data["verbs"]
    if problems:
        return None
    return Rules(
        vague=_phrase_pattern(vague_kind),
        vague_kind=vague_kind,
        exceptions=tuple(exceptions),
        verb_endings=tuple(verbs["endings"]),
        verb_min_length=int(verbs["min_length"]),
        known_verbs=frozenset(verbs["known"]),
        not_verbs=frozenset(verbs["not_verbs"]),
        not_verb_suffixes=tuple(verbs["not_verb_suffixes"]),
        inner_states=_phrase_pattern(data["observation"]["inner_states"]),
        reported=_phrase_pattern(data["observation"]["reported"]),
        months=months,
        dates=tuple(dates),
        timing=(*dates, *timing_patterns),
        deadline_before=re.compile(r"(?<!\w)(?:" + deadline + r")\s+$"),
        max_load=int(data["load"]["max_agreements_per_person"]),
    )


@cache
def load_rules() -> Rules:
    """The shipped data, read and checked once."""
    document = resources.load_shipped_json(
        RESOURCE, SmartRulesError, _("The SMART rules file {path} cannot be read: {reason}")
    )
    return check_rules(document, str(resources.path(*RESOURCE)))


def reload() -> None:
    """Forget the loaded data (after editing the file, and in tests)."""
    load_rules.cache_clear()


# ---- finding things in text ----------------------------------------------------------------


@dataclass(frozen=True)
class VagueWord:
    #: As typed ("Probeert").
    word: str
    #: Its kind in the data ("effort").
    kind: str


def vague_words(text: str) -> tuple[VagueWord, ...]:
    """The vague words and phrases in `text`, in order, each once (as first typed)."""
    rules = load_rules()
    folded = fold(text)
    found: list[VagueWord] = []
    seen: set[str] = set()
    for match in rules.vague.finditer(folded.text):
        key = _SPACE.sub(" ", match.group(0))
        if key in seen or _excused(key, folded.text, match.start(), match.end(), rules):
            continue
        seen.add(key)
        found.append(VagueWord(folded.span(match.start(), match.end()), rules.vague_kind[key]))
    return tuple(found)


def _excused(word: str, text: str, start: int, end: int, rules: Rules) -> bool:
    for exception in rules.exceptions:
        if word not in exception.words:
            continue
        if exception.followed_by is not None and exception.followed_by.search(text[end : end + 80]):
            return True
        if exception.preceded_by is not None and exception.preceded_by.search(
            text[max(0, start - 80) : start]
        ):
            return True
    return False


def has_verb(text: str, names: Iterable[str] = ()) -> bool:
    """Whether `text` has a word that looks like a Dutch verb form ("haalt", "bellen", "is").

    A heuristic on purpose (no dictionary): present-tense and infinitive endings, a list of
    short and irregular forms, minus listed function words and nouns. Capitalised words inside
    a sentence are taken for names and skipped, as are the words of `names`.
    """
    rules = load_rules()
    folded = fold(text)
    name_words = {w for n in names for w in _WORD.findall(fold(n).text)}
    for match in _WORD.finditer(folded.text):
        word = match.group(0)
        if word in name_words or word[0].isdigit():
            continue
        typed = folded.span(match.start(), match.end())
        first = _starts_sentence(folded.text, match.start())
        if not first and typed[:1].isupper() and not typed.isupper():
            continue  # a name: "Noa", "juf Aïcha"
        if _looks_like_verb(word, rules):
            return True
    return False


def _starts_sentence(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index < 0 or text[index] in ".!?;:"


def _looks_like_verb(word: str, rules: Rules) -> bool:
    if word in rules.known_verbs:
        return True
    if word in rules.not_verbs or word.endswith(rules.not_verb_suffixes):
        return False
    return len(word) >= rules.verb_min_length and word.endswith(rules.verb_endings)


@dataclass(frozen=True)
class TimingFound:
    #: Some date, time, deadline or recurrence was recognised.
    found: bool
    #: Dates written in the text that do not exist ("31-02-2025"), as typed.
    invalid: tuple[str, ...]
    #: Deadlines written in the text ("vóór 01-03-2024") that lie before `today`.
    passed: tuple[date, ...]


def find_timing(text: str, today: date) -> TimingFound:
    """Recognised dates, deadlines, times and recurrences in `text` (Dutch)."""
    rules = load_rules()
    folded = fold(text)
    found = any(p.search(folded.text) for p in rules.timing)
    invalid: list[str] = []
    passed: list[date] = []
    for pattern in rules.dates:
        for match in pattern.finditer(folded.text):
            value = _date_of(match, rules, today)
            if value is None:
                invalid.append(folded.span(match.start(), match.end()))
            elif (
                match.group("y")
                and value < today
                and rules.deadline_before.search(
                    folded.text[max(0, match.start() - 20) : match.start()]
                )
            ):
                passed.append(value)
    return TimingFound(found, tuple(dict.fromkeys(invalid)), tuple(dict.fromkeys(passed)))


def _date_of(match: re.Match[str], rules: Rules, today: date) -> date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else rules.months[groups["month"]]
    year_text = groups.get("y")
    year = today.year if not year_text else int(year_text)
    if year_text and len(year_text) == 2:
        year += 2000
    try:
        return date(year, month, int(groups["d"]))
    except ValueError:
        # 29 februari without a year exists in some year: only flag it with a year.
        if not year_text and month == 2 and int(groups["d"]) == 29:
            return date(2000, 2, 29)
        return None


# ---- the check -----------------------------------------------------------------------------


def _vague_message(kind: str) -> str:
    if kind == "effort":
        return _(
            "'{word}' says what someone will try, not what they will do. Write what will "
            "happen: 'Father drinks no alcohol when Noa is at home' instead of 'Father tries "
            "to drink less'."
        )
    if kind == "amount":
        return _(
            "'{word}' leaves open how much, or compared with what. Say exactly what happens: "
            "'no alcohol when the children are at home', 'at most two glasses'."
        )
    if kind == "frequency":
        return _(
            "'{word}' cannot be counted. Say how often: 'every Wednesday', 'twice a week', "
            "'every day after school'."
        )
    if kind == "judgement":
        return _(
            "'{word}' is a judgement people can disagree about. Describe what someone will see "
            "or hear: 'Noa is in bed at 20.00', 'there is food for breakfast in the house'."
        )
    if kind == "timing":
        return _(
            "'{word}' is not a time. Give a day, a time or a date: 'before 1 December', "
            "'at 8.15', 'within two days'."
        )
    return _(
        "'{word}' leaves open who decides when it applies. Name the situation: 'when father has "
        "been drinking', 'every time Noa stays with mother'."
    )


def _vague_hints(text: str, field_name: str) -> list[Hint]:
    return [
        Hint("vague_word", field_name, _vague_message(v.kind).format(word=v.word))
        for v in vague_words(text)
    ]


def _names(who: Iterable[str]) -> tuple[str, ...]:
    names = (_SPACE.sub(" ", n or "").strip() for n in who)
    return tuple(dict.fromkeys(n for n in names if n))


def _blank(text: str) -> bool:
    return not (text or "").strip()


def _check_s(draft: AgreementDraft, names: tuple[str, ...]) -> list[Hint]:
    hints: list[Hint] = []
    if _blank(draft.what):
        hints.append(
            Hint(
                "missing_what",
                "what",
                _(
                    "What exactly will be done? Describe the action, e.g. 'Oma Ria picks Noa up "
                    "from school'."
                ),
            )
        )
    elif not has_verb(draft.what, names):
        hints.append(
            Hint(
                "no_action_verb",
                "what",
                _("Say what someone does: use a verb such as 'picks up', 'calls' or 'stays with'."),
            )
        )
    if not names:
        hints.append(
            Hint(
                "missing_who",
                "who",
                _("Who does it? Name the people, e.g. 'Oma Ria' rather than 'the family'."),
            )
        )
    return hints + _vague_hints(draft.what, "what")


_NAME_SEPARATORS = re.compile(r"\s*(?:,|&|/|\+|(?<!\w)en(?!\w))\s*")


def _check_m(draft: AgreementDraft, names: tuple[str, ...]) -> list[Hint]:
    rules = load_rules()
    hints: list[Hint] = []
    if _blank(draft.check):
        hints.append(
            Hint(
                "missing_check",
                "check",
                _(
                    "How will we know it happened? Describe something someone can see or hear, "
                    "e.g. 'the teacher sees Noa being picked up'."
                ),
            )
        )
    else:
        hints += _vague_hints(draft.check, "check")
        folded = fold(draft.check)
        inner = rules.inner_states.search(folded.text)
        if inner and not rules.reported.search(folded.text):
            hints.append(
                Hint(
                    "inner_state",
                    "check",
                    _(
                        "'{word}' happens inside someone; others cannot see it. Describe what "
                        "someone will see or hear, or what they are told."
                    ).format(word=folded.span(inner.start(), inner.end())),
                )
            )
    if _blank(draft.checked_by):
        hints.append(
            Hint(
                "missing_checked_by",
                "checked_by",
                _("Who checks it? Name a person, e.g. someone from the network or the school."),
            )
        )
    else:
        checkers = {p for p in _NAME_SEPARATORS.split(_fold_name(draft.checked_by)) if p}
        doers = {_fold_name(n) for n in names}
        if checkers and checkers <= doers:
            hints.append(
                Hint(
                    "self_check",
                    "checked_by",
                    _(
                        "The person who does it cannot be the only one to check it: ask someone "
                        "from the network or a professional to check."
                    ),
                )
            )
    return hints


def _check_a(draft: AgreementDraft, names: tuple[str, ...]) -> list[Hint]:
    if not names:
        return [
            Hint(
                "nobody_to_accept",
                "accepted_by_all",
                _("Name the people who do it first; then each of them accepts it."),
            )
        ]
    if not draft.accepted_by_all:
        return [
            Hint(
                "not_accepted",
                "accepted_by_all",
                _(
                    "Not everyone it names has accepted this agreement yet. Record each "
                    "person's acceptance (in a meeting, by phone or signed)."
                ),
            )
        ]
    return []


def _check_r(draft: AgreementDraft, names: tuple[str, ...]) -> list[Hint]:
    hints: list[Hint] = []
    if not draft.realistic_confirmed:
        hints.append(
            Hint(
                "not_confirmed",
                "realistic_confirmed",
                _(
                    "Is this realistic for the people who do it? Talk it through with them and "
                    "confirm that it is."
                ),
            )
        )
    limit = load_rules().max_load
    load = {_fold_name(name): count for name, count in (draft.load_per_person or {}).items()}
    for name in names:
        count = load.get(_fold_name(name), 0)
        if isinstance(count, int | float) and count > limit:
            count = int(count)
            message = ngettext(
                "{name} carries {count} agreement; more than {max} is a lot. Can someone from "
                "the network take one over?",
                "{name} carries {count} agreements; more than {max} is a lot. Can someone from "
                "the network take one over?",
                count,
            )
            hints.append(
                Hint("heavy_load", "who", message.format(name=name, count=count, max=limit))
            )
    return hints


def _check_t(draft: AgreementDraft, today: date) -> list[Hint]:
    hints: list[Hint] = []
    in_when = find_timing(draft.when, today)
    in_what = find_timing(draft.what, today)
    vague_when = _vague_hints(draft.when, "when")
    found = in_when.found or in_what.found or draft.due is not None or draft.start is not None
    if not found and not vague_when:
        if _blank(draft.when):
            hints.append(
                Hint(
                    "no_timing",
                    "when",
                    _(
                        "When, or how often? Add a date, a deadline or a recurrence, e.g. 'every "
                        "Wednesday', 'before 1 December' or 'every day at 20.00'."
                    ),
                )
            )
        else:
            hints.append(
                Hint(
                    "unrecognised_when",
                    "when",
                    _(
                        "'{when}' is not a day, a time or how often. Make it one, e.g. 'every "
                        "day after dinner' or 'before 1 December'."
                    ).format(when=_SPACE.sub(" ", draft.when).strip()),
                )
            )
    hints += vague_when
    for field_name, timing in (("when", in_when), ("what", in_what)):
        for text in timing.invalid:
            hints.append(
                Hint(
                    "invalid_date",
                    field_name,
                    _("'{text}' is not a date that exists.").format(text=text),
                )
            )
        for value in timing.passed:
            hints.append(_passed("deadline_passed", field_name, value))
    if draft.due is not None and draft.due < today:
        hints.append(_passed("deadline_passed", "due", draft.due))
    if draft.start is not None and draft.due is not None and draft.start > draft.due:
        hints.append(Hint("start_after_due", "start", _("The start date is after the deadline.")))
    if draft.review_date is None:
        hints.append(
            Hint(
                "no_review_date",
                "review_date",
                _("When will you look together at whether it works? Set a review date."),
            )
        )
    elif draft.review_date < today:
        hints.append(
            Hint(
                "review_passed",
                "review_date",
                _("The review date {date} has passed; set a new one.").format(
                    date=format_date_nl(draft.review_date)
                ),
            )
        )
    return hints


def _passed(code: str, field_name: str, value: date) -> Hint:
    message = _("The date {date} has already passed; choose a date from today on.")
    return Hint(code, field_name, message.format(date=format_date_nl(value)))


def check_smart(draft: AgreementDraft, today: date) -> SmartResult:
    """The SMART check of one agreement on `today`: five letters, in order, with hints."""
    names = _names(draft.who)
    found = {
        "S": _check_s(draft, names),
        "M": _check_m(draft, names),
        "A": _check_a(draft, names),
        "R": _check_r(draft, names),
        "T": _check_t(draft, today),
    }
    return SmartResult(
        tuple(LetterCheck(letter, not found[letter], tuple(found[letter])) for letter in LETTERS)
    )
