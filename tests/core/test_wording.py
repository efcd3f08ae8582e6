"""The words of a case's way of working (framework/wording.py and resources/framework/
wording.json): every safety form becomes its wellbeing form, with its capitals, whole words
only, a mnemonic kept; a safety case's text never changes; a damaged file is refused."""

from __future__ import annotations

import json

import pytest

from jeugdtool import resources
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework import wording
from jeugdtool.framework.wording import WordingError
from jeugdtool.framework.wording import check_wording
from jeugdtool.framework.wording import for_mode
from jeugdtool.framework.wording import term

WELLBEING = CaseMode.WELLBEING

#: Every safety form of the file with its wellbeing form (singular, plural, variants).
NL_FORMS = [
    ("schadeverklaring", "aanleiding"),
    ("schadeverklaringen", "aanleidingen"),
    ("gevaarsomschrijving", "zorgomschrijving"),
    ("gevaarsomschrijvingen", "zorgomschrijvingen"),
    ("gevaarsuitspraak", "zorgomschrijving"),
    ("gevaarsuitspraken", "zorgomschrijvingen"),
    ("veiligheidsdoel", "welzijnsdoel"),
    ("veiligheidsdoelen", "welzijnsdoelen"),
    ("bodemeis", "ondergrens"),
    ("bodemeisen", "ondergrenzen"),
    ("veiligheidsplan", "welzijnsplan"),
    ("veiligheidsplannen", "welzijnsplannen"),
    ("veiligheidsnetwerk", "steunnetwerk"),
    ("veiligheidsnetwerken", "steunnetwerken"),
    ("gevaar", "zorg"),
    ("gevaren", "zorgen"),
    ("het gevaar", "de zorg"),
    ("in gevaar", "in de knel"),
    ("waar zijn we bang voor", "waar zijn we bezorgd over"),
]
EN_FORMS = [
    ("what are we afraid of", "what are we worried about"),
    ("harm statement", "what happened"),
    ("harm statements", "what happened"),
    ("danger statement", "worry statement"),
    ("danger statements", "worry statements"),
    ("safety goal", "wellbeing goal"),
    ("safety goals", "wellbeing goals"),
    ("safety plan", "wellbeing plan"),
    ("safety plans", "wellbeing plans"),
    ("safety network", "support network"),
    ("safety networks", "support networks"),
    ("danger", "worry"),
    ("dangers", "worries"),
]


def _file() -> dict:
    return json.loads(resources.path("framework", "wording.json").read_text(encoding="utf-8"))


def test_the_tables_of_this_test_are_every_form_of_the_file() -> None:
    listed = {s for s, _w in NL_FORMS + EN_FORMS}
    assert set(wording.safety_only_words()) == listed


@pytest.mark.parametrize(("safety", "wellbeing"), NL_FORMS + EN_FORMS)
def test_every_form_in_lower_case_at_the_start_and_in_capitals(safety, wellbeing) -> None:
    assert for_mode(f"Zie {safety}.", WELLBEING) == f"Zie {wellbeing}."
    assert for_mode(safety[0].upper() + safety[1:], WELLBEING) == (
        wellbeing[0].upper() + wellbeing[1:]
    )
    assert for_mode(safety.upper() + ":", WELLBEING) == wellbeing.upper() + ":"


@pytest.mark.parametrize(("safety", "_wellbeing"), NL_FORMS + EN_FORMS)
def test_a_safety_case_keeps_every_form(safety, _wellbeing) -> None:
    text = f"{safety.capitalize()} en {safety} ({safety.upper()})"
    assert for_mode(text, CaseMode.SAFETY) == text
    assert for_mode(text, "safety") == text


def test_whole_sentences_of_the_catalogue() -> None:
    cases = {
        "Gevaarsomschrijvingen, veiligheidsdoelen en bodemeisen": (
            "Zorgomschrijvingen, welzijnsdoelen en ondergrenzen"
        ),
        "Er hoort nog geen veiligheidsdoel bij deze gevaarsomschrijving: hoe ziet veiligheid er "
        "straks uit?": "Er hoort nog geen welzijnsdoel bij deze zorgomschrijving: hoe ziet "
        "veiligheid er straks uit?",
        "Veiligheidsplan %(household)s (%(case_number)s), versie %(number)s": (
            "Welzijnsplan %(household)s (%(case_number)s), versie %(number)s"
        ),
        "Rol in het veiligheidsnetwerk": "Rol in het steunnetwerk",
        "Gevaar en doelen": "Zorg en doelen",
        "Het gevaar is weg": "De zorg is weg",
        "Ontwikkeling in gevaar.": "Ontwikkeling in de knel.",
        "Danger statements and safety goals": "Worry statements and wellbeing goals",
        "The Safety Plan": "The Wellbeing Plan",
        "the safety network's roles": "the support network's roles",
    }
    for safety, wellbeing in cases.items():
        assert for_mode(safety, WELLBEING) == wellbeing


