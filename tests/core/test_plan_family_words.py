"""The family's version's wording rules, pure: which wording is the text and which goes under
it (`plan_data.family_text`, `family_first`), and how who said a goal is written
(`goal_speaker`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.export.pdf.plan_data import FamilyText
from jeugdtool.export.pdf.plan_data import family_first
from jeugdtool.export.pdf.plan_data import family_text
from jeugdtool.export.pdf.plan_data import goal_speaker
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType

OFFICIAL = "Sandra zorgt dat er elke avond een nuchtere volwassene in huis is."
OWN = "Mama drinkt niet als ze voor ons zorgt."


@pytest.mark.parametrize(
    ("kind", "first"),
    [
        (StatementType.SAFETY_GOAL, True),
        (None, True),  # an agreement
        (StatementType.DANGER, False),
        (StatementType.BOTTOM_LINE, False),
    ],
)
def test_who_words_it_first(kind, first) -> None:
    assert family_first(kind) is first


def test_the_family_words_lead_with_the_plan_wording_under_them() -> None:
    assert family_text(OFFICIAL, OWN, first=True) == FamilyText(OWN, OFFICIAL, under_is_plan=True)


def test_the_official_text_leads_with_the_family_words_under_it() -> None:
    assert family_text(OFFICIAL, OWN, first=False) == FamilyText(OFFICIAL, OWN, under_is_plan=False)


@pytest.mark.parametrize("own", ["", "   \n", OFFICIAL.upper(), f"  {OFFICIAL} "])
def test_without_own_words_or_with_the_same_words_only_the_official_text(own) -> None:
    for first in (True, False):
        assert family_text(OFFICIAL, own, first=first) == FamilyText(OFFICIAL)


def _case():
    persons = (
        PersonDTO(1, 1, 1, "Sandra", "Jansen", PersonRole.PARENT, None, "", 1),
        PersonDTO(2, 1, 2, "Noa", "Jansen", PersonRole.CHILD, None, "", 1),
    )
    network = (
        NetworkMemberDTO(7, 1, 1, "Ria Jansen", " oma  Ria ", NetworkKind.FAMILY, None, None,
                         None, True, "", 1),
        NetworkMemberDTO(8, 1, 2, "Henk Bos", "", NetworkKind.NEIGHBOUR, None, None, None,
                         True, "", 1),
    )  # fmt: skip
    return SimpleNamespace(persons=persons, network=network)


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (Source(SourceKind.PERSON, person_id=2, label="Noa Jansen (kind)"), "Noa"),
        (Source(SourceKind.NETWORK, network_id=7, label="Ria Jansen"), "oma Ria"),
        (Source(SourceKind.NETWORK, network_id=8, label="Henk Bos"), "Henk Bos"),
        (Source(SourceKind.OTHER, label="Buurman Kees"), "Buurman Kees"),
        # a network member the selection left out (or who left): not named
        (Source(SourceKind.NETWORK, network_id=99, label="Juf Anja"), ""),
        (Source(SourceKind.NETWORK), ""),
        # a household member who left the household: as written then
        (Source(SourceKind.PERSON, person_id=5, label="Piet"), "Piet"),
    ],
)
def test_who_said_a_goal(source, said) -> None:
    assert goal_speaker(source, _case()) == said
