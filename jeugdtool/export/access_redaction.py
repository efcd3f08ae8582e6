"""What of an access-request dossier is about someone else, and hiding it: pure functions.

A family may see everything stored about them, but not what belongs to others: the phone numbers
and e-mail addresses of network members, the name of the person who reported the family, and
the names of people outside the family and its network who said something. `propose` lists
such data as proposals; the consultant accepts or rejects each one; `redact` hides the accepted
ones wherever they occur — in the case file, in free text, in the history and in the logs —
with the name masker of the meetings (initials and a role) or with "[weggelaten]".
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from jeugdtool.folding import fold_key
from jeugdtool.folding import folded_words
from jeugdtool.folding import sub_folded
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person

T = TypeVar("T")


class RedactionKind(enum.StrEnum):
    """What kind of third-party datum a proposal hides."""

    PHONE = "phone"
    EMAIL = "email"
    REPORTER = "reporter"
    SOURCE = "source"
    PROVIDER = "provider"
    CONFIRMER = "confirmer"
    PARTICIPANT = "participant"


#: What stands where a contact detail or a name was hidden.
WITHHELD = N_("[withheld]")

#: A network member who reported the family: words in their relation or notes ("melder",
#: "heeft het gezin aangemeld"). Someone who "reported sick" is not a reporter.
_REPORTER_WORDS = re.compile(
    r"\b(melder|meldster|aanmelder|aangemeld|meldde|reporter|reported)\b"
    r"|\bheeft\s+(?!zich\b)(\w+\s+){0,3}gemeld\b|\bmelding\s+gedaan\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Proposal:
    """One datum about someone else, proposed for hiding."""

    #: Stable within one dossier, e.g. "phone:n3".
    key: str
    kind: RedactionKind
    #: "telefoonnummer van netwerklid Henk Bos", "naam van de melder (I. Postma)".
    what: str
    #: Where it shows: "Netwerk, en overal waar het in een tekst staat".
    where: str
    #: Why it is proposed.
    why: str
    #: The text that is hidden (a phone number, an e-mail address, a name).
    secret: str
    #: What the family reads was left out: `what` without the hidden datum.
    shown: str
    #: For a name: the role shown after the initials ("melder").
    role: str = ""
    #: Ticked at first: hidden unless the consultant keeps it (the window's checkbox; the
    #: command line's --keep). An unticked one is hidden only when chosen (--hide).
    checked: bool = True


def _contact(member: Mapping[str, Any], kind: RedactionKind) -> Proposal | None:
    value = (member.get(kind.value) or "").strip()
    if not value:
        return None
    what = (
        _("phone number of network member {name}")
        if kind is RedactionKind.PHONE
        else _("e-mail address of network member {name}")
    )
    return Proposal(
        key=f"{kind.value}:{member['id']}",
        kind=kind,
        what=what.format(name=member["name"]),
        where=_("The network and any text"),
        why=_("Contact details of someone else"),
        secret=value,
        shown=what.format(name=member["name"]),
    )


def is_reporter(member: Mapping[str, Any]) -> bool:
    """Whether the relation or notes of a network member say they reported the family."""
    text = f"{member.get('relation') or ''} {member.get('notes') or ''}"
    return bool(_REPORTER_WORDS.search(text))


def _reporter(member: Mapping[str, Any]) -> Proposal:
    return Proposal(
        key=f"reporter:{member['id']}",
        kind=RedactionKind.REPORTER,
        what=_("name of the reporter ({name})").format(name=member["name"]),
        where=_("Everywhere in the file"),
        why=_("The reporter may stay unknown"),
        secret=member["name"],
        shown=_("the name of the person who reported your family"),
        role=_("reporter"),
    )


#: Raters who score as professionals (a colleague in reflective practice included): their
#: names are part of the help the family received, not data about a third party.
_PROFESSIONAL_RATERS = frozenset({"case_manager", "consultant", "professional", "colleague"})


def _outside_sources(case_file: Mapping[str, Any]) -> list[str]:
    """Labels of people outside the family and network who said something or gave a score."""
    sources = [
        item.get("source") or {}
        for moment in case_file.get("mappings") or []
        for items in (moment.get("cells") or {}).values()
        for item in items
    ]
    sources += [
        s.get("rater") or {}
        for s in (case_file.get("scale") or {}).get("scores") or []
        if s.get("role") not in _PROFESSIONAL_RATERS
    ]
    labels: list[str] = []
    for source in sources:
        label = (source.get("label") or "").strip()
        if source.get("kind") == "other" and label and label not in labels:
            labels.append(label)
    return labels


@dataclass(frozen=True)
class _NameOffer:
    """How one kind of name is proposed for hiding: its texts (marked with N_; `what` names
    the person as {name}, or a source as {label}) and whether it is ticked at first."""

    kind: RedactionKind
    what: str
    where: str
    why: str
    shown: str
    checked: bool = False

    def proposal(self, name: str, index: int) -> Proposal:
        """The proposal for the `index`-th name of this kind (from 1)."""
        return Proposal(
            key=f"{self.kind.value}:{index}",
            kind=self.kind,
            what=_(self.what).format(name=name, label=name),
            where=_(self.where),
            why=_(self.why),
            secret=name,
            shown=_(self.shown),
            checked=self.checked,
        )


_SOURCE = _NameOffer(
    RedactionKind.SOURCE,
    what=N_("name of {label}, outside the family"),
    where=N_("The map, the scale and any text"),
    why=N_("About someone outside the family"),
    shown=N_("the name of someone outside your family and network"),
    checked=True,
)
_PROVIDER = _NameOffer(
    RedactionKind.PROVIDER,
    what=N_("name of the provider {name}"),
    where=N_("The help and any text"),
    why=N_("Only when it tells where someone stays"),
    shown=N_("the name of a provider of help"),
)
_CONFIRMER = _NameOffer(
    RedactionKind.CONFIRMER,
    what=N_("name of {name}, who confirmed a new start"),
    where=N_("The new starts and any text"),
    why=N_("Only when the name tells something about another case"),
    shown=N_("the name of the person who confirmed that help started again"),
)
_PARTICIPANT = _NameOffer(
    RedactionKind.PARTICIPANT,
    what=N_("name of {name}, who took part in a contact"),
    where=N_("The journal and any text"),
    why=N_("Only when it tells too much about someone else"),
    shown=N_("the name of someone who took part in a contact"),
)


def _distinct(values: Iterable[Any]) -> list[str]:
    """The non-empty texts of `values`, each once, in order."""
    out: list[str] = []
    for value in values:
        text = (value or "").strip()
        if text and text not in out:
            out.append(text)
    return out


def _outcome_names(case_file: Mapping[str, Any]) -> list[Proposal]:
    """The help's providers and who confirmed a new start (not the case manager, whom the
    family knows and reads on the dossier's first page)."""
    providers = _distinct(item.get("provider") for item in case_file.get("help") or [])
    manager = ((case_file.get("household") or {}).get("case_manager") or "").strip()
    confirmers = [
        name
        for name in _distinct(s.get("confirmed_by") for s in case_file.get("new_starts") or [])
        if fold_key(name) != fold_key(manager)
    ]
    return [_PROVIDER.proposal(name, i) for i, name in enumerate(providers, 1)] + [
        _CONFIRMER.proposal(name, i) for i, name in enumerate(confirmers, 1)
    ]


