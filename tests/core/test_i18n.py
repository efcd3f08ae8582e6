"""The Dutch catalogue: every string the user can see is translated, and what runs is up to date.

The strings are extracted from the sources the same way `make i18n` (scripts/i18n.py) does:
the files babel.cfg names, keywords `_`, `N_` and `ngettext`. A failure lists what to fix; the
usual cure is `make i18n`, then filling in the empty msgstr lines in the .po.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from jeugdtool import i18n

ROOT = Path(__file__).parents[2]
PO = ROOT / "resources" / "locale" / "nl" / "LC_MESSAGES" / "jeugdtool.po"
MO = PO.with_suffix(".mo")
#: The functions a msgid is marked with in Python code.
MARKERS = {"_", "N_", "ngettext"}
#: A `%(name)s` placeholder of the templates' msgids (jinja2 fills them in), and a `%%`.
PERCENT = re.compile(r"%\((\w+)\)s|%%")
#: reportlab Paragraph markup in a template's msgid (`<b>…</b>`): a translation keeps it.
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
CURE = "Run `make i18n`, then fill in the msgstr lines in resources/locale/nl/LC_MESSAGES/."

# gettext's key for a message: the singular msgid, prefixed by "context\x04" if it has one.
Key = tuple[str | None, str]


@dataclass
class SourceMessage:
    ids: tuple[str, ...]  # (msgid,) or (singular, plural)
    places: list[str] = field(default_factory=list)  # "jeugdtool/x.py:12"


def _i18n_script() -> ModuleType:
    """scripts/i18n.py, whose extraction (keywords, folders, babel.cfg) is the one to test."""
    spec = importlib.util.spec_from_file_location(
        "jeugdtool_i18n_script", ROOT / "scripts" / "i18n.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract() -> dict[Key, SourceMessage]:
    found: dict[Key, SourceMessage] = {}
    for filename, lineno, message, _comments, context in _i18n_script().extract():
        ids = (message,) if isinstance(message, str) else tuple(message)
        entry = found.setdefault((context, ids[0]), SourceMessage(ids))
        if len(ids) > len(entry.ids):
            entry.ids = ids  # the same singular also used with a plural: the plural entry wins
        entry.places.append(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def source() -> dict[Key, SourceMessage]:
    return _extract()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f)


def _entries(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def _ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(s or "" for s in message.string or ())


def _is_translated(message: Message) -> bool:
    """What gettext will use: not fuzzy, every plural form filled in."""
    strings = _strings(message)
    return not message.fuzzy and bool(strings) and all(strings)


def _show(message_ids: tuple[str, ...], context: str | None = None) -> str:
    shown = " / ".join(repr(i) for i in message_ids)
    return f"[{context}] {shown}" if context else shown


def _gettext_key(context: str | None, msgid: str) -> str:
    return f"{context}\x04{msgid}" if context else msgid


def _place_order(message: SourceMessage) -> tuple[str, int]:
    filename, _, line = message.places[0].rpartition(":")
    return filename, int(line)


def _location(message: Message) -> str:
    return ", ".join(f"{f}:{n}" if n else f for f, n in message.locations) or "no location"


# ---------------------------------------------------------------------------- the .po itself


def test_po_header_declares_dutch_with_two_plural_forms(catalog: Catalog) -> None:
    assert str(catalog.locale) == "nl"
    assert catalog.num_plurals == 2
    assert catalog.plural_expr.replace(" ", "") == "(n!=1)"
    assert catalog.charset.lower() == "utf-8"


def _duplicate_keys(po_text: str) -> list[str]:
    """Keys defined twice in the .po (Babel keeps the last one silently; msgfmt refuses)."""
    keys: list[tuple[str | None, str]] = []
    context: str | None = None
    reading: str | None = None  # the keyword whose string is being read ("msgid", "msgctxt")
    parts: list[str] = []

    def finish() -> None:
        nonlocal context
        if reading == "msgctxt":
            context = "".join(parts)
        elif reading == "msgid":
            keys.append((context, "".join(parts)))
            context = None

    for raw in po_text.splitlines():
        line = raw.strip()
        if line.startswith('"'):  # a string continued on the next line
            parts.append(ast.literal_eval(line))
            continue
        finish()
        keyword, _, rest = line.partition(" ")
        reading = keyword if keyword in ("msgctxt", "msgid") else None
        parts = [ast.literal_eval(rest)] if reading else []
    finish()
    seen: set[tuple[str | None, str]] = set()
    duplicates = []
    for key in keys:
        if key in seen:
            duplicates.append(_show((key[1],), key[0]))
        seen.add(key)
    return duplicates


def test_po_defines_each_msgid_once() -> None:
    duplicates = _duplicate_keys(PO.read_text(encoding="utf-8"))
    assert not duplicates, "Defined more than once in the .po (keep one):\n" + "\n".join(duplicates)


# ---------------------------------------------------------------------------- (a) complete


def test_every_source_string_has_a_dutch_translation(
    source: dict[Key, SourceMessage], catalog: Catalog
) -> None:
    problems = []
    for (context, msgid), wanted in sorted(source.items(), key=lambda kv: _place_order(kv[1])):
        entry = catalog.get(msgid, context=context)
        if entry is None:
            why = "not in the .po"
        elif _ids(entry) != wanted.ids:
            why = f"the .po has it as {_show(_ids(entry))}; plural form changed"
        elif entry.fuzzy:
            why = "fuzzy: check the translation, then remove the fuzzy flag"
        elif not _is_translated(entry):
            why = "empty msgstr"
        else:
            continue
        problems.append(f"{', '.join(wanted.places)}: {_show(wanted.ids, context)}: {why}")
    assert not problems, f"{len(problems)} untranslated string(s). {CURE}\n" + "\n".join(problems)


# ---------------------------------------------------------------------------- (b) .mo is current


def _compiled_forms(catalog: Catalog) -> tuple[dict[object, str], dict[object, str]]:
    """What a correct .mo holds for this .po, as gettext keys it: the translated entries, and
    the English each key would fall back to (a compiler may store that for an untranslated
    plural form, which shows the same as leaving it out)."""
    translated: dict[object, str] = {}
    english: dict[object, str] = {}
    for message in _entries(catalog):
        key = _gettext_key(message.context, _ids(message)[0])
        if message.pluralizable:
            forms = _strings(message) or ("",) * catalog.num_plurals
            ids = _ids(message)
            for index, text in enumerate(forms):
                english[(key, index)] = ids[min(index, 1)]
                if _is_translated(message):
                    translated[(key, index)] = text
        else:
            english[key] = message.id
            if _is_translated(message):
                translated[key] = _strings(message)[0]
    return translated, english


def test_compiled_mo_matches_the_po(catalog: Catalog) -> None:
    assert MO.exists(), f"{MO.relative_to(ROOT)} is missing. Run `make i18n`."
    compiled = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    info = compiled.info()
    assert info.get("language") == "nl"
    assert info.get("plural-forms", "").replace(" ", "") == catalog.plural_forms.replace(" ", "")
    assert compiled.ngettext("a", "b", 1) == "a" and compiled.ngettext("a", "b", 2) == "b"

    actual = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    expected, english = _compiled_forms(catalog)
    problems = []
    for key in sorted(expected.keys() | actual.keys(), key=repr):
        if key not in actual:
            problems.append(f"missing from the .mo: {key!r}")
        elif key not in expected:
            if actual[key] != english.get(key):
                problems.append(f"in the .mo but not translated in the .po: {key!r}")
        elif actual[key] != expected[key]:
            problems.append(f"{key!r}: .mo has {actual[key]!r}, .po has {expected[key]!r}")
    assert not problems, "The compiled .mo is out of date. Run `make i18n`.\n" + "\n".join(problems)


# ---------------------------------------------------------------------------- (c) placeholders


def _placeholders(text: str) -> tuple[frozenset[str], int]:
    """The named str.format fields (with conversion and spec) and the number of bare `{}`, and
    the template's `%(name)s` fields."""
    named: set[str] = {f"%({m})s" if m else "%%" for m in PERCENT.findall(text)}
    bare = 0
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name == "":
            bare += 1
            continue
        conversion = f"!{conversion}" if conversion else ""
        spec = f":{spec}" if spec else ""
        named.add(f"{{{name}{conversion}{spec}}}")
    return frozenset(named), bare


