"""The SMART check of safety-plan agreements: a table of Dutch agreements, properties, the data."""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.framework import smart
from jeugdtool.framework.smart import AgreementDraft
from jeugdtool.framework.smart import check_smart

TODAY = date(2025, 6, 1)
REVIEW = date(2025, 9, 1)


@pytest.fixture(autouse=True)
def _fresh_rules():
    language = i18n.current_language()
    smart.reload()
    yield
    smart.reload()
    if i18n.current_language() != language:
        i18n.set_language(language)


def draft(what: str, who: tuple[str, ...] = ("Moeder",), **changes) -> AgreementDraft:
    """An agreement that is complete apart from `what` and `who`, then `changes`."""
    base = AgreementDraft(
        what=what,
        who=who,
        check="Juf Aïcha ziet het en belt de consulent als het niet gebeurt",
        checked_by="juf Aïcha",
        accepted_by_all=True,
        realistic_confirmed=True,
        load_per_person={name: 2 for name in who},
        review_date=REVIEW,
    )
    return dataclasses.replace(base, **changes)


# ---- the table -----------------------------------------------------------------------------

#: (agreement, the letters that fail, hint codes that must be there, vague words shown as typed)
EXAMPLES: list[tuple[AgreementDraft, str, set[str], tuple[str, ...]]] = [
    # The two examples of the issue.
    (
        draft("Vader probeert minder te drinken", ("Vader",), check="", checked_by=""),
        "SMT",
        {"vague_word", "missing_check", "missing_checked_by", "no_timing"},
        ("probeert", "minder"),
    ),
    (
        draft(
            "Oma Ria haalt Noa elke woensdag om 15.00 uur uit school",
            ("Oma Ria",),
            check="Juf Aïcha ziet het en belt de consulent als oma er niet is",
            checked_by="juf Aïcha",
        ),
        "",
        set(),
        (),
    ),
    # S: vague words, a missing verb, nobody named.
    (
        draft("Moeder zorgt zoveel mogelijk voor rust en regelmaat"),
        "ST",
        {"vague_word", "no_timing"},
        ("zoveel mogelijk", "rust en regelmaat"),
    ),
    (
        draft("Vader brengt Noa op tijd naar school", ("Vader",), when="elke schooldag"),
        "S",
        {"vague_word"},
        ("op tijd",),
    ),
    (
        draft("Vader brengt Noa om 8.15 uur naar school", ("Vader",), when="elke schooldag"),
        "",
        set(),
        (),
    ),
    (
        draft("Moeder belt oma soms als het niet goed gaat"),
        "ST",
        {"vague_word", "no_timing"},
        ("soms", "goed"),
    ),
    (
        draft("Moeder belt oma Ria elke keer als vader gedronken heeft"),
        "",
        set(),
        (),
    ),
    (
        draft("Geen alcohol in huis", ("Vader",), when="elke dag"),
        "S",
        {"no_action_verb"},
        (),
    ),
    (
        draft("Vader drinkt niet meer dan twee glazen bier per avond", ("Vader",)),
        "",
        set(),
        (),
    ),
    (
        draft(
            "Vader drinkt geen alcohol meer als de kinderen thuis zijn", ("Vader",), when="elke dag"
        ),
        "",
        set(),
        (),
    ),
    (
        draft("Het gaat beter met moeder"),
        "ST",
        {"vague_word", "no_timing"},
        ("beter",),
    ),
    (
        draft("Noa wordt elke woensdag door oma opgehaald", ()),
        "SA",
        {"missing_who", "nobody_to_accept"},
        (),
    ),
    (
        draft("Oma Ria past waar mogelijk op Noa", ("Oma Ria",), when="elke zaterdag"),
        "S",
        {"vague_word"},
        ("waar mogelijk",),
    ),
    (
        draft("Vader komt IN PRINCIPE elke zaterdag", ("Vader",)),
        "S",
        {"vague_word"},
        ("IN PRINCIPE",),
    ),
    (
        draft("Moeder belt de huisarts zo snel mogelijk"),
        "ST",
        {"vague_word", "no_timing"},
        ("zo snel mogelijk",),
    ),
    (draft("Oma let goed op Noa", ("Oma",)), "ST", {"vague_word", "no_timing"}, ("goed",)),
    (draft("", ("Vader",), when="elke dag"), "S", {"missing_what"}, ()),
    # Whole words, case and diacritics.
    (
        draft("Vader wenst Noa elke avond om 19.30 uur beterschap via de telefoon", ("Vader",)),
        "",
        set(),
        (),
    ),
    (draft("OMA HAALT NOA ÉLKE WOENSDAG OP", ("Oma",)), "", set(), ()),
    (draft("Vader is ’s avonds thuis bij de kinderen", ("Vader",)), "", set(), ()),
    (
        draft("Mama en papa zorgen dat Noa dagelijks na school iets eet", ("Mama", "Papa")),
        "",
        set(),
        (),
    ),
    (draft("Oma haalt Noa op woensdagmiddag uit school", ("Oma",)), "", set(), ()),
    # M: an observable check and someone else who checks.
    (
        draft(
            "Moeder blaast elke ochtend in de alcoholtester",
            check="Moeder stuurt de uitslag naar de consulent",
            checked_by="Moeder",
        ),
        "M",
        {"self_check"},
        (),
    ),
    (
        draft(
            "Vader haalt Noa elke vrijdag om 17.00 uur op",
            ("Vader",),
            check="Noa voelt zich veilig bij vader",
        ),
        "M",
        {"inner_state"},
        (),
    ),
    (
        draft(
            "Vader haalt Noa elke vrijdag om 17.00 uur op",
            ("Vader",),
            check="Noa vertelt juf Aïcha op maandag dat ze zich fijn voelde",
        ),
        "",
        set(),
        (),
    ),
    (
        draft(
            "Oma kookt elke dinsdag voor de kinderen", ("Oma",), check="Juf ziet dat het goed gaat"
        ),
        "M",
        {"vague_word"},
        (),
    ),
    # A and R.
    (
        draft("Oma haalt Noa elke woensdag op", ("Oma",), accepted_by_all=False),
        "A",
        {"not_accepted"},
        (),
    ),
    (
        draft("Oma haalt Noa elke woensdag op", ("Oma",), realistic_confirmed=False),
        "R",
        {"not_confirmed"},
        (),
    ),
    (
        draft("Moeder kookt elke dag om 18.00 uur", load_per_person={"moeder": 6}),
        "R",
        {"heavy_load"},
        (),
    ),
    (
        draft("Moeder kookt elke dag om 18.00 uur", load_per_person={"Moeder": 5}),
        "",
        set(),
        (),
    ),
    # T: dates, deadlines, recurrences and the review date.
    (
        draft("Vader meldt zich vóór 1 december bij de verslavingszorg", ("Vader",)),
        "",
        set(),
        (),
    ),
    (
        draft("Moeder maakt vóór 15-09-2025 een afspraak met de huisarts"),
        "",
        set(),
        (),
    ),
    (
        draft("Moeder maakt een afspraak met de huisarts", when="uiterlijk 31-02-2025"),
        "T",
        {"invalid_date"},
        (),
    ),
    (
        draft("Moeder maakt een afspraak met de huisarts", when="uiterlijk 01-01-2025"),
        "T",
        {"deadline_passed"},
        (),
    ),
    (
        draft("Moeder maakt een afspraak met de huisarts", due=date(2025, 7, 1)),
        "",
        set(),
        (),
    ),
    (
        draft("Moeder maakt een afspraak met de huisarts", due=date(2025, 5, 1)),
        "T",
        {"deadline_passed"},
        (),
    ),
    (
        draft(
            "Moeder gaat naar de huisarts",
            start=date(2025, 8, 1),
            due=date(2025, 7, 1),
        ),
        "T",
        {"start_after_due"},
        (),
    ),
    (
        draft("Oma haalt Noa op", ("Oma",), when="regelmatig"),
        "T",
        {"vague_word"},
        (),
    ),
    (
        draft("Oma haalt Noa op", ("Oma",), when="na overleg met moeder"),
        "T",
        {"unrecognised_when"},
        (),
    ),
    (
        draft("Oma haalt Noa elke woensdag op", ("Oma",), review_date=None),
        "T",
        {"no_review_date"},
        (),
    ),
    (
        draft("Oma haalt Noa elke woensdag op", ("Oma",), review_date=date(2025, 5, 31)),
        "T",
        {"review_passed"},
        (),
    ),
    (
        draft("Oma en opa halen Noa om de week op", ("Oma", "Opa"), when="op zaterdag"),
        "",
        set(),
        (),
    ),
    (
        draft("Vader stuurt oma 2x per week een foto van de koelkast", ("Vader",)),
        "",
        set(),
        (),
    ),
]


