"""What the plan's first page tells its reader, as data: whom to call, what is asked of them,
what needs their attention (a review date passed, a closed case) and what changed since the
previous version. Pure and without reportlab: `plan.py` lays it out, tests read it directly.

Everything here works on the plan as the selection left it (`select_plan`), so nothing the
selection leaves out comes back on page 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.export.recipient import recipient_members
from jeugdtool.framework import plan_rules
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_finalise import Change
from jeugdtool.framework.plan_finalise import VersionComparison
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import SourceKind

if TYPE_CHECKING:
    from jeugdtool.export.pdf.plan_data import PlanExport
    from jeugdtool.export.selection import Selection


# ---- what changed since the previous version -------------------------------------------------

#: The agreement's fields as the plan's reader knows them: the columns of the agreements table
#: (`plan_finalise` compares more fields; those the table does not show are not named).
CHANGED_COLUMNS: dict[str, str] = {
    "what": "what",
    "where": "what",
    "when": "when",
    "start_on": "when",
    "due_on": "when",
    "review_on": "when",
    "check": "check",
    "checked_by": "check",
    "status": "status",
}


@dataclass(frozen=True)
class ChangedAgreement:
    agreement: AgreementDTO
    #: The columns of the agreements table that changed ("what", "who", "when", "check",
    #: "status"), in the table's order.
    columns: tuple[str, ...]


@dataclass(frozen=True)
class PlanChanges:
    """The agreements added, changed and ended from version `previous` to the printed one."""

    previous: int
    added: tuple[AgreementDTO, ...] = ()
    changed: tuple[ChangedAgreement, ...] = ()
    #: Taken out of the plan, or lapsed in this version: the agreement as the previous
    #: version had it (the plan prints only its number there).
    ended: tuple[AgreementDTO, ...] = ()
    #: The family's own goals added, reworded (or said by someone else) and taken out; the
    #: family's version of the plan prints them.
    goals_added: tuple[FamilyGoalDTO, ...] = ()
    goals_changed: tuple[FamilyGoalDTO, ...] = ()
    goals_removed: tuple[FamilyGoalDTO, ...] = ()

    @property
    def any(self) -> bool:
        return bool(
            self.added
            or self.changed
            or self.ended
            or self.goals_added
            or self.goals_changed
            or self.goals_removed
        )


_TABLE_ORDER = ("what", "who", "when", "check", "status")


def plan_changes(comparison: VersionComparison) -> PlanChanges:
    """The agreements' changes as the plan prints them, from the comparison the plan screen
    shows (`plan_finalise.compare_versions`): a lapsed agreement counts as ended."""
    added: list[AgreementDTO] = []
    changed: list[ChangedAgreement] = []
    ended: list[AgreementDTO] = []
    for c in comparison.agreements:
        if c.kind is Change.ADDED and c.after is not None:
            added.append(c.after)
        elif c.kind is Change.REMOVED and c.before is not None:
            ended.append(c.before)
        elif c.kind is Change.CHANGED and c.after is not None:
            before = c.before
            if c.after.status is AgreementStatus.LAPSED and (
                before is None or before.status is not AgreementStatus.LAPSED
            ):
                ended.append(before if before is not None else c.after)
                continue
            columns = {CHANGED_COLUMNS[f.field] for f in c.fields if f.field in CHANGED_COLUMNS}
            if c.parties:
                columns.add("who")
            if columns:
                ordered = tuple(name for name in _TABLE_ORDER if name in columns)
                changed.append(ChangedAgreement(c.after, ordered))
    goals: dict[Change, list[FamilyGoalDTO]] = {kind: [] for kind in Change}
    for g in comparison.family_goals:
        goal = g.after if g.kind is not Change.REMOVED else g.before
        if goal is not None:
            goals[g.kind].append(goal)
    return PlanChanges(
        comparison.older.number,
        tuple(added),
        tuple(changed),
        tuple(ended),
        goals_added=tuple(goals[Change.ADDED]),
        goals_changed=tuple(goals[Change.CHANGED]),
        goals_removed=tuple(goals[Change.REMOVED]),
    )


# ---- warnings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastReview:
    """The plan's review date has passed."""

    #: The date the plan names for its next review.
    due: dt.date
    #: The last review, held on or after `due`; None: no review since (the review is overdue).
    held_on: dt.date | None


