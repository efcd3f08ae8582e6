"""Text folded the way people compare it: case and diacritics ignored, so 'Aïcha' is 'aicha'.

One definition for the whole program — the case-list search, the SMART check, the statement
checks and 'hide names' all call it, so a name the search finds is a name the mask hides. The
definition is Unicode's: NFKD (which also splits ligatures such as 'ﬁ' and 'Ǆ'), drop the
combining marks, casefold; plus the few Latin letters NFKD leaves whole ('ł', 'ø', 'ß', 'æ').
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Letters that NFKD does not split into base letter + accent.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
    }
)


def fold_by_definition(text: str) -> str:
    """The definition `fold` must equal (slow: the property tests compare the two)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _latin_table() -> dict[int, str | None]:
    """Every Latin letter with an accent mapped to its plain letters, computed once.

    str.translate with this table runs in C: folding 10,000 list rows stays a few
    milliseconds. Other scripts (Arabic, Cyrillic) pass through unchanged.
    """
    table: dict[int, str | None] = {code: None for code in range(0x300, 0x370)}  # lone accents
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            plain = fold_by_definition(char)
            if plain != char.casefold():
                table[code] = plain
    return table


_TABLE = _latin_table()


def fold(text: str) -> str:
    """'Öztürk' -> 'ozturk', 'Łukasz' -> 'lukasz': what a consultant types without accents."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_TABLE).casefold()
    if folded.isascii():
        return folded
    # Rare: accents outside the Latin blocks, or other scripts. Fold the original: casefold
    # first would turn some combining marks into letters (Greek ypogegrammeni -> iota).
    return fold_by_definition(text)


def fold_key(text: str) -> str:
    """A name or phrase as a key: folded, runs of white space made one space."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Folded:
    """Text folded for matching, remembering where each folded character came from."""

    #: The text as typed.
    original: str
    #: `fold(original)`.
    text: str
    #: For each character of `text`, the index in `original` it came from.
    origin: tuple[int, ...]

    def source(self, start: int, end: int) -> tuple[int, int]:
        """Where folded `text[start:end]` lies in `original`: whole original characters, with
        the accents typed after its last letter (folding drops only combining marks)."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else len(self.original)
            return at, at
        last = self.origin[end - 1] + 1
        after = self.origin[end] if end < len(self.origin) else len(self.original)
        return self.origin[start], max(last, after)

    def span(self, start: int, end: int) -> str:
        """The original text behind folded `text[start:end]` (as the consultant typed it)."""
        if start >= end:
            return ""
        first, last = self.source(start, end)
        return self.original[first:last]

    def whole(self, start: int, end: int) -> bool:
        """True when `text[start:end]` neither starts nor ends inside one expanded character
        ('ﬁ' folds to 'fi': a match on its 'i' alone has no original text of its own)."""
        starts_clean = start == 0 or self.origin[start - 1] != self.origin[start]
        ends_clean = end >= len(self.origin) or self.origin[end] != self.origin[end - 1]
        return starts_clean and ends_clean


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return fold_by_definition(char)


def fold_mapped(text: str) -> Folded:
    """`fold(text)` with the origin of every folded character, so a match can be shown or
    replaced in the original. Folding character by character gives the same text: NFKD only
    reorders combining marks, which are dropped, and casefold maps each character alone."""
    text = text or ""
    if text.isascii():
        return Folded(text, text.lower(), tuple(range(len(text))))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return Folded(text, "".join(chars), tuple(origin))


def sub_folded(pattern: re.Pattern[str], replace: Callable[[str], str], text: str) -> str:
    """`text` with every match of `pattern` in its fold replaced by `replace(original span)`.

    `pattern` is written for folded text (build it from `fold_key` of what to find), so
    'JUF ÄNJA' is found for 'juf Anja'; the characters as typed around a match stay as they
    are, and a match inside one expanded character ('ﬁ') is no match.
    """
    folded = fold_mapped(text)
    out: list[str] = []
    done = 0
    for match in pattern.finditer(folded.text):
        if match.start() == match.end() or not folded.whole(match.start(), match.end()):
            continue
        start, end = folded.source(match.start(), match.end())
        out += [text[done:start], replace(text[start:end])]
        done = end
    out.append(text[done:])
    return "".join(out)


def folded_words(phrases: Iterable[str], *, whole_end: bool = True) -> re.Pattern[str] | None:
    """A pattern for `sub_folded` finding each phrase from a word start, longest first, in any
    case, with or without accents and across any white space; None when nothing is left.
    With `whole_end` a phrase must also end a word ('Anja' is not found in 'Anjas')."""
    keys = sorted({key for key in map(fold_key, phrases) if key}, key=len, reverse=True)
    if not keys:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in keys)
    return re.compile(r"(?<!\w)(?:" + alternatives + ")" + (r"(?!\w)" if whole_end else ""))