#: A participant's role after the name, as the journal's choices write it ("(oma)").
_ROLE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")


def _known_people(case_file: Mapping[str, Any]) -> set[str]:
    """The family's and the network's names, folded: the family knows them."""
    names: set[str] = set()
    for p in case_file.get("persons") or []:
        first, last = (p.get("first_name") or "").strip(), (p.get("last_name") or "").strip()
        names |= {fold_key(first), fold_key(f"{first} {last}")}
    names |= {fold_key(n.get("name") or "") for n in case_file.get("network") or []}
    return names - {""}


def _participants(case_file: Mapping[str, Any], taken: Iterable[str]) -> list[Proposal]:
    """People in the journal's "with whom" who are neither family nor network (a neighbour,
    a teacher): offered, not ticked — most took part in the help the family knows about."""
    known = _known_people(case_file) | {fold_key(t) for t in taken}
    labels = [
        _ROLE_AFTER.sub("", label).strip()
        for entry in case_file.get("journal") or []
        for label in entry.get("participants") or []
    ]
    names = [n for n in _distinct(labels) if fold_key(n) not in known]
    return [_PARTICIPANT.proposal(name, i) for i, name in enumerate(names, 1)]


def propose(case_file: Mapping[str, Any]) -> tuple[Proposal, ...]:
    """Every datum about someone else in the case file, proposed for hiding, in reading order."""
    found: list[Proposal] = []
    for member in case_file.get("network") or []:
        if is_reporter(member):
            found.append(_reporter(member))
        for kind in (RedactionKind.PHONE, RedactionKind.EMAIL):
            proposal = _contact(member, kind)
            if proposal is not None:
                found.append(proposal)
    found += [_SOURCE.proposal(label, i) for i, label in enumerate(_outside_sources(case_file), 1)]
    found += _outcome_names(case_file)
    found += _participants(case_file, [p.secret for p in found])
    return tuple(found)


def ticked(proposals: Iterable[Proposal]) -> tuple[Proposal, ...]:
    """The proposals hidden unless the consultant keeps them."""
    return tuple(p for p in proposals if p.checked)


# ---------------------------------------------------------------- hiding


