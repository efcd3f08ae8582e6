"""A Dutch main clause as the subordinate clause after "dat": the finite verb goes last.

Consultants type behaviour the way they say it ("Mark slaat de kinderen als hij gedronken
heeft"); the danger sentence needs it after "bezorgd dat", where Dutch puts the verb at the end
("dat Mark de kinderen slaat als hij gedronken heeft"). This module reorders the common shapes:
a subject and a finite verb, auxiliaries and modals with their participle or infinitive
("de kinderen geslagen heeft", "niet kan beschermen"), separable verbs ("valt aan" ->
"aanvalt"), a "te" infinitive, two verbs joined by "en", an adverb first ("Soms slaat Mark"), a
clause after als/wanneer/omdat (kept as it is), and a clause in front ("Als hij drinkt, slaat
hij"). Text already in subordinate order stays as it is. When it cannot tell (no subject, more
than one sentence) it returns None, and the caller uses a sentence that needs no reordering.

Pure functions; the word lists are data (`resources/framework/statements.json`, "clause").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jeugdtool import resources

RESOURCE = ("framework", "statements.json")
#: How far after the start the finite verb of a main clause may stand (a subject like
#: "de oudste zoon van Mark" is rare in a behaviour; further on, it is guessing).
_MAX_SUBJECT = 4
_PUNCTUATION_INSIDE = re.compile(r"[.;:!?]\s|[;:!?]$|\n")
_STRIP = '.,;:!?"()'


@dataclass(frozen=True)
class Words:
    determiners: frozenset[str]
    subjects: frozenset[str]
    plural_subjects: frozenset[str]
    perfect: frozenset[str]
    modal: frozenset[str]
    te_verbs: frozenset[str]
    strong_past: frozenset[str]
    particles: frozenset[str]
    subordinators: frozenset[str]
    coordinators: frozenset[str]
    not_verbs: frozenset[str]
    adverbs: frozenset[str]
    prepositions: frozenset[str]
    pure_modals: frozenset[str]


@cache
def words() -> Words:
    """The word lists (read once)."""
    data = resources.load_json(*RESOURCE)["clause"]

    def group(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in data[name])

    return Words(
        determiners=group("determiners"),
        subjects=group("subject_pronouns"),
        plural_subjects=group("plural_subjects"),
        perfect=group("perfect_auxiliaries"),
        modal=group("modal_auxiliaries"),
        te_verbs=group("te_verbs"),
        strong_past=group("strong_past"),
        particles=group("particles"),
        subordinators=group("subordinators"),
        coordinators=group("coordinators"),
        not_verbs=group("not_verbs"),
        adverbs=group("adverbs"),
        prepositions=group("prepositions"),
        pure_modals=group("pure_modals"),
    )


def _low(token: str) -> str:
    return token.strip(_STRIP).casefold()


def _auxiliary(low: str) -> bool:
    w = words()
    return low in w.perfect or low in w.modal or low in w.te_verbs


def looks_finite(low: str, *, plural: bool | None = None) -> bool:
    """Whether a (lower-case) word may be a finite verb; `plural` None: either number."""
    w = words()
    if _auxiliary(low) or low in w.strong_past:
        return True
    if low in w.not_verbs or len(low) < 3 or not low.isalpha():
        return False
    singular = low.endswith("t") or (len(low) > 4 and low.endswith(("de", "te")))
    many = low.endswith("en") or (len(low) > 5 and low.endswith(("den", "ten")))
    if plural is None:
        return singular or many
    return many if plural else singular


def _infinitive(tokens: Sequence[str], index: int) -> bool:
    """tokens[index] is an infinitive ("slaan"), not a plural noun after a determiner."""
    low = _low(tokens[index])
    before = _low(tokens[index - 1]) if index > 0 else ""
    w = words()
    if before in w.determiners or low in w.not_verbs or not low.isalpha():
        return False
    return low.endswith("en") and len(low) > 3


def _participle(tokens: Sequence[str], index: int) -> bool:
    low = _low(tokens[index])
    before = _low(tokens[index - 1]) if index > 0 else ""
    w = words()
    if before in w.determiners or low in w.not_verbs or not low.isalpha() or len(low) < 5:
        return False
    prefixed = "ge" in low[:-2] or low.startswith(("be", "ver", "ont", "her", "er"))
    return prefixed and low.endswith(("d", "t", "en"))


def _plural(subject: Sequence[str]) -> bool | None:
    """Whether a subject is plural; None when it could be either ("ze")."""
    lows = [_low(t) for t in subject]
    w = words()
    if any(t in w.coordinators for t in lows):
        return True
    if lows[0] in ("ze", "zij"):
        return None
    if lows[0] in w.plural_subjects:
        return True
    if len(lows) >= 2 and lows[0] in w.determiners and lows[-1].endswith(("s", "en")):
        return None
    return False


def _is_name(token: str, names: Collection[str]) -> bool:
    return _low(token) in names


def _reorder(subject: list[str], verb: str, rest: list[str], plural: bool | None) -> list[str]:
    """subject + rest + the verb (cluster) in the order of a subordinate clause."""
    w = words()
    low = _low(verb)
    lows = [_low(t) for t in rest]
    # Two verbs joined by "en" / "maar" / "of": each part ends in its own verb.
    for index, word in enumerate(lows[:-1]):
        if word in w.coordinators and index > 0 and looks_finite(lows[index + 1], plural=plural):
            first = _reorder(subject, verb, rest[:index], plural)
            second = _reorder([], rest[index + 1], rest[index + 2 :], plural)
            return [*first, rest[index], *second]
    if low in w.te_verbs and len(rest) >= 2 and lows[-2] == "te":
        return [*subject, *rest[:-2], verb, "te", rest[-1]]
    if "te" in lows[:-1] and rest and _infinitive(rest, len(rest) - 1):
        if "om" in lows[: lows.index("te")]:
            at = lows.index("om")
            return [*subject, *rest[:at], verb, *rest[at:]]
        return [*subject, verb, *rest]
    if low in w.perfect or low in w.modal:
        cluster = 0
        while cluster < 2 and cluster < len(rest):
            index = len(rest) - 1 - cluster
            if _infinitive(rest, index) or (low in w.perfect and _participle(rest, index)):
                cluster += 1
            else:
                break
        if cluster:
            front, verbs = rest[: len(rest) - cluster], rest[len(rest) - cluster :]
            if cluster == 1 and low in w.perfect and _participle(rest, len(rest) - 1):
                return [*subject, *front, verbs[0], verb]  # "geslagen heeft"
            return [*subject, *front, verb, *verbs]  # "kan beschermen", "heeft laten zien"
    separable = low not in w.perfect and low not in w.pure_modals and low not in w.te_verbs
    if rest and lows[-1] in w.particles and separable:
        return [*subject, *rest[:-1], lows[-1] + verb]  # "valt aan" -> "aanvalt"
    for index in range(1, len(lows) - 1) if separable else ():
        # "sluit Noa op in haar kamer": the particle, then a phrase after it (extraposed).
        particle = lows[index] in w.particles and lows[index - 1] not in w.prepositions
        if particle and lows[index + 1] in w.prepositions:
            return [*subject, *rest[:index], lows[index] + verb, *rest[index + 1 :]]
    return [*subject, *rest, verb]


def _split_tail(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The main part and a clause after it that starts with als/wanneer/omdat/… (kept as is)."""
    w = words()
    for index in range(2, len(tokens)):
        if _low(tokens[index]) in w.subordinators:
            main = tokens[:index]
            main[-1] = main[-1].rstrip(",")
            return main, tokens[index:]
    return tokens, []