def _id(example: tuple[AgreementDraft, str, set[str], tuple[str, ...]]) -> str:
    agreement, failing = example[0], example[1]
    return f"{agreement.what[:40] or '(empty)'} -> {failing or 'SMART'}"


def test_the_table_has_enough_good_and_bad_examples():
    good = [e for e in EXAMPLES if not e[1]]
    bad = [e for e in EXAMPLES if e[1]]
    assert len(good) >= 10 and len(bad) >= 20
    assert {letter for e in bad for letter in e[1]} == set("SMART")


@pytest.mark.parametrize("example", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_dutch_agreements(example):
    agreement, failing, codes, words = example
    result = check_smart(agreement, TODAY)
    described = "\n".join(f"{h.code} ({h.field}): {h.message}" for h in result.hints)
    assert "".join(result.failing) == failing, described
    assert result.is_smart == (not failing)
    assert codes <= {h.code for h in result.hints}, described
    shown = tuple(v.word for v in smart.vague_words(agreement.what))
    if words:
        assert shown == words
        for word in words:
            assert any(word in h.message for h in result["S"].hints)


def test_the_vague_word_is_named_in_dutch_with_a_concrete_suggestion():
    i18n.set_language("nl")
    result = check_smart(draft("Vader probeert minder te drinken", ("Vader",)), TODAY)
    messages = [h.message for h in result["S"].hints]
    assert any("'probeert'" in m and "Vader drinkt geen alcohol" in m for m in messages)
    assert any("'minder'" in m for m in messages)


def test_a_heavy_load_names_the_person():
    agreement = draft(
        "Moeder en oma koken elke dag om 18.00 uur",
        ("Moeder", "Oma"),
        load_per_person={"Moeder": 8, "Oma": 2},
    )
    hints = check_smart(agreement, TODAY)["R"].hints
    assert len(hints) == 1 and "Moeder" in hints[0].message and "8" in hints[0].message


def test_hints_name_the_field_they_are_about():
    result = check_smart(AgreementDraft(), TODAY)
    fields = {h.code: h.field for h in result.hints}
    assert fields["missing_what"] == "what"
    assert fields["missing_who"] == "who"
    assert fields["missing_check"] == "check"
    assert fields["no_review_date"] == "review_date"
    assert result.failing == tuple("SMART")


def test_letter_names_are_translated():
    i18n.set_language("nl")
    assert [smart.letter_name(letter) for letter in smart.LETTERS] == [
        "Specifiek",
        "Meetbaar",
        "Geaccepteerd",
        "Realistisch",
        "Tijdgebonden",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "elke maandag",
        "iedere Zondag",
        "dagelijks",
        "wekelijks",
        "elke dag",
        "om de week",
        "vóór 1 december",
        "voor 1 december",
        "uiterlijk vrijdag",
        "tot 1 maart 2026",
        "01-12-2025",
        "1/12/2025",
        "woensdag",
        "op donderdagavond",
        "om 20.00 uur",
        "om 8:30",
        "om half negen",
        "twee keer per week",
        "binnen drie dagen",
        "’s avonds",
        "dagelijks na school",
        "na het avondeten",
        "zodra vader gedronken heeft",
        "in het weekend",
    ],
)
def test_dutch_timing_phrases_are_recognised(text):
    assert smart.find_timing(text, TODAY).found


