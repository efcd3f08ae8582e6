"""How a journal entry reads on screen: its kind, when, with whom, what it is about, and why it
can no longer be changed. Plain functions over the DTOs (no Qt), shared by the page, the
overview and the dialogs."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from collections.abc import Mapping

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_time_nl
from jeugdtool.dossier import journal_rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.i18n import _

#: Characters of the note the timeline and the overview show (in full: the details below).
NOTE_CHARS = 140


def kind_label(kind: str) -> str:
    try:
        return JournalKind(kind).label
    except ValueError:  # a kind of a newer jeugdtool: shown as stored
        return kind


def link_kind_label(kind: str) -> str:
    try:
        return LinkKind(kind).label
    except ValueError:
        return kind


def when(entry: JournalEntryDTO) -> str:
    """'06-12-2026 14:30', or the day alone when no time was given."""
    day = format_date_nl(entry.occurred_on)
    return f"{day} {format_time_nl(entry.occurred_at)}" if entry.occurred_at else day


def time_text(entry: JournalEntryDTO | None) -> str:
    return format_time_nl(entry.occurred_at) if entry else ""


def participants(entry: JournalEntryDTO) -> str:
    return ", ".join(entry.participants)


def first_line(text: str, limit: int = NOTE_CHARS) -> str:
    """The note on one line, cut at a word with an ellipsis when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


#: Kinds whose label names itself ("ZRM …", "Scale score 6 by …", "Meldcode 1, step 2: …"):
#: "ZRM domain: ZRM …" would say it twice.
SELF_NAMED = frozenset(
    {LinkKind.ZRM_DOMAIN.value, LinkKind.SCALE_SCORE.value, LinkKind.MELDCODE_STEP.value}
)


def link_label(link: JournalLinkDTO) -> str:
    """'Danger statement: …' — the kind and the label it had when linked (the label alone when
    it names its kind already)."""
    if link.kind in SELF_NAMED:
        return link.label
    return _("{kind}: {label}").format(kind=link_kind_label(link.kind), label=link.label)


def about(entry: JournalEntryDTO) -> str:
    return "; ".join(link.label for link in entry.links)


def marks(entry: JournalEntryDTO) -> list[str]:
    """The short words the timeline puts before the note: working note, correction, corrected."""
    found = []
    if entry.working_note:
        found.append(_("working note"))
    if entry.corrects_id is not None:
        found.append(_("correction"))
    if entry.corrected_by:
        found.append(_("corrected"))
    return found


def note_cell(entry: JournalEntryDTO) -> str:
    words = marks(entry)
    prefix = "[" + ", ".join(words) + "] " if words else ""
    return prefix + first_line(entry.note)


def locked_reason(entry: JournalEntryDTO, me: int | None, today: dt.date | None = None) -> str:
    """Why an entry can no longer be changed, and what to do instead ('' when it can): the
    rules' own words, with the period the entry was given."""
    if entry.editable:
        return ""
    reason = journal_rules.entry_read_only_reason(entry, me, today or dt.date.today())
    return reason or _("This entry can no longer be changed. Add a correction instead.")


def correction_intro(entry: JournalEntryDTO, me: int | None, today: dt.date) -> str:
    """What a correction dialog says first: why the entry itself does not change (someone
    else's, or past its period), and that it stays in the file as it was."""
    stays = _(
        "Your correction is added as a new entry that refers to it; the entry itself stays in "
        "the file as it was, marked as corrected."
    )
    if not journal_rules.is_mine(entry.author_id, me):
        why = _("The entry of {when} was written by {author}; only its author can change it.")
    elif today > entry.editable_until:
        why = _("The entry of {when} could be changed until {date}; it is part of the file now.")
    else:
        why = _("You are correcting the entry of {when}.")
    return (
        why.format(when=when(entry), author=entry.author, date=format_date_nl(entry.editable_until))
        + " "
        + stays
    )


def editable_note(entry: JournalEntryDTO) -> str:
    return _("Can be changed until {date}.").format(date=format_date_nl(entry.editable_until))


def details_html(
    entry: JournalEntryDTO, by_id: Mapping[int, JournalEntryDTO], me: int | None
) -> str:
    """The whole entry as rich text: heading, with whom, the note, links, corrections, state."""
    esc = html.escape
    head = _("{kind}, {when}, by {author}").format(
        kind=kind_label(entry.kind), when=when(entry), author=entry.author
    )
    lines = [f"<b>{esc(head)}</b>"]
    if entry.working_note:
        lines.append(
            "<i>"
            + esc(_("Working note: only its author reads it, yet it is part of an access request."))
            + "</i>"
        )
    if entry.participants:
        lines.append(esc(_("With: {names}").format(names=participants(entry))))
    lines.append(esc(entry.note).replace("\n", "<br>") or esc(_("(no note)")))
    if entry.links:
        about_text = _("About: {links}").format(links="; ".join(map(link_label, entry.links)))
        lines.append(esc(about_text))
    lines.extend(esc(line) for line in _correction_lines(entry, by_id))
    state = locked_reason(entry, me) or editable_note(entry)
    lines.append(f"<i>{esc(state)}</i>")
    return "<br>".join(lines)


def _correction_lines(entry: JournalEntryDTO, by_id: Mapping[int, JournalEntryDTO]) -> list[str]:
    found = []
    if entry.corrects_id is not None:
        old = by_id.get(entry.corrects_id)
        found.append(
            _("Corrects the entry of {when}.").format(when=when(old))
            if old
            else _("Corrects an earlier entry.")
        )
    for later in (by_id.get(i) for i in entry.corrected_by):
        if later is not None:
            found.append(_("Corrected by the entry of {when}.").format(when=when(later)))
    return found


def grouped(choices: Iterable[LinkChoice]) -> dict[str, list[LinkChoice]]:
    """The choices under their headings, in the order the service gave them."""
    groups: dict[str, list[LinkChoice]] = {}
    for choice in choices:
        groups.setdefault(choice.group, []).append(choice)
    return groups


def target(kind: str, key: str) -> str:
    """A link target as JournalFilter.about names it."""
    return f"{kind}:{key}"
