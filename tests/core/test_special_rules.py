"""The rules of special categories of personal data: the mark's values, the words that suggest
a category (and their file, checked like every shipped resource) and the warning's wording."""

from __future__ import annotations

import copy

import pytest

from jeugdtool.errors import InvalidInput
from jeugdtool.framework import special_rules as rules
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.resources import load_json


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (None, ""),
        ("", ""),
        (SpecialCategory.NONE, ""),
        ("health", "health"),
        (SpecialCategory.ADDICTION, "addiction"),
        ("justice", "justice"),
    ],
)
def test_a_mark_is_stored_as_its_code(value, stored) -> None:
    assert rules.check_category("special_category", value) == stored


def test_an_unknown_mark_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_category("special_category", "religion")
    assert [p.field for p in caught.value.problems] == ["special_category"]
    assert "religion" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Ayşe gaat deze week naar de huisarts voor haar migraine.", SpecialCategory.HEALTH),
        ("Op migrainedagen kookt oma Fatma.", SpecialCategory.HEALTH),  # a compound
        ("De kinderpsychiater ziet Lars elke maand.", SpecialCategory.HEALTH),  # inside a word
        ("Gesprekken met de POH-GGZ", SpecialCategory.HEALTH),
        ("Ze krijgt medicatie van de psychiater", SpecialCategory.HEALTH),
        ("Verslavingszorg Noord, Stationsweg 4", SpecialCategory.ADDICTION),
        ("Oma hoort aan Sandra of ze nuchter is", SpecialCategory.ADDICTION),
        ("De reclassering belt Ronald elke week.", SpecialCategory.JUSTICE),
        ("De officier van justitie besluit in maart.", SpecialCategory.JUSTICE),
        ("Ronald zit in detentie tot juni.", SpecialCategory.JUSTICE),
        ("Oma Ria belt Sandra elke avond om 20.00 uur.", SpecialCategory.NONE),
        ("Ria is mijn rechterhand; ze staat rechts naast me.", SpecialCategory.NONE),  # except
        ("Noa drinkt een drankje bij oma.", SpecialCategory.NONE),  # except
        ("", SpecialCategory.NONE),
    ],
)
def test_the_words_suggest_a_category(text, category) -> None:
    assert rules.suggest([text]) is category


def test_the_first_category_listed_wins_when_a_text_has_several() -> None:
    # "huisarts" is health, "verslavingszorg" addiction: addiction is listed first.
    assert rules.suggest(["De huisarts verwijst naar de verslavingszorg."]) is (
        SpecialCategory.ADDICTION
    )
    health_first = [w for w in rules.shipped_words() if w.category is SpecialCategory.HEALTH]
    rest = [w for w in rules.shipped_words() if w.category is not SpecialCategory.HEALTH]
    text = ["De huisarts verwijst naar de verslavingszorg."]
    assert rules.suggest(text, health_first + rest) is SpecialCategory.HEALTH


def test_an_agreement_is_read_in_each_of_its_texts() -> None:
    fields = {"what": "Sandra gaat elke week naar de controle.", "where": "Verslavingszorg Noord"}
    assert rules.suggest_agreement(fields) is SpecialCategory.ADDICTION
    assert rules.suggest_agreement({**fields, "where": "thuis"}) is SpecialCategory.NONE
    # The kind of help counts too.
    assert rules.suggest_help("Jeugd-GGZ", {"description": "acht gesprekken"}) is (
        SpecialCategory.HEALTH
    )


def test_the_shipped_words_file_passes_its_schema_and_each_category_is_there() -> None:
    rules.load()
    assert {w.category for w in rules.shipped_words()} == {
        SpecialCategory.HEALTH,
        SpecialCategory.ADDICTION,
        SpecialCategory.JUSTICE,
    }


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["categories"].append(copy.deepcopy(d["categories"][0])),  # listed twice
        lambda d: d["categories"][0].update(category="religion"),
        lambda d: d["categories"][0]["words"].append("Migraine"),  # capitals are not folded
        lambda d: d["categories"][0].update(words=[]),
    ],
)
def test_a_damaged_words_file_is_refused_naming_the_place(damage) -> None:
    document = load_json(*rules.KEYWORDS)
    damage(document)
    with pytest.raises(rules.SpecialWordsError) as caught:
        rules.check_words(document)
    assert "categories" in str(caught.value)


def test_the_warning_says_what_to_do() -> None:
    markable = rules.warning(rules.Unmarked("Afspraak 3", SpecialCategory.HEALTH))
    assert markable.startswith("Afspraak 3")
    assert rules.data_words(SpecialCategory.HEALTH) in markable
    fixed = rules.warning(rules.Unmarked("Signaal 1", SpecialCategory.ADDICTION, markable=False))
    assert fixed != markable.replace("Afspraak 3", "Signaal 1")
