"""The rules of a network meeting (netwerkberaad), pure (no session): what a meeting record
holds, who attended and chaired, and the words of its journal entry.

The services (network_meetings) call these inside their transaction; the sitting dialog calls
the same functions for feedback while typing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.dossier import journal_rules
from jeugdtool.dossier.network_dto import AttendeeInput
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import collect
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.i18n import _

MAX_PLACE = 200
MAX_TEXT = 20_000
#: As many people as a journal entry names, as many statements as it links.
MAX_ATTENDEES = journal_rules.MAX_PARTICIPANTS
MAX_SHARED = journal_rules.MAX_LINKS
#: A lineage (the statements' column).
MAX_LINEAGE = 32


def _text(field: str, value: Any, label: str, max_len: int = MAX_TEXT) -> str:
    return v.text(field, value if value is not None else "", label=label, max_len=max_len)


def check_attendees(attendees: Sequence[AttendeeInput], field: str = "attendees") -> None:
    """Someone attended; each person once; at most one chair."""
    if not attendees:
        raise InvalidInput.at(field, _("Say who attended the network meeting."))
    if len(attendees) > MAX_ATTENDEES:
        raise InvalidInput.at(
            field, _("At most {max} people can be named for one meeting.").format(max=MAX_ATTENDEES)
        )
    keys = [person_key(a.source) for a in attendees]
    if len(set(keys)) != len(keys):
        raise InvalidInput.at(field, _("Each person attends once; one is named twice."))
    if sum(1 for a in attendees if a.chaired) > 1:
        raise InvalidInput.at(field, _("One person chairs the meeting; more are marked."))


def check_shared(shared: Iterable[str], field: str = "shared") -> tuple[str, ...]:
    """The statements shared (lineages), each once, in the order given."""
    if isinstance(shared, str):
        raise InvalidInput.at(field, _("Pick what was shared from the list."))
    found: list[str] = []
    for lineage in shared:
        if not isinstance(lineage, str) or not lineage.strip() or len(lineage) > MAX_LINEAGE:
            raise InvalidInput.at(field, _("Pick what was shared from the list."))
        if lineage not in found:
            found.append(lineage)
    if len(found) > MAX_SHARED:
        raise InvalidInput.at(
            field,
            _("At most {max} statements can be marked as shared in one meeting.").format(
                max=MAX_SHARED
            ),
        )
    return tuple(found)


def clean_meeting(data: MeetingInput, *, today: dt.date) -> dict[str, Any]:
    """A meeting's own columns (held_on, place, shared, told, decisions) clean, with the
    attendees checked; every problem at once."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean["held_on"] = v.date(
                "held_on",
                data.held_on,
                label=_("Date of the meeting"),
                required=True,
                not_after=today,
            )
        with problems.catching():
            clean["place"] = " ".join(_text("place", data.place, _("Place"), MAX_PLACE).split())
        with problems.catching():
            clean["shared"] = check_shared(data.shared)
        with problems.catching():
            clean["told"] = _text("told", data.told, _("What the network was told"))
        with problems.catching():
            clean["decisions"] = _text("decisions", data.decisions, _("Decisions"))
        with problems.catching():
            check_attendees(data.attendees)
    return clean


def attended(source: Source, attendees: Iterable[Source]) -> bool:
    """Whether the person `source` names is among `attendees` (the same person across rows)."""
    key = person_key(source)
    return any(person_key(a) == key for a in attendees)


def journal_note(
    *,
    place: str,
    chair: str,
    shared: Sequence[str],
    told: str,
    decisions: str,
) -> str:
    """The journal entry of a meeting: where, who chaired, what was shared and told, and what
    was decided (the attendees are the entry's participants)."""
    lines = [
        _("Network meeting in {place}.").format(place=place) if place else _("Network meeting.")
    ]
    if chair:
        lines.append(_("Chaired by {name}.").format(name=chair))
    if shared:
        lines.append(_("Shared with the network:"))
        lines.extend(f"- {text}" for text in shared)
    if told.strip():
        lines.append(_("Told: {text}").format(text=told.strip()))
    if decisions.strip():
        lines.append(_("Decisions: {text}").format(text=decisions.strip()))
    return "\n".join(lines)[: journal_rules.MAX_NOTE]


def something_told(shared: Sequence[str], told: str) -> bool:
    """The network was told the worries or goals (marks "told on" for the safety network)."""
    return bool(shared) or bool(told.strip())
