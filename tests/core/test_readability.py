"""The Flesch–Douma measure: syllables, sentences and the score on texts of known difficulty."""

from __future__ import annotations

import pytest

from jeugdtool.readability import flesch_douma
from jeugdtool.readability import reading
from jeugdtool.readability import sentences
from jeugdtool.readability import syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("kind", 1),
        ("mooi", 1),
        ("leeuw", 1),
        ("zee", 1),
        ("afspraak", 2),
        ("ouders", 2),
        ("kinderen", 3),
        ("veiligheidsplan", 4),
        ("België", 3),
        ("ruïne", 3),
        ("geïnteresseerd", 5),
        ("e-mail", 2),
        ("auto's", 2),
        ("IJsselmeer", 3),
        ("gevaarsomschrijving", 5),
    ],
)
def test_syllables_of_dutch_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_a_line_break_and_a_full_stop_end_a_sentence_but_a_number_does_not() -> None:
    text = "Wie let erop? Oma.\nBel 112 bij gevaar. Het plan geldt tot 1 juni."
    assert sentences(text) == [
        "Wie let erop?",
        "Oma.",
        "Bel 112 bij gevaar.",
        "Het plan geldt tot 1 juni.",
    ]
    assert reading(text).words == 12  # numbers are not words


def test_plain_dutch_scores_higher_than_official_dutch() -> None:
    plain = "Wij maken ons zorgen. Papa drinkt soms te veel. Dan is hij boos. Oma komt dan."
    official = (
        "Gezien de gesignaleerde problematiek rondom middelengebruik van vader en de daaruit "
        "voortvloeiende onveiligheid binnen het gezinssysteem is interventie noodzakelijk."
    )
    assert flesch_douma(plain) > 80
    assert flesch_douma(official) < 20
    assert reading(official).words_per_sentence == 19


def test_an_empty_text_is_easy_and_has_no_sentences() -> None:
    assert reading("").sentences == 0
    assert flesch_douma("— · —") == 100.0
