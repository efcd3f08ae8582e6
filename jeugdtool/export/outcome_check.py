"""Rules for the outcomes in a case file (`help`, `closings`, `new_starts`) that the JSON Schema
cannot express: references (to persons, safety goals and closings), the order of closings and
reopenings, and dates. What the program itself may leave behind is accepted, so that export
writes only what import accepts (an open case whose closing lacks its reopening date, from a
case reopened by an older jeugdtool). The schema has checked the shapes; what it flagged is
skipped here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _str
from jeugdtool.export.paths import PathPart
from jeugdtool.export.plan_check import _statement_types
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing_rules

_GOAL_TWICE = N_("the goal '{ref}' has an outcome in this closing already (also at {other}).")
_ANSWERED_TWICE = N_(
    "'{ref}' has given their experience at this closing already (also at {other}); keep one."
)


class _OutcomeChecker(_Checker):
    """Collects the problems of one document's outcomes parts."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        super().__init__(doc, today)
        self.statement_types = _statement_types(doc)
        #: Closing id -> its closing date (None when that is not a date).
        self.closed: dict[str, dt.date | None] = {}

    # ---------------------------------------------------------------- help

    def help(self) -> None:
        for index, item in _dicts(self.doc.get("help")):
            where: list[PathPart] = ["help", index]
            self.person([*where, "person"], item.get("person"))
            self.not_in_future([*where, "ended_on"], item.get("ended_on"))
            starts = _day(item.get("starts_on"))
            for key in ("planned_end", "ended_on"):
                message = N_("this date is before the help starts ({date}).")
                self.after([*where, key], item.get(key), starts, message)
            if item.get("unit_cost_cents") is not None and item.get("unit", "") is None:
                message = _("a cost is per unit: say what one unit is (hour, day_part, …).")
                self.add([*where, "unit"], message)
            serves = item.get("serves")
            for number, ref in enumerate(serves if isinstance(serves, list) else []):
                if isinstance(ref, str) and ref.startswith("S"):
                    self.goal([*where, "serves", number], ref, strict=True)

    def goal(self, where: list[PathPart], ref: str, *, strict: bool) -> None:
        """`ref` names a safety goal. `strict`: it must be a statement in the file (a help item
        serves goals on the map); else a lineage no statement has is a goal since removed."""
        if self.statement_types is None:
            return
        found = self.statement_types.get(ref)
        if found is None and strict:
            message = _("'{ref}' is not the lineage of a statement in this file (see statements).")
            self.add(where, message.format(ref=ref))
        elif found is not None and found != StatementType.SAFETY_GOAL.value:
            message = _("'{ref}' is a {type}; only a safety goal can be named here.")
            self.add(where, message.format(ref=ref, type=StatementType(found).label.lower()))

    # ---------------------------------------------------------------- closings

    def closings(self) -> None:
        closings = _dicts(self.doc.get("closings"))
        for index, closing in closings:
            ident = _str(closing, "id")
            self.unique(["closings", index, "id"], ident)
            if ident is not None and ident not in self.closed:
                self.closed[ident] = _day(closing.get("closed_on"))
        previous: tuple[int, dict[str, Any]] | None = None
        for index, closing in closings:
            where: list[PathPart] = ["closings", index]
            self.not_in_future([*where, "closed_on"], closing.get("closed_on"))
            self.not_in_future([*where, "reopened_on"], closing.get("reopened_on"))
            self.dates(where, closing, previous)
            self.ended(where, closing)
            self.goal_outcomes([*where, "goal_outcomes"], closing.get("goal_outcomes"))
            self.experiences([*where, "experiences"], closing.get("experiences"))
            previous = (index, closing)

    def dates(
        self,
        where: list[PathPart],
        closing: dict[str, Any],
        previous: tuple[int, dict[str, Any]] | None,
    ) -> None:
        closed = _day(closing.get("closed_on"))
        message = N_("the case cannot be reopened before it was closed ({date}).")
        self.after([*where, "reopened_on"], closing.get("reopened_on"), closed, message)
        if previous is None:
            return
        # A closing that was not reopened may still come before a later one: a case reopened
        # by an older jeugdtool kept its closing without the date. The program takes the newest
        # closing not reopened as the one a closed case is closed by, and so does import.
        earlier = _day(previous[1].get("reopened_on")) or _day(previous[1].get("closed_on"))
        message = N_(
            "the closings are listed oldest first, each after the reopening before it "
            "({date}); move this closing or correct its date."
        )
        self.after([*where, "closed_on"], closing.get("closed_on"), earlier, message)

    def ended(self, where: list[PathPart], closing: dict[str, Any]) -> None:
        """How help ended and further help, by the program's own rules (a file may leave them
        out: a closing from before they were recorded)."""
        for rule in (closing_rules.ended_fields, closing_rules.further_help_fields):
            try:
                rule(closing, required=False)
            except InvalidInput as exc:
                for problem in exc.problems:
                    self.add([*where, problem.field], problem.message)

    def goal_outcomes(self, where: list[PathPart], outcomes: Any) -> None:
        seen: dict[str, str] = {}
        for index, outcome in _dicts(outcomes):
            ref = _str(outcome, "goal")
            if ref is None:
                continue
            at: list[PathPart] = [*where, index, "goal"]
            self.goal(at, ref, strict=False)
            self.once(at, ref, seen, _GOAL_TWICE, ref=ref)

    def experiences(self, where: list[PathPart], experiences: Any) -> None:
        answered: dict[str, str] = {}
        for index, experience in _dicts(experiences):
            at: list[PathPart] = [*where, index, "person"]
            ref = _str(experience, "person")
            self.person(at, ref)
            self.once(at, ref, answered, _ANSWERED_TWICE, ref=ref)

    # ---------------------------------------------------------------- new starts

    def new_starts(self) -> None:
        for index, start in _dicts(self.doc.get("new_starts")):
            where: list[PathPart] = ["new_starts", index]
            self.not_in_future([*where, "date"], start.get("date"))
            self.person([*where, "person"], start.get("person"))
            ref = _str(start, "previous_closing")
            if ref is not None and start.get("previous_case") is not None:
                message = _(
                    "a new start follows one closing: of this case (previous_closing) or of "
                    "another case (previous_case); use null for the other."
                )
                self.add([*where, "previous_case"], message)
            if ref is not None and ref not in self.closed:
                message = _("'{ref}' is not a closing in this file (see closings).")
                self.add([*where, "previous_closing"], message.format(ref=ref))
                return
            other = start.get("previous_case")
            closed = (
                self.closed[ref]
                if ref is not None
                else _day(other.get("closed_on"))
                if isinstance(other, dict)
                else None
            )
            message = N_("help cannot start again before the closing it follows ({date}).")
            self.after([*where, "date"], start.get("date"), closed, message)


def outcome_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of `help`, `closings` and `new_starts` beyond the schema."""
    checker = _OutcomeChecker(doc, today)
    return checker.run(checker.help, checker.closings, checker.new_starts)