def past_review(
    plan: PlanVersionDTO, last_review_on: dt.date | None, today: dt.date
) -> PastReview | None:
    """When the plan's next review date lies before `today`: whether a review was held on or
    after it (the case list's rule, `plan_rules.review_overdue`: overdue when none was). None
    while the date is still to come, or when the plan names none."""
    due = plan.next_review_on
    if due is None or not plan_rules.review_date_passed(due, today):
        return None
    overdue = plan_rules.review_overdue(due, last_review_on, today)
    return PastReview(due, None if overdue else last_review_on)


def case_ended(data: PlanExport) -> CaseStatus | None:
    """CLOSED or ARCHIVED when the case is no longer open (the plan is then no longer in
    force); None for an open case."""
    status = data.case.household.status
    return None if status is CaseStatus.OPEN else status


# ---- whom to call -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A network member on page 1: whom to call, with their part in the plan."""

    member: NetworkMemberDTO
    #: Chairs the network meetings.
    chair: bool = False
    #: The children (first names) who chose this person as their trusted person.
    trusted_by: tuple[str, ...] = ()


def trusted_persons(data: PlanExport) -> dict[int, tuple[str, ...]]:
    """Network member id → the first names of the children whose trusted person they are
    (only members the selection kept)."""
    kept = {n.id for n in data.case.network}
    out: dict[int, list[str]] = {}
    for person in data.case.persons:
        if person.role is PersonRole.CHILD and person.trusted_person_id in kept:
            out.setdefault(person.trusted_person_id, []).append(_first_name(person))
    return {member: tuple(names) for member, names in out.items()}


def _first_name(person: PersonDTO) -> str:
    return person.first_name or person.full_name


def network_chair(data: PlanExport) -> NetworkMemberDTO | None:
    """The member who chairs the network, when the selection kept them."""
    return next((n for n in data.case.network if n.chairs_network), None)


def contacts(data: PlanExport, selection: Selection) -> tuple[Contact, ...]:
    """The network members to call, for the box "whom do you call": those with a part in this
    plan (a role in the safety network, party to an agreement, the chair, a child's trusted
    person) and the recipient's own people (`recipient_members`); the chair first, then in the
    network's order. Only members the selection kept, with the contact details it kept."""
    trusted = trusted_persons(data)
    chair = network_chair(data)
    plan = data.plan
    ids = {r.source.network_id for r in plan.network if r.source.kind is SourceKind.NETWORK}
    ids |= {
        p.source.network_id
        for a in plan.agreements
        for p in a.parties
        if p.source.kind is SourceKind.NETWORK
    }
    ids |= set(trusted) | ({chair.id} if chair is not None else set())
    ids |= {n.id for n in recipient_members(selection.audience, data.case.network)}
    members: list[NetworkMemberDTO] = [chair] if chair is not None else []
    members += [n for n in data.case.network if n.id in ids and (chair is None or n.id != chair.id)]
    return tuple(
        Contact(n, chair=chair is not None and n.id == chair.id, trusted_by=trusted.get(n.id, ()))
        for n in members
    )


# ---- what we ask of the recipient -------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    """What the plan asks of the document's recipient."""

    #: The network members the audience names (the recipient's own people).
    members: tuple[NetworkMemberDTO, ...]
    #: The agreements they are party to.
    agreements: tuple[AgreementDTO, ...]
    #: The red flags they watch for.
    red_flags: tuple[RedFlagDTO, ...]


def _watches(flag: RedFlagDTO, members: Sequence[NetworkMemberDTO]) -> bool:
    """One of `members` is among the flag's watchers (written as free text: a name, a
    relation, an organisation — read with the same rule as the audience)."""
    return any(recipient_members(who, members) for who in flag.watched_by)


def asked_of(data: PlanExport, selection: Selection) -> Asked | None:
    """For a selection with an audience: the agreements its members are party to and the red
    flags they watch (of the parts the selection includes); None without an audience or when
    it names no member of the network."""
    members = recipient_members(selection.audience, data.case.network)
    if not members:
        return None
    ids = {n.id for n in members}
    agreements = ()
    if selection.includes("agreements"):
        agreements = tuple(
            a
            for a in data.plan.agreements
            if any(
                p.source.kind is SourceKind.NETWORK and p.source.network_id in ids
                for p in a.parties
            )
            and a.status is not AgreementStatus.LAPSED
        )
    flags = ()
    if selection.includes("network"):
        flags = tuple(f for f in data.plan.red_flags if _watches(f, members))
    return Asked(members, agreements, flags)
