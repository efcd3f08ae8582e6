"""The manual in `resources/manual/`: its pages, which page belongs to which screen, and its checks.

Qt-free: the help window (ui/help_window.py) shows the pages; this module finds and checks them.
`resources/manual/pages.json` lists the pages (each `<id>.html` in every language folder), the
screens' topics (a widget's objectName or class name -> page) and how the manual writes keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jeugdtool import resources
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import _

HOME = "index"
KEYBOARD = "sneltoetsen"
#: Problems named in the start-up message (a missing folder would otherwise list every page).
MAX_SHOWN = 12


class ManualError(JeugdtoolError):
    """The manual's files are missing or inconsistent (a packaging or editing error)."""


@dataclass(frozen=True)
class Manual:
    """The checked contents of `pages.json`."""

    #: Page ids in reading order; every page is `<id>.html` in each language folder.
    pages: tuple[str, ...]
    #: Screen (widget objectName or class name) -> page id.
    topics: dict[str, str]
    #: Per language: how a key named in Qt's portable text is written ("Right" -> "→").
    key_names: dict[str, dict[str, str]]

    def topic(self, names: Iterable[str]) -> str | None:
        """The page of the first of `names` (a widget and its ancestors) that has one."""
        return next((self.topics[n] for n in names if n in self.topics), None)

    def key_label(self, portable: str, language: str) -> str:
        """A shortcut as the manual writes it: "Alt+Up" -> "Alt+↑" in Dutch."""
        names = self.key_names.get(language, {})
        parts = portable.split("+") if portable != "+" else ["+"]
        return "+".join(names.get(part, part) for part in parts)


def folder(language: str) -> Path:
    """The folder of the manual in `language`."""
    return resources.path("manual", language)


def page_path(page: str, language: str) -> Path:
    return folder(language) / f"{page}.html"


@cache
def load() -> Manual:
    """The manual's index, read and checked once; raise `ManualError` naming its problems."""
    index = ("manual", "pages.json")
    document = resources.load_shipped_json(
        index, ManualError, _("The manual's index {path} cannot be read: {reason}")
    )
    problems = _index_problems(document)
    if not problems:
        manual = Manual(
            tuple(document["pages"]), dict(document["topics"]), dict(document["key_names"])
        )
        problems = check_pages(manual)
    resources.refuse_damaged(
        problems[:MAX_SHOWN] + (["…"] if len(problems) > MAX_SHOWN else []),
        ManualError,
        _("The manual in {path} is damaged; reinstall jeugdtool."),
        resources.path(*index).parent,
    )
    return manual


def _index_problems(document: Any) -> list[str]:
    """The shape of pages.json: a small schema, checked by hand (no jsonschema at start-up)."""
    if not isinstance(document, dict):
        return ["pages.json: not an object"]
    problems = []
    pages = document.get("pages")
    if not isinstance(pages, list) or not all(isinstance(p, str) and p for p in pages):
        problems.append("pages: a list of page ids is expected")
    elif len(set(pages)) != len(pages) or HOME not in pages or KEYBOARD not in pages:
        problems.append(f"pages: ids must be unique and include '{HOME}' and '{KEYBOARD}'")
    topics = document.get("topics")
    if not isinstance(topics, dict) or not all(isinstance(v, str) for v in topics.values()):
        problems.append("topics: an object of screen -> page id is expected")
    names = document.get("key_names")
    if not isinstance(names, dict) or not all(isinstance(v, dict) for v in names.values()):
        problems.append("key_names: an object of language -> {key: label} is expected")
    return problems


def check_pages(manual: Manual) -> list[str]:
    """Every listed page exists in every language, no page is unlisted, every topic names a
    page, and every link between pages (and to an anchor) resolves."""
    problems: list[str] = []
    for language in LANGUAGES:
        problems += _language_problems(manual, language)
    return problems


def _language_problems(manual: Manual, language: str) -> list[str]:
    base = folder(language)
    found = {p.stem for p in base.glob("*.html")} if base.is_dir() else set()
    problems = [f"{language}/{p}.html: missing" for p in manual.pages if p not in found]
    problems += [
        f"{language}/{p}.html: not listed in pages.json" for p in sorted(found - set(manual.pages))
    ]
    parsed = {p: parse(page_path(p, language)) for p in manual.pages if p in found}
    for page, html in parsed.items():
        if not html.title:
            problems.append(f"{language}/{page}.html: no <title>")
        for link in html.links:
            problem = _link_problem(link, page, parsed)
            if problem:
                problems.append(f"{language}/{page}.html: {problem}")
    for screen, topic in manual.topics.items():
        page, _hash, anchor = topic.partition("#")
        problem = _link_problem(f"{page}.html" + (f"#{anchor}" if anchor else ""), HOME, parsed)
        if problem:
            problems.append(f"topics: {screen} ({language}): {problem}")
    return problems


def _link_problem(link: str, page: str, parsed: dict[str, ParsedPage]) -> str | None:
    """Why an internal link does not resolve (None: it does, or it leaves the manual)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", link):  # https:, mailto:: not ours to check
        return None
    target, _hash, anchor = link.partition("#")
    target_page = target.removesuffix(".html") if target else page
    if target and not target.endswith(".html"):
        return f"link '{link}' is not to a page"
    if target_page not in parsed:
        return f"link '{link}' leads to no page"
    if anchor and anchor not in parsed[target_page].anchors:
        return f"link '{link}' leads to no anchor"
    return None


@dataclass
class ParsedPage:
    """What the checks and tests read from one page."""

    title: str = ""
    links: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = ParsedPage()
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        for name in ("id", "name"):
            if values.get(name):
                self.page.anchors.add(values[name])
        if tag in ("title", "kbd"):
            self._in, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in == "title":
            self.page.title = "".join(self._text).strip()
        elif tag == self._in == "kbd":
            self.page.keys.append("".join(self._text).strip())
        if tag == self._in:
            self._in = None


def parse(file: Path) -> ParsedPage:
    """A page's title, links, anchors and the keys it names (`<kbd>`)."""
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.page


def keys_on_page(page: str, language: str) -> set[str]:
    """The text of every `<kbd>` on a page: the keys it documents."""
    return set(parse(page_path(page, language)).keys)


def language_of(current: str) -> str:
    """The manual's language for the program's language (every page exists in each)."""
    return current if current in LANGUAGES else LANGUAGES[0]
