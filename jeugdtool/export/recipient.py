"""Who a document is for: the network members its audience text names.

A consultant types for whom a selection is ("school", "school (De Esch)", "huisarts",
"Politie basisteam Oost"). The plan's first page then lists what is asked of them, and the
minimisation keeps their own staff in the selection. One rule for both, pure and Qt-free.

The audience is read in parts (split at commas, semicolons, slashes, brackets, "&", "en" and
"and"). A part names a member *specifically* when it is, or contains, or is contained in the
member's name or organisation (whole words, folded: case and accents ignored); *generally*
when it does so with the member's relation ("mentor van Daan", "huisarts") or the label of
the member's kind ("School", "Huisarts", "Politie") in any language. Per part the specific
matches count when there are any, else the general ones; a general match of a kind that
another part names specifically is dropped: "school (OBS De Vlinder)" is the staff of that
school only, "school" every school's, "Ria Jansen en huisarts" both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Sequence

from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.folding import fold_key
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import translations

#: Where an audience text is cut into parts.
_SEPARATORS = re.compile(r"[,;/()\[\]&+]|\s(?:en|and)\s")
#: Parts shorter than this name nobody (a stray "de" or "of").
_SHORTEST = 3


def _parts(audience: str) -> list[str]:
    parts = (fold_key(part) for part in _SEPARATORS.split(f" {audience} "))
    return [part for part in parts if len(part) >= _SHORTEST]


def _within(short: str, long: str) -> bool:
    """`short` occurs in `long` as whole words (both already folded)."""
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def _names(part: str, terms: Iterable[str]) -> bool:
    keys = (fold_key(term) for term in terms if term and term.strip())
    return any(key and (_within(part, key) or _within(key, part)) for key in keys)


def _kind_labels(kind: NetworkKind) -> tuple[str, ...]:
    if kind is NetworkKind.OTHER:  # "Anders"/"Other" names nobody in particular
        return ()
    return tuple(translations(lang).gettext(kind.label_source) for lang in LANGUAGES)


def recipient_members(
    audience: str, network: Sequence[NetworkMemberDTO]
) -> tuple[NetworkMemberDTO, ...]:
    """The network members the audience text names, in the network's order; () when it names
    none (or is empty). See the module's docstring for the rule."""
    specific: set[int] = set()
    general: set[int] = set()
    for part in _parts(audience):
        named = {n.id for n in network if _names(part, (n.name, n.organisation or ""))}
        specific |= named
        if not named:
            general |= {n.id for n in network if _names(part, (n.relation, *_kind_labels(n.kind)))}
    # A kind a part names specifically is narrowed to those: "school (OBS De Vlinder)".
    narrowed = {n.kind for n in network if n.id in specific}
    general = {n.id for n in network if n.id in general and n.kind not in narrowed}
    return tuple(n for n in network if n.id in specific | general)
