"""The fixed wording of the documents families and partners read is plain Dutch (level B1).

For each such template, its Dutch (the catalogue's translation of every `{% trans %}` block,
values replaced by a name) is checked three ways: no word of the method's or the office's jargon
(a method term that must stay is explained in the plan's word list instead), no sentence of more
than 20 words, and a Flesch–Douma reading ease of 60 or more over its running text (the
messages of five words or more: a heading or a table label is not a sentence). The measure is
a guard; the wording itself was also read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from jeugdtool import resources
from jeugdtool.folding import fold
from jeugdtool.readability import reading
from jeugdtool.readability import sentences
from jeugdtool.readability import words

ROOT = Path(__file__).parents[2]
CATALOGUE = ROOT / "resources" / "locale" / "nl" / "LC_MESSAGES" / "jeugdtool.po"
#: The documents for a family, a child or a partner (the minutes and the meldcode record are
#: the professionals' own).
FAMILY_DOCUMENTS = (
    "safety_plan",
    "network_plan",
    "framework_map",
    "zrm_summary",
    "experience_form",
    "access_request",
    "child_voice",
)
#: Words a family must not meet (the start of a word: "bodemeisen" is "bodemeis").
JARGON = (
    "gevaarsomschrijving",
    "bodemeis",
    "casusregisseur",
    "zaaknummer",
    "problematiek",
    "framework",
    "adl",
    "iadl",
    "toetsing",
    "casus",
    "interventie",
)
MAX_WORDS = 20
MIN_EASE = 60
_KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
_OPTIONS = {"trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"}
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_VALUE = re.compile(r"%\(\w+\)s")


def _dutch(document: str) -> list[str]:
    """The Dutch of every message in the template, values replaced by a short name."""
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh)
    path = resources.path("templates") / f"{document}.j2"
    texts = []
    for _line, message, _comments, context in extract_from_file(
        "jinja2", str(path), keywords=_KEYWORDS, options=_OPTIONS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if not msgid:
            continue
        entry = catalogue.get(msgid, context=context)
        assert entry is not None and entry.string, (document, msgid)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        texts += [_VALUE.sub("Sanne", _TAG.sub(" ", s)) for s in strings]
    return texts


DOCUMENTS = [d for d in FAMILY_DOCUMENTS if (resources.path("templates") / f"{d}.j2").exists()]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_jargon_reaches_a_family(document: str) -> None:
    found = {
        (word, text)
        for text in _dutch(document)
        for word in words(text)
        if fold(word).startswith(JARGON)
    }
    assert not found, sorted(found)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sentences_are_short(document: str) -> None:
    long = [s for text in _dutch(document) for s in sentences(text) if len(words(s)) > MAX_WORDS]
    assert not long, long


@pytest.mark.parametrize("document", DOCUMENTS)
def test_running_text_reads_easily(document: str) -> None:
    running = [text for text in _dutch(document) if len(words(text)) >= 5]
    assert running, "a family document without a sentence to read"
    assert reading("\n".join(running)).ease >= MIN_EASE


def test_the_jargon_list_catches_what_the_documents_used_to_say() -> None:
    """The check itself: the words families used to meet are caught."""
    old = "Gevaarsomschrijving 1, Bodemeisen, Casusregisseur, Zaaknummer, ADL, IADL, Framework"
    assert {fold(w) for w in words(old) if fold(w).startswith(JARGON)} == {
        fold(w) for w in words(old)
    }


def test_the_demo_households_call_the_case_manager_as_families_do() -> None:
    """The demo shows consultants how to write: its plans, maps and agreements reach families,
    so the case manager is "de vaste hulpverlener" there (`relations.rater_relation`), never
    "casusregisseur" (a word of the office)."""
    from jeugdtool.framework.relations import rater_relation
    from jeugdtool.framework.vocab import RaterRole

    found = []
    for path in sorted(resources.path("demo").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        found += [
            (path.name, m.group(0)) for m in re.finditer(r".{0,30}casusregisseur", text, re.I)
        ]
        assert rater_relation(RaterRole.CASE_MANAGER) in text, path.name
    assert not found, found