def _subject_and_verb(
    tokens: list[str], names: Collection[str]
) -> tuple[list[str], int, bool | None] | None:
    """The subject (the tokens before the finite verb), the verb's index and the number."""
    w = words()
    first = _low(tokens[0])
    known_start = _is_name(tokens[0], names) or first in w.subjects or first in w.determiners
    if not known_start and (looks_finite(first) or first in w.subordinators or first in w.adverbs):
        return None
    for index in range(1, min(_MAX_SUBJECT, len(tokens) - 1) + 1):
        low, before = _low(tokens[index]), _low(tokens[index - 1])
        if before in w.determiners or _is_name(tokens[index], names):
            continue
        subject = tokens[:index]
        plural = _plural(subject)
        if looks_finite(low, plural=plural):
            return subject, index, plural
    return None


def _inverted(tokens: list[str], names: Collection[str]) -> list[str] | None:
    """ "Soms slaat Mark de kinderen" / "'s Avonds drinkt hij": adverb, verb, subject."""
    w = words()
    lows = [_low(t) for t in tokens]
    if lows[0] in ("'s", "elke", "iedere") and len(tokens) > 1:
        size = 2
    elif lows[0] in w.adverbs:
        size = 1
    else:
        return None
    if len(tokens) < size + 2 or not looks_finite(lows[size]):
        return None
    adverb, verb, after = _lower_first(tokens[:size], names), tokens[size], tokens[size + 1 :]
    subject = _subject_after_verb(after, names)
    if subject is None:
        return None
    rest = after[len(subject) :]
    return [*subject, *adverb, *_reorder([], verb, rest, _plural(subject))]


