"""Minimisation that holds: what a selection leaves out is also gone from the free text.

A selection can leave out contact details and the persons not involved in the agreements, but
people write addresses, phone numbers, e-mail addresses and names into free text too ("Waar:
Parkstraat 12/14", "Controleert: juf Anja"). This module finds them:

- `contact_spans`: Dutch street + house number (with additions: 12/14, 3a, 12-II), postcode
  ("1234 AB"), "Postbus 12", phone numbers (06-12345678, 0800-2000, +31 …, 020 123 4567) and
  e-mail addresses; `strip_contacts` replaces each with a short marker ("(adres weggelaten)").
- `Minimiser`: that, and the names of persons outside the selection masked with the program's
  name masker (`meetings.names`: initials, diacritics folded).
- `Findings`: what a minimiser will change, per item and field, naming the field but never the
  data ("Afspraak 3 — Waar: een adres wordt weggelaten"). The export dialog shows them before
  the export; the documents' select functions run the same minimiser over the same fields.

Pure functions: no session, no Qt, no reportlab.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from jeugdtool.folding import fold_key
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.names import PARTICLES
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import mask_for


class Kind(enum.StrEnum):
    """What minimisation takes out of free text."""

    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    NAME = "name"


#: The marker that replaces each kind of contact detail in the document (plain Dutch, B1).
MARKERS = {
    Kind.ADDRESS: N_("(address left out)"),
    Kind.PHONE: N_("(phone number left out)"),
    Kind.EMAIL: N_("(e-mail address left out)"),
}


@dataclass(frozen=True, order=True)
class Span:
    """One contact detail found in a text: `text[start:end]`."""

    start: int
    end: int
    kind: Kind


#: How a document's select function rewrites each free-text field: (item, field, text) -> the
#: text as printed. `item` and `field` say where the text is, in the reader's words.
Rewrite = Callable[[str, str, str], str]


# ---- the detector

#: The endings of Dutch street names ("Parkstraat", "Molenweg", "Wilgenhof", "Esdoornlaan").
_STREET_ENDINGS = (
    "straatweg",
    "straat",
    "steeg",
    "weg",
    "laan",
    "plein",
    "pleintje",
    "singel",
    "gracht",
    "kade",
    "dijk",
    "dreef",
    "pad",
    "hof",
    "park",
    "ring",
    "markt",
    "plantsoen",
    "baan",
    "wal",
    "dam",
    "boulevard",
    "erf",
    "veld",
    "akker",
    "hout",
    "zijde",
    "haven",
    "burg",
    "oord",
    "dwarsweg",
    "allee",
    "hage",
    "horst",
    "kamp",
    "hoeve",
    "tuin",
    "tuinen",
    "wijk",
    "zoom",
    "brink",
    "berg",
    "hoek",
    "wetering",
    "vaart",
    "diep",
    "lei",
    "donk",
    "rade",
    "stede",
    "voort",
    "esch",
    "es",
)
#: Street words that come first ("Laan van Meerdervoort 12", "Plein 1944 3" is not handled).
_STREET_WORDS = ("Laan", "Plein", "Kade", "Singel", "Dreef", "Straatweg", "Weg", "Hof", "Markt")
#: Little words inside street names ("Burgemeester de Withstraat", "Laan van Meerdervoort").
_PARTICLES = r"(?:van|de|der|den|het|'t|ter|ten|te|op|aan|in|bij|la|le|du)"
#: What follows a number that makes it a count or a time, not a house number ("3 keer").
_NOT_HOUSE = (
    r"(?:keer|maal|uur|u\b|min|minuten|kwartier|sec|seconden|dag|dagen|dagdelen|nacht|nachten|"
    r"week|weken|maand|maanden|jaar|jaren|euro|eur\b|km|kilometer|meter|m\b|kg|kilo|x\b|%|"
    r"procent|kinderen|kind|personen|mensen|glazen|glas|flessen|fles|stuks|punten|per\b)"
)
_LETTER = r"[^\W\d_]"
_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
#: The house number with its additions: 12, 12a, 12 A, 12/14, 12-14, 12-II, 12 bis, 12 hs.
_HOUSE_NUMBER = (
    r"\d{1,5}(?!\d)"
    r"(?:\s?[-/]\s?(?:\d{1,5}(?!\d)|[IVX]{1,4}(?!\w)|" + _LETTER + r"{1,2}(?!\w)))*"
    r"(?:" + _LETTER + r"(?!\w)|\s(?:bis|hs|bg|huis|boven|beneden|rood|zwart)(?!\w)"
    r"|\s[A-Z](?!\w)|\s?[-]?\s?[IVX]{1,4}(?!\w))?"
)
#: Capitalised words (with little words between them) before the street word itself.
_LEADING_WORDS = r"(?:" + _UPPER + r"[\w'’.]*\s+(?:" + _PARTICLES + r"\s+)*){0,3}"
_STREET = re.compile(
    r"(?<!\w)(?:"
    # "Burgemeester de Withstraat 7", "Parkstraat 12/14", "Molenweg 3"
    + _LEADING_WORDS
    + _UPPER
    + r"[\w'’-]*?"
    + r"(?:"
    + "|".join(_STREET_ENDINGS)
    + r")"
    + r"|"
    # "Laan van Meerdervoort 12"
    + r"(?:"
    + "|".join(_STREET_WORDS)
    + r")\s+(?:"
    + _PARTICLES
    + r"\s+)*"
    + _UPPER
    + r"[\w'’-]+"
    + r")"
    + r",?\s+"
    + _HOUSE_NUMBER
    + r"(?!\s*[.,:]?\d)"
    + r"(?!\s+"
    + _NOT_HOUSE
    + r")"
)
#: Lowercase street names too ("parkstraat 12"), but only with a clear street ending.
_STREET_LOWER = re.compile(
    r"(?<!\w)[a-zà-ÿ][a-zà-ÿ'’-]{2,}(?:straat|laan|gracht|singel|plein|steeg|kade|dreef)"
    r",?\s+" + _HOUSE_NUMBER + r"(?!\s*[.,:]?\d)(?!\s+" + _NOT_HOUSE + r")"
)
_POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])"
    r"(?:\s+" + _UPPER + r"[\w'’-]+(?:[\s-]" + _UPPER + r"[\w'’-]+)?)?"  # the town after it
)
_POSTBUS = re.compile(r"(?<!\w)[Pp]ostbus\s+\d{1,6}(?!\d)")
#: A Dutch number: ten digits from "0" (mobile and landline, any grouping), the free and paid
#: service numbers (0800/0900 + 4 or 7 digits), and +31 / 0031 with nine digits.
_PHONE_NL = re.compile(
    r"(?<![\w+])(?<!\d[\s.-])"
    r"(?:"
    r"(?:\+|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.\-)(]{0,2}\d){8}"
    r"|0[89]0\d[\s.-]?\d{2}[\s.-]?\d{2}(?:[\s.-]?\d{3})?"
    r"|\(?0\d(?:[\s.\-)(/]{0,2}\d){8}"
    r")"
    r"(?!-?\d)"
)
#: Other countries: "+32 2 123 45 67".
_PHONE_OTHER = re.compile(r"(?<![\w+])\+(?!31)\d{1,3}(?:[\s.-]?\(?\d+\)?){2,6}(?!\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?!\w)")
#: A date is not a phone number: "01-02-2026", "1/2/2026".
_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def _phone(match: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", match.group())
    if _DATE.match(match.group()):
        return False
    return len(digits) >= 7


def contact_spans(text: str) -> tuple[Span, ...]:
    """Every address, phone number and e-mail address in `text`, in order, not overlapping
    (an e-mail address before a phone number in it; an address and its postcode and town
    written together are one address)."""
    if not text:
        return ()
    found: list[Span] = []
    for pattern, kind in (
        (_EMAIL, Kind.EMAIL),
        (_STREET, Kind.ADDRESS),
        (_STREET_LOWER, Kind.ADDRESS),
        (_POSTCODE, Kind.ADDRESS),
        (_POSTBUS, Kind.ADDRESS),
        (_PHONE_NL, Kind.PHONE),
        (_PHONE_OTHER, Kind.PHONE),
    ):
        for match in pattern.finditer(text):
            if kind is Kind.PHONE and not _phone(match):
                continue
            span = Span(match.start(), match.end(), kind)
            if not any(s.start < span.end and span.start < s.end for s in found):
                found.append(span)
    return tuple(_joined(sorted(found), text))


def _joined(spans: list[Span], text: str) -> list[Span]:
    """Address parts separated by a comma or white space only become one address."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind is Kind.ADDRESS
            and span.kind is Kind.ADDRESS
            and not text[last.end : span.start].strip(" ,\n\t")
        ):
            out[-1] = Span(last.start, span.end, Kind.ADDRESS)
        else:
            out.append(span)
    return out