def _describe(placeholders: tuple[frozenset[str], int]) -> str:
    named, bare = placeholders
    return ", ".join([*sorted(named), *(["{}"] * bare)]) or "none"


def test_translations_keep_the_placeholders(catalog: Catalog) -> None:
    problems = []
    for message in _entries(catalog):
        ids = _ids(message)
        for index, text in enumerate(_strings(message)):
            if not text:
                continue
            source_text = ids[min(index, len(ids) - 1)]
            try:
                wanted = _placeholders(source_text)
            except ValueError:
                continue  # the English is not a format string, so nothing is filled in
            try:
                got = _placeholders(text)
            except ValueError as error:
                problems.append(f"{_location(message)}: {text!r}: braces do not parse ({error})")
                continue
            if got != wanted:
                problems.append(
                    f"{_location(message)}: {source_text!r} has {_describe(wanted)}, "
                    f"but msgstr[{index}] {text!r} has {_describe(got)}"
                )
    assert not problems, "Dutch placeholders differ from the English:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------- (d) it is used


@pytest.fixture
def restore_language() -> Iterator[None]:
    previous = i18n.current_language()
    yield
    i18n.set_language(previous)


def test_set_language_switches_between_english_and_dutch(
    catalog: Catalog, restore_language: None
) -> None:
    translated = [m for m in _entries(catalog) if _is_translated(m) and not m.context]
    singular = [m for m in translated if not m.pluralizable]
    if not singular:
        pytest.skip("the Dutch catalogue has no translated entries yet")
    # Prefer an entry whose Dutch differs from the English, so the test can tell them apart.
    message = next((m for m in singular if m.string != m.id), singular[0])

    i18n.set_language("en")
    assert i18n._(message.id) == message.id
    i18n.set_language("nl")
    assert i18n._(message.id) == message.string

    plural = next((m for m in translated if m.pluralizable), None)
    if plural is not None:
        one, many = _ids(plural)
        assert i18n.ngettext(one, many, 1) == _strings(plural)[0]
        assert i18n.ngettext(one, many, 3) == _strings(plural)[1]
        i18n.set_language("en")
        assert i18n.ngettext(one, many, 3) == many