def test_no_damage_to_other_words() -> None:
    untouched = [
        "veiligheid",
        "Veiligheid van de kinderen beoordeeld",
        "onveiligheid en veiligheidsregio",
        "gevaarlijk, levensgevaar, gevaarsinschatting",
        "bodemeisje",  # not a word, but a form with letters after it
        "planveiligheidsplan",
        "safety, safety check, dangerous, endangered",
        "bottom line",  # the same in both ways of working (English)
        "zorg_gevaar",
    ]
    for text in untouched:
        assert for_mode(text, WELLBEING) == text, text


def test_a_mnemonic_stays_on_a_letter_of_the_word() -> None:
    assert for_mode("3. Het veiligheids&plan maken", WELLBEING) == "3. Het welzijns&plan maken"
    assert for_mode("&Veiligheidsdoel", WELLBEING) == "&Welzijnsdoel"
    assert for_mode("Veili&gheidsnetwerk", WELLBEING) == "&Steunnetwerk"
    assert for_mode("Bodemeis&en", WELLBEING) == "Ondergrenz&en"
    assert for_mode("Bodemei&sen", WELLBEING) == "&Ondergrenzen"
    assert for_mode("Safety &goal", WELLBEING) == "Wellbeing &goal"
    assert for_mode("Tom && Jerry", WELLBEING) == "Tom && Jerry"


def test_language_limits_the_forms() -> None:
    assert for_mode("veiligheidsplan / safety plan", WELLBEING, "nl") == (
        "welzijnsplan / safety plan"
    )
    assert for_mode("veiligheidsplan / safety plan", WELLBEING, "en") == (
        "veiligheidsplan / wellbeing plan"
    )
    assert for_mode("veiligheidsplan / safety plan", WELLBEING) == ("welzijnsplan / wellbeing plan")


def test_term_per_mode_number_and_language() -> None:
    assert term("safety_plan", CaseMode.SAFETY, language="nl") == "veiligheidsplan"
    assert term("safety_plan", WELLBEING, language="nl") == "welzijnsplan"
    assert term("safety_goal", WELLBEING, plural=True, language="nl") == "welzijnsdoelen"
    assert term("danger_statement", WELLBEING, language="en") == "worry statement"
    assert term("bottom_line", "wellbeing", plural=True, language="en") == "bottom lines"
    with pytest.raises(KeyError):
        term("no_such_term", WELLBEING)
    assert set(wording.codes()) == {
        "harm_statement",
        "danger_statement",
        "safety_goal",
        "bottom_line",
        "safety_plan",
        "safety_network",
        "danger",
    }


def test_mode_words_pair_every_term() -> None:
    pairs = wording.mode_words(WELLBEING, "nl")
    assert ("veiligheidsplan", "welzijnsplan") in pairs
    assert len(pairs) == len(wording.codes())


def test_the_shipped_file_passes_its_checks() -> None:
    check_wording(_file())


def test_a_damaged_file_names_the_place() -> None:
    document = _file()
    document["terms"]["safety_plan"]["nl"]["wellbeing"]["plural"] = "Welzijns Plannen!"
    with pytest.raises(WordingError, match=r"safety_plan"):
        check_wording(document)
    document = _file()
    del document["terms"]["danger"]
    with pytest.raises(WordingError, match=r"danger"):
        check_wording(document)


def test_one_safety_form_with_two_wellbeing_forms_is_refused() -> None:
    document = _file()
    document["terms"]["danger"]["nl"]["variants"].append(
        {"safety": "veiligheidsplan", "wellbeing": "zorgplan"}
    )
    with pytest.raises(WordingError, match="veiligheidsplan"):
        check_wording(document)


def test_the_start_up_check_reads_the_file(monkeypatch, tmp_path) -> None:
    from jeugdtool.app import content_problem

    assert content_problem() is None
    broken = tmp_path / "wording.json"
    broken.write_text("{", encoding="utf-8")
    real = resources.path

    def path(*parts: str):
        return broken if parts == wording.WORDING else real(*parts)

    monkeypatch.setattr(resources, "path", path)
    wording.reload()
    try:
        problem = content_problem()
    finally:
        monkeypatch.undo()
        wording.reload()
    assert problem is not None and "wording.json" in problem


#: Manual pages without the note: the meldcode's danger is the legal term of the meldcode
#: (the same in both ways of working).
NO_NOTE = {"meldcode"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_manual_page_with_a_safety_word_says_what_a_wellbeing_case_calls_it(language):
    import re

    from jeugdtool import manual

    for page in manual.load().pages:
        if page in NO_NOTE:
            continue
        html = manual.page_path(page, language).read_text(encoding="utf-8")
        body, _sep, note = html.partition('class="wellbeing"')
        plain = re.sub(r"<[^>]+>", " ", body)
        for code in wording.codes():
            forms = {term(code, CaseMode.SAFETY, plural=p, language=language) for p in (0, 1)}
            wellbeing = term(code, WELLBEING, language=language)
            if wellbeing in forms:
                continue
            used = any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", plain, re.I) for f in forms)
            if used:
                assert f"<b>{wellbeing}</b>" in note, f"{language}/{page}.html: {code}"
