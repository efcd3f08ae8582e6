"""The Dutch danger sentence: the behaviour as typed becomes a proper clause after "dat" (the
finite verb last), and what cannot be reordered is quoted after a colon instead."""

from __future__ import annotations

import pytest

from jeugdtool.framework.dutch_clause import subordinate
from jeugdtool.framework.dutch_clause import with_subject
from jeugdtool.framework.statement_dto import StatementParts
from jeugdtool.framework.statement_text import StatementContext
from jeugdtool.framework.statement_text import sentence
from jeugdtool.framework.vocab import StatementType as T

CTX = StatementContext(
    names={1: "Noa", 2: "Daan", 3: "Robert"}, children=(1, 2), carers=("Sanne", "Mark")
)


def _danger(behaviour: str, **parts) -> str:
    fields = {"who_worried": ("Veilig Thuis",), "behaviour": behaviour, **parts}
    return sentence(StatementParts(type=T.DANGER, **fields), CTX, "nl")


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        # the tester's case: subject, verb, object
        ("Mark slaat de kinderen", "Mark de kinderen slaat"),
        ("Robert schreeuwt tegen Noa", "Robert tegen Noa schreeuwt"),
        ("De ouders schreeuwen tegen elkaar", "de ouders tegen elkaar schreeuwen"),
        ("Moeder laat de kinderen alleen thuis", "moeder de kinderen alleen thuis laat"),
        ("Sanne vergeet de medicijnen van Noa", "Sanne de medicijnen van Noa vergeet"),
        ("De vader van Noa gooit met spullen", "de vader van Noa met spullen gooit"),
        (
            "Mark zet de kinderen niet op tijd op school",
            "Mark de kinderen niet op tijd op school zet",
        ),
        ("Hij drinkt elke avond een fles wijn", "hij elke avond een fles wijn drinkt"),
        # past tense, strong and weak
        ("Mark sloeg Sanne met een riem", "Mark Sanne met een riem sloeg"),
        ("Mark duwde Sanne tegen de kast", "Mark Sanne tegen de kast duwde"),
        # auxiliaries and modals with their participle or infinitive
        ("Mark heeft de kinderen geslagen", "Mark de kinderen geslagen heeft"),
        ("Sanne kan de kinderen niet beschermen", "Sanne de kinderen niet kan beschermen"),
        (
            "Mark wil de kinderen meenemen naar Turkije",
            "Mark de kinderen meenemen naar Turkije wil",
        ),
        ("Noa wordt thuis verwaarloosd", "Noa thuis verwaarloosd wordt"),
        ("Mark heeft Noa laten schrikken", "Mark Noa heeft laten schrikken"),
        ("Sanne is vaak dronken", "Sanne vaak dronken is"),
        ("Mark wordt snel boos", "Mark snel boos wordt"),
        ("Noa hoeft niet naar school te gaan", "Noa niet naar school hoeft te gaan"),
        # separable verbs
        ("Mark valt Sanne aan", "Mark Sanne aanvalt"),
        ("Hij scheldt de kinderen uit", "hij de kinderen uitscheldt"),
        ("Mark laat Noa niet los", "Mark Noa niet loslaat"),
        ("Mark komt dronken thuis", "Mark dronken thuis komt"),
        ("Mark neemt Noa mee naar de kroeg", "Mark Noa meeneemt naar de kroeg"),
        ("Mark sluit Noa op in haar kamer", "Mark Noa opsluit in haar kamer"),
        # a clause after als / wanneer / omdat / terwijl stays as it is
        ("Mark slaat Sanne als hij gedronken heeft", "Mark Sanne slaat als hij gedronken heeft"),
        (
            "Sanne brengt Noa niet naar school wanneer ze moe is",
            "Sanne Noa niet naar school brengt wanneer ze moe is",
        ),
        (
            "Mark kijkt naar porno terwijl Noa erbij is",
            "Mark naar porno kijkt terwijl Noa erbij is",
        ),
        (
            "Mark en Sanne maken ruzie waar de kinderen bij zijn",
            "Mark en Sanne ruzie maken waar de kinderen bij zijn",
        ),
        # a "te" infinitive
        ("Mark dreigt de kinderen mee te nemen", "Mark dreigt de kinderen mee te nemen"),
        (
            "Mark weigert vaak om de kinderen op te halen",
            "Mark vaak weigert om de kinderen op te halen",
        ),
        # two verbs joined by "en"
        (
            "Mark drinkt veel en slaat dan de kinderen",
            "Mark veel drinkt en dan de kinderen slaat",
        ),
        # an adverb or a clause in front
        ("Soms slaat Mark de kinderen", "Mark soms de kinderen slaat"),
        ("'s Avonds drinkt Mark veel bier", "Mark 's avonds veel bier drinkt"),
        ("Als Mark gedronken heeft, slaat hij Sanne", "als Mark gedronken heeft, hij Sanne slaat"),
        # already a subordinate clause: kept
        ("Mark Sanne slaat als hij gedronken heeft", "Mark Sanne slaat als hij gedronken heeft"),
        (
            "Sanne Noa vaak pas om elf uur naar school brengt",
            "Sanne Noa vaak pas om elf uur naar school brengt",
        ),
        ("er thuis hard geschreeuwd wordt", "er thuis hard geschreeuwd wordt"),
        ("Er wordt thuis hard geschreeuwd", "er thuis hard geschreeuwd wordt"),
    ],
)
def test_the_behaviour_becomes_a_clause_with_the_verb_last(typed: str, clause: str) -> None:
    assert _danger(typed) == f"Veilig Thuis is bezorgd dat {clause}."


