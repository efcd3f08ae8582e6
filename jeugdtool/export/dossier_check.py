"""Rules for the dossier in a case file (`journal`, `meldcode`, `signals`, `veilig_thuis`,
`kindchecks`) that the JSON Schema cannot express: references (to persons, journal entries,
meldcode records and what a link is about), the five steps and five questions of a record, one
open record at a time, and dates. The schema has checked the shapes; what it flagged is skipped
here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from collections.abc import Iterable
from typing import Any

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier.kindcheck_rules import trigger_domain
from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _str
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.export.plan_check import _number
from jeugdtool.export.plan_check import _statement_types
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

_LINK_TWICE = N_("this entry is linked to '{target}' already (also at {other}); keep one link.")
_TRIGGER_TWICE = N_("the kindcheck for '{trigger}' is answered already (also at {other}).")
_QUESTION_TWICE = N_("question '{question}' is answered twice in this record (also at {other}).")
_NUMBER_TWICE = N_("record number {number} is used twice (also at {other}).")
_NOT_ITEM = N_("'{key}' is not the lineage of a map item in this file (see mappings).")
_NOT_STATEMENT = N_("'{key}' is not the lineage of a statement in this file (see statements).")
_NOT_AGREEMENT = N_("'{key}' is not the lineage of an agreement in this file (see plans).")
_NOT_SCORE = N_("'{key}' is not a scale score in this file (see scale).")
_NO_PERSON = N_("'{key}' names no person of this file (see persons).")
_NO_RECORD = N_("'{key}' names no meldcode record of this file (see meldcode).")

_KEY_SHAPES = {
    "map_item": re.compile(r"^L[1-9][0-9]*$"),
    "statement": re.compile(r"^S[1-9][0-9]*$"),
    "agreement": re.compile(r"^A[1-9][0-9]*$"),
    "scale_score": re.compile(r"^c[1-9][0-9]*$"),
    "help_item": re.compile(r"^h([1-9][0-9]*)$"),
    "zrm_domain": re.compile(r"^(p[1-9][0-9]*):[a-z0-9_]+$"),
    "meldcode_step": re.compile(r"^([1-9][0-9]*):[1-5]$"),
}
_KEY_EXAMPLES = {
    "map_item": "L1",
    "statement": "S1",
    "agreement": "A1",
    "scale_score": "c1",
    "help_item": "h1",
    "zrm_domain": "p2:financien",
    "meldcode_step": "1:4",
}
_TRIGGER = re.compile(r"^(?:zrm:(\d{4}-\d{2}-\d{2}):([a-z0-9_]+)|worry:(L[1-9][0-9]*))$")


def _stamp(value: Any) -> dt.datetime | None:
    """`recorded_at` from the file, or None when it is not a moment (the schema said so)."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _ids_of(items: Any, key: str) -> set[str] | None:
    """The `key` values of a part's objects; None when the part is not a list (broken: its
    references cannot be checked)."""
    if not isinstance(items, list):
        return None
    return {found for _i, item in _dicts(items) if (found := _str(item, key)) is not None}


def _lineages_of(groups: Iterable[Any]) -> set[str] | None:
    """The lineages of the objects in every list of `groups`; None when one is not a list."""
    found: set[str] = set()
    for items in groups:
        lineages = _ids_of(items, "lineage")
        if lineages is None:
            return None
        found |= lineages
    return found


