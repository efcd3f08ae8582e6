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


class NameMask:
    """Replaces the names of `people` in any text; `enabled=False` leaves text as it is."""

    def __init__(self, people: Iterable[Person], *, enabled: bool = True):
        self.enabled = enabled
        replacements: dict[str, str] = {}
        people = [p for p in people if p.name.strip()]
        for p in people:  # full names first, so "Sandra Jansen" becomes one "S.J."
            replacements.setdefault(_key(p.name), initials(p.name))
        for p in people:
            for part in re.split(r"[\s\-]+", p.name.strip()):
                # Short words ("de", "van") are not names on their own.
                if len(part) > 2 and _key(part) not in replacements:
                    replacements[_key(part)] = part[0] + "."
        ordered = sorted(replacements, key=len, reverse=True)
        self._replacements = replacements
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)",
                re.IGNORECASE,
            )
            if ordered
            else None
        )
        self._labels = {_key(p.name): p.masked for p in people}

    def text(self, text: str) -> str:
        if not self.enabled or self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda m: self._replacements[_key(m.group(1))], text)

    def label(self, name: str) -> str:
        """A person's name where it stands alone (a list, a heading): initials and role."""
        if not self.enabled:
            return name
        return self._labels.get(_key(name)) or self.text(name)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
