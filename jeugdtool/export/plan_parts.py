"""The safety plan in a case file (`plans`): its versions with the family's own goals, the safety
network, red flags, agreements and who accepted them, the reviews of how they were kept, and the
submissions for review (toetsing) with the reviewer's decision and comments.

Export names every agreement with a file-local id (a1, a2, … through the whole file) and every
agreement lineage with a file-local lineage id (A1, … in the order an agreement first appears);
import maps them to new database ids and fresh lineages, so the copies of one agreement in later
versions, and the review results about it, stay linked. The family's own goals get lineage ids
F1, … the same way. Reviews are named r1, r2, … through the
whole file, so a goal judgement given at one can name it; a review held in a network meeting names
the meeting (nm1, …, see network_parts), which import links once the meetings are added.
See docs/case-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.models import Consultant
from jeugdtool.export.framework_parts import FileIds
from jeugdtool.export.framework_parts import FileNames
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.framework_parts import source
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import iso
from jeugdtool.export.part_columns import named
from jeugdtool.folding import fold_key
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanApprovalComment
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_models import RedFlag
from jeugdtool.framework.plan_models import ReviewResult
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import rows_of
from jeugdtool.store.uow import UnitOfWork

#: What an agreement may serve: danger statements, safety goals and bottom lines (not harm).
SERVABLE = frozenset(
    {StatementType.DANGER.value, StatementType.SAFETY_GOAL.value, StatementType.BOTTOM_LINE.value}
)


#: The lists inside a version, last in its item; the part writes and reads each itself.
_VERSION_LISTS = ("family_goals", "network", "red_flags", "agreements", "reviews", "approvals")
#: The fields of each kind of item, in file order (see part_columns).
VERSION = Columns(
    "version",
    "status",
    "based_on",
    "finalised_on",
    "finalised_by",
    "override_reason",
    "statements_from",
    "children_told",
    "children_told_category",
    "review_schedule",
    "next_review_on",
    "when_not_kept",
    *_VERSION_LISTS,
    dates=("finalised_on", "next_review_on"),
    optional={"children_told_category": ""},
    own=("version", "based_on", "statements_from", *_VERSION_LISTS),
)
ROLE = Columns("who", "role", "told_on", dates=("told_on",), own=("who",))
RED_FLAG = Columns("sign", "watched_by", "action", lists=("watched_by",))
FAMILY_GOAL = Columns(
    "lineage",
    "who",
    "text",
    "special_category",
    own=("lineage", "who"),
    optional={"special_category": ""},  # older files: none
)
AGREEMENT = Columns(
    "id",
    "lineage",
    "what",
    "when",
    "start_on",
    "due_on",
    "where",
    "check",
    "checked_by",
    "serves",
    "status",
    "realistic_confirmed",
    "review_on",
    "special_category",
    "family_words",
    "parties",
    dates=("start_on", "due_on", "review_on"),
    own=("id", "lineage", "serves", "parties"),
    optional={"special_category": "", "family_words": ""},  # older files: none
)
RESULT = Columns(
    "agreement",
    "kept",
    "note",
    "reported_by",
    "follow_up",
    "special_category",
    own=("agreement",),
    optional={"special_category": ""},
)
APPROVAL = Columns(
    "state",
    "submitted_on",
    "submitted_by",
    "reviewer",
    "due_on",
    "note",
    "decided_on",
    "decided_by",
    "decision_note",
    "re_review_on",
    "comments",
    dates=("submitted_on", "due_on", "decided_on", "re_review_on"),
    own=("comments",),
)


# ---------------------------------------------------------------- export


class _Rows:
    """Every row of a case's plan, read with one query per table, grouped by parent."""

    def __init__(self, session: Any, household_id: int):
        self.versions = rows_of(session, PlanVersion.household_id, household_id, PlanVersion.number)
        ids = [v.id for v in self.versions]

        def by_version(model: Any, *order: Any) -> dict[int, list[Any]]:
            return children_of(session, model.plan_version_id, ids, *order)

        self.roles = by_version(PlanNetworkRole, PlanNetworkRole.position, PlanNetworkRole.id)
        self.flags = by_version(RedFlag, RedFlag.position, RedFlag.id)
        self.goals = by_version(FamilyGoal, FamilyGoal.position, FamilyGoal.id)
        self.agreements = by_version(Agreement, Agreement.position, Agreement.id)
        self.reviews = by_version(PlanReview, PlanReview.held_on, PlanReview.id)
        agreement_ids = [a.id for found in self.agreements.values() for a in found]
        review_ids = [r.id for found in self.reviews.values() for r in found]
        party = AgreementParty.agreement_id
        self.parties = children_of(session, party, agreement_ids, AgreementParty.id)
        self.results = children_of(session, ReviewResult.review_id, review_ids, ReviewResult.id)
        self.approvals = by_version(PlanApproval, PlanApproval.submitted_on, PlanApproval.id)
        approval_ids = [a.id for found in self.approvals.values() for a in found]
        self.comments = children_in_order(session, PlanApprovalComment.approval_id, approval_ids)