class _DossierChecker(_Checker):
    """Collects the problems of one document's dossier parts."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        super().__init__(doc, today)
        self.statement_lineages = _statement_types(doc)
        self.item_lineages = self._item_lineages()
        self.agreements = self._agreements()
        scale = doc.get("scale", {})
        self.scores = _ids_of(scale.get("scores", []), "id") if isinstance(scale, dict) else None
        help_items = doc.get("help", [])
        self.help_count = len(help_items) if isinstance(help_items, list) else None
        self.entries = _ids_of(doc.get("journal", []), "id")
        #: The meldcode record numbers; None when `meldcode` is not a list.
        self.records: set[int] | None = None

    def _item_lineages(self) -> set[str] | None:
        mappings = self.doc.get("mappings", [])
        if not isinstance(mappings, list):
            return None
        cells = [moment.get("cells") for _index, moment in _dicts(mappings)]
        if not all(isinstance(moment_cells, dict) for moment_cells in cells):
            return None
        return _lineages_of(items for moment_cells in cells for items in moment_cells.values())

    def _agreements(self) -> set[str] | None:
        plans = self.doc.get("plans", [])
        if not isinstance(plans, list):
            return None
        return _lineages_of(plan.get("agreements") for _index, plan in _dicts(plans))

    # ---------------------------------------------------------------- journal

    def journal(self) -> None:
        entries = _dicts(self.doc.get("journal"))
        recorded = {
            ident: _stamp(entry.get("recorded_at"))
            for _index, entry in entries
            if (ident := _str(entry, "id")) is not None
        }
        for index, entry in entries:
            where: list[PathPart] = ["journal", index]
            ident = _str(entry, "id")
            self.unique([*where, "id"], ident)
            self.not_in_future([*where, "occurred_on"], entry.get("occurred_on"))
            stamp = _stamp(entry.get("recorded_at"))
            if stamp is not None:
                self.not_in_future([*where, "recorded_at"], stamp.date().isoformat())
            self.corrects([*where, "corrects"], ident, _str(entry, "corrects"), stamp, recorded)
            self.links([*where, "links"], entry.get("links"))
        self.circles(entries)

    def circles(self, entries: list[tuple[int, dict[str, Any]]]) -> None:
        """Corrections that lead back to the entry they start from (each names the next)."""
        corrects = {
            ident: _str(entry, "corrects")
            for _index, entry in entries
            if (ident := _str(entry, "id")) is not None
        }
        for index, entry in entries:
            start = _str(entry, "id")
            seen: set[str | None] = {start}
            ref = corrects.get(start) if start is not None else None
            while ref is not None and ref not in seen:
                seen.add(ref)
                ref = corrects.get(ref)
            if ref is not None and ref == start and corrects.get(start) != start:
                message = _(
                    "these entries correct each other in a circle; a correction names an "
                    "earlier entry."
                )
                self.add(["journal", index, "corrects"], message)

    def corrects(
        self,
        where: list[PathPart],
        ident: str | None,
        ref: str | None,
        stamp: dt.datetime | None,
        recorded: dict[str, dt.datetime | None],
    ) -> None:
        if ref is None or self.entries is None:
            return
        if ref == ident:
            self.add(where, _("an entry cannot correct itself; name the entry it corrects."))
        elif ref not in self.entries:
            self.add(where, _("'{ref}' is not a journal entry in this file.").format(ref=ref))
        else:
            earlier = recorded.get(ref)
            if stamp is not None and earlier is not None and earlier > stamp:
                message = _(
                    "a correction is recorded after the entry it corrects; '{ref}' was "
                    "recorded later than this one."
                )
                self.add(where, message.format(ref=ref))

    def links(self, where: list[PathPart], links: Any) -> None:
        seen: dict[tuple[str, str], str] = {}
        for index, link in _dicts(links):
            kind, key = _str(link, "kind"), _str(link, "key")
            if kind not in _KEY_SHAPES or key is None:
                continue
            at: list[PathPart] = [*where, index, "key"]
            match = _KEY_SHAPES[kind].match(key)
            if match is None:
                message = _("'{key}' does not name a {kind}; write it as {example}.")
                self.add(at, message.format(key=key, kind=kind, example=_KEY_EXAMPLES[kind]))
                continue
            self.once(at, (kind, key), seen, _LINK_TWICE, target=key)
            self.target(at, kind, key, match)

    def target(self, where: list[PathPart], kind: str, key: str, match: re.Match[str]) -> None:
        """The link's target must be in the file (a target since removed is written as null)."""
        if kind == "help_item":
            if self.help_count is not None and int(match.group(1)) > self.help_count:
                message = _("'{key}' is not a help item in this file: help has {count}.")
                self.add(where, message.format(key=key, count=self.help_count))
            return
        if kind == "meldcode_step":
            if self.records is not None and int(match.group(1)) not in self.records:
                self.add(where, _(_NO_RECORD).format(key=key))
            return
        known: dict[str, tuple[Collection[str] | None, str]] = {
            "map_item": (self.item_lineages, _NOT_ITEM),
            "statement": (self.statement_lineages, _NOT_STATEMENT),
            "agreement": (self.agreements, _NOT_AGREEMENT),
            "scale_score": (self.scores, _NOT_SCORE),
            "zrm_domain": (self.persons, _NO_PERSON),
        }
        found, message = known[kind]
        wanted = match.group(1) if kind == "zrm_domain" else key
        if found is not None and wanted not in found:
            self.add(where, _(message).format(key=key))

    # ---------------------------------------------------------------- meldcode

    def meldcode(self) -> None:
        records = _dicts(self.doc.get("meldcode"))
        if isinstance(self.doc.get("meldcode", []), list):
            self.records = set()
        numbers: dict[int, str] = {}
        open_at: str | None = None
        for index, record in records:
            where: list[PathPart] = ["meldcode", index]
            number = _number(record.get("number"))
            if number is not None and self.records is not None:
                self.records.add(number)
            self.once([*where, "number"], number, numbers, _NUMBER_TWICE, number=number)
            if record.get("status") == "open":
                if open_at is not None:
                    message = _(
                        "only one meldcode record can be open at a time (record at {other} is "
                        "open); close one of them."
                    )
                    self.add([*where, "status"], message.format(other=open_at))
                open_at = open_at or json_path(where)
            self.record(where, record)

    def record(self, where: list[PathPart], record: dict[str, Any]) -> None:
        started = _day(record.get("started_on"))
        self.not_in_future([*where, "started_on"], record.get("started_on"))
        self.not_in_future([*where, "closed_on"], record.get("closed_on"))
        status, closed = record.get("status"), record.get("closed_on")
        if status == "closed" and closed is None:
            message = _("a closed record needs the day it was closed (closed_on).")
            self.add([*where, "closed_on"], message)
        elif status == "open" and closed is not None:
            message = _("an open record has no closing day: use null, or status closed.")
            self.add([*where, "closed_on"], message)
        before_start = N_("this date is before the record was started ({date}).")
        self.after([*where, "closed_on"], closed, started, before_start)
        for index, step in _dicts(record.get("steps")):
            at: list[PathPart] = [*where, "steps", index]
            number = _number(step.get("step"))
            if number is not None and number != index + 1:
                message = _("the steps are listed in order, 1 to 5: here step {expected} belongs.")
                self.add([*at, "step"], message.format(expected=index + 1))
            self.not_in_future([*at, "done_on"], step.get("done_on"))
            self.after([*at, "done_on"], step.get("done_on"), started, before_start)
        asked: dict[str, str] = {}
        for index, answer in _dicts(record.get("answers")):
            question = _str(answer, "question")
            at = [*where, "answers", index, "question"]
            self.once(at, question, asked, _QUESTION_TWICE, question=question)
        for index, signal in _dicts(record.get("signals")):
            self.signal([*where, "signals", index, "lineage"], signal)

    def signal(self, where: list[PathPart], signal: dict[str, Any]) -> None:
        source, lineage = signal.get("source"), _str(signal, "lineage")
        if lineage is None:
            return
        if source == "own":
            self.add(where, _("an own observation comes from no map item or statement: use null."))
        elif source == "map_item" and not lineage.startswith("L"):
            self.add(where, _("a signal from the map names a map item's lineage (L1, L2, …)."))
        elif source == "statement" and not lineage.startswith("S"):
            self.add(where, _("a signal from a statement names its lineage (S1, S2, …)."))
        elif source in ("map_item", "statement"):
            known = self.item_lineages if source == "map_item" else self.statement_lineages
            if known is not None and lineage not in known:
                message = _NOT_ITEM if source == "map_item" else _NOT_STATEMENT
                self.add(where, _(message).format(key=lineage))

    # ---------------------------------------------------------------- the rest

    def signals(self) -> None:
        for index, signal in _dicts(self.doc.get("signals")):
            where: list[PathPart] = ["signals", index]
            self.person([*where, "person"], signal.get("person"))
            signalled = _day(signal.get("signalled_on"))
            self.not_in_future([*where, "signalled_on"], signal.get("signalled_on"))
            self.not_in_future([*where, "withdrawn_on"], signal.get("withdrawn_on"))
            before = N_("this date is before the signal was made ({date}).")
            for key in ("coordination_on", "withdrawn_on"):
                self.after([*where, key], signal.get(key), signalled, before)
            expires = _day(signal.get("expires_on"))
            if expires is not None and signalled is not None and expires <= signalled:
                message = _("a signal expires after the day it was made ({date}).")
                self.add([*where, "expires_on"], message.format(date=format_date_nl(signalled)))
            for number, match in _dicts(signal.get("matches")):
                at: list[PathPart] = [*where, "matches", number, "matched_on"]
                self.not_in_future(at, match.get("matched_on"))
                self.after(at, match.get("matched_on"), signalled, before)

    def veilig_thuis(self) -> None:
        for index, contact in _dicts(self.doc.get("veilig_thuis")):
            where: list[PathPart] = ["veilig_thuis", index]
            self.not_in_future([*where, "contact_on"], contact.get("contact_on"))
            number = _number(contact.get("meldcode_record"))
            if number is not None and self.records is not None and number not in self.records:
                message = _("there is no meldcode record {number} in this file (see meldcode).")
                self.add([*where, "meldcode_record"], message.format(number=number))

    def kindchecks(self) -> None:
        triggers: dict[str, str] = {}
        for index, check in _dicts(self.doc.get("kindchecks")):
            where: list[PathPart] = ["kindchecks", index]
            self.person([*where, "person"], check.get("person"))
            self.not_in_future([*where, "asked_on"], check.get("asked_on"))
            entry = _str(check, "journal_entry")
            if entry is not None and self.entries is not None and entry not in self.entries:
                message = _("'{ref}' is not a journal entry in this file.")
                self.add([*where, "journal_entry"], message.format(ref=entry))
            trigger = _str(check, "trigger")
            if trigger is not None:
                self.trigger([*where, "trigger"], trigger, triggers)

    def trigger(self, where: list[PathPart], trigger: str, seen: dict[str, str]) -> None:
        match = _TRIGGER.match(trigger)
        day, domain, item = match.groups() if match is not None else (None, None, None)
        zrm_ok = day is None or (_day(day) is not None and trigger_domain(domain or ""))
        if match is None or not zrm_ok:
            message = _(
                "'{trigger}' does not say what raised the kindcheck: write zrm: with the "
                "assessment's date and the domain (zrm:2026-08-27:geestelijke_gezondheid), or "
                "worry: with the map item's lineage (worry:L1)."
            )
            self.add(where, message.format(trigger=trigger))
            return
        self.once(where, trigger, seen, _TRIGGER_TWICE, trigger=trigger)
        if item is not None and self.item_lineages is not None and item not in self.item_lineages:
            self.add(where, _(_NOT_ITEM).format(key=item))


def dossier_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of the journal, meldcode records, verwijsindex signals, Veilig Thuis
    contacts and kindchecks beyond the schema."""
    checker = _DossierChecker(doc, today)
    # The meldcode records first: the journal's links name them.
    return checker.run(
        checker.meldcode,
        checker.journal,
        checker.signals,
        checker.veilig_thuis,
        checker.kindchecks,
    )