def marker(kind: Kind) -> str:
    return _(MARKERS[kind])


def strip_contacts(text: str) -> str:
    """`text` with every address, phone number and e-mail address replaced by its marker."""
    spans = contact_spans(text)
    if not spans:
        return text
    out: list[str] = []
    done = 0
    for span in spans:
        out += [text[done : span.start], marker(span.kind)]
        done = span.end
    out.append(text[done:])
    return "".join(out)


# ---- the minimiser

#: Where a name is cut into its parts (as the name masker cuts it).
_NAME_PARTS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Minimiser:
    """What one export takes out of free text: contact details (`contacts`), and the names
    `mask` knows (None: no names to shield)."""

    contacts: bool = False
    mask: NameMask | None = None

    @property
    def active(self) -> bool:
        return self.contacts or self.mask is not None

    def text(self, text: str) -> str:
        """`text` as the document prints it."""
        if not text:
            return text
        if self.contacts:  # first: an e-mail address holds a name ("k.hoekstra@…")
            text = strip_contacts(text)
        if self.mask is not None:
            text = self.mask.text(text)
        return text

    def changes(self, text: str) -> dict[Kind, int]:
        """What `text` loses, per kind: how many addresses, numbers, names."""
        found: dict[Kind, int] = {}
        if not text:
            return found
        if self.contacts:
            for span in contact_spans(text):
                found[span.kind] = found.get(span.kind, 0) + 1
            text = strip_contacts(text)
        if self.mask is not None:
            names = _masked_names(self.mask, text)
            if names:
                found[Kind.NAME] = names
        return found