def _phone_pattern(number: str) -> re.Pattern[str]:
    """The number however it is written: "06-12345678", "06 1234 5678", "0612345678"."""
    digits = [d for d in number if d.isdigit()]
    if len(digits) < 6:  # too short to find safely without separators: the text as given
        return re.compile(re.escape(number))
    between = r"[\s\-./()]*"
    return re.compile(r"(?<!\d)" + between.join(re.escape(d) for d in digits) + r"(?!\d)")


@dataclass(frozen=True)
class _Hider:
    """The accepted proposals, ready to apply to any text."""

    patterns: tuple[re.Pattern[str], ...]
    names: NameMask
    #: Exact contact details: a field holding only one of these becomes empty (the case
    #: file); without any, such a field reads "[weggelaten]" like free text (the PDF).
    contacts: frozenset[str]
    #: The family's own full names, which the name masker must leave whole (folded: see
    #: jeugdtool.folding, so "Lisa de Vries" is kept however it is written).
    protected: re.Pattern[str] | None = None
    #: The accepted source labels, found in the folded text.
    labels: re.Pattern[str] | None = None

    def text(self, value: str) -> str:
        for pattern in self.patterns:
            value = pattern.sub(_(WITHHELD), value)
        if self.labels is not None:
            value = sub_folded(self.labels, lambda _span: _(WITHHELD), value)
        if self.protected is None:
            return self.names.text(value)
        # A reporter may share a surname with the family ("Marga de Vries", grandmother of
        # "Lisa de Vries"): the family's names are set aside while the reporter's are masked.
        kept: list[str] = []

        def set_aside(span: str) -> str:
            kept.append(span)
            return f"\x00{len(kept) - 1}\x00"

        masked = self.names.text(sub_folded(self.protected, set_aside, value))
        return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], masked)


#: Kinds hidden as a whole phrase with "[weggelaten]" (not masked to initials).
_WHOLE = frozenset(
    {
        RedactionKind.SOURCE,
        RedactionKind.PROVIDER,
        RedactionKind.CONFIRMER,
        RedactionKind.PARTICIPANT,
    }
)


def _hider(accepted: Iterable[Proposal], protect: Iterable[str], blank: bool) -> _Hider:
    patterns: list[re.Pattern[str]] = []
    labels: list[str] = []
    people: list[Person] = []
    contacts: set[str] = set()
    for p in accepted:
        if p.kind is RedactionKind.PHONE:
            patterns.append(_phone_pattern(p.secret))
            contacts.add(p.secret)
        elif p.kind is RedactionKind.EMAIL:
            patterns.append(re.compile(re.escape(p.secret), re.IGNORECASE))
            contacts.add(p.secret.casefold())
        elif p.kind in _WHOLE:
            # A label ("juf Anja (groep 7)", a provider) is no name to split into parts: hidden
            # as a whole, however it is written ("JUF ÄNJA"), and also where a word runs on
            # ("juf Anja's").
            labels.append(p.secret)
        else:
            people.append(Person(p.secret, p.role))
    hidden = {fold_key(p.name) for p in people}
    names = [n for n in protect if fold_key(n) and fold_key(n) not in hidden]
    kept_fields = frozenset(contacts) if blank else frozenset()
    return _Hider(
        tuple(patterns),
        NameMask(people),
        kept_fields,
        folded_words(names) if people else None,
        folded_words(labels, whole_end=False),
    )


#: The key of a picture's bytes (base64) in the case file (`three_houses[].drawing.data`,
#: `child_stories[].pages[].picture.data`): a name that happens to be spelled out in the
#: letters would otherwise be "masked" and the picture broken.
PICTURE_DATA = "data"


def _walk(value: T, key: str, hide: _Hider) -> T:
    """`value` with every string in it hidden; dicts, lists, tuples and dataclasses walked."""
    result: Any
    if key == PICTURE_DATA and isinstance(value, str):
        result = value  # a picture's bytes, as base64: no text to hide in, and must stay whole
    elif isinstance(value, str):
        if key in ("phone", "email") and (
            value in hide.contacts or value.casefold() in hide.contacts
        ):
            result = None  # the case file keeps its shape: no contact detail given
        else:
            result = hide.text(value)
    elif isinstance(value, dict):
        result = {k: _walk(v, str(k), hide) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        result = type(value)(_walk(v, key, hide) for v in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _walk(getattr(value, f.name), f.name, hide) for f in dataclasses.fields(value)
        }
        result = dataclasses.replace(value, **changes)
    else:
        result = value
    return result


def redact(
    value: T, accepted: Sequence[Proposal], *, protect: Iterable[str] = (), blank: bool = True
) -> T:
    """`value` (a dossier, a case file, a list of rows) with the accepted proposals hidden
    everywhere. The reporter's name becomes initials and "(melder)", as the name masker does,
    but the full names in `protect` (the family's) stay whole; a contact detail becomes
    "[weggelaten]", and with `blank` a field holding only that detail becomes empty (so a
    case file stays a valid case file)."""
    if not accepted:
        return value
    return _walk(value, "", _hider(accepted, protect, blank))
