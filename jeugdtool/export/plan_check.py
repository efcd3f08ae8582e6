"""Rules for the safety plan in a case file (`plans`) that the JSON Schema cannot express:
version numbers and drafts, finalising, references (to persons, the network, mapping moments,
statements and agreements) and dates. The schema has checked the shapes; what it flagged is
skipped here. It builds on the framework's checker, so a plan's sources, dates in the future and
duplicate ids are reported exactly as in the rest of the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _ids
from jeugdtool.export.framework_check import _str
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.export.plan_parts import SERVABLE
from jeugdtool.folding import fold_key
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _


def _number(value: Any) -> int | None:
    """A version number from the file (1.0 counts as 1, as for the schema); else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():  # also NaN and Infinity
        return None
    return int(value)


def _person_key(who: Any) -> tuple[Any, ...] | None:
    """Who a source is, to find the same person twice: by reference, else by name (folded:
    "Aicha" and "Aïcha" are one person, as in the plan's own `person_key`)."""
    if not isinstance(who, dict):
        return None
    kind, ref, label = who.get("kind"), who.get("ref"), who.get("label")
    if not isinstance(kind, str) or not isinstance(ref, (str, type(None))):
        return None  # the schema reported it (and a list cannot be looked up)
    name = fold_key(label) if isinstance(label, str) and not ref else None
    return (kind, ref, name)


#: Named a second time ({other}: where first), in one version's network or one agreement.
_TWICE_IN_NETWORK = N_(
    "{who} is in the safety network of this version twice (also at {other}); "
    "describe all of their roles in one entry."
)
_LINEAGE_TWICE_IN_VERSION = N_(
    "lineage '{id}' is used twice in this version of the plan (also at {other})."
)
_TWICE_IN_AGREEMENT = N_("{who} is named twice in this agreement (also at {other}).")


def _name(who: Any) -> str:
    """A source as a message names it (one that is not an object is never named twice)."""
    if not isinstance(who, dict):
        return ""
    return str(who.get("label") or who.get("ref") or who.get("kind"))


def _statement_types(doc: dict[str, Any]) -> dict[str, str] | None:
    """Statement lineage -> its type; None when `statements` is not a list (nothing to check
    against). A lineage that changes type was reported with the statements."""
    statements = doc.get("statements", [])
    if not isinstance(statements, list):
        return None
    types: dict[str, str] = {}
    for _index, statement in _dicts(statements):
        lineage, kind = _str(statement, "lineage"), _str(statement, "type")
        if lineage is not None and kind in {t.value for t in StatementType}:
            types.setdefault(lineage, kind)
    return types