class _Exporter:
    def __init__(
        self,
        rows: _Rows,
        persons: Mapping[int, str],
        network: Mapping[int, str],
        names: FileNames,
        meetings: Mapping[int, str],
    ):
        self.rows = rows
        self.persons = persons
        self.network = network
        self.names = names
        self.meetings = meetings
        self.lineages = FileIds("A")
        self.goal_lineages = FileIds("F")
        #: Database id of a review -> its file id (r1, …), for the goal judgements.
        self.review_ids: dict[int, str] = {}
        self.agreement_number = 0
        self.numbers = {v.id: v.number for v in rows.versions}

    def who(self, row: Any) -> dict[str, Any]:
        return source(row, self.persons, self.network)

    def version(self, row: PlanVersion) -> dict[str, Any]:
        final = row.status == PlanStatus.FINAL.value
        agreements = [self.agreement(a) for a in self.rows.agreements.get(row.id, ())]
        # A review result about an agreement that is not in its version has no meaning in the
        # file (the program cannot make one: a finalised version never changes); left out.
        own = {a.lineage for a in self.rows.agreements.get(row.id, ())}
        return VERSION.dump(
            row,
            version=row.number,
            based_on=named(self.numbers, row.based_on_id),
            # A draft shows the newest mapping moment, whatever the row holds.
            statements_from=named(self.names.moments, row.moment_id) if final else None,
            network=[ROLE.dump(r, who=self.who(r)) for r in self.rows.roles.get(row.id, ())],
            family_goals=[
                FAMILY_GOAL.dump(g, lineage=self.goal_lineages.name(g.lineage), who=self.who(g))
                for g in self.rows.goals.get(row.id, ())
            ],
            red_flags=[RED_FLAG.dump(f) for f in self.rows.flags.get(row.id, ())],
            agreements=agreements,
            reviews=[self.review(r, own) for r in self.rows.reviews.get(row.id, ())],
            approvals=[self.approval(a) for a in self.rows.approvals.get(row.id, ())],
        )

    def serves(self, lineages: Sequence[str]) -> list[str]:
        """The statements served, as file lineages; one no longer in the case is left out."""
        out: list[str] = []
        for lineage in lineages:
            named = self.names.statements.get(lineage)
            if named is not None and named[1] in SERVABLE and named[0] not in out:
                out.append(named[0])
        return out

    def agreement(self, row: Agreement) -> dict[str, Any]:
        self.agreement_number += 1
        return AGREEMENT.dump(
            row,
            id=f"a{self.agreement_number}",
            lineage=self.lineages.name(row.lineage),
            serves=self.serves(row.serves),
            parties=[self.party(p) for p in self.rows.parties.get(row.id, ())],
        )

    def party(self, row: AgreementParty) -> dict[str, Any]:
        asked = row.accepted is not None  # not asked yet: no date, no way of answering
        return {
            "who": self.who(row),
            "accepted": row.accepted,
            "on": iso(row.accepted_on) if asked else None,
            "how": row.accepted_how if asked else None,
        }

    def review(self, row: PlanReview, own: set[str]) -> dict[str, Any]:
        self.review_ids[row.id] = f"r{len(self.review_ids) + 1}"
        meeting = row.network_meeting_id
        return {
            "id": self.review_ids[row.id],
            "date": row.held_on.isoformat(),
            "note": row.note,
            "special_category": row.special_category,
            "results": [
                RESULT.dump(r, agreement=self.lineages.name(r.agreement_lineage))
                for r in self.rows.results.get(row.id, ())
                if r.agreement_lineage in own
            ],
            "network_meeting": named(self.meetings, meeting),
        }

    def approval(self, row: PlanApproval) -> dict[str, Any]:
        return APPROVAL.dump(
            row,
            comments=[
                {
                    "target": c.target_kind,
                    "key": self.comment_key(c),
                    "label": c.target_label,
                    "text": c.text,
                }
                for c in self.rows.comments.get(row.id, ())
            ],
        )

    def comment_key(self, row: PlanApprovalComment) -> str | None:
        """What a comment is about, as the file names it; None for the plan as a whole and for
        an agreement or statement no longer in the case (its label keeps the name)."""
        if row.target_kind == CommentTarget.AGREEMENT.value:
            return self.lineages.get(row.target_key)
        if row.target_kind == CommentTarget.STATEMENT.value:
            named = self.names.statements.get(row.target_key)
            return named[0] if named is not None else None
        if row.target_kind == CommentTarget.SECTION.value:
            return row.target_key or None
        return None


