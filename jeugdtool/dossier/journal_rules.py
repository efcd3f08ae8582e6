"""The rules of the case journal, pure (no session): what an entry may hold, how long its author
may still change it, and which entries a timeline filter shows.

A file is a record: an entry is editable by its author only, until `editable_until`; after
that, or for anyone else, the remedy is a correction (a new entry that refers to the old one).
The services call these inside their transaction; the entry dialog calls the same functions
for feedback while typing and to say why an entry is read-only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import clean_row
from jeugdtool.folding import fold
from jeugdtool.i18n import _

#: A note of a long home visit is a few pages at most; more is a document, not a note.
MAX_NOTE = 20_000
#: A name as the journal keeps it (the model's columns are 200 wide).
MAX_NAME = 200
#: Participants and links of one entry: more than anyone picks, small enough to read.
MAX_PARTICIPANTS = 40
MAX_LINKS = 40
#: A link's key (the model's column) and its label as kept.
MAX_KEY = 80
MAX_LABEL = 500
#: What a new entry must have.
REQUIRED = ("occurred_on", "kind", "note")
#: What only a new entry sets (a correction refers to its entry from the start, for good).
NEW_ONLY = ("corrects_id",)

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class EntryReadOnly(JeugdtoolError):
    """A journal entry past its editing period, or someone else's: it is corrected, not edited."""


# ---- single fields ----------------------------------------------------------------------------


def _time(field: str, value: Any) -> dt.time | None:
    """A time of day: a `time`, "14:30" or "9.05"; None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    match = _TIME.match(value) if isinstance(value, str) else None
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return dt.time(int(match.group(1)), int(match.group(2)))
    shown = str(value).strip()[:20]
    message = _("'{text}' is not a time. Type it as uu:mm, for example 14:30, or leave it empty.")
    raise InvalidInput.at(field, message.format(text=shown))


def _one_line(text: str) -> str:
    """A name on one line: the participants are kept one per line."""
    return " ".join(text.replace("\x00", "").split())


def _participants(field: str, value: Any) -> tuple[str, ...]:
    """The names, each on one line, each once (case and accents aside), in the order given."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput.at(field, _("Pick the people the contact was with from the list."))
    names: list[str] = []
    for raw in value:
        if not isinstance(raw, str):
            raise InvalidInput.at(field, _("Each person the contact was with is a name."))
        name = _one_line(raw)
        if len(name) > MAX_NAME:
            message = _("A name is too long: at most {max} characters, now {n}.")
            raise InvalidInput.at(field, message.format(max=MAX_NAME, n=len(name)))
        if name and fold(name) not in {fold(n) for n in names}:
            names.append(name)
    if len(names) > MAX_PARTICIPANTS:
        message = _("At most {max} people can be named for one contact; name a group instead.")
        raise InvalidInput.at(field, message.format(max=MAX_PARTICIPANTS))
    return tuple(names)


def _link(field: str, value: Any) -> JournalLinkDTO:
    """A link as kept; a LinkChoice picked in the dialog is taken as the link it offers."""
    if not isinstance(value, (JournalLinkDTO, LinkChoice)):
        raise InvalidInput.at(field, _("Pick what the entry is about from the list."))
    kind = v.choice(field, value.kind, LinkKind, _("What the entry is about"))
    key = str(value.key).strip()
    if not key or len(key) > MAX_KEY:
        raise InvalidInput.at(field, _("Pick what the entry is about from the list."))
    label = " ".join(str(value.label).split())[:MAX_LABEL]
    return JournalLinkDTO(kind.value, key, label)


def _links(field: str, value: Any) -> tuple[JournalLinkDTO, ...]:
    """The targets, each once (by kind and key), in the order given."""
    if value is None:
        return ()
    if isinstance(value, (str, JournalLinkDTO, LinkChoice)) or not isinstance(value, Iterable):
        raise InvalidInput.at(field, _("Pick what the entry is about from the list."))
    links: dict[tuple[str, str], JournalLinkDTO] = {}
    for raw in value:
        link = _link(field, raw)
        links.setdefault((link.kind, link.key), link)
    if len(links) > MAX_LINKS:
        message = _("An entry can be about at most {max} things; split it into more entries.")
        raise InvalidInput.at(field, message.format(max=MAX_LINKS))
    return tuple(links.values())


def _flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput.at(field, _("Say yes or no: is this a personal working note?"))
    return value