# ---------------------------------------------------------------------------- (e) no leftovers


def test_po_has_no_obsolete_entries(source: dict[Key, SourceMessage], catalog: Catalog) -> None:
    obsolete = [
        f"{_location(m)}: {_show(_ids(m), m.context)}"
        for m in _entries(catalog)
        if (m.context, _ids(m)[0]) not in source
    ]
    obsolete += [f"#~ {_show(_ids(m), m.context)}" for m in catalog.obsolete.values()]
    assert not obsolete, (
        "In the .po but no longer in the source; remove them (`make i18n` does):\n"
        + "\n".join(obsolete)
    )


# ---------------------------------------------------------------------------- (f) markup kept


def test_translations_keep_the_templates_markup(catalog: Catalog) -> None:
    problems = []
    for message in _entries(catalog):
        ids = _ids(message)
        for index, text in enumerate(_strings(message)):
            source_text = ids[min(index, len(ids) - 1)]
            if text and sorted(TAG.findall(text)) != sorted(TAG.findall(source_text)):
                problems.append(f"{_location(message)}: {source_text!r} -> {text!r}")
    assert not problems, "A translation lost or added markup (<b>, <br/>, <font>):\n" + "\n".join(
        problems
    )


# ---------------------------------------------------------------------------- (g) extractable


def _marked_in_f_strings(tree: ast.AST) -> Iterator[int]:
    """Lines of `_("…")`, `N_("…")` or `ngettext("…", …)` calls inside an f-string's `{…}`:
    Babel on Python 3.11 does not extract them (3.12 does), so their text would show in English
    on one and in Dutch on the other. (`_(name)` of a constant marked elsewhere is no msgid.)"""
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id in MARKERS
                and any(isinstance(a, ast.Constant) for a in inner.args)
            ):
                yield inner.lineno


def test_no_translated_string_is_marked_inside_an_f_string() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "jeugdtool").rglob("*.py"))
        for line in _marked_in_f_strings(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, (
        'Mark the string outside the f-string (`label = _("...")`, then use `{label}`):\n'
        + "\n".join(found)
    )


def test_the_f_string_check_finds_a_marked_string() -> None:
    source = (
        "x = f\"{_('Name')}: {n}\"\n"
        "y = f\"{n} {ngettext('day', 'days', n)}\"\n"
        'z = f"{_(kind)}" + _(f"{n}")\n'
    )
    assert sorted(_marked_in_f_strings(ast.parse(source))) == [1, 2]