@dataclass(frozen=True)
class PlanNames:
    """The file ids the plan part gave, for the parts that refer to it."""

    #: Database lineage of an agreement -> its file lineage id (A1, …).
    agreements: dict[str, str]
    #: Database id of a plan review -> its file id (r1, …).
    reviews: dict[int, str]
    #: Database id of a plan version -> its number.
    versions: dict[int, int]


def export_plans(
    uow: UnitOfWork,
    household_id: int,
    persons: Mapping[int, str],
    network: Mapping[int, str],
    names: FileNames,
    meetings: Mapping[int, str] | None = None,
) -> tuple[list[dict[str, Any]], PlanNames]:
    """`plans`: every version of the case's plan, oldest first, inside an open unit of work;
    and the file ids it gave (PlanNames), for parts that link to agreements (the ZRM's plan
    links, the journal) and reviews (the goal judgements).

    `persons`, `network` and `names` are the file ids the rest of the file already gave;
    `meetings` those of the network meetings (network_parts.meeting_ids), by database id.
    """
    rows = _Rows(uow.session, household_id)
    exporter = _Exporter(rows, persons, network, names, meetings or {})
    plans = [exporter.version(v) for v in rows.versions]
    numbers = {v.id: v.number for v in rows.versions}
    return plans, PlanNames(dict(exporter.lineages.known), dict(exporter.review_ids), numbers)


# ---------------------------------------------------------------- import


def _add_version(importer: Importer, plan: Mapping[str, Any], based_on: int | None) -> int:
    moment = plan["statements_from"]
    row = PlanVersion(
        **VERSION.load(
            plan,
            household_id=importer.household_id,
            number=int(plan["version"]),
            based_on_id=based_on,
            moment_id=importer.moments[moment].id if moment is not None else None,
        )
    )
    importer.uow.session.add(row)
    importer.uow.flush()
    return row.id


def _add_sections(importer: Importer, version_id: int, plan: Mapping[str, Any]) -> None:
    session, household_id = importer.uow.session, importer.household_id
    owner = {"plan_version_id": version_id, "household_id": household_id}
    session.add_all(
        PlanNetworkRole(
            **ROLE.load(role, **owner, position=position, **importer.source(role["who"]))
        )
        for position, role in enumerate(plan["network"], start=1)
    )
    session.add_all(
        RedFlag(**RED_FLAG.load(flag, **owner, position=position))
        for position, flag in enumerate(plan["red_flags"], start=1)
    )
    session.add_all(
        FamilyGoal(
            **FAMILY_GOAL.load(
                goal,
                **owner,
                position=position,
                lineage=importer.lineage(goal["lineage"]),
                **importer.source(goal["who"]),
            )
        )
        for position, goal in enumerate(plan.get("family_goals") or [], start=1)
    )


def _add_agreements(importer: Importer, version_id: int, agreements: Sequence[Any]) -> None:
    session, household_id = importer.uow.session, importer.household_id
    rows = []
    for position, agreement in enumerate(agreements, start=1):
        row = Agreement(
            **AGREEMENT.load(
                agreement,
                plan_version_id=version_id,
                household_id=household_id,
                lineage=importer.lineage(agreement["lineage"]),
                position=position,
                serves=tuple(filter(None, (importer.lineage(ref) for ref in agreement["serves"]))),
            )
        )
        session.add(row)
        rows.append(row)
    importer.uow.flush()
    for row, agreement in zip(rows, agreements, strict=True):
        for party in agreement["parties"]:
            session.add(
                AgreementParty(
                    agreement_id=row.id,
                    household_id=household_id,
                    accepted=party["accepted"],
                    accepted_on=date_of(party["on"]),
                    accepted_how=party["how"],
                    **importer.source(party["who"]),
                )
            )


