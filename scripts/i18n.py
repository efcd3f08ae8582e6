"""Bring the Dutch catalogue up to date with the source: extract, update the .po, compile the .mo.

Run as `make i18n` (or `.venv/bin/python scripts/i18n.py`) from anywhere in the checkout.

1. Extracts every `_()`, `N_()` and `ngettext()` string, and the PDF templates' `{% trans %}`
   blocks, from the files `babel.cfg` names into `resources/locale/jeugdtool.pot`.
2. Updates `resources/locale/nl/LC_MESSAGES/jeugdtool.po`: keeps existing translations, adds new
   msgids with an empty msgstr (or a fuzzy guess from a similar old msgid, which counts as
   untranslated until a person removes the fuzzy flag), drops msgids no longer in the source,
   sorts by msgid.
3. Compiles `jeugdtool.mo` next to it, leaving out untranslated and fuzzy entries (gettext then
   falls back to the English source string).

The output depends only on the source and the old .po: the POT-Creation-Date is fixed, line
numbers are left out of the locations (so moving code does not rewrite the catalogue) and the
Babel version is not written into the header.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tomllib
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path

from babel.messages import frontend
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "jeugdtool"
LOCALE_DIR = ROOT / "resources" / "locale"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGES = ("nl",)
#: The templates' `{% trans %}` blocks come out of the jinja2 extractor as gettext, ngettext
#: and (`{% trans "context" %}`) pgettext calls.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("TRANSLATORS:",)
# A fixed date so that re-running the script changes nothing unless the messages change.
CREATION_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
HEADER_COMMENT = (
    "# Dutch translation of jeugdtool.\n"
    "# Copyright (C) the jeugdtool developers; licensed under the EUPL-1.2, like the program.\n"
    "#\n"
    "# Update with `make i18n`; every msgid needs a msgstr (tests/core/test_i18n.py)."
)
_LEFT_OUT_HEADERS = {"Generated-By", "Report-Msgid-Bugs-To"}


class StableCatalog(Catalog):
    """A Catalog whose header does not name the Babel version that wrote it (nor a placeholder
    bug address), so its output is the same whichever Babel a developer has."""

    @property  # type: ignore[override]
    def mime_headers(self) -> list[tuple[str, str]]:
        headers = [
            (name, value.rstrip("\n"))
            for name, value in Catalog.mime_headers.fget(self)  # type: ignore[attr-defined]
            if name not in _LEFT_OUT_HEADERS
        ]
        # Every header line ends in a newline; Babel puts it on its last one, Generated-By.
        name, value = headers[-1]
        return [*headers[:-1], (name, value + "\n")]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    # parse_mapping_cfg is Babel >= 2.14's name; parse_mapping the older, deprecated one.
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        return parse(f)


def _keep_directory(dirpath: str) -> bool:
    # Babel's default filter also skips folders starting with "_", which would hide private
    # subpackages; skip only hidden folders and caches.
    name = Path(dirpath).name
    return not (name.startswith(".") or name == "__pycache__")


def extract() -> Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    """(file, line, message, translator comments, context) for every marked string."""
    method_map, options_map = _mapping()
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=_keep_directory,
    ):
        yield Path(filename).as_posix(), lineno, message, comments, context


def _new_catalog(locale: str | None) -> StableCatalog:
    return StableCatalog(
        locale=locale,
        domain=DOMAIN,
        project=DOMAIN,
        version=project_version(),
        creation_date=CREATION_DATE,
        revision_date=CREATION_DATE,
        last_translator="jeugdtool developers",
        language_team="Dutch" if locale == "nl" else "LANGUAGE <LL@li.org>",
        header_comment=HEADER_COMMENT,
        fuzzy=False,
    )


def build_template() -> StableCatalog:
    template = _new_catalog(None)
    for filename, lineno, message, comments, context in extract():
        template.add(
            message,
            None,
            locations=[(filename, lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read_catalog(path: Path, locale: str) -> StableCatalog:
    catalog = _new_catalog(locale)
    if path.exists():
        with path.open("rb") as f:
            PoFileParser(catalog, ignore_obsolete=True).parse(f)
        # The header written below is ours, whatever an editor put there.
        catalog.project, catalog.version = DOMAIN, project_version()
        catalog.header_comment = HEADER_COMMENT
        catalog.fuzzy = False
        # Babel 2.18 reads the "#| msgid" lines of fuzzy entries (the previous source text) back
        # as translator comments, which would pile up run after run; they are not comments.
        for message in catalog:
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


def is_translated(message: Message) -> bool:
    """True when gettext should use the msgstr: not fuzzy, and every plural form filled in."""
    if not message.id or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings)


def po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=100,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=not template,
        include_lineno=False,
    )
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalogue, without untranslated or fuzzy entries.

    Babel would compile a plural entry whose msgstr[n] are partly empty with the English for
    the empty forms, mixing languages in one message; leave such an entry out altogether.
    """
    compiled = _new_catalog(str(catalog.locale))
    compiled.mime_headers = catalog.mime_headers
    for message in catalog:
        if is_translated(message):
            compiled[message.id] = message.clone()
    buf = io.BytesIO()
    write_mo(buf, compiled)
    return buf.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main() -> int:
    template = build_template()
    changed = [POT] if _write_if_changed(POT, po_bytes(template, template=True)) else []
    untranslated_total = 0
    for language in LANGUAGES:
        po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalog = read_catalog(po_path, language)
        before = {m.id for m in catalog if m.id}
        catalog.update(template, update_header_comment=False, keep_user_comments=True)
        catalog.creation_date = CREATION_DATE
        after = {m.id for m in catalog if m.id}
        if _write_if_changed(po_path, po_bytes(catalog)):
            changed.append(po_path)
        if _write_if_changed(po_path.with_suffix(".mo"), mo_bytes(catalog)):
            changed.append(po_path.with_suffix(".mo"))
        untranslated = [m for m in catalog if m.id and not is_translated(m)]
        untranslated_total += len(untranslated)
        print(
            f"{language}: {len(after)} messages, {len(after - before)} new, "
            f"{len(before - after)} obsolete removed, {len(untranslated)} untranslated or fuzzy"
        )
        for message in untranslated:
            where = ", ".join(f"{f}:{n}" if n else f for f, n in message.locations)
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            state = "fuzzy" if message.fuzzy else "untranslated"
            print(f"  {state}: {msgid!r} ({where})")
    for path in changed:
        print(f"wrote {path.relative_to(ROOT)}")
    if not changed:
        print("catalogue already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