def _masked_names(mask: NameMask, text: str) -> int:
    """How many names `mask` shields in `text` (each stretch the mask changes counts once)."""
    masked = mask.text(text)
    if masked == text:
        return 0
    # Count the masked stretches: the words of `text` that are not in `masked` any more.
    before, after = text.split(), masked.split()
    gone = [w for w in before if w not in after]
    runs, previous = 0, -2
    for index, word in enumerate(before):
        if word in gone:
            if index != previous + 1:
                runs += 1
            previous = index
    return max(runs, 1)


def minimiser(
    *, contacts: bool, hidden: Iterable[Person] = (), kept: Iterable[str] = ()
) -> Minimiser:
    """The minimiser of an export: `contacts` True when the selection leaves contact details
    out; `hidden` the persons outside the selection whose names are masked. A part of a
    hidden name that is also part of a `kept` name (the family name grandmother and mother
    share) is not masked, so the people the document names stay readable."""
    keep = {fold_key(part) for name in kept for part in _NAME_PARTS.split(name) if part}
    people = []
    for person in hidden:
        parts = [p for p in _NAME_PARTS.split(person.name.strip()) if p]
        own = [p for p in parts if fold_key(p) not in keep or fold_key(p) in PARTICLES]
        if any(fold_key(p) not in PARTICLES for p in own):
            people.append(Person(" ".join(own), person.role))
    return Minimiser(contacts=contacts, mask=mask_for(people) if people else None)


# ---- what the consultant is told before the export


def _what(kind: Kind, n: int) -> str:
    """One sentence per kind, naming what happens to the data, never the data itself."""
    match kind:
        case Kind.ADDRESS:
            text = ngettext("an address is left out", "{n} addresses are left out", n)
        case Kind.PHONE:
            text = ngettext("a phone number is left out", "{n} phone numbers are left out", n)
        case Kind.EMAIL:
            text = ngettext("an e-mail address is left out", "{n} e-mail addresses are left out", n)
        case Kind.NAME:
            text = ngettext("a name is masked", "{n} names are masked", n)
        case _:
            raise ValueError(kind)  # a programming error: a kind without its sentence
    return text.format(n=n)


@dataclass(frozen=True)
class Finding:
    """In `item` ("Afspraak 3"), field `field` ("Waar") loses `count` of `kind`."""

    item: str
    field: str
    kind: Kind
    count: int = 1

    @property
    def message(self) -> str:
        """ "Afspraak 3 — Waar: een adres wordt weggelaten"."""
        what = _what(self.kind, self.count)
        return _("{item} — {field}: {what}").format(item=self.item, field=self.field, what=what)


@dataclass
class Findings:
    """Collects what a minimiser does to the fields a document walks through; call it like
    the rewrite a select function takes (`item`, `field`, `text`), it returns the text as is."""

    minimiser: Minimiser
    found: list[Finding] = field(default_factory=list)

    def __call__(self, item: str, field_name: str, text: str) -> str:
        if self.minimiser.active:
            for kind, count in self.minimiser.changes(text).items():
                self.found.append(Finding(item, field_name, kind, count))
        return text

    def result(self) -> tuple[Finding, ...]:
        """Each item's field and kind once, in the order found (an agreement may be walked
        twice: in the table and in what changed since the previous version), with the
        largest count."""
        most: dict[tuple[str, str, Kind], int] = {}
        for f in self.found:
            key = (f.item, f.field, f.kind)
            most[key] = max(most.get(key, 0), f.count)
        return tuple(Finding(*key, count) for key, count in most.items())


def rewriter(m: Minimiser) -> Rewrite:
    """The rewrite a select function applies: the labels are for `Findings` only."""

    def rewrite(_item: str, _field: str, text: str) -> str:
        return m.text(text)

    return rewrite
