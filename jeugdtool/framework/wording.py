"""The words of a case's way of working: Signs of Safety or Signs of Wellbeing.

The program's texts (the catalogue, the PDF templates, the manual) are written with the Signs of
Safety words ("gevaarsomschrijving", "veiligheidsdoel", "veiligheidsplan", ...). A wellbeing
case says "zorgomschrijving", "welzijnsdoel", "welzijnsplan" instead. The pairs live in
`resources/framework/wording.json` (checked against `resources/schemas/wording.schema.json` when
first used and at start-up), so they can be changed without touching code.

`for_mode(text, mode)` is the one rule every screen, PDF and view calls on a (translated) text
before showing it for a case: every listed form becomes the mode's form, with the text's
capitals; only whole words are replaced ("veiligheid" or "veiligheidsregio" stay as they are);
a Qt mnemonic ("veiligheids&plan") keeps marking a letter of the word. For a safety case the
text is returned unchanged. `term(code, mode)` gives one term on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jeugdtool import resources
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import N_
from jeugdtool.i18n import known_language

WORDING = ("framework", "wording.json")
SCHEMA = ("schemas", "wording.schema.json")


class WordingError(JeugdtoolError):
    """The wording file is missing or does not match its schema (a packaging or editing error)."""


# ---- loading and checking ------------------------------------------------------------------


def check_wording(document: Any, source: str = "/".join(WORDING)) -> None:
    """Raise `WordingError` listing every place where `document` breaks the rules."""
    _FILE.check(document, source)


def _ambiguities(document: Mapping[str, Any]) -> list[str]:
    """A safety form listed twice with different wellbeing forms cannot be replaced (the schema
    cannot say that)."""
    problems = []
    for language in LANGUAGES:
        seen: dict[str, str] = {}
        for code, term_ in document["terms"].items():
            for safety, wellbeing in _pairs(term_[language]):
                if seen.setdefault(safety, wellbeing) != wellbeing:
                    problems.append(
                        f"terms.{code}.{language}: {safety!r} has two wellbeing forms "
                        f"({seen[safety]!r}, {wellbeing!r})"
                    )
    return problems


def _pairs(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    safety, wellbeing = entry["safety"], entry["wellbeing"]
    pairs = [(safety[n], wellbeing[n]) for n in ("singular", "plural")]
    pairs += [(v["safety"], v["wellbeing"]) for v in entry["variants"]]
    return pairs


_FILE = resources.ShippedDocument(
    WORDING,
    SCHEMA,
    WordingError,
    cannot_read=N_("The wording file {path} cannot be read: {reason}"),
    damaged=N_("The wording file {path} is damaged; reinstall jeugdtool or undo the edit."),
    more_problems=_ambiguities,
)


def load() -> None:
    """Read and check the file now (the start-up check): `WordingError` when it is damaged."""
    _FILE.document()


def reload() -> None:
    """Forget the loaded file and the patterns made from it (after editing it, and in tests)."""
    _FILE.reload()
    _replacer.cache_clear()


# ---- reading -------------------------------------------------------------------------------


def codes() -> tuple[str, ...]:
    """The terms the file has ("danger_statement", "safety_goal", ...)."""
    return tuple(_FILE.document()["terms"])


def term(
    code: str, mode: CaseMode | str, *, plural: bool = False, language: str | None = None
) -> str:
    """One term in lower case as `mode` says it: `term("safety_plan", "wellbeing")` is
    "welzijnsplan". KeyError for an unknown code."""
    entry = _FILE.document()["terms"][code][known_language(language)]
    return entry[CaseMode(mode).value]["plural" if plural else "singular"]


def safety_only_words(language: str | None = None) -> tuple[str, ...]:
    """The safety forms a wellbeing case never shows (those whose wellbeing form differs), in
    lower case: what the tests look for in a wellbeing case's screens and PDFs."""
    languages = LANGUAGES if language is None else (known_language(language),)
    words = {
        safety
        for lang in languages
        for entry in (t[lang] for t in _FILE.document()["terms"].values())
        for safety, wellbeing in _pairs(entry)
        if safety != wellbeing
    }
    return tuple(sorted(words))