@dataclass
class PlanRows:
    """What import added of the plan, for the parts that refer to it (network_parts)."""

    #: Version number -> database id.
    versions: dict[int, int] = field(default_factory=dict)
    #: File id of a review (r1, …) -> the row added for it (reviews without an id, from a file
    #: made before goal judgements, are not named).
    reviews: dict[str, PlanReview] = field(default_factory=dict)
    #: (review row, network meeting file id) to link once the meetings are added.
    in_meetings: list[tuple[PlanReview, str]] = field(default_factory=list)


def _add_reviews(
    importer: Importer, version_id: int, reviews: Sequence[Any], added: PlanRows
) -> None:
    session, household_id = importer.uow.session, importer.household_id
    # Oldest first, as the program keeps them; the file order decides between equal dates.
    ordered = sorted(reviews, key=lambda r: r["date"])
    rows = [
        PlanReview(
            household_id=household_id,
            plan_version_id=version_id,
            held_on=date_of(review["date"]),
            note=review["note"],
            special_category=review.get("special_category", ""),  # older files: none
        )
        for review in ordered
    ]
    session.add_all(rows)
    importer.uow.flush()
    for row, review in zip(rows, ordered, strict=True):
        if review.get("id") is not None:
            added.reviews[review["id"]] = row
        if review.get("network_meeting") is not None:
            added.in_meetings.append((row, review["network_meeting"]))
        for result in review["results"]:
            session.add(
                ReviewResult(
                    **RESULT.load(
                        result,
                        review_id=row.id,
                        household_id=household_id,
                        agreement_lineage=importer.lineage(result["agreement"]),
                    )
                )
            )


def _consultants(uow: UnitOfWork) -> dict[str, int]:
    """Consultants by folded name: a submitter or reviewer is linked to the one of that name."""
    return {fold_key(row.name): row.id for row in uow.session.scalars(select(Consultant))}


def _comment_key(importer: Importer, comment: Mapping[str, Any]) -> str:
    key = comment["key"]
    if key is None:
        return ""
    if comment["target"] in (CommentTarget.AGREEMENT.value, CommentTarget.STATEMENT.value):
        return str(importer.lineage(key))
    return str(key)


def _add_approvals(importer: Importer, version_id: int, approvals: Sequence[Any]) -> None:
    session, household_id = importer.uow.session, importer.household_id
    staff = _consultants(importer.uow) if approvals else {}
    ordered = sorted(approvals, key=lambda a: a["submitted_on"])
    rows = [
        PlanApproval(
            **APPROVAL.load(
                approval,
                household_id=household_id,
                plan_version_id=version_id,
                submitted_by_id=staff.get(fold_key(approval["submitted_by"])),
                reviewer_id=staff.get(fold_key(approval["reviewer"]))
                if approval["reviewer"]
                else None,
                decided_by_id=staff.get(fold_key(approval["decided_by"]))
                if approval["decided_by"]
                else None,
            )
        )
        for approval in ordered
    ]
    session.add_all(rows)
    importer.uow.flush()
    for row, approval in zip(rows, ordered, strict=True):
        for position, comment in enumerate(approval["comments"], start=1):
            session.add(
                PlanApprovalComment(
                    household_id=household_id,
                    approval_id=row.id,
                    position=position,
                    target_kind=comment["target"],
                    target_key=_comment_key(importer, comment),
                    target_label=comment["label"],
                    text=comment["text"],
                )
            )


def import_plans(
    importer: Importer, plans: Sequence[Mapping[str, Any]], *, approvals: bool = True
) -> PlanRows:
    """Add the checked document's plan versions (oldest first) to the new household, in the
    import's own unit of work; `importer` has already added the framework parts. Returns what
    was added, for the network meetings and goal judgements that refer to it. `approvals`:
    whether the submissions for review and their decisions are added too (a team database
    leaves them out: nobody may record a colleague's decision for them)."""
    added = PlanRows()
    version_ids = added.versions
    for plan in plans:
        based_on = plan["based_on"]
        version_id = _add_version(
            importer, plan, version_ids[int(based_on)] if based_on is not None else None
        )
        version_ids[int(plan["version"])] = version_id
        _add_sections(importer, version_id, plan)
        _add_agreements(importer, version_id, plan["agreements"])
        _add_reviews(importer, version_id, plan["reviews"], added)
        if approvals:
            _add_approvals(importer, version_id, plan.get("approvals") or [])
    importer.uow.flush()
    return added
