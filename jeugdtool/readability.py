"""How easy a Dutch text is to read: the Flesch–Douma reading ease, and its parts.

Douma (1960) fitted Flesch's formula to Dutch:

    reading ease = 206.84 - 0.77 * (syllables per 100 words) - 0.93 * (words per sentence)

On its scale 60-70 is "normal" and 70-80 "fairly easy"; texts written at language level B1
(short sentences, common words) score about 60 or more. The score says nothing about jargon or
the active voice, so the tests that use it also keep a list of words a family must not meet;
it is a measure to watch, not a proof of plain language.

Syllables are counted by vowel groups, as the Dutch readability tools do: "aai", "ooi", "oei",
"ieuw", "eeuw" and "ij" are one sound, and a vowel with a diaeresis ("ë", "ï", "ü") starts a
syllable of its own ("Bel-gi-ë", "ge-ïn-te-res-seerd").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A word: letters (any script), with inner hyphens and apostrophes ("e-mail", "auto's").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A sentence ends at . ! ? or : followed by white space and more text, or at the end; a
#: line break (a list item, a table cell) ends one too.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
#: Vowel groups: a letter with a diaeresis always starts a new group.
_VOWELS = "aeiouyáéíóúàèâêîôûæ"
_DIAERESIS = "äëïöü"
_GROUP = re.compile(rf"[{_DIAERESIS}][{_VOWELS}]*|[{_VOWELS}]+")


def syllables(word: str) -> int:
    """The number of syllables of a Dutch word (at least one for a word with letters)."""
    lowered = word.lower().replace("ij", "y")
    return max(1, len(_GROUP.findall(lowered))) if any(c.isalpha() for c in word) else 0


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of `text` that have at least one word."""
    return [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]


@dataclass(frozen=True)
class Reading:
    """A text's counts and its Flesch–Douma reading ease."""

    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def ease(self) -> float:
        """Flesch–Douma: higher is easier; about 60 or more for B1."""
        if not self.words:
            return 100.0
        return 206.84 - 77 * self.syllables_per_word - 0.93 * self.words_per_sentence


def reading(text: str) -> Reading:
    found = words(text)
    return Reading(
        sentences=len(sentences(text)),
        words=len(found),
        syllables=sum(syllables(w) for w in found),
    )


def flesch_douma(text: str) -> float:
    return reading(text).ease