@pytest.mark.parametrize(
    "text", ["", "regelmatig", "binnenkort", "als het uitkomt", "na overleg", "woensdagse"]
)
def test_vague_or_missing_timing_is_not_recognised(text):
    assert not smart.find_timing(text, TODAY).found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Dat is beterschap", ()),
        ("Het is beter", ("beter",)),
        ("Vader PROBEERT het", ("PROBEERT",)),
        ("Zó snel mogelijk", ("Zó snel mogelijk",)),
        ("af   en\ttoe", ("af   en\ttoe",)),
        ("hij drinkt niet meer", ()),
        ("geen bier meer", ()),
        ("minder dan 2 glazen", ()),
        ("minder dan vroeger", ("minder",)),
        ("soms, soms en Soms", ("soms",)),
        ("goedgekeurd en normaliter", ()),
    ],
)
def test_vague_words_are_whole_words_shown_as_typed(text, words):
    assert tuple(v.word for v in smart.vague_words(text)) == words


# ---- properties ----------------------------------------------------------------------------

names = st.text(min_size=0, max_size=20)
drafts = st.builds(
    AgreementDraft,
    what=st.text(max_size=120),
    who=st.lists(names, max_size=4).map(tuple),
    when=st.text(max_size=60),
    due=st.none() | st.dates(),
    start=st.none() | st.dates(),
    where=st.text(max_size=20),
    check=st.text(max_size=80),
    checked_by=st.text(max_size=30),
    accepted_by_all=st.booleans(),
    realistic_confirmed=st.booleans(),
    load_per_person=st.dictionaries(names, st.integers(-3, 50), max_size=4),
    review_date=st.none() | st.dates(),
)
_DUTCH_TEXT = (
    "Vader Moeder oma Ria Noa haalt brengt belt elke woensdag dagelijks om 20.00 uur vóór "
    "1 december 31-02-2025 uiterlijk niet meer geen alcohol minder dan 2 soms ’s avonds juf "
    "Aïcha ziet voelt zich beter goed op tijd in principe . , ;"
)
DUTCH_WORDS = tuple(_DUTCH_TEXT.split())
dutchish = st.lists(st.sampled_from(DUTCH_WORDS) | st.text(max_size=8), max_size=20).map(" ".join)
realistic_drafts = st.builds(
    AgreementDraft,
    what=dutchish,
    who=st.lists(st.sampled_from(["Vader", "Moeder", "Oma Ria", "Noa", ""]), max_size=3).map(tuple),
    when=dutchish,
    due=st.none() | st.dates(),
    start=st.none() | st.dates(),
    check=dutchish,
    checked_by=st.sampled_from(["", "Vader", "juf Aïcha", "oma Ria en Vader"]),
    accepted_by_all=st.booleans(),
    realistic_confirmed=st.booleans(),
    load_per_person=st.dictionaries(st.sampled_from(["Vader", "moeder"]), st.integers(0, 9)),
    review_date=st.none() | st.dates(),
)
any_drafts = drafts | realistic_drafts