class _PlanChecker(_Checker):
    """Collects the problems of one document's `plans`."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        super().__init__(doc, today)
        self.moments = _ids(doc, "mappings", "m", optional=True)
        self.statement_types = _statement_types(doc)

    def plans(self) -> None:
        plans = _dicts(self.doc.get("plans"))
        count = len(self.doc["plans"]) if plans else 0
        finalised: tuple[int, dt.date] | None = None  # the last finalised version so far
        for index, plan in plans:
            where: list[PathPart] = ["plans", index]
            self.numbering(where, plan, index, count)
            status = plan.get("status")
            if status == PlanStatus.FINAL.value:
                finalised = self.final(where, plan, finalised)
            elif status == PlanStatus.DRAFT.value:
                self.draft(where, plan)
            moment = _str(plan, "statements_from")
            if moment is not None and self.moments is not None and moment not in self.moments:
                self.add([*where, "statements_from"], self._no_moment(moment))
            self.family_goals([*where, "family_goals"], plan.get("family_goals"))
            self.network_roles([*where, "network"], plan.get("network"))
            lineages = self.agreements([*where, "agreements"], plan.get("agreements"))
            self.reviews(where, plan, lineages)

    # ---------------------------------------------------------------- the version itself

    def numbering(
        self, where: list[PathPart], plan: dict[str, Any], index: int, count: int
    ) -> None:
        number = _number(plan.get("version"))
        if plan.get("version") is not None and number is not None and number != index + 1:
            message = _(
                "the versions of the plan are numbered 1, 2, 3, … in the order of the list; "
                "this one must be {number}."
            )
            self.add([*where, "version"], message.format(number=index + 1))
        if plan.get("status") == PlanStatus.DRAFT.value and index < count - 1:
            message = _(
                "only the newest version of the plan can be a draft; finalise this version or "
                "remove the versions after it."
            )
            self.add([*where, "status"], message)
        based_on = _number(plan.get("based_on"))
        own = number if number is not None else index + 1
        if based_on is not None and not 1 <= based_on < own:
            message = _(
                "{value} is not an earlier version of this plan; use the number of an "
                "earlier version, or null."
            )
            self.add([*where, "based_on"], message.format(value=based_on))

    def final(
        self, where: list[PathPart], plan: dict[str, Any], before: tuple[int, dt.date] | None
    ) -> tuple[int, dt.date] | None:
        """Checks a finalised version; returns (number, date) if it has a date, else `before`."""
        if plan.get("finalised_on", "") is None:
            message = _("a finalised version has the date it was finalised.")
            self.add([*where, "finalised_on"], message)
        if plan.get("finalised_by", "") is None:
            self.add([*where, "finalised_by"], _("a finalised version says who finalised it."))
        self.not_in_future([*where, "finalised_on"], plan.get("finalised_on"))
        day = _day(plan.get("finalised_on"))
        if day is None:
            return before
        if before is not None and day < before[1]:
            message = _(
                "version {number} was finalised on {date}; a later version cannot be finalised "
                "before that."
            )
            self.add(
                [*where, "finalised_on"],
                message.format(number=before[0], date=format_date_nl(before[1])),
            )
        return (_number(plan.get("version")) or 0, day)

    def draft(self, where: list[PathPart], plan: dict[str, Any]) -> None:
        for key in ("finalised_on", "finalised_by", "override_reason"):
            if plan.get(key) is not None:
                self.add([*where, key], _("a draft has not been finalised; use null."))
        if plan.get("statements_from") is not None:
            message = _("a draft shows the newest mapping moment; use null.")
            self.add([*where, "statements_from"], message)

    def family_goals(self, where: list[PathPart], goals: Any) -> None:
        """Who said each goal (someone of the file), each lineage once in the version."""
        lineages: dict[str, str] = {}
        for index, goal in _dicts(goals):
            at: list[PathPart] = [*where, index]
            self.source([*at, "who"], goal.get("who"))
            lineage = _str(goal, "lineage")
            self.once([*at, "lineage"], lineage, lineages, _LINEAGE_TWICE_IN_VERSION, id=lineage)

    def network_roles(self, where: list[PathPart], roles: Any) -> None:
        named: dict[tuple[Any, ...], str] = {}
        for index, role in _dicts(roles):
            at: list[PathPart] = [*where, index]
            who = role.get("who")
            self.source([*at, "who"], who)
            self.not_in_future([*at, "told_on"], role.get("told_on"))
            self.once([*at, "who"], _person_key(who), named, _TWICE_IN_NETWORK, who=_name(who))

    # ---------------------------------------------------------------- agreements

    def agreements(self, where: list[PathPart], agreements: Any) -> dict[str, str]:
        """Checks the agreements of one version; returns their lineages (-> path)."""
        lineages: dict[str, str] = {}
        for index, agreement in _dicts(agreements):
            at: list[PathPart] = [*where, index]
            self.unique([*at, "id"], agreement.get("id"))
            lineage = _str(agreement, "lineage")
            self.once([*at, "lineage"], lineage, lineages, _LINEAGE_TWICE_IN_VERSION, id=lineage)
            serves = agreement.get("serves")
            for number, ref in enumerate(serves if isinstance(serves, list) else []):
                self.served([*at, "serves", number], ref)
            self.parties([*at, "parties"], agreement.get("parties"))
        return lineages

    def served(self, where: list[PathPart], ref: Any) -> None:
        if not isinstance(ref, str) or self.statement_types is None:
            return
        found = self.statement_types.get(ref)
        if found is None:
            message = _("'{ref}' is not the lineage of a statement in this file (see statements).")
            self.add(where, message.format(ref=ref))
        elif found not in SERVABLE:
            message = _(
                "an agreement serves a danger statement, a safety goal or a bottom line, not a "
                "{type} ('{ref}')."
            )
            self.add(where, message.format(ref=ref, type=StatementType(found).label.lower()))

    def parties(self, where: list[PathPart], parties: Any) -> None:
        named: dict[tuple[Any, ...], str] = {}
        for index, party in _dicts(parties):
            at: list[PathPart] = [*where, index]
            who = party.get("who")
            self.source([*at, "who"], who)
            self.once([*at, "who"], _person_key(who), named, _TWICE_IN_AGREEMENT, who=_name(who))
            if "accepted" in party and party["accepted"] is None:
                for field in ("on", "how"):
                    if party.get(field) is not None:
                        message = _(
                            "not asked yet (accepted is null) has no date and no way of "
                            "answering; use null."
                        )
                        self.add([*at, field], message)
            self.not_in_future([*at, "on"], party.get("on"))

    # ---------------------------------------------------------------- reviews

    def reviews(
        self, where: list[PathPart], plan: dict[str, Any], lineages: dict[str, str]
    ) -> None:
        reviews = _dicts(plan.get("reviews"))
        if reviews and plan.get("status") == PlanStatus.DRAFT.value:
            message = _("only a finalised version is reviewed; a draft has no reviews.")
            self.add([*where, "reviews"], message)
        finalised = _day(plan.get("finalised_on"))
        number = _number(plan.get("version"))
        agreements_readable = isinstance(plan.get("agreements"), list)
        for index, review in reviews:
            at: list[PathPart] = [*where, "reviews", index]
            self.not_in_future([*at, "date"], review.get("date"))
            self.after(
                [*at, "date"],
                review.get("date"),
                finalised,
                N_(
                    "the review is before the version was finalised ({date}); a version is "
                    "reviewed after it was finalised."
                ),
            )
            if agreements_readable:
                self.results([*at, "results"], review.get("results"), lineages, number)

    def results(
        self, where: list[PathPart], results: Any, lineages: dict[str, str], number: int | None
    ) -> None:
        first: dict[str, str] = {}
        for index, result in _dicts(results):
            at: list[PathPart] = [*where, index, "agreement"]
            ref = _str(result, "agreement")
            if ref is None:
                continue
            if ref not in lineages:
                message = _(
                    "'{ref}' is not an agreement of version {number} of the plan (see its "
                    "agreements, their lineage)."
                )
                self.add(at, message.format(ref=ref, number=number or "?"))
            elif ref in first:
                message = _("agreement '{ref}' has a result in this review already (at {other}).")
                self.add(at, message.format(ref=ref, other=first[ref]))
            else:
                first[ref] = json_path(at)


def plan_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of `plans` beyond the schema."""
    checker = _PlanChecker(doc, today)
    checker.plans()
    return checker.problems.found
