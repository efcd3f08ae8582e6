"""'Hide names': initials and roles instead of names, in every view and in the minutes.

Free text (map items, statements, notes) names people too ("Sandra belt oma Ria"), so masking
replaces every known full name, then every known first and last name on its own, with the
person's initials, whole words only and regardless of case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def initials(name: str) -> str:
    """'Sandra Jansen' -> 'S.J.'; 'Marga de Vries' -> 'M.d.V.'; '' -> '?'."""
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    if not parts:
        return "?"
    return "".join(p[0] + "." for p in parts)


@dataclass(frozen=True)
class Person:
    name: str
    #: "moeder", "IB'er school": shown after the initials.
    role: str = ""

    @property
    def masked(self) -> str:
        return f"{initials(self.name)} ({self.role})" if self.role else initials(self.name)


#: Name parts that are also ordinary Dutch words: masked only where written with a capital
#: ("Erik van der Meer" must not turn "niet meer" into "niet M."). Particles are never masked
#: on their own.
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "op",
        "in",
        "'t",
        "la",
        "le",
        "du",
        "da",
        "von",
        "zu",
        "el",
        "al",
        "bin",
        "ben",
        "ibn",
    ]
)
COMMON_WORDS = frozenset(
    [
        "meer",
        "groot",
        "klein",
        "bos",
        "berg",
        "jong",
        "oud",
        "wit",
        "zwart",
        "vos",
        "haan",
        "boer",
        "kok",
        "bakker",
        "visser",
        "smit",
        "dam",
        "dijk",
        "veen",
        "brink",
        "kamp",
        "hoek",
        "kort",
        "lang",
        "mulder",
        "molen",
    ]
)


class NameMask:
    """Replaces the names of `people` in any text; `enabled=False` leaves text as it is."""

    def __init__(self, people: Iterable[Person], *, enabled: bool = True):
        self.enabled = enabled
        replacements: dict[str, str] = {}
        capitalised: dict[str, str] = {}
        people = [p for p in people if p.name.strip()]
        for p in people:  # full names first, so "Sandra Jansen" becomes one "S.J."
            replacements.setdefault(_key(p.name), initials(p.name))
        for p in people:
            for part in re.split(r"[\s\-]+", p.name.strip()):
                key = _key(part)
                if len(part) < 2 or key in PARTICLES or key in replacements:
                    continue
                if key in COMMON_WORDS:
                    capitalised.setdefault(part[:1].upper() + part[1:], part[0].upper() + ".")
                else:
                    replacements[key] = part[0] + "."
        self._replacements = replacements
        self._capitalised = capitalised
        self._pattern = _pattern(replacements, re.IGNORECASE)
        self._exact = _pattern(capitalised, 0)
        self._labels = {_key(p.name): p.masked for p in people}

    def text(self, text: str) -> str:
        if not self.enabled or not text:
            return text
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: _dot(m, self._replacements[_key(m.group(1))]), text)
        if self._exact is not None:
            text = self._exact.sub(lambda m: _dot(m, self._capitalised[m.group(1)]), text)
        return text

    def label(self, name: str) -> str:
        """A person's name where it stands alone (a list, a heading): initials and role."""
        if not self.enabled:
            return name
        return self._labels.get(_key(name)) or self.text(name)


def mask_for(people: Iterable[Person], *, enabled: bool = True) -> NameMask:
    """The mask for a view or a document. A role may name someone too ("mentor van Daan"), so
    the roles are masked before they become the labels shown instead of names."""
    people = list(people)
    plain = NameMask(people)
    return NameMask([Person(p.name, plain.text(p.role)) for p in people], enabled=enabled)


def _dot(match: re.Match[str], initials_text: str) -> str:
    """Initials at the end of a sentence: one full stop, not "F.."."""
    following = match.string[match.end() : match.end() + 1]
    return initials_text[:-1] if following == "." and initials_text.endswith(".") else initials_text


def _pattern(words: dict[str, str], flags: int) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)", flags)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