# ---- replacing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Replacer:
    #: The forms as whole words.
    pattern: re.Pattern[str]
    #: The same, each also with a Qt mnemonic ("&") before any letter (slower: used only on a
    #: text with an "&").
    with_mnemonic: re.Pattern[str]
    #: lower-case safety form -> wellbeing form
    forms: Mapping[str, str]
    #: The shortest forms, each contained in one or more others: a text containing none of
    #: them needs no pattern (most texts: a quick look instead of a slow search).
    stems: tuple[str, ...]


def _word_pattern(form: str) -> str:
    """`form` as a pattern that also matches it with a Qt mnemonic ("&") before any letter."""
    return "&?" + "&?".join(re.escape(char) for char in form)


def _whole_words(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w])", re.IGNORECASE)


@cache
def _replacer(language: str | None) -> _Replacer:
    languages = LANGUAGES if language is None else (language,)
    forms: dict[str, str] = {}
    for lang in languages:
        for entry in (t[lang] for t in _FILE.document()["terms"].values()):
            for safety, wellbeing in _pairs(entry):
                if safety != wellbeing:
                    forms.setdefault(safety, wellbeing)
    # The longest first, so "danger statements" wins over "danger statement" and "danger".
    ordered = sorted(forms, key=len, reverse=True)
    stems: list[str] = []
    for form in reversed(ordered):
        if not any(stem in form for stem in stems):
            stems.append(form)
    return _Replacer(
        _whole_words("|".join(re.escape(form) for form in ordered)),
        _whole_words("|".join(_word_pattern(form) for form in ordered)),
        forms,
        tuple(stems),
    )


def _with_capitals(found: str, replacement: str) -> str:
    """`replacement` with the capitals of `found`: ALL CAPS, Each Word, or a first capital."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = found.split(" ")
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n].lower() == b[n].lower():
        n += 1
    return n


def _with_mnemonic(found: str, replacement: str) -> str:
    """Put the "&" of `found` before the same letter of `replacement` when the word shares it
    (the start or the end of the word: "veiligheids&plan" -> "welzijns&plan"), else first."""
    at = found.find("&")
    if at < 0:
        return replacement
    bare = found.replace("&", "")
    if at < _shared_prefix(bare, replacement):
        where = at
    elif len(bare) - at <= _shared_prefix(bare[::-1], replacement[::-1]):
        where = len(replacement) - (len(bare) - at)
    else:
        where = 0
    return replacement[:where] + "&" + replacement[where:]


def for_mode(text: str, mode: CaseMode | str, language: str | None = None) -> str:
    """`text` in the words of `mode`: unchanged for a safety case; for a wellbeing case every
    listed safety form (of `language`, or of every language when None) becomes its wellbeing
    form, whole words only, keeping capitals and a mnemonic."""
    if not text or CaseMode(mode) is CaseMode.SAFETY:
        return text
    replacer = _replacer(None if language is None else known_language(language))
    lowered = text.replace("&", "").lower()
    if not any(stem in lowered for stem in replacer.stems):
        return text

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        bare = found.replace("&", "")
        wellbeing = replacer.forms[bare.lower()]
        return _with_mnemonic(found, _with_capitals(bare, wellbeing))

    pattern = replacer.with_mnemonic if "&" in text else replacer.pattern
    return pattern.sub(swap, text)


def mode_words(mode: CaseMode | str, language: str | None = None) -> list[tuple[str, str]]:
    """Every term as (safety form, `mode`'s form), singular: the manual's and the help's list
    of what a wellbeing case calls things."""
    lang = known_language(language)
    return [
        (t[lang]["safety"]["singular"], t[lang][CaseMode(mode).value]["singular"])
        for t in _FILE.document()["terms"].values()
    ]