@pytest.mark.parametrize(
    "typed",
    [
        "slaat de kinderen",  # no subject: who does it?
        "Slaat de kinderen als hij drinkt",
        "Mark slaat; Sanne huilt",  # two sentences
        "Mark slaat. Sanne huilt",
        "drinken",
    ],
)
def test_what_cannot_be_reordered_is_quoted_after_a_colon(typed: str) -> None:
    assert _danger(typed) == f"Veilig Thuis is bezorgd over dit gedrag: {typed}."


def test_the_fallback_follows_the_number_of_who_is_worried() -> None:
    many = sentence(
        StatementParts(type=T.DANGER, who_worried=("school", "de huisarts"), behaviour="slaat"),
        CTX,
        "nl",
    )
    assert many == "School en de huisarts zijn bezorgd over dit gedrag: slaat."
    nobody = sentence(StatementParts(type=T.DANGER, behaviour="slaat Noa"), CTX, "nl")
    assert nobody == "Er zijn zorgen over dit gedrag: slaat Noa."


@pytest.mark.parametrize(
    ("impact", "clause"),
    [
        ("gewond raakt", "Noa gewond raakt"),
        ("raakt gewond", "Noa gewond raakt"),
        ("wordt verwaarloosd", "Noa verwaarloosd wordt"),
        ("slecht slapen", "Noa slecht slapen"),
        (
            "iets overkomt zonder dat er een volwassene is",
            "Noa iets overkomt zonder dat er een volwassene is",
        ),
    ],
)
def test_the_impact_after_the_childs_name(impact: str, clause: str) -> None:
    text = _danger("Mark slaat Sanne", children=(1,), impact=impact)
    assert text.endswith(f"Als er niets verandert, zijn we bang dat {clause}.")


def test_several_children_are_named_so_the_verb_agrees() -> None:
    text = _danger("Mark slaat Sanne", children=(2, 1), impact="raakt gewond")
    assert text.endswith("zijn we bang dat zowel Daan als Noa gewond raakt.")
    harm = StatementParts(
        type=T.HARM, behaviour="Mark sloeg Sanne", children=(1, 2), impact="angst"
    )
    assert sentence(harm, CTX, "nl") == "Mark sloeg Sanne; voor Noa en Daan betekende dit angst."
    ctx = StatementContext(
        names=CTX.names, children=(1, 2), carers=("Sanne",), dangers=(("d", (1, 2)),)
    )
    goal = StatementParts(
        type=T.SAFETY_GOAL,
        pairs_with="d",
        who_will=("Sanne", "oma Ria"),
        carers_will="ruzies zonder geweld oplossen",
        child_will_experience="zich veilig voelt",
        sustained_amount=3,
        sustained_unit="months",
    )
    assert sentence(goal, ctx, "nl") == (
        "Sanne en oma Ria zullen ruzies zonder geweld oplossen, zodat zowel Noa als Daan zich "
        "veilig voelt. Dit moet 3 maanden zichtbaar zijn."
    )
    assert sentence(goal, ctx, "en") == (
        "Sanne and oma Ria will ruzies zonder geweld oplossen, so that Noa and Daan zich veilig "
        "voelt. This must be visible for 3 months."
    )


def test_what_the_child_will_experience_follows_zodat() -> None:
    goal = StatementParts(
        type=T.SAFETY_GOAL,
        carers_will="Noa elke ochtend naar school brengen",
        child_will_experience="voelt zich veilig op school",
    )
    assert sentence(goal, CTX, "nl") == (
        "Sanne en Mark zullen Noa elke ochtend naar school brengen, zodat ieder kind zich "
        "veilig op school voelt."
    )


def test_a_plural_verb_keeps_the_children_together() -> None:
    text = _danger("Mark slaat Sanne", children=(2, 1), impact="slecht slapen")
    assert text.endswith("zijn we bang dat Daan en Noa slecht slapen.")
    assert _danger("Mark slaat Sanne", impact="slecht slapen").endswith(
        "zijn we bang dat de kinderen slecht slapen."
    )


def test_english_is_not_reordered() -> None:
    parts = StatementParts(type=T.DANGER, who_worried=("School",), behaviour="Mark hits the kids")
    assert sentence(parts, CTX, "en") == "School is worried that Mark hits the kids."


def test_a_name_that_looks_like_a_verb_is_a_name() -> None:
    assert subordinate("Robert slaat Noa", ["robert", "noa"]) == "Robert Noa slaat"
    assert with_subject("Noa", "gewond raakt") == "Noa gewond raakt"
