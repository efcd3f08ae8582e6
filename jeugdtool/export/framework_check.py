"""Rules for the framework parts of a case file (`mappings`, `statements`, `scale`) that the
JSON Schema cannot express: unique ids, references between parts, and what each kind of
statement may hold. The schema has checked the shapes; what it flagged is skipped here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Hashable
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.framework.goal_rules import check_period
from jeugdtool.framework.statement_dto import PARTS
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

#: The first letter of a statement's file id, by type.
STATEMENT_PREFIX = {
    StatementType.HARM: "h",
    StatementType.DANGER: "d",
    StatementType.SAFETY_GOAL: "g",
    StatementType.BOTTOM_LINE: "b",
}

#: The fields of each type of statement in the file, in file order, between `type` and `text`.
#: They are the columns of `framework.models.Statement`, and `children` (rows of
#: statement_children). Fields added later may be missing in older files (see OPTIONAL_FIELDS).
STATEMENT_FIELDS: dict[StatementType, tuple[str, ...]] = {
    **PARTS,
    # The file has harm's behaviour before its children (the form's order came later).
    StatementType.HARM: ("behaviour", "children", "incident_on", "incident_marks", "impact"),
}
#: Fields an older file may lack, with the value they then have.
OPTIONAL_FIELDS: dict[str, Any] = {
    "children": (),
    "incident_on": None,
    "incident_marks": (),
    "who_will": (),
    "sustained_amount": None,
    "sustained_unit": None,
}
#: Fields of older files, per type: `child` (one child) became `children`.
LEGACY_FIELDS: dict[StatementType, tuple[str, ...]] = {
    StatementType.HARM: ("child",),
    StatementType.DANGER: ("child",),
}
ALL_STATEMENT_FIELDS = frozenset(
    f for fields in (*STATEMENT_FIELDS.values(), *LEGACY_FIELDS.values()) for f in fields
)


def statement_children(statement: dict[str, Any]) -> list[Any]:
    """The children a statement in the file names: `children`, or an older file's `child`."""
    if "children" in statement:
        children = statement["children"]
        return list(children) if isinstance(children, list) else []
    child = statement.get("child")
    return [child] if child is not None else []


_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: A statement's or map item's lineage used a second time in one mapping moment.
LINEAGE_TWICE_IN_MOMENT = N_(
    "lineage '{id}' is used twice in this mapping moment (also at {other})."
)


def duplicate_message(ident: str, other: str) -> str:
    """An id used a second time, naming the path of its first use."""
    return _("id '{id}' is used twice (also at {other}).").format(id=ident, other=other)


def _type_label(value: str) -> str:
    """A statement type as words in a sentence ("a danger statement"), not its file code."""
    return StatementType(value).label.lower()


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a list, with their index; nothing when the part is not a list."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _ids(doc: dict[str, Any], part: str, prefix: str, *, optional: bool = False) -> set[str] | None:
    """The ids of `persons` or `network`; None when they are broken themselves (not a list, an
    id missing, malformed or used twice): references to them cannot be checked then, and
    would only repeat the problem already reported there. An `optional` part (`mappings`)
    that is missing is empty: a reference into it points at nothing."""
    entries = doc.get(part, [] if optional else None)
    if not isinstance(entries, list):
        return None
    ids = [e.get("id") if isinstance(e, dict) else None for e in entries]
    pattern = re.compile(rf"^{prefix}[1-9][0-9]*$")
    if not all(isinstance(i, str) and pattern.match(i) for i in ids) or len(set(ids)) < len(ids):
        return None
    return set(ids)


