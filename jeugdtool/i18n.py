"""Translation for the whole program: gettext, shared by the core, the CLI, the PDFs and the UI.

Source strings are English and marked with `_()` (translated now) or `N_()` (marked, translated
where shown). Dutch is the default language; the catalogue lives in `resources/locale/`.
"""

from __future__ import annotations

import enum
import gettext as _gettext
from functools import cache

from jeugdtool import resources

DOMAIN = "jeugdtool"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` ("nl" or "en")."""
    global _translation, _language
    _translation = translations(language)
    _language = language


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of `language` ("en": the English source strings themselves). The PDFs use
    it to write a document in a language other than the window's."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, localedir=str(resources.path("locale")), languages=[language]
    )


def current_language() -> str:
    return _language


def known_language(language: str | None = None) -> str:
    """`language`, else the program's; one jeugdtool has no texts in falls back to the default
    (the shipped data files carry every text in each of `LANGUAGES`)."""
    language = language or _language
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet (e.g. in constants)."""
    return message


#: The decimal separator of each language ("8,5 MB" in Dutch, "8.5 MB" in English).
DECIMAL_SEPARATOR = {"nl": ",", "en": "."}
MEGABYTE = 1024 * 1024


def format_number(value: float, decimals: int = 1, language: str | None = None) -> str:
    """`value` rounded to `decimals` places, as the language writes it: "8,5" in Dutch and
    "8.5" in English; a whole number without decimals ("8", not "8,0"). Every message that
    prints a size or an amount with a fraction formats it here."""
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return str(int(rounded))
    text = f"{rounded:.{decimals}f}".rstrip("0")
    return text.replace(".", DECIMAL_SEPARATOR[known_language(language)])


def format_megabytes(size: int, language: str | None = None) -> str:
    """A size in bytes as megabytes, one decimal at most ("8,5"; the message says "MB")."""
    return format_number(size / MEGABYTE, 1, language)


class LabelledEnum(enum.StrEnum):
    """A StrEnum whose members carry an English label marked for translation:
    `MEMBER = "value", N_("Label")`; `.label` is it in the current language."""

    label_source: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label_source = label
        return obj

    @property
    def label(self) -> str:
        return _(self.label_source)


set_language(DEFAULT_LANGUAGE)
