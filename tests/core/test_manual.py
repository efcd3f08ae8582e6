"""The manual: every page in both languages, links that resolve, a true keyboard map, checks."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugdtool import manual
from jeugdtool import resources
from jeugdtool.i18n import LANGUAGES

UI = Path(manual.__file__).resolve().parent / "ui"

#: What the issue asks the manual to explain, by page (the screens and the method).
REQUIRED_PAGES = {
    "index", "methode", "casussen", "overzicht", "in-kaart-brengen", "gevaar-en-doelen",
    "schaalscores", "veiligheidsplan", "zrm", "geschiedenis", "verstrekkingen", "besprekingen",
    "sneltoetsen", "privacy", "problemen", "resultaten", "hulp", "afsluiten", "journaal",
    "meldcode", "verwijsindex", "netwerkberaad", "stem-van-het-kind",
}  # fmt: skip
#: How Qt's StandardKey shortcuts in our code read on this platform (their first binding).
STANDARD_KEYS = {
    "New": "Ctrl+N", "Save": "Ctrl+S", "Undo": "Ctrl+Z", "Redo": "Ctrl+Shift+Z",
    "Find": "Ctrl+F", "Close": "Ctrl+W", "Delete": "Del", "HelpContents": "F1",
}  # fmt: skip
#: A string literal that is a key sequence: modifiers with any key, or a named key alone.
KEY_LITERAL = re.compile(
    r'"((?:(?:Ctrl|Alt|Shift|Meta)\+)+(?:F\d{1,2}|[A-Z0-9?]|[A-Z][a-z]+)'
    r'|F\d{1,2}|Return|Enter|Esc|Del|Ins|PgUp|PgDown|Home|End|Space|Tab)"'
)


@pytest.fixture
def fresh() -> Iterator[None]:
    manual.load.cache_clear()
    yield
    manual.load.cache_clear()


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> Path:
    """A copy of the shipped resources that a test may break; resources read from it."""
    root = tmp_path / "resources"
    shutil.copytree(resources.root() / "manual", root / "manual")
    monkeypatch.setattr(resources, "root", lambda: root)
    return root / "manual"


def problems_of(fresh_load: type[Exception] = manual.ManualError) -> str:
    with pytest.raises(fresh_load) as raised:
        manual.load()
    return str(raised.value)


def test_the_shipped_manual_passes_its_check_and_has_every_page_in_both_languages(fresh):
    found = manual.load()
    assert set(found.pages) == REQUIRED_PAGES
    for language in LANGUAGES:
        for page in found.pages:
            assert manual.parse(manual.page_path(page, language)).title, (language, page)


def test_every_screen_topic_leads_to_a_page_with_that_anchor_in_both_languages(fresh):
    found = manual.load()
    for topic in found.topics.values():
        page, _hash, anchor = topic.partition("#")
        for language in LANGUAGES:
            parsed = manual.parse(manual.page_path(page, language))
            assert not anchor or anchor in parsed.anchors, (language, topic)


def test_the_main_screens_have_their_own_page(fresh):
    topics = manual.load().topics
    screens = {
        "CaseListPage": "casussen", "OverviewPage": "overzicht",
        "FrameworkArea": "in-kaart-brengen", "StatementsPage": "gevaar-en-doelen",
        "ScalePage": "schaalscores", "PlanPage": "veiligheidsplan", "ZrmPage": "zrm",
        "HistoryPage": "geschiedenis", "DisclosuresPage": "verstrekkingen",
        "MeetingsWindow": "besprekingen", "HelpPage": "hulp", "JournalPage": "journaal",
        "MeldcodePage": "meldcode", "VeiligThuisTab": "meldcode",
        "VerwijsindexTab": "verwijsindex", "ChildVoicePage": "stem-van-het-kind",
    }  # fmt: skip
    assert {s: topics[s].partition("#")[0] for s in screens} == screens


def test_a_page_missing_in_one_language_is_named(copy: Path):
    (copy / "en" / "zrm.html").unlink()
    assert "en/zrm.html: missing" in problems_of()


def test_a_broken_link_and_a_broken_anchor_are_named(copy: Path):
    page = copy / "nl" / "zrm.html"
    text = page.read_text(encoding="utf-8")
    text = text.replace('href="methode.html#zrm"', 'href="methode.html#nergens"')
    page.write_text(text.replace("</body>", '<a href="weg.html">x</a></body>'), encoding="utf-8")
    message = problems_of()
    assert "nl/zrm.html: link 'methode.html#nergens' leads to no anchor" in message
    assert "nl/zrm.html: link 'weg.html' leads to no page" in message


def test_an_unlisted_page_and_a_topic_without_its_page_are_named(copy: Path):
    (copy / "nl" / "extra.html").write_text("<title>x</title>", encoding="utf-8")
    index = copy / "pages.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace('"zrm#matrices"', '"zrm#licenties"'),
        encoding="utf-8",
    )
    message = problems_of()
    assert "nl/extra.html: not listed in pages.json" in message
    assert "topics: ZrmLibraryDialog (nl): link 'zrm.html#licenties' leads to no anchor" in message


def test_a_broken_index_is_refused_with_its_place(copy: Path):
    (copy / "pages.json").write_text('{"pages": "index"}', encoding="utf-8")
    message = problems_of()
    assert "pages: a list of page ids is expected" in message
    assert str(copy) in message


def test_topics_take_the_nearest_named_screen(fresh):
    found = manual.load()
    assert found.topic(["QLineEdit", "ScoreDialog", "ScalePage"]) == "schaalscores"
    assert found.topic(["QLineEdit", "QWidget"]) is None


def test_keys_are_written_the_dutch_way():
    found = manual.load()
    assert found.key_label("Alt+Up", "nl") == "Alt+↑"
    assert found.key_label("Ctrl+Return", "nl") == "Ctrl+Enter"
    assert found.key_label("Shift+Space", "nl") == "Shift+Spatie"
    assert found.key_label("Shift+Space", "en") == "Shift+Space"


# ---- the keyboard map is true ------------------------------------------------------------------


def shortcuts_in(source: str) -> set[str]:
    """Key sequences written in a module: literals, and StandardKey names."""
    found = set(KEY_LITERAL.findall(source))
    found |= {STANDARD_KEYS[k] for k in re.findall(r"StandardKey\.(\w+)", source)}
    found |= {STANDARD_KEYS[k] for k in re.findall(r"\bKey\.(\w+)\b", source) if k in STANDARD_KEYS}
    return found


def test_the_scan_finds_what_the_main_window_defines():
    found = shortcuts_in((UI / "main_window.py").read_text(encoding="utf-8"))
    assert {"Ctrl+I", "Ctrl+Shift+L", "Ctrl+Shift+M", "Ctrl+N", "Ctrl+W", "F1"} <= found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keyboard_page_names_every_shortcut_of_the_program(language: str):
    """Every key sequence written anywhere in the UI is on the keyboard page (a new shortcut
    without a line there fails here; tests/ui/test_help_window.py checks the live windows and
    the presentation's key table)."""
    found = manual.load()
    written = manual.keys_on_page(manual.KEYBOARD, language)
    keys: set[str] = set()
    for module in UI.rglob("*.py"):
        keys |= shortcuts_in(module.read_text(encoding="utf-8"))
    missing = {k for k in keys if found.key_label(k, language) not in written}
    assert not missing, f"not on {language}/{manual.KEYBOARD}.html: {sorted(missing)}"