def _lower_first(tokens: list[str], names: Collection[str]) -> list[str]:
    """A sentence's first word, moved into the clause, loses its capital (not a name)."""
    at = 1 if tokens and tokens[0] == "'s" else 0
    if len(tokens) <= at or _is_name(tokens[at], names) or tokens[at].isupper():
        return tokens
    return [*tokens[:at], tokens[at][:1].lower() + tokens[at][1:], *tokens[at + 1 :]]


def _subject_after_verb(tokens: list[str], names: Collection[str]) -> list[str] | None:
    """The subject right after an inverted verb: a name, a pronoun or a determiner + noun."""
    w = words()
    if not tokens:
        return None
    low = _low(tokens[0])
    if low in w.determiners and len(tokens) > 1:
        return tokens[:2]
    if low in w.subjects or _is_name(tokens[0], names) or tokens[0][:1].isupper():
        return tokens[:1]
    return None


def _fronted(tokens: list[str], names: Collection[str]) -> list[str] | None:
    """ "Als hij gedronken heeft, slaat hij de kinderen": the clause stays in front."""
    w = words()
    if _low(tokens[0]) not in w.subordinators:
        return None
    for index, token in enumerate(tokens):
        if token.endswith(","):
            front, main = tokens[: index + 1], tokens[index + 1 :]
            if len(main) < 2 or not looks_finite(_low(main[0])):
                return None
            subject = _subject_after_verb(main[1:], names)
            if subject is None:
                return None
            rest = main[1 + len(subject) :]
            return [*front, *_reorder(subject, main[0], rest, _plural(subject))]
    return None


def subordinate(text: str, names: Collection[str] = ()) -> str | None:
    """`text` (one clause or sentence, as typed) with the finite verb last, for after "dat";
    None when it cannot tell how (the caller then builds a sentence that needs no reordering).

    `names`: first names the case knows (a name like "Robert" is not a verb)."""
    text = text.strip()
    if not text or _PUNCTUATION_INSIDE.search(text):
        return None
    known = {n.casefold() for n in names}
    tokens = text.split()
    if len(tokens) < 2:
        return None
    for shape in (_fronted, _inverted):
        result = shape(tokens, known)
        if result is not None:
            return " ".join(result)
    main, tail = _split_tail(tokens)
    if any(t.endswith(",") for t in main):
        return None
    found = _subject_and_verb(main, known) if len(main) >= 2 else None
    if found is None:
        # Already in subordinate order ("Mark de kinderen slaat"): the verb stands last.
        first = _low(main[0])
        if len(main) >= 2 and looks_finite(_low(main[-1])) and not looks_finite(first):
            return text
        return None
    subject, index, plural = found
    clause = _reorder(subject, main[index], main[index + 1 :], plural)
    return " ".join([*clause, *tail])


def singular_verb(text: str) -> bool:
    """Whether text typed without its subject ("gewond raakt", "raakt gewond") has a singular
    finite verb (then "zowel Noa als Daan" / "ieder kind" agree with it, "de kinderen" not)."""
    tokens = [_low(t) for t in text.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return False
    verb = tokens[0] if looks_finite(tokens[0]) and len(tokens) > 1 else tokens[-1]
    w = words()
    if verb.endswith("en") or not looks_finite(verb):
        return False
    return verb.endswith("t") or _auxiliary(verb) or verb in w.strong_past


def with_subject(subject: str, text: str, names: Collection[str] = ()) -> str:
    """`subject` + `text` as a subordinate clause, where `text` was typed without its subject:
    "raakt gewond" after "Noa" becomes "Noa gewond raakt"; text not starting with a verb
    ("gewond raakt", "iets overkomt") is kept as typed."""
    tokens = text.split()
    if not tokens:
        return subject
    first, last = _low(tokens[0]), _low(tokens[-1])
    already_last = len(tokens) > 1 and looks_finite(last)
    if not looks_finite(first) or first in {n.casefold() for n in names} or already_last:
        return f"{subject} {text}"
    main, tail = _split_tail(tokens)
    if any(t.endswith(",") for t in main):
        return f"{subject} {text}"
    clause = _reorder(subject.split(), main[0], main[1:], None)
    return " ".join([*clause, *tail])
