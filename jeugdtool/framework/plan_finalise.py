"""Finalising a safety plan (vaststellen), the check that comes before it, and comparing versions.

- `readiness` says what still stands in the way of finalising a draft: an agreement that is not
  SMART (naming the letters), an agreement not accepted by everyone it names (naming who), a
  bottom line no agreement serves (naming the bottom line), a plan without agreements, a plan
  without a review schedule or next review date.
- `finalise` fixes a draft: status final, the date, who finalised it, and the mapping moment
  whose statements it shows (so what partners signed can always be shown again). A plan that is
  not ready is refused with every problem (`PlanNotReady`), unless the consultant writes why they
  finalise it anyway; that reason is recorded with the version.

  Finalising cannot be undone: a finalised plan may already be signed or sent to partners, and
  `plans.delete_draft` never removes a finalised version. The UI asks for confirmation instead;
  later changes start a new draft (`plans.start_draft`), which is version n + 1.
- `compare_versions` lists what changed between two versions of a plan: agreements matched by
  lineage, the people they name and their acceptance, the plan's own sections, the safety
  network and the red flags.

Agreements that lapsed (`vervallen`) are left out of the check: they are no longer part of what
is agreed, do not count as serving a bottom line, and do not add to anyone's load.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import Generic
from typing import Protocol
from typing import TypeVar

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework import smart
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_rules import in_force
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.plan_rules import saved_smart_draft
from jeugdtool.framework.plan_rules import shorten
from jeugdtool.framework.plans import MAX_TEXT
from jeugdtool.framework.plans import editable_version
from jeugdtool.framework.plans import load_plan
from jeugdtool.framework.plans import version_dto
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import committed
from jeugdtool.store.uow import UnitOfWork

#: The longest name kept as "finalised by" (the column's size).
MAX_BY = 200


def _in_force(detail: PlanDetail) -> tuple[AgreementDTO, ...]:
    """The agreements the check looks at: all but the lapsed ones."""
    return tuple(a for a in detail.agreements if in_force(a.status))


def _short(text: str, limit: int = 60) -> str:
    return f"“{shorten(text, limit)}”"


def _agreement_name(agreement: AgreementDTO) -> str:
    return _("Agreement {number} ({what})").format(
        number=agreement.position, what=_short(agreement.what)
    )


# ---- SMART ------------------------------------------------------------------------------------


def smart_of(detail: PlanDetail, today: dt.date | None = None) -> dict[int, smart.SmartResult]:
    """Agreement id -> its SMART check, for every agreement of an already loaded plan."""
    today = today or dt.date.today()
    return {
        a.id: smart.check_smart(saved_smart_draft(a, detail.plan, detail.agreements), today)
        for a in detail.agreements
    }


# ---- readiness --------------------------------------------------------------------------------


class ReadinessKind(enum.StrEnum):
    NO_AGREEMENTS = "no_agreements"
    NOT_SMART = "not_smart"
    NOT_ACCEPTED = "not_accepted"
    UNCOVERED_BOTTOM_LINE = "uncovered_bottom_line"
    NO_REVIEW = "no_review"


@dataclass(frozen=True)
class ReadinessProblem:
    kind: ReadinessKind
    #: The agreement it is about (NOT_SMART, NOT_ACCEPTED).
    agreement_id: int | None
    #: The statement it is about (UNCOVERED_BOTTOM_LINE: the bottom line's lineage).
    statement_lineage: str | None
    #: Translated, complete sentence naming what is wrong.
    message: str
    #: NOT_SMART: the failing letters besides A, e.g. ("S", "T"); acceptance (A) is a problem of
    #: its own (NOT_ACCEPTED), naming who has not accepted.
    letters: tuple[str, ...] = ()
    #: What to open to fix it: an agreement (target_key: its lineage), a statement (its
    #: lineage) or a section of the plan (its field: "agreements", "review_schedule").
    target_kind: CommentTarget = CommentTarget.PLAN
    target_key: str = ""


@dataclass(frozen=True)
class Readiness:
    version_id: int
    problems: tuple[ReadinessProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def of_kind(self, kind: ReadinessKind | str) -> tuple[ReadinessProblem, ...]:
        return tuple(p for p in self.problems if p.kind == kind)


def _not_accepted(agreement: AgreementDTO) -> str:
    if not agreement.parties:
        return _(
            "{agreement} names nobody who does it, so nobody can accept it. Name the people who "
            "do it and record their acceptance."
        ).format(agreement=_agreement_name(agreement))
    waiting: list[str] = []
    for party in agreement.parties:
        if party.accepted is True:
            continue
        state = _("does not accept") if party.accepted is False else _("not asked yet")
        waiting.append(f"{party.source.label} ({state})")
    return _(
        "{agreement} has not been accepted by everyone it names yet: {names}. Record each "
        "person's acceptance."
    ).format(agreement=_agreement_name(agreement), names=", ".join(waiting))


def _not_smart(agreement: AgreementDTO, letters: Sequence[str]) -> str:
    named = ", ".join(f"{letter} ({smart.letter_name(letter).lower()})" for letter in letters)
    return _("{agreement} is not SMART yet: {letters}.").format(
        agreement=_agreement_name(agreement), letters=named
    )


def readiness_of(detail: PlanDetail, today: dt.date | None = None) -> Readiness:
    """What stands in the way of finalising an already loaded plan (pure; no database)."""
    agreements = _in_force(detail)
    results = smart_of(detail, today)
    problems: list[ReadinessProblem] = []
    if not agreements:
        problems.append(
            ReadinessProblem(
                ReadinessKind.NO_AGREEMENTS,
                None,
                None,
                _("The plan has no agreements yet. Add what the family and network will do."),
                target_kind=CommentTarget.SECTION,
                target_key="agreements",
            )
        )
    for agreement in agreements:
        letters = tuple(x for x in results[agreement.id].failing if x != "A")
        if letters:
            problems.append(
                ReadinessProblem(
                    ReadinessKind.NOT_SMART,
                    agreement.id,
                    None,
                    _not_smart(agreement, letters),
                    letters,
                    target_kind=CommentTarget.AGREEMENT,
                    target_key=agreement.lineage,
                )
            )
        if not agreement.accepted_by_all:
            problems.append(
                ReadinessProblem(
                    ReadinessKind.NOT_ACCEPTED,
                    agreement.id,
                    None,
                    _not_accepted(agreement),
                    target_kind=CommentTarget.AGREEMENT,
                    target_key=agreement.lineage,
                )
            )
    for statement in detail.statements:
        if statement.type is not StatementType.BOTTOM_LINE:
            continue
        if any(statement.lineage in a.serves for a in agreements):
            continue
        problems.append(
            ReadinessProblem(
                ReadinessKind.UNCOVERED_BOTTOM_LINE,
                None,
                statement.lineage,
                _(
                    "No agreement serves the bottom line {text}. Add an agreement that makes sure "
                    "it is met, or link an existing one to it."
                ).format(text=_short(statement.text, 80)),
                target_kind=CommentTarget.STATEMENT,
                target_key=statement.lineage,
            )
        )
    if not detail.plan.review_schedule.strip() and detail.plan.next_review_on is None:
        problems.append(
            ReadinessProblem(
                ReadinessKind.NO_REVIEW,
                None,
                None,
                _("Say when the plan is reviewed: a review schedule or the next review date."),
                target_kind=CommentTarget.SECTION,
                target_key="review_schedule",
            )
        )
    return Readiness(detail.plan.id, tuple(problems))


def readiness(uow: UnitOfWork, version_id: int, today: dt.date | None = None) -> Readiness:
    """What stands in the way of finalising the version (empty when it is ready)."""
    with uow:
        detail = load_plan(uow, version_id)
    return readiness_of(detail, today)


# ---- finalising -------------------------------------------------------------------------------


class PlanNotReady(InvalidInput):
    """The plan is not ready to be finalised; `readiness` names every problem.

    An `InvalidInput` (one `Problem` per readiness problem, the field naming what it is about),
    so a form that shows InvalidInput shows these too.
    """

    def __init__(self, readiness: Readiness):
        self.readiness = readiness
        super().__init__([Problem(_field_of(p), p.message) for p in readiness.problems])
        self.args = (
            "\n".join(
                [
                    _(
                        "The plan cannot be finalised yet. Solve these points, or write why you "
                        "finalise it anyway:"
                    ),
                    *(f"- {p.message}" for p in readiness.problems),
                ]
            ),
        )

    def __str__(self) -> str:
        return str(self.args[0])


def _field_of(problem: ReadinessProblem) -> str:
    if problem.agreement_id is not None:
        return f"agreements[{problem.agreement_id}]"
    if problem.statement_lineage is not None:
        return f"statements[{problem.statement_lineage}]"
    return "agreements" if problem.kind is ReadinessKind.NO_AGREEMENTS else "review_schedule"


def _clean_by(by: str) -> str:
    name = " ".join(v.text("by", by, label=_("Finalised by"), max_len=MAX_BY).split())
    if not name:
        raise InvalidInput(Problem("by", _("Say who finalises the plan.")))
    return name


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    text = v.text("override_reason", reason, label=_("Reason"), max_len=MAX_TEXT)
    if not text:
        raise InvalidInput(
            Problem(
                "override_reason",
                _("Write why you finalise the plan although it is not ready; the reason is kept."),
            )
        )
    return text


def finalise(
    uow: UnitOfWork,
    version_id: int,
    *,
    by: str,
    override_reason: str | None = None,
    today: dt.date | None = None,
) -> Outcome[PlanVersionDTO]:
    """Finalise (vaststellen) a draft of an open case; it never changes again.

    Refused with `PlanNotReady` (every problem named) when `readiness` finds problems and no
    `override_reason` is given; with a written reason (not blank) it is finalised anyway and the
    reason is recorded. A reason given for a plan that is ready is not recorded (there was
    nothing to override). The version's statements are fixed to the case's newest mapping
    moment — the one the check read.

    There is no undo: a finalised plan may already be signed. Ask the user to confirm first.
    """
    name = _clean_by(by)
    reason = _clean_reason(override_reason)
    today = today or dt.date.today()
    with uow:
        row = editable_version(uow, version_id)
        detail = load_plan(uow, version_id)
        ready = readiness_of(detail, today)
        if not ready.ok and reason is None:
            raise PlanNotReady(ready)
        row.status = PlanStatus.FINAL.value
        row.finalised_on = today
        row.finalised_by = name
        row.override_reason = None if ready.ok else reason
        row.moment_id = detail.statements_moment_id
        return committed(uow, lambda: version_dto(row))


# ---- comparing --------------------------------------------------------------------------------


class Change(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    SAME = "same"


@dataclass(frozen=True)
class FieldChange:
    #: The field's code ("what", "next_review_on", …).
    field: str
    #: Its translated label, as a form shows it.
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class PartyChange:
    """A person an agreement names: newly named, no longer named, or their acceptance changed."""

    kind: Change
    #: The person's name as shown (the newer one when both exist).
    who: str
    before: PartyDTO | None
    after: PartyDTO | None


D = TypeVar("D")


@dataclass(frozen=True)
class RowChange(Generic[D]):
    """How a row of the older version (`before`) became the newer's (`after`): None where the
    row was added or removed."""

    kind: Change
    before: D | None
    after: D | None
    #: CHANGED: the fields that differ, old and new value.
    fields: tuple[FieldChange, ...] = ()


#: A safety-network entry compared.
NetworkRoleChange = RowChange[NetworkRoleDTO]
#: A red flag compared.
RedFlagChange = RowChange[RedFlagDTO]
#: A goal of the family's own compared (by lineage: a new draft's copy keeps it).
FamilyGoalChange = RowChange[FamilyGoalDTO]


@dataclass(frozen=True)
class AgreementChange(RowChange[AgreementDTO]):
    #: CHANGED: who is named or no longer named, and acceptance changes.
    parties: tuple[PartyChange, ...] = ()

    @property
    def lineage(self) -> str:
        row = self.after or self.before
        assert row is not None
        return row.lineage


@dataclass(frozen=True)
class VersionComparison:
    older: PlanVersionDTO
    newer: PlanVersionDTO
    #: The plan's own sections that differ (children told, review schedule, next review, …).
    sections: tuple[FieldChange, ...]
    #: Every agreement of either version: the newer's in order, then the removed ones.
    agreements: tuple[AgreementChange, ...]
    network: tuple[NetworkRoleChange, ...]
    red_flags: tuple[RedFlagChange, ...]
    #: Every goal of the family's own of either version: the newer's in order, then the
    #: removed ones.
    family_goals: tuple[FamilyGoalChange, ...] = ()

    @property
    def has_changes(self) -> bool:
        rows = (*self.agreements, *self.network, *self.red_flags, *self.family_goals)
        return bool(self.sections) or any(c.kind != Change.SAME for c in rows)


def _section_labels() -> dict[str, str]:
    return {
        "children_told": _("How the children are told"),
        "review_schedule": _("Review schedule"),
        "next_review_on": _("Next review"),
        "when_not_kept": _("When an agreement is not kept"),
    }


def _agreement_labels() -> dict[str, str]:
    return {
        "what": _("What will be done"),
        "when": _("When or how often"),
        "start_on": _("Start date"),
        "due_on": _("Deadline"),
        "where": _("Where or in which situation"),
        "check": _("How we will know it happened"),
        "checked_by": _("Who checks"),
        "serves": _("Serves"),
        "status": _("Status"),
        "realistic_confirmed": _("Confirmed as realistic"),
        "review_on": _("Review date"),
        "family_words": _("In the family's own words"),
    }


def _goal_changes(old: FamilyGoalDTO, new: FamilyGoalDTO) -> tuple[FieldChange, ...]:
    """Its words, and who said it (another person, shown by name)."""
    fields = _field_changes(old, new, {"text": _("The family's goal")})
    if person_key(old.source) != person_key(new.source):
        who = FieldChange("source", _("Said by"), old.source.label, new.source.label)
        fields += (who,)
    return fields


def _field_changes(old: Any, new: Any, labels: Mapping[str, str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, label, getattr(old, name), getattr(new, name))
        for name, label in labels.items()
        if getattr(old, name) != getattr(new, name)
    )


def _acceptance(party: PartyDTO) -> tuple[Any, ...]:
    return (party.accepted, party.accepted_on, party.accepted_how)


def _party_changes(old: AgreementDTO, new: AgreementDTO) -> tuple[PartyChange, ...]:
    before = {person_key(p.source): p for p in old.parties}
    after = {person_key(p.source): p for p in new.parties}
    changes: list[PartyChange] = []
    for key, party in after.items():
        was = before.get(key)
        if was is None:
            changes.append(PartyChange(Change.ADDED, party.source.label, None, party))
        elif _acceptance(was) != _acceptance(party):
            changes.append(PartyChange(Change.CHANGED, party.source.label, was, party))
    changes += [
        PartyChange(Change.REMOVED, p.source.label, p, None)
        for key, p in before.items()
        if key not in after
    ]
    return tuple(changes)


R = TypeVar("R")
C = TypeVar("C")


def _match(
    older: Sequence[R],
    newer: Sequence[R],
    exact: Callable[[R], Any],
    loose: Callable[[R], Any],
) -> tuple[list[tuple[R | None, R]], list[R]]:
    """Pair rows without a lineage: first on `exact` (nothing changed that matters), then on
    `loose` (the same thing, edited); what is left over was added or removed."""
    left = list(older)
    pairs: list[tuple[R | None, R]] = []
    for row in newer:
        found = next((o for o in left if exact(o) == exact(row)), None)
        if found is not None:
            left.remove(found)
        pairs.append((found, row))
    for index, (found, row) in enumerate(pairs):
        if found is None:
            loose_match = next((o for o in left if loose(o) == loose(row)), None)
            if loose_match is not None:
                left.remove(loose_match)
                pairs[index] = (loose_match, row)
    return pairs, left


class _Lineaged(Protocol):
    """A row a new draft carries over under the same lineage (an agreement, a family goal)."""

    @property
    def lineage(self) -> str: ...


L = TypeVar("L", bound=_Lineaged)


def _by_lineage(older: Sequence[L], newer: Sequence[L]) -> tuple[list[tuple[L | None, L]], list[L]]:
    """Pair rows on their lineage (a new draft keeps it), as `_match` pairs them."""
    before = {row.lineage: row for row in older}
    after = {row.lineage for row in newer}
    pairs = [(before.get(row.lineage), row) for row in newer]
    return pairs, [row for row in older if row.lineage not in after]


def _changes(
    paired: tuple[list[tuple[R | None, R]], list[R]],
    differ: Callable[[R, R], tuple[Any, ...]],
    make: Callable[..., C],
) -> tuple[C, ...]:
    """Each newer row ADDED (nothing paired with it), CHANGED (`differ` finds a difference) or
    SAME, then the older rows left over REMOVED. `differ(old, new)` gives `make`'s further
    arguments: the changed fields (and an agreement's changed parties)."""
    pairs, removed = paired
    changes: list[C] = []
    for old, new in pairs:
        if old is None:
            changes.append(make(Change.ADDED, None, new))
            continue
        found = differ(old, new)
        changes.append(make(Change.CHANGED if any(found) else Change.SAME, old, new, *found))
    changes += [make(Change.REMOVED, old, None) for old in removed]
    return tuple(changes)


def _fields(labels: Mapping[str, str]) -> Callable[[Any, Any], tuple[Any, ...]]:
    """A `differ` for `_changes`: the fields in `labels` that differ."""
    return lambda old, new: (_field_changes(old, new, labels),)


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def compare_versions(uow: UnitOfWork, older_id: int, newer_id: int) -> VersionComparison:
    """What changed from one version of a plan to another (e.g. from 2 to 3).

    Agreements are matched by lineage (a new draft keeps it); the safety network by person,
    red flags by their sign (a reworded sign shows as one removed and one added); the family's
    own goals by lineage.
    """
    with uow:
        older, newer = load_plan(uow, older_id), load_plan(uow, newer_id)
    if older.plan.household_id != newer.plan.household_id:
        raise InvalidInput(
            Problem("newer_id", _("Only versions of the same plan can be compared."))
        )
    network = _changes(
        _match(
            older.network,
            newer.network,
            exact=lambda r: (person_key(r.source), _words(r.role)),
            loose=lambda r: person_key(r.source),
        ),
        _fields(
            {
                "role": _("Role in the safety network"),
                "told_on": _("Told the worries and goals on"),
            }
        ),
        NetworkRoleChange,
    )
    red_flags = _changes(
        _match(
            older.red_flags,
            newer.red_flags,
            exact=lambda f: (_words(f.sign), f.watched_by, f.action),
            loose=lambda f: _words(f.sign),
        ),
        _fields(
            {
                "sign": _("Sign to watch for"),
                "watched_by": _("Watched by"),
                "action": _("What they do when they see it"),
            }
        ),
        RedFlagChange,
    )
    agreement_labels = _agreement_labels()
    agreements = _changes(
        _by_lineage(older.agreements, newer.agreements),
        lambda old, new: (_field_changes(old, new, agreement_labels), _party_changes(old, new)),
        AgreementChange,
    )
    family_goals = _changes(
        _by_lineage(older.family_goals, newer.family_goals),
        lambda old, new: (_goal_changes(old, new),),
        FamilyGoalChange,
    )
    return VersionComparison(
        older=older.plan,
        newer=newer.plan,
        sections=_field_changes(older.plan, newer.plan, _section_labels()),
        agreements=agreements,
        network=network,
        red_flags=red_flags,
        family_goals=family_goals,
    )
