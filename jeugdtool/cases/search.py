"""Filter-as-you-type over the case list: diacritic- and case-insensitive, every word must match."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.vocab import CaseStatus

# Letters that NFKD does not split into base letter + accent.
_SPECIAL = {
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


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(str.maketrans(_SPECIAL)))
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
            plain = _slow_fold(char)
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
    return _slow_fold(text)


def search_key(case_number: str, name: str, member_names: Iterable[str]) -> str:
    return fold(" ".join([case_number, name, *member_names]))


def filter_cases(
    cases: Sequence[CaseSummary],
    query: str,
    statuses: frozenset[CaseStatus] | None = None,
) -> list[CaseSummary]:
    """The cases whose key contains every word of `query`, limited to `statuses` if given."""
    words = fold(query).split()
    out = []
    for case in cases:
        if statuses is not None and case.status not in statuses:
            continue
        key = case.search_key
        if all(w in key for w in words):
            out.append(case)
    return out
