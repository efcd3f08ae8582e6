"""The compare dialog's texts all reach the catalogue: each one shown is a msgid the extractor
finds (a `_()` inside an f-string is not found, and stayed English in Dutch)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace as NS

from babel.messages.extract import extract_from_file

from jeugdtool.framework.plan_finalise import Change
from jeugdtool.framework.plan_finalise import FieldChange
from jeugdtool.framework.plan_finalise import PartyChange

from jeugdtool.ui.plan import compare_dialog


def _comparison() -> NS:
    agreement = NS(what="Opa haalt Daan elke dinsdag op")
    field = FieldChange("when", "Wanneer", "dinsdag", "woensdag")
    parties = tuple(
        PartyChange(kind, "Marga", None, None)
        for kind in (Change.ADDED, Change.REMOVED, Change.CHANGED)
    )
    return NS(
        older=NS(number=2),
        newer=NS(number=3),
        has_changes=True,
        sections=(FieldChange("next_review_on", "Volgende evaluatie", None, "1 maart"),),
        agreements=(
            NS(kind=Change.ADDED, before=None, after=agreement, fields=(), parties=()),
            NS(kind=Change.REMOVED, before=agreement, after=None, fields=(), parties=()),
            NS(
                kind=Change.CHANGED,
                before=agreement,
                after=agreement,
                fields=(field,),
                parties=parties,
            ),
        ),
    )


def test_every_text_of_the_comparison_is_a_msgid_the_catalogue_has(monkeypatch):
    shown: list[str] = []

    def marked(message: str) -> str:
        shown.append(message)
        return f"«{message}»"

    monkeypatch.setattr(compare_dialog, "_", marked)
    html = compare_dialog.comparison_html(_comparison())
    source = Path(compare_dialog.__file__)
    extracted = {
        msgid
        for _line, msgid, _comments, _context in extract_from_file(
            "python", str(source), keywords={"_": None}
        )
    }
    assert set(shown) <= extracted, set(shown) - extracted
    # Headings, markers and what happened to a person: none is left untranslated.
    for text in ("The plan", "Agreements", "New:", "Removed:", "Changed:", "now named"):
        assert f"«{text}»" in html
    words = re.sub(r"<[^>]+>|«[^»]*»", " ", html)
    assert not re.search(r"\b(added|removed|changed|New|Changed)\b", words)


def test_the_network_red_flags_and_served_statements_are_shown_in_words():
    ria = NS(source=NS(label="oma Ria"), sign="", role="")
    flag = NS(sign="Mark ruikt naar drank " * 8, source=None)
    serves = FieldChange("serves", "Draagt bij aan", ("abc",), ("abc", "def", "old"))
    comparison = NS(
        older=NS(number=1),
        newer=NS(number=2),
        has_changes=True,
        sections=(),
        agreements=(
            NS(
                kind=Change.CHANGED,
                before=NS(what="Opa haalt Daan op"),
                after=NS(what="Opa haalt Daan op"),
                fields=(serves,),
                parties=(),
            ),
        ),
        network=(NS(kind=Change.ADDED, before=None, after=ria, fields=()),),
        red_flags=(NS(kind=Change.REMOVED, before=flag, after=None, fields=()),),
    )
    labels = {"abc": "Gevaar 1: slaan", "def": "Veiligheidsdoel 1: rust"}
    html = compare_dialog.comparison_html(comparison, labels)
    assert "oma Ria" in html
    assert "Gevaar 1: slaan; Veiligheidsdoel 1: rust; " in html
    assert "old" not in html and "abc" not in html  # statement codes never shown
    shown_flag = re.search(r"<s>([^<]*)</s>", html.split("</h4>")[-1]).group(1)
    assert shown_flag.endswith("…") and "drank" in shown_flag
    assert flag.sign.startswith(shown_flag.removesuffix("…").rstrip())


def test_a_change_of_the_familys_own_goals_alone_is_shown():
    goal = NS(text="We eten elke avond samen aan tafel.")
    changed = FieldChange("text", "Doel", "We eten samen.", goal.text)
    comparison = NS(
        older=NS(number=1),
        newer=NS(number=2),
        has_changes=True,
        sections=(),
        agreements=(),
        family_goals=(
            NS(kind=Change.ADDED, before=None, after=goal, fields=()),
            NS(kind=Change.CHANGED, before=goal, after=goal, fields=(changed,)),
        ),
    )
    html = compare_dialog.comparison_html(comparison)
    assert "We eten elke avond samen aan tafel." in html
    assert "<s>We eten samen.</s>" in html
    assert html.index("<h4>") < html.index("We eten elke avond")  # under its own heading
