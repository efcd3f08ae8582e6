"""'Hide names': initials and roles instead of names, in every view and in the minutes.

Free text (map items, statements, notes) names people too ("Sandra belt oma Ria"), so masking
replaces every known full name, then every known first and last name on its own, with the
person's initials, whole words only and regardless of case and accents ("Aicha" for Aïcha).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.folding import fold_key
from jeugdtool.folding import fold_mapped
from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import person_relation
from jeugdtool.meetings.dto import MeetingDetail

_NAME_PARTS = re.compile(r"[\s\-]+")


def initials(name: str) -> str:
    """'Sandra Jansen' -> 'S.J.'; 'Marga de Vries' -> 'M.d.V.'; '' -> '?'."""
    parts = [p for p in _NAME_PARTS.split(name.strip()) if p]
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
    """Replaces the names of `people` in any text; `enabled=False` leaves text as it is.

    Names are found in the folded text (`jeugdtool.folding`: "AÏCHA", "Aicha" and "Aïcha" are
    one name), and the original characters behind each match are replaced.
    """

    def __init__(self, people: Iterable[Person], *, enabled: bool = True):
        self.enabled = enabled
        people = [p for p in people if p.name.strip()]
        full: dict[str, str] = {}
        for p in people:  # full names first, so "Sandra Jansen" becomes one "S.J."
            full.setdefault(fold_key(p.name), initials(p.name))
        #: folded word -> (its initials, masked only where written with a capital)
        words = {key: (masked, False) for key, masked in full.items()}
        for p in people:
            for part in _NAME_PARTS.split(p.name.strip()):
                key = fold_key(part)
                if len(part) < 2 or key in PARTICLES or key in full:
                    continue
                if key in COMMON_WORDS:
                    words.setdefault(key, (part[0].upper() + ".", True))
                else:
                    words[key] = (part[0] + ".", False)
        self._words = words
        self._pattern = _pattern(words)
        self._labels = {fold_key(p.name): p.masked for p in people}

    def text(self, text: str) -> str:
        if not self.enabled or not text or self._pattern is None:
            return text
        folded = fold_mapped(text)
        out: list[str] = []
        done = 0
        for match in self._pattern.finditer(folded.text):
            masked, capital_only = self._words[" ".join(match.group(1).split())]
            start, end = folded.source(match.start(), match.end())
            if not folded.whole(match.start(), match.end()):
                continue  # inside one expanded character: no name of its own
            if capital_only and text[start].islower():
                continue  # "niet meer", not "Meer"
            out += [text[done:start], _dot(text, end, masked)]
            done = end
        out.append(text[done:])
        return "".join(out)

    def label(self, name: str) -> str:
        """A person's name where it stands alone (a list, a heading): initials and role."""
        if not self.enabled:
            return name
        return self._labels.get(fold_key(name)) or self.text(name)


def case_people(case: CaseDetail) -> list[Person]:
    """Whom 'hide names' masks in a case: its household members with their role and its
    network members with their relation, named as every document names them
    (`framework.relations`)."""
    people = [Person(p.full_name, person_relation(p)) for p in case.persons]
    return people + [Person(n.name, member_relation(n)) for n in case.network]


def partners(meeting: MeetingDetail) -> list[Person]:
    """The partners invited to a meeting, with their organisation; colleagues of the team
    keep their names (see export/pdf/minutes_data.py)."""
    return [Person(p.name, p.organisation) for p in meeting.participants if p.kind == "partner"]


def mask_for(people: Iterable[Person], *, enabled: bool = True) -> NameMask:
    """The mask for a view or a document. A role may name someone too ("mentor van Daan"), so
    the roles are masked before they become the labels shown instead of names."""
    people = list(people)
    plain = NameMask(people)
    return NameMask([Person(p.name, plain.text(p.role)) for p in people], enabled=enabled)


def _dot(text: str, end: int, initials_text: str) -> str:
    """Initials at the end of a sentence: one full stop, not "F.."."""
    following = text[end : end + 1]
    return initials_text[:-1] if following == "." and initials_text.endswith(".") else initials_text


def _pattern(words: dict[str, tuple[str, bool]]) -> re.Pattern[str] | None:
    """Whole words of the folded text; a full name matches across any white space."""
    ordered = sorted((key for key in words if key), key=len, reverse=True)
    if not ordered:  # a "name" of accents only folds to nothing: it would match everywhere
        return None
    names = "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in ordered)
    return re.compile(r"(?<!\w)(" + names + r")(?!\w)")