def _day(value: Any) -> dt.date | None:
    """A date from the file, or None when it is missing or not a date (the schema said so)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None


#: A source's kind -> (the id prefix of the other kind, the message when its ref has it).
_OTHER_KIND = {
    "person": (
        "n",
        N_(
            "'{ref}' is a network member; a household member as source needs a "
            "reference to a person (p1, p2, …)."
        ),
    ),
    "network": (
        "p",
        N_(
            "'{ref}' is a household member; a network member as source needs a "
            "reference to a network member (n1, n2, …)."
        ),
    ),
}


class _Checker:
    """Collects the problems of one document's framework parts."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        self.doc = doc
        self.today = today
        self.problems = Problems()
        self.persons = _ids(doc, "persons", "p")
        self.network = _ids(doc, "network", "n")
        #: File id -> path of its first use, for every kind of id that must be unique.
        self.seen: dict[str, str] = {}
        #: The moment ids; None when they are broken themselves (see `_ids`).
        self.moments: set[str] | None = set()
        #: Statement lineage -> (type, path of its first statement).
        self.lineages: dict[str, tuple[str, str]] = {}
        #: (moment, statement lineage) -> path of that statement's lineage.
        self.in_moment: dict[tuple[str, str], str] = {}

    def add(self, where: list[PathPart], message: str) -> None:
        self.problems.add(Problem(json_path(where), message))

    def unique(self, where: list[PathPart], ident: Any) -> None:
        other = self.earlier(where, ident if isinstance(ident, str) else None, self.seen)
        if other is not None:
            self.add(where, duplicate_message(ident, other))

    def earlier(
        self, where: list[PathPart], key: Hashable | None, seen: dict[Any, str]
    ) -> str | None:
        """The path where `key` was seen before, or None after noting it at `where` (a key
        of None is not noted): for "named twice (also at …)"."""
        if key is None:
            return None
        if key in seen:
            return seen[key]
        seen[key] = json_path(where)
        return None

    def once(
        self,
        where: list[PathPart],
        key: Hashable | None,
        seen: dict[Any, str],
        twice: str,
        **names: Any,
    ) -> None:
        """Note `key` at `where` in `seen`; when it is there already, report `twice` (marked
        with N_, naming {other}: the first place, and `names`)."""
        other = self.earlier(where, key, seen)
        if other is not None:
            self.add(where, _(twice).format(other=other, **names))

    def after(self, where: list[PathPart], value: Any, first: dt.date | None, what: str) -> None:
        """The date at `where` must not be before `first` (`what`: N_ message naming {date})."""
        day = _day(value)
        if day is not None and first is not None and day < first:
            self.add(where, _(what).format(date=format_date_nl(first)))

    def run(self, *checks: Callable[[], None]) -> list[Problem]:
        """Run `checks` (methods of this checker) in their order; every problem they found."""
        for check in checks:
            check()
        return self.problems.found

    def not_in_future(self, where: list[PathPart], value: Any) -> None:
        if not isinstance(value, str) or not _DATE_SHAPE.match(value):
            return
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return  # the schema reported it
        self.problems.check(v.date, json_path(where), day, label=_("Date"), not_after=self.today)

    def person(self, where: list[PathPart], ref: Any) -> None:
        if isinstance(ref, str) and self.persons is not None and ref not in self.persons:
            self.add(
                where, _("'{ref}' is not a person in this file (see persons).").format(ref=ref)
            )

    def source(self, where: list[PathPart], source: Any) -> None:
        if not isinstance(source, dict):
            return
        kind, ref = _str(source, "kind"), _str(source, "ref")
        if ref is None:
            return
        at = [*where, "ref"]
        if kind in _OTHER_KIND:
            prefix, message = _OTHER_KIND[kind]
            if ref.startswith(prefix):
                self.add(at, _(message).format(ref=ref))
            elif kind == "person":
                self.person(at, ref)
            elif self.network is not None and ref not in self.network:
                message = _("'{ref}' is not a network member in this file (see network).")
                self.add(at, message.format(ref=ref))
        elif kind in ("consultant", "other"):
            self.add(at, _("only a household member or a network member has a ref; use null."))

    # ---------------------------------------------------------------- mappings

    def mappings(self) -> None:
        moments = _dicts(self.doc.get("mappings"))
        for index, moment in moments:
            self.unique(["mappings", index, "id"], moment.get("id"))
        self.moments = _ids(self.doc, "mappings", "m", optional=True)
        for index, moment in moments:
            where: list[PathPart] = ["mappings", index]
            self.not_in_future([*where, "date"], moment.get("date"))
            copied = _str(moment, "copied_from")
            if copied is not None and copied == moment.get("id"):
                message = _("a mapping moment cannot be copied from itself.")
                self.add([*where, "copied_from"], message)
            elif copied is not None and self.moments is not None and copied not in self.moments:
                self.add([*where, "copied_from"], self._no_moment(copied))
            cells = moment.get("cells")
            if isinstance(cells, dict):
                self.cells([*where, "cells"], cells)

    def _no_moment(self, ref: str) -> str:
        return _("'{ref}' is not a mapping moment in this file (see mappings).").format(ref=ref)

    def cells(self, where: list[PathPart], cells: dict[str, Any]) -> None:
        lineages: dict[str, str] = {}
        for cell in Cell:
            for index, item in _dicts(cells.get(cell.value)):
                at: list[PathPart] = [*where, cell.value, index]
                self.unique([*at, "id"], item.get("id"))
                lineage = _str(item, "lineage")
                self.once([*at, "lineage"], lineage, lineages, LINEAGE_TWICE_IN_MOMENT, id=lineage)
                self.source([*at, "source"], item.get("source"))
                self.person([*at, "concerns"], item.get("concerns"))
                if item.get("kind") is not None and not cell.is_worry:
                    message = _(
                        "only worries (harm, danger, complicating_factors) are a problem or a "
                        "limitation; use null here."
                    )
                    self.add([*at, "kind"], message)
                self.stances([*at, "stances"], item.get("stances"))

    def stances(self, where: list[PathPart], stances: Any) -> None:
        first: dict[str, str] = {}
        for index, stance in _dicts(stances):
            who = _str(stance, "who")
            if who is None:
                continue
            at = json_path([*where, index, "who"])
            if who in first:
                message = _("{who} has a stance on this item already (at {other}).")
                self.add([*where, index, "who"], message.format(who=who, other=first[who]))
            else:
                first[who] = at

    # ---------------------------------------------------------------- statements

    def statements(self) -> None:
        statements = _dicts(self.doc.get("statements"))
        per_moment = self.in_moment
        for index, statement in statements:
            where: list[PathPart] = ["statements", index]
            kind = self._type(statement)
            ident, lineage = _str(statement, "id"), _str(statement, "lineage")
            self.unique([*where, "id"], ident)
            if kind is not None and ident and ident[0] != STATEMENT_PREFIX[kind]:
                prefix = STATEMENT_PREFIX[kind]
                message = _(
                    "'{id}' does not fit a statement of type {type}: its id starts with "
                    "{prefix} ({prefix}1, {prefix}2, …)."
                )
                self.add([*where, "id"], message.format(id=ident, type=kind.value, prefix=prefix))
            moment = _str(statement, "moment")
            if moment is not None and self.moments is not None and moment not in self.moments:
                self.add([*where, "moment"], self._no_moment(moment))
            if kind is not None:
                allowed = {*STATEMENT_FIELDS[kind], *LEGACY_FIELDS.get(kind, ())}
                for key in statement:
                    if key in ALL_STATEMENT_FIELDS and key not in allowed:
                        message = _("is not part of a statement of type {type}; remove it.")
                        self.add([*where, key], message.format(type=kind.value))
                if "child" in statement and "children" in statement:
                    self.add(
                        [*where, "child"],
                        _("an older file's child and children together; keep only children."),
                    )
            if lineage is None:
                continue
            key = (moment, lineage) if moment is not None else None
            self.once([*where, "lineage"], key, per_moment, LINEAGE_TWICE_IN_MOMENT, id=lineage)
            if kind is None:
                continue
            if lineage not in self.lineages:
                self.lineages[lineage] = (kind.value, json_path([*where, "lineage"]))
            elif self.lineages[lineage][0] != kind.value:
                first_type, first_at = self.lineages[lineage]
                message = _(
                    "lineage '{id}' belongs to a {type} at {path}; a statement keeps its type in "
                    "every mapping moment."
                )
                self.add(
                    [*where, "lineage"],
                    message.format(id=lineage, type=_type_label(first_type), path=first_at),
                )
        for index, statement in statements:
            self._references(["statements", index], statement)

    @staticmethod
    def _type(statement: dict[str, Any]) -> StatementType | None:
        try:
            return StatementType(statement.get("type"))
        except ValueError:
            return None

    def _references(self, where: list[PathPart], statement: dict[str, Any]) -> None:
        kind = self._type(statement)
        if kind in (StatementType.HARM, StatementType.DANGER):
            if "children" in statement:
                children = statement["children"]
                for index, ref in enumerate(children if isinstance(children, list) else []):
                    self.person([*where, "children", index], ref)
            else:
                self.person([*where, "child"], statement.get("child"))
            if kind is StatementType.HARM:
                self.not_in_future([*where, "incident_on"], statement.get("incident_on"))
        elif kind is StatementType.SAFETY_GOAL:
            self.lineage([*where, "pairs_with"], statement.get("pairs_with"), statement)
            amount, unit = statement.get("sustained_amount"), statement.get("sustained_unit")
            try:
                check_period(amount, unit, field=json_path([*where, "sustained"]))
            except InvalidInput as problems:
                for problem in problems.problems:
                    self.problems.add(problem)
        elif kind is StatementType.BOTTOM_LINE:
            self.not_in_future([*where, "set_on"], statement.get("set_on"))
            guards = statement.get("guards")
            for index, ref in enumerate(guards if isinstance(guards, list) else []):
                self.lineage([*where, "guards", index], ref, statement)

    def lineage(self, where: list[PathPart], ref: Any, statement: dict[str, Any] | None) -> None:
        """`ref` (at `where`: pairs_with, guards[i] or about) must be the lineage of a statement
        of the right type: of the same mapping moment as `statement`, or for a score (None)
        of any moment."""
        if not isinstance(ref, str):
            return
        field = next(part for part in reversed(where) if isinstance(part, str))
        wanted = StatementType.SAFETY_GOAL if field == "guards" else StatementType.DANGER
        if ref not in self.lineages:
            message = _("'{ref}' is not the lineage of a statement in this file (see statements).")
            self.add(where, message.format(ref=ref))
            return
        found = self.lineages[ref][0]
        if found != wanted.value:
            messages: dict[str, Callable[[], str]] = {
                "pairs_with": lambda: _(
                    "a safety goal must refer to a danger statement, not to a {type} ('{ref}')."
                ),
                "guards": lambda: _(
                    "a bottom line must refer to safety goals, not to a {type} ('{ref}')."
                ),
                "about": lambda: _(
                    "a score must refer to a danger statement, not to a {type} ('{ref}'); for a "
                    "score about the case as a whole, use null."
                ),
            }
            self.add(where, messages[field]().format(ref=ref, type=_type_label(found)))
            return
        moment = _str(statement, "moment") if statement is not None else None
        known = self.moments is not None and moment in self.moments
        if moment is not None and known and (moment, ref) not in self.in_moment:
            message = _(
                "'{ref}' is not in mapping moment {moment}; refer to a statement of the same "
                "mapping moment."
            )
            self.add(where, message.format(ref=ref, moment=moment))

    # ---------------------------------------------------------------- scale

    def scale(self) -> None:
        scale = self.doc.get("scale")
        if not isinstance(scale, dict):
            return
        statements_readable = isinstance(self.doc.get("statements", []), list)
        for index, score in _dicts(scale.get("scores")):
            where: list[PathPart] = ["scale", "scores", index]
            self.not_in_future([*where, "date"], score.get("date"))
            self.source([*where, "rater"], score.get("rater"))
            if statements_readable:
                self.lineage([*where, "about"], score.get("about"), None)


def framework_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of `mappings`, `statements` and `scale` beyond the schema."""
    checker = _Checker(doc, today)
    return checker.run(checker.mappings, checker.statements, checker.scale)
