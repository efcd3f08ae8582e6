"""The plan's word list: the terms a document uses, in one order, in the case's words."""

from __future__ import annotations

import pytest

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.export.glossary import TERMS
from jeugdtool.export.glossary import glossary


def test_entries_come_in_the_lists_order_each_once() -> None:
    entries = glossary(["review", "safety_plan", "review"])
    assert [e.term for e in entries] == ["Veiligheidsplan", "Evaluatie"]
    assert entries[0].meaning.startswith("De afspraken die de kinderen veilig houden.")


def test_a_wellbeing_case_gets_its_own_words() -> None:
    (entry,) = glossary(["safety_plan"], CaseMode.WELLBEING)
    assert entry.term == "Welzijnsplan"


def test_every_term_is_translated() -> None:
    english = {x for pair in TERMS.values() for x in pair}
    dutch = {x for e in glossary(TERMS) for x in (e.term, e.meaning)}
    assert len(dutch) == len(english)
    assert not dutch & english


def test_an_unknown_term_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown glossary terms"):
        glossary(["bodemeis"])