def _vague_phrases(excusable: bool) -> list[str]:
    data = resources.load_json(*smart.RESOURCE)
    excused = {w for item in data["vague_exceptions"] for w in item["words"]}
    phrases = [p for kind in data["vague"].values() for p in kind]
    return phrases if excusable else [p for p in phrases if p not in excused]


def _insert(text: str, phrase: str, where: int) -> str:
    """`phrase` as separate words at a word boundary of `text`."""
    words = text.split(" ")
    where %= len(words) + 1
    return " ".join([*words[:where], phrase, *words[where:]])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_drafts, st.dates())
def test_never_crashes_and_always_gives_five_letters_in_order(agreement, today):
    result = check_smart(agreement, today)
    assert tuple(c.letter for c in result.letters) == ("S", "M", "A", "R", "T")
    for letter in result.letters:
        assert letter.ok == (not letter.hints)
        assert all(h.message and h.code for h in letter.hints)
    assert result.is_smart == all(c.ok for c in result.letters)


@settings(max_examples=200)
@given(any_drafts, st.sampled_from(_vague_phrases(excusable=True)), st.integers(0, 30))
def test_adding_a_vague_word_never_makes_a_failing_s_ok(agreement, phrase, where):
    assume(not check_smart(agreement, TODAY)["S"].ok)
    worse = dataclasses.replace(agreement, what=_insert(agreement.what, phrase, where))
    assert not check_smart(worse, TODAY)["S"].ok


