"""The PDF templates hold layout only: every word they print comes from the gettext catalogue.

A template's words are `{% trans %}` blocks or `_()` calls; what is left outside them (tags,
punctuation, `·`, `—`, `▲`) must have no letter. Extraction (babel.cfg, `make i18n`) and the
runtime environment must see the same msgids, or a Dutch PDF would silently print English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.extract import extract_from_dir
from jinja2 import nodes

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import environment
from jeugdtool.zrm import compare
from jeugdtool.zrm.dto import FOCUS_ADVICE
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import DomainScore

ROOT = Path(__file__).parents[2]
TEMPLATES = sorted(resources.path("templates").glob("*.j2"))
DOCUMENTS = [p.stem for p in TEMPLATES if not p.stem.startswith("_")]
#: The functions whose first string arguments are msgids (jinja2's i18n extension).
GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
#: A reportlab Paragraph tag: layout, not words (attribute values included).
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
LETTER = re.compile(r"[^\W\d_]")
#: Nodes whose string is a template's file name (`{% from "_lists.j2" import and_list %}`).
_TEMPLATE_NAME = nodes.FromImport | nodes.Import | nodes.Include | nodes.Extends


def _strings_outside_gettext(node: nodes.Node, inside: bool = False) -> Iterator[nodes.Const]:
    """String constants that are not a gettext call's argument, a comparison operand (`role ==
    "parent"`), a dict key (`{"map": _("the three columns")}`) or a template's file name: they
    would print as they are."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and not inside:
        yield node
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        inside = inside or node.node.name in GETTEXT
    for field, child in node.iter_fields():
        children = child if isinstance(child, list) else [child]
        for item in children:
            if not isinstance(item, nodes.Node):
                continue
            skip = isinstance(node, nodes.Compare | nodes.Operand | _TEMPLATE_NAME) or (
                isinstance(node, nodes.Pair) and field == "key"
            )
            yield from _strings_outside_gettext(item, inside or skip)


def prose_outside_the_catalogue(source: str) -> list[str]:
    """What of `source` would print words the catalogue does not know."""
    tree = environment().parse(source)
    found = []
    for data in tree.find_all(nodes.TemplateData):
        text = TAG.sub("", data.data)
        if LETTER.search(text):
            found.append(f"line {data.lineno}: text {' '.join(text.split())!r}")
    for const in _strings_outside_gettext(tree):
        if LETTER.search(const.value):
            found.append(f"line {const.lineno}: string {const.value!r}")
    return found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_a_template_has_no_words_outside_the_catalogue(path: Path) -> None:
    found = prose_outside_the_catalogue(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{path.name} prints words that are not in the catalogue; put them in {{% trans %}}:\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% block a %}Vertrouwelijk{% endblock %}",
        "{% block a %}<b>Let op:</b> {% trans %}Note{% endtrans %}{% endblock %}",
        '{% block a %}{{ "cijfer" if n == 1 else "cijfers" }}{% endblock %}',
        '{% block a %}{% set names = {"map": "de drie kolommen"} %}{{ names.map }}{% endblock %}',
        "{% block a %}{{ x }} x{% endblock %}",
    ],
)
def test_the_check_finds_words_in_text_strings_and_dict_values(source: str) -> None:
    assert prose_outside_the_catalogue(source)


@pytest.mark.parametrize(
    "source",
    [
        "{% block a %}{% trans %}Confidential{% endtrans %}{% endblock %}",
        '{% block a %}{{ x }} <font size="10">({{ y }})</font> · — ▲ 1.{% endblock %}',
        '{% block a %}{% if role == "parent" %}{% trans %}parent{% endtrans %}{% endif %}'
        "{% endblock %}",
        '{% block a %}{% set n = {"map": _("the three columns")} %}{{ n[s] }}{% endblock %}',
        "{% block a %}{% trans count=n %}{{ count }} score{% pluralize %}{{ count }} scores"
        "{% endtrans %}{% endblock %}",
    ],
)
def test_the_check_lets_layout_and_marked_words_pass(source: str) -> None:
    assert prose_outside_the_catalogue(source) == []


@pytest.fixture
def restore_language() -> Iterator[None]:
    previous = i18n.current_language()
    yield
    i18n.set_language(previous)


def _babel_msgids() -> set[tuple[str | None, str]]:
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse(f)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    keywords["npgettext"] = ((1, "c"), 2, 3)
    found = set()
    for filename, _line, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=keywords
    ):
        if filename.endswith(".j2"):
            found.add((context, message if isinstance(message, str) else message[0]))
    return found


def _runtime_msgids() -> set[tuple[str | None, str]]:
    found = set()
    for path in TEMPLATES:
        source = path.read_text(encoding="utf-8")
        for _line, function, message in environment().extract_translations(source):
            strings = [message] if isinstance(message, str) else [m for m in message if m]
            context = strings.pop(0) if function in ("pgettext", "npgettext") else None
            found.add((context, strings[0]))
    return found


def test_extraction_sees_the_msgids_the_pdfs_look_up() -> None:
    runtime = _runtime_msgids()
    assert len(runtime) > 300
    assert _babel_msgids() == runtime


@pytest.mark.parametrize("window", ["nl", "en"])
def test_a_document_is_worded_in_its_own_language_whatever_the_window_speaks(
    window: str, restore_language: None
) -> None:
    i18n.set_language(window)
    for language in ("nl", "en"):
        texts = Texts("safety_plan", language)
        assert texts.plain("label_household") == i18n.translations(language).gettext("Household")
    assert Texts("safety_plan", "en").plain("label_household") == "Household"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_zrm_focus_advice_is_worded_once_for_the_screen_and_the_pdf(
    language: str, restore_language: None
) -> None:
    """The screen's message (`zrm.compare.advice`) is the PDF's, in either language."""
    msgid = (
        "{n} focus domains. The method advises depth over breadth: choose a few domains "
        "(at most {max}) and work on them thoroughly."
    )
    advice = i18n.translations(language).gettext(msgid).format(n=5, max=FOCUS_ADVICE)
    printed = Texts("zrm_summary", language).plain("advice_focus", n=5, max=FOCUS_ADVICE)
    assert printed.endswith(" " + advice)

    i18n.set_language(language)
    domains = tuple(DomainScore(code, level=3, focus=True, target_level=4) for code in "abcde")
    assessment = AssessmentDTO(
        1, 1, 1, "Zoë", dt.date(2026, 5, 1), "A", "m", "1", None, "", domains
    )
    [shown] = [a for a in compare.advice(assessment) if a.kind == "focus"]
    assert shown.message == advice
