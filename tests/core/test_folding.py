"""One fold for the whole program (jeugdtool.folding): the search, the SMART check and 'hide
names' treat "Aicha", "AÏCHA" and "Aïcha" as one name, and masking replaces the text as typed."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from jeugdtool.cases.search import fold as search_fold
from jeugdtool.folding import fold
from jeugdtool.folding import fold_by_definition
from jeugdtool.folding import fold_key
from jeugdtool.folding import fold_mapped
from jeugdtool.folding import folded_words
from jeugdtool.folding import sub_folded
from jeugdtool.framework import smart
from jeugdtool.framework.statement_text import fold as statement_fold
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import mask_for

#: Aïcha with a combining diaeresis (i + U+0308), as some keyboards and pasted text give it.
AICHA_COMBINING = "Ai\u0308cha"


def test_accents_case_and_ligatures_fold_away() -> None:
    assert AICHA_COMBINING != "Aïcha" == unicodedata.normalize("NFC", AICHA_COMBINING)
    assert fold("Aïcha") == fold("AÏCHA") == fold(AICHA_COMBINING) == fold("Aicha") == "aicha"
    assert fold("Hüseyin Öztürk") == "huseyin ozturk"
    assert fold("Łukasz Søren Straße") == "lukasz soren strasse"
    assert fold("Soﬁe") == "sofie"  # the 'fi' ligature, one character
    assert fold("Ǆenan") == "dzenan"  # DŽ as one character
    assert fold_key("  Aïcha \n  Benali ") == "aicha benali"


def test_search_smart_and_statements_share_the_fold() -> None:
    text = "AÏCHA belt Hüseyin over de Soﬁe-regeling"
    assert search_fold(text) == statement_fold(text) == smart.fold(text).text == fold(text)


@given(st.text(max_size=30))
def test_the_mapped_fold_is_the_fold(text: str) -> None:
    """Folding character by character (to keep each one's origin) gives the same text."""
    folded = fold_mapped(text)
    assert folded.text == fold(text) == fold_by_definition(text)
    assert len(folded.origin) == len(folded.text)
    assert list(folded.origin) == sorted(folded.origin)


def test_a_match_maps_back_to_the_characters_typed() -> None:
    folded = fold_mapped("Oﬃce: Aïcha belt")  # 'ﬃ' is one character and folds to three
    start = folded.text.index("aicha")
    assert folded.span(start, start + len("aicha")) == "Aïcha"
    combining = fold_mapped(f"{AICHA_COMBINING} belt")
    assert combining.span(0, 5) == AICHA_COMBINING  # the diaeresis stays with its letter
    trailing = fold_mapped("Aicha\u0301!")  # an accent typed after the last letter
    assert trailing.span(0, 5) == "Aicha\u0301"
    ligature = fold_mapped("ﬁ")
    assert ligature.text == "fi" and not ligature.whole(1, 2) and ligature.whole(0, 2)


def test_smart_shows_the_vague_word_as_typed_with_typographic_apostrophes() -> None:
    folded = smart.fold("Hij zegt ’t niet")
    assert folded.text == "hij zegt 't niet"
    assert folded.span(9, 11) == "’t"


# ---- hide names ------------------------------------------------------------------------------

PEOPLE = [Person("Aïcha Benali", "moeder"), Person("Hüseyin Yılmaz", "vader")]


def test_every_way_of_writing_aicha_and_huseyin_is_masked() -> None:
    mask = mask_for(PEOPLE)
    for aicha in ("Aicha", "AÏCHA", "Aïcha", AICHA_COMBINING, "aïcha", "AICHA"):
        for huseyin in ("Huseyin", "Hüseyin", "HÜSEYIN", "Hu\u0308seyin"):
            hidden = mask.text(f"{aicha} belt {huseyin}.")
            assert hidden == "A. belt H.", (aicha, huseyin, hidden)
    assert mask.text("aicha benali en YILMAZ") == "A.B. en Y."
    assert mask.label("Aicha Benali") == "A.B. (moeder)"


def test_masking_replaces_the_original_text_where_folding_changes_its_length() -> None:
    """'ﬃ' and 'Ǆ' fold to several letters: what is around the name must stay as typed."""
    mask = NameMask([*PEOPLE, Person("Dženan Hodžić", "oom")])
    assert mask.text("Oﬃce: Aïcha belt") == "Oﬃce: A. belt"
    assert mask.text("Ǆenan en ﬁne Hüseyin; Soﬁe niet.") == "D. en ﬁne H.; Soﬁe niet."
    assert mask.text("DZENAN HODZIC belt") == "D.H. belt"
    assert mask.text(f"Naar {AICHA_COMBINING}.") == "Naar A."  # one full stop, not 'A..'


def test_a_ligature_that_only_partly_matches_a_name_is_left_alone() -> None:
    """'ﬁ' folds to 'fi'; a person called 'Fi' must not swallow half of that character."""
    mask = NameMask([Person("Ab Fi")])
    assert mask.text("aﬁ ﬁ fi") == "aﬁ F. F."


def test_ordinary_words_stay_accent_insensitive_but_need_their_capital() -> None:
    mask = NameMask([Person("Joke Bäkker", "oma")])
    assert mask.text("De bakker bezorgt, Bakker en BÄKKER niet.") == (
        "De bakker bezorgt, B. en B. niet."
    )
    assert mask.text("Joke  Bäkker\nbelt") == "J.B.\nbelt"
    assert mask.text("Joke Bäkker belt") == "J.B. belt"


def test_a_name_that_folds_to_nothing_masks_nothing() -> None:
    assert NameMask([Person("\u0301\u0301")]).text("Aïcha belt") == "Aïcha belt"


# ---- replacing what the fold finds -----------------------------------------------------------


def test_sub_folded_replaces_each_spelling_as_typed_and_leaves_the_rest() -> None:
    labels = folded_words(["juf Anja (groep 7)", "Hüseyin"])
    assert labels is not None
    text = "JUF ÄNJA  (groep 7) en juf Anja (Groep 7); Huseyin, Hu\u0308seyins, Oﬃce."
    assert sub_folded(labels, lambda span: f"<{span}>", text) == (
        "<JUF ÄNJA  (groep 7)> en <juf Anja (Groep 7)>; <Huseyin>, Hu\u0308seyins, Oﬃce."
    )
    prefix = folded_words(["Anja"], whole_end=False)
    assert prefix is not None and sub_folded(prefix, lambda _s: "X", "Änjas en anja") == "Xs en X"
    assert folded_words(["", " \u0301 "]) is None  # nothing to find: no pattern matching everywhere