@settings(max_examples=200)
@given(any_drafts, st.sampled_from(_vague_phrases(excusable=False)), st.integers(0, 30))
def test_a_vague_word_always_fails_s(agreement, phrase, where):
    worse = dataclasses.replace(agreement, what=_insert(agreement.what, phrase, where))
    assert not check_smart(worse, TODAY)["S"].ok


@given(any_drafts, st.dates())
def test_a_missing_review_date_always_fails_t(agreement, today):
    result = check_smart(dataclasses.replace(agreement, review_date=None), today)
    assert "no_review_date" in {h.code for h in result["T"].hints}
    assert not result["T"].ok


@given(any_drafts, st.dates())
def test_without_acceptance_a_always_fails(agreement, today):
    assert not check_smart(dataclasses.replace(agreement, accepted_by_all=False), today)["A"].ok


@given(any_drafts, st.dates())
def test_without_confirmation_r_always_fails(agreement, today):
    result = check_smart(dataclasses.replace(agreement, realistic_confirmed=False), today)
    assert not result["R"].ok


@given(any_drafts)
def test_the_check_is_pure(agreement):
    assert check_smart(agreement, TODAY) == check_smart(agreement, TODAY)
    hash(agreement)  # frozen and hashable, also with a load mapping


@given(dutchish)
def test_case_and_accents_do_not_change_what_is_vague(text):
    lower = [v.kind for v in smart.vague_words(text.lower())]
    upper = [v.kind for v in smart.vague_words(text.upper())]
    assert lower == upper


# ---- the data file -------------------------------------------------------------------------


def shipped() -> dict:
    return resources.load_json(*smart.RESOURCE)


def test_the_shipped_file_matches_its_schema():
    rules = smart.check_rules(shipped())
    assert rules.max_load == 5


def test_every_vague_kind_has_its_own_message():
    messages = {smart._vague_message(kind) for kind in smart.VAGUE_KINDS}
    assert len(messages) == len(smart.VAGUE_KINDS)
    assert set(shipped()["vague"]) == set(smart.VAGUE_KINDS)


def test_the_issue_s_vague_words_are_listed():
    listed = {p for kind in shipped()["vague"].values() for p in kind}
    for word in ("proberen", "zoveel mogelijk", "beter", "soms", "normaal", "regelmatig"):
        assert word in listed
    for word in ("af en toe", "waar mogelijk", "in principe", "zo snel mogelijk", "op tijd"):
        assert word in listed


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["load"].update(max_agreements_per_person="five"), "load"),
        (lambda d: d["vague"].pop("effort"), "vague"),
        (lambda d: d["vague"]["amount"].append("Beter"), "vague.amount"),
        (lambda d: d["timing"]["patterns"]["time"].append("(unclosed"), "timing.patterns.time[3]"),
        (lambda d: d["timing"]["dates"].append(r"\d+"), "timing.dates[3]"),
        (lambda d: d["vague_exceptions"][0].update(followed_by="[x"), "vague_exceptions[0]"),
    ],
)
def test_a_broken_file_names_the_place(change, where):
    broken = copy.deepcopy(shipped())
    change(broken)
    with pytest.raises(smart.SmartRulesError) as raised:
        smart.check_rules(broken)
    assert where in str(raised.value)


def test_a_broken_file_is_reported_at_first_use(tmp_path: Path, monkeypatch):
    root = tmp_path / "resources"
    (root / "framework").mkdir(parents=True)
    shutil.copytree(resources.path("schemas"), root / "schemas")
    document = shipped()
    del document["timing"]["weekdays"]
    (root / "framework" / "smart.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: root)
    with pytest.raises(smart.SmartRulesError) as raised:
        check_smart(AgreementDraft(what="Oma haalt Noa"), TODAY)
    assert str(root / "framework" / "smart.json") in str(raised.value)
    assert "weekdays" in str(raised.value)


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch):
    root = tmp_path / "resources"
    (root / "framework").mkdir(parents=True)
    (root / "framework" / "smart.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: root)
    with pytest.raises(smart.SmartRulesError, match=r"smart\.json"):
        smart.load_rules()