def _entry_id(field: str, value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    raise InvalidInput.at(field, _("Choose the entry this one corrects from the journal."))


def _rules(today: dt.date) -> dict[str, Callable[[str, Any], Any]]:
    return {
        "occurred_on": lambda f, x: v.date(f, x, label=_("Date"), required=True, not_after=today),
        "occurred_at": _time,
        "kind": lambda f, x: v.choice(f, x, JournalKind, _("Kind of contact")).value,
        "participants": _participants,
        "note": lambda f, x: v.text(f, x, label=_("Note"), max_len=MAX_NOTE, required=True),
        "working_note": _flag,
        "links": _links,
        "corrects_id": _entry_id,
    }


def clean_entry(
    fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None
) -> dict[str, Any]:
    """Each field of a journal entry through its rule, every problem at once.

    `new`: the fields a new entry needs (date, kind, note) must be there, and only a new entry
    may say which entry it corrects. The date may not lie after `today` (default: today): the
    journal records what happened. `links` comes back as a tuple of JournalLinkDTO (each once).
    """
    if not new and set(NEW_ONLY) & set(fields):
        raise KeyError(f"only a new entry sets {NEW_ONLY!r}")  # a programming error
    return clean_row(fields, _rules(today or dt.date.today()), REQUIRED, new=new)


# ---- the editing period -----------------------------------------------------------------------


def recorded_day(recorded_at: dt.datetime) -> dt.date:
    """The day an entry was written down, as the consultant's computer reckons days (a stored
    moment is UTC; a naive one is taken as local time already)."""
    return recorded_at.astimezone().date()


def editable_until(recorded_at: dt.datetime, days: int) -> dt.date:
    """The last day an entry written at `recorded_at` can be edited: that day + `days`."""
    return recorded_day(recorded_at) + dt.timedelta(days=max(days, 0))


def is_mine(author_id: int | None, me: int | None) -> bool:
    """Whether an entry by `author_id` is the current user's (`me`, a staff id). Without an id
    on either side (a file used without a chosen consultant) only id-less entries are."""
    return author_id == me


def is_editable(
    author_id: int | None, recorded_at: dt.datetime, me: int | None, today: dt.date, days: int
) -> bool:
    """Its author may still edit it: `today` is not after `editable_until`."""
    return editable_on(author_id, editable_until(recorded_at, days), me, today)


def editable_on(author_id: int | None, until: dt.date, me: int | None, today: dt.date) -> bool:
    """`is_editable` for an entry whose last editable day `until` is known already."""
    return is_mine(author_id, me) and today <= until


def why_read_only(
    author_id: int | None, recorded_at: dt.datetime, me: int | None, today: dt.date, days: int
) -> str:
    """Why the current user may not edit the entry, with the remedy (a correction); "" when
    they may. The same words the services refuse with."""
    return _why(author_id, editable_until(recorded_at, days), me, today)


def entry_read_only_reason(entry: JournalEntryDTO, me: int | None, today: dt.date) -> str:
    """`why_read_only` for an entry as listed (its DTO knows its last editable day): what the
    entry dialog shows, without working the organisation's period out again."""
    return _why(entry.author_id, entry.editable_until, me, today)


def _why(author_id: int | None, until: dt.date, me: int | None, today: dt.date) -> str:
    if editable_on(author_id, until, me, today):
        return ""
    if not is_mine(author_id, me):
        return _(
            "This entry was written by someone else, and only its author can change it. "
            "Add a correction instead: a new entry that refers to this one."
        )
    return _(
        "This entry could be changed until {date}; it is part of the file now. "
        "Add a correction instead: a new entry that refers to this one."
    ).format(date=v.format_date_nl(until))


def check_editable(
    author_id: int | None, recorded_at: dt.datetime, me: int | None, today: dt.date, days: int
) -> None:
    """EntryReadOnly (saying to add a correction) unless the current user may edit it."""
    reason = why_read_only(author_id, recorded_at, me, today, days)
    if reason:
        raise EntryReadOnly(reason)


# ---- the timeline's filter --------------------------------------------------------------------


def split_about(about: str) -> tuple[str, str]:
    """A filter's "kind:key" as (kind, key); the key may hold ':' itself ("12:financien")."""
    kind, _sep, key = about.partition(":")
    return kind, key


def _haystack(entry: JournalEntryDTO) -> str:
    parts = [entry.note, entry.author, *entry.participants, *(link.label for link in entry.links)]
    return fold("\n".join(parts))


def matches(entry: JournalEntryDTO, flt: JournalFilter | None) -> bool:
    """Whether the timeline shows `entry` under `flt` (None: every entry). The text matches when
    each of its words occurs in the note, a participant, the author or a link's label, case
    and accents aside ("aicha thuis" finds "Huisbezoek bij Aïcha thuis")."""
    if flt is None:
        return True
    if flt.kinds and entry.kind not in flt.kinds:
        return False
    if (flt.start and entry.occurred_on < flt.start) or (flt.end and entry.occurred_on > flt.end):
        return False
    if entry.working_note and not flt.include_working_notes:
        return False
    if flt.about:
        wanted = split_about(flt.about)
        if not any((link.kind, link.key) == wanted for link in entry.links):
            return False
    words = fold(flt.text).split()
    if words:
        haystack = _haystack(entry)
        return all(word in haystack for word in words)
    return True
