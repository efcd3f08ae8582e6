"""The dialog to write, change or correct one journal entry: kind, day and time, with whom
(the household and network by name, others typed), the note, whether it is a working note,
and what it is about (grouped choices). Checked inline by the core's journal rules.

Messages appear under a field once it is left and vanish as soon as it is fixed; OK with a
problem left shows every message and keeps the dialog, and all that was typed, open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier import journal_rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import _

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.journal import texts
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import date_edit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit

#: The tallest the lists of people and of links get before they scroll.
LIST_HEIGHT = 150
#: Between names typed in "others".
SEPARATORS = re.compile(r"[;,\n]")
#: On a link's entry in the tree: the JournalLinkDTO it stands for.
LinkRole = Qt.ItemDataRole.UserRole + 1


class EntryDialog(MemberDialog):
    """Add (entry None), change (entry given) or correct (entry given, `correcting`)."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        *,
        people: Sequence[str],
        choices: Sequence[LinkChoice],
        entry: JournalEntryDTO | None = None,
        correcting: bool = False,
        today: dt.date | None = None,
        me: int | None = None,
    ):
        title = _("Correct journal entry") if correcting else _("Change journal entry")
        self._new = entry is None or correcting
        self.correcting = correcting
        super().__init__(
            parent, title if entry else _("New journal entry"), dialogs, submit, self._check
        )
        self.baseline = None if correcting else entry
        #: The entry a correction sets right: a copy of it unchanged is refused.
        self.original = entry if correcting else None
        self.setObjectName("JournalEntryDialog")
        # Wide enough for the links' texts to be read, within a 1366 × 768 screen.
        self.setMinimumWidth(760)
        self.form.setVerticalSpacing(4)
        self._today = today or dt.date.today()
        if correcting and entry is not None:
            self._show_original(entry, me)
        self._build_when(entry)
        self._build_with_whom(people, entry)
        self._build_note(entry)
        self._build_links(choices, entry)

    # ---- building ------------------------------------------------------------------------

    def _show_original(self, entry: JournalEntryDTO, me: int | None) -> None:
        """A correction says why the entry itself cannot change, and that it stays in the file."""
        intro = muted(texts.correction_intro(entry, me, self._today), self)
        self.form.addRow(intro)

    def _build_when(self, entry: JournalEntryDTO | None) -> None:
        kind = QComboBox(self)
        for member in JournalKind:
            # A kindcheck is written by the kindcheck dialog, never chosen here.
            if member != JournalKind.KINDCHECK or (entry and entry.kind == member.value):
                kind.addItem(member.label, member.value)
        current = entry.kind if entry else JournalKind.HOME_VISIT.value
        kind.setCurrentIndex(max(0, kind.findData(current)))
        kind.setAccessibleName(_("Kind of contact"))
        self.add_field("kind", _("&Kind"), kind)
        day = date_edit(self, entry.occurred_on if entry else self._today, _("Date"))
        self.add_field("occurred_on", _("&Date"), day)
        time = line_edit(self, texts.time_text(entry), _("Time"), _("hh:mm (optional)"))
        self.add_field("occurred_at", _("&Time"), time)
        # Room for the placeholder of the time ("hh:mm (optional)"), as much as for a date.
        shown = max(time.placeholderText(), "00-00-00000", key=time.fontMetrics().horizontalAdvance)
        time.setMaximumWidth(max(140, time.fontMetrics().horizontalAdvance(shown) + 24))

    def _build_with_whom(self, people: Sequence[str], entry: JournalEntryDTO | None) -> None:
        chosen = list(entry.participants) if entry else []
        self.people = QListWidget(self)
        self.people.setAccessibleName(_("With whom"))
        self.people.setMaximumHeight(LIST_HEIGHT)
        for name in people:
            item = QListWidgetItem(name, self.people)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
        if self.people.count():
            self.people.setCurrentRow(0)
        self.people.setVisible(self.people.count() > 0)
        hint = _("Others, e.g. the teacher; separate names with ;")
        self.others = line_edit(
            self, "; ".join(n for n in chosen if n not in people), _("Others present"), hint
        )
        hint = muted(_("Tick the people who were there (Space ticks)."), self)
        hint.setVisible(self.people.count() > 0)
        self.add_field("participants", _("&With whom"), self.people, hint)
        # The typed names are part of the same field: one message for both.
        self.form.addRow("", self.others)
        self.others.textChanged.connect(lambda *_a: self._live("participants"))
        self.people.itemChanged.connect(lambda *_a: self._live("participants"))
        if not self.people.count():
            self.people.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _build_note(self, entry: JournalEntryDTO | None) -> None:
        note = GrowingTextEdit(self, min_lines=5, max_lines=10)
        note.setText(entry.note if entry else "")
        note.setPlaceholderText(_("What happened, what was said, what was agreed"))
        note.setAccessibleName(_("Note"))
        self.add_field("note", _("&Note"), note)
        working = QCheckBox(_("Wo&rking note (werkaantekening)"), self)
        working.setChecked(bool(entry and entry.working_note))
        hint = muted(
            _(
                "A working note is read by you only; it is still part of an access request, "
                "marked as a working note."
            ),
            self,
        )
        self.add_field("working_note", "", working, hint)

    def _build_links(self, choices: Sequence[LinkChoice], entry: JournalEntryDTO | None) -> None:
        chosen = {(link.kind, link.key) for link in entry.links} if entry else set()
        self.links = QTreeWidget(self)
        self.links.setHeaderHidden(True)
        self.links.setAccessibleName(_("About"))
        self.links.setMaximumHeight(LIST_HEIGHT)
        self.links.setRootIsDecorated(False)
        offered = set()
        for group, members in texts.grouped(choices).items():
            heading = QTreeWidgetItem(self.links, [group])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for choice in members:
                offered.add((choice.kind, choice.key))
                link = JournalLinkDTO(choice.kind, choice.key, choice.label)
                self._add_link(heading, link, (choice.kind, choice.key) in chosen)
        links = entry.links if entry else ()
        kept = [link for link in links if (link.kind, link.key) not in offered]
        if kept:  # linked to what is no longer offered (an older moment): kept, still ticked
            heading = QTreeWidgetItem(self.links, [_("Linked earlier")])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for link in kept:
                self._add_link(heading, link, True)
        self.links.expandAll()
        # Start at the first ticked link (in view), so what the entry is about shows at once.
        items = [
            group.child(i)
            for group in map(self.links.topLevelItem, range(self.links.topLevelItemCount()))
            for i in range(group.childCount())
        ]
        ticked = [item for item in items if item.checkState(0) == Qt.CheckState.Checked]
        if ticked or items:
            self.links.setCurrentItem((ticked or items)[0])
            self.links.scrollToItem((ticked or items)[0])
        hint = muted(
            _("What this entry is about (Space ticks).")
            if self.links.topLevelItemCount()
            else _("Nothing to link to yet: map items, agreements and scale scores appear here."),
            self,
        )
        self.links.setVisible(self.links.topLevelItemCount() > 0)
        self.add_field("links", _("A&bout"), self.links, hint)
        self.links.itemChanged.connect(lambda *_a: self._live("links"))

    def _add_link(self, parent: QTreeWidgetItem, link: JournalLinkDTO, checked: bool) -> None:
        item = QTreeWidgetItem(parent, [link.label])
        item.setData(0, LinkRole, link)
        item.setToolTip(0, link.label)
        flags = Qt.ItemFlag
        item.setFlags(flags.ItemIsEnabled | flags.ItemIsSelectable | flags.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # ---- values ----------------------------------------------------------------------------

    def raw_value(self, name: str) -> Any:
        if name == "participants":
            ticked = [
                self.people.item(i).text()
                for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked
            ]
            typed = [n.strip() for n in SEPARATORS.split(self.others.text()) if n.strip()]
            return tuple(dict.fromkeys([*ticked, *typed]))
        if name == "links":
            return tuple(self._ticked_links())
        return super().raw_value(name)

    def _ticked_links(self) -> list[JournalLinkDTO]:
        found = []
        for g in range(self.links.topLevelItemCount()):
            group = self.links.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                if item.checkState(0) == Qt.CheckState.Checked:
                    found.append(item.data(0, LinkRole))
        return found

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        # One field checked while typing is never "missing" the others a new entry needs.
        clean = journal_rules.clean_entry(fields, new=self._new and len(fields) > 1)
        if self.original is not None and len(fields) > 1 and not _differs(clean, self.original):
            raise InvalidInput(
                Problem(
                    "note",
                    _(
                        "The correction is still the same as the entry. Change what was wrong "
                        "(the note, the date, with whom …), or choose Cancel."
                    ),
                )
            )
        return clean


def _differs(clean: Mapping[str, Any], entry: JournalEntryDTO) -> bool:
    """Whether a correction's values set anything of `entry` right (an unchanged copy does not)."""
    before = {
        "kind": entry.kind,
        "occurred_on": entry.occurred_on,
        "occurred_at": entry.occurred_at,
        "participants": tuple(entry.participants),
        "note": entry.note.strip(),
        "working_note": entry.working_note,
        "links": {(link.kind, link.key) for link in entry.links},
    }
    after = {name: clean.get(name) for name in before}
    after["participants"] = tuple(after["participants"] or ())
    after["note"] = (after["note"] or "").strip()
    after["links"] = {(link.kind, link.key) for link in clean.get("links") or ()}
    return after != before
