"""Services for the safety plan: versions, agreements, who they name and who accepted, finalising.

Sections (safety network roles, red flags, the family's own goals) live in `plan_sections`,
reviews and alerts in `plan_reviews`; all share the guard `editable_version` from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import TypeVar
from typing import cast

from sqlalchemy import Select
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import NetworkMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.framework import plan_rules
from jeugdtool.framework._common import append_to
from jeugdtool.framework._common import copy_row
from jeugdtool.framework._common import expected_columns
from jeugdtool.framework._common import in_order
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework._common import remove_as_seen
from jeugdtool.framework._common import save_fields
from jeugdtool.framework._common import snapshot_of
from jeugdtool.framework._common import source_columns
from jeugdtool.framework._common import source_of
from jeugdtool.framework._common import source_of_columns
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_models import RedFlag
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.statements import load_statements
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

MAX_TEXT = 5000
#: Agreement fields whose change means the people it names must accept it again.
CONTENT_FIELDS = frozenset({"what", "when", "start_on", "due_on", "where", "check", "checked_by"})
#: The lock under which a case's next plan version is numbered (see UnitOfWork.serialize).
DRAFT_LOCK = "plan-draft"

#: The rows of a draft kept in order with positions 1, 2, 3 …
Positioned = TypeVar("Positioned", Agreement, PlanNetworkRole, RedFlag, FamilyGoal)


class PlanFinalised(JeugdtoolError):
    """A finalised plan version is what partners signed; it never changes."""


# ---- guards and conversions --------------------------------------------------------------


def editable_version(uow: UnitOfWork, version_id: int) -> PlanVersion:
    """The plan version, if it may change (a draft of an open case).

    The row is locked until the action ends (PostgreSQL: FOR UPDATE; SQLite already runs one
    writer at a time), so an edit that passed this check cannot land in a version that is
    finalised meanwhile.
    """
    row = uow.session.get(PlanVersion, version_id, with_for_update=True) or get(
        uow, PlanVersion, version_id
    )
    ensure_open(uow, row.household_id)
    if row.status != PlanStatus.DRAFT:
        raise PlanFinalised(
            _(
                "Version {number} of the plan is finalised and does not change any more. Start a "
                "new draft to change the plan."
            ).format(number=row.number)
        )
    return row


def version_dto(row: PlanVersion) -> PlanVersionDTO:
    return as_dto(PlanVersionDTO, row, status=PlanStatus(row.status))


def _party_dto(row: AgreementParty) -> PartyDTO:
    how = AcceptedHow(row.accepted_how) if row.accepted_how else None
    return as_dto(PartyDTO, row, source=source_of(row), accepted_how=how)


def agreement_dto(row: Agreement, parties: Sequence[AgreementParty]) -> AgreementDTO:
    return as_dto(
        AgreementDTO,
        row,
        status=AgreementStatus(row.status),
        parties=tuple(_party_dto(p) for p in parties),
    )


def loaded_agreement(uow: UnitOfWork, row: Agreement) -> AgreementDTO:
    """Inside an open unit of work: the agreement's DTO with the people it names as they are now."""
    return agreement_dto(row, parties_of(uow, [row.id])[row.id])


def role_dto(row: PlanNetworkRole) -> NetworkRoleDTO:
    return as_dto(NetworkRoleDTO, row, source=source_of(row))


def flag_dto(row: RedFlag) -> RedFlagDTO:
    return as_dto(RedFlagDTO, row)


def family_goal_dto(row: FamilyGoal) -> FamilyGoalDTO:
    return as_dto(FamilyGoalDTO, row, source=source_of(row))


def parties_of(uow: UnitOfWork, agreement_ids: Sequence[int]) -> dict[int, list[AgreementParty]]:
    """The parties of each agreement (one query; inside the caller's unit of work)."""
    return children_of(uow.session, AgreementParty.agreement_id, agreement_ids, AgreementParty.id)


def in_version(uow: UnitOfWork, model: type[Positioned], version_id: int) -> list[Positioned]:
    """A version's agreements, safety network, red flags or family goals, in their order."""
    return in_order(uow, model, model.plan_version_id == version_id)


def editable_row(uow: UnitOfWork, model: type[Positioned], row_id: int) -> Positioned:
    """An agreement, network entry, red flag or family goal, if its version may change
    (`editable_version`)."""
    row = get(uow, model, row_id)
    editable_version(uow, row.plan_version_id)
    return cast(Positioned, row)


def append_row(
    uow: UnitOfWork, model: type[Positioned], plan: PlanVersion, clean: Mapping[str, Any]
) -> Positioned:
    """Inside an open unit of work: a new row of `model` (columns `clean`) at the end of
    `plan`."""
    group = {"plan_version_id": plan.id}
    return append_to(uow, model, group, household_id=plan.household_id, **clean)


def remove_in_place(uow: UnitOfWork, row: Positioned) -> Snapshot:
    """Inside an open unit of work: remove an agreement, network entry or red flag with what
    goes with it (the snapshot undo puts back) and close the gap in the positions."""
    model, version_id = type(row), row.plan_version_id
    taken = snapshot.remove(uow, row)
    snapshot.close_gap(in_version(uow, model, version_id))
    uow.flush()
    return taken


def remove_from_draft(
    uow: UnitOfWork,
    model: type[Positioned],
    row_id: int,
    expected: Any | None,
    to_dto: Callable[[Positioned], Any],
) -> Outcome[Snapshot]:
    """Remove an agreement, network entry or red flag with what goes with it (`remove_in_place`)
    — unless it changed since the caller saw it as `expected` (its DTO; its place aside):
    then ConflictError and nothing is removed."""
    with uow:
        row = editable_row(uow, model, row_id)
        ensure_as_seen(to_dto(row), expected, ignore=("position",))
        taken = remove_in_place(uow, row)
        return Outcome(taken, uow.commit())


def put_back_in_place(uow: UnitOfWork, model: type[Positioned], taken: Snapshot) -> Positioned:
    """Inside an open unit of work: a removed row of `model` back at its place in its version
    (the rows from there on move one down), with its own ids (ConflictError when taken)."""
    version_id = taken.values["plan_version_id"]
    row = snapshot.put_back_at(uow, taken, lambda: in_version(uow, model, version_id))
    return cast(Positioned, row)


def ensure_still_named(
    uow: UnitOfWork, household_id: int, rows: Iterable[Mapping[str, Any]]
) -> None:
    """The household and network members that removed rows name are still in the case;
    refuses (InvalidInput) as naming them anew would, before such a row is put back."""
    for values in rows:
        if values["source_person_id"] is not None or values["source_network_id"] is not None:
            source_columns(uow, household_id, source_of_columns(values))


# ---- reading --------------------------------------------------------------------------------


def load_plan(uow: UnitOfWork, version_id: int) -> PlanDetail:
    """Inside an open unit of work: a plan version with everything it shows."""
    row = get(uow, PlanVersion, version_id)
    agreements = in_version(uow, Agreement, version_id)
    parties = parties_of(uow, [a.id for a in agreements])
    roles = in_version(uow, PlanNetworkRole, version_id)
    flags = in_version(uow, RedFlag, version_id)
    goals = in_version(uow, FamilyGoal, version_id)
    moment_id = row.moment_id if row.status == PlanStatus.FINAL else None
    moment_id = moment_id or latest_moment_id(uow, row.household_id)
    return PlanDetail(
        plan=version_dto(row),
        agreements=tuple(agreement_dto(a, parties[a.id]) for a in agreements),
        network=tuple(role_dto(r) for r in roles),
        red_flags=tuple(flag_dto(f) for f in flags),
        statements=load_statements(uow, moment_id) if moment_id is not None else (),
        statements_moment_id=moment_id,
        family_goals=tuple(family_goal_dto(g) for g in goals),
    )


def get_plan(uow: UnitOfWork, version_id: int) -> PlanDetail:
    with uow:
        return load_plan(uow, version_id)


def list_versions(uow: UnitOfWork, case_id: int) -> list[PlanVersionDTO]:
    """The plan's versions, oldest first."""
    with uow:
        rows = uow.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.household_id == case_id)
            .order_by(PlanVersion.number)
        )
        return [version_dto(r) for r in rows]


def newest_version_select(case_id: int) -> Select[tuple[int]]:
    """The query for the id of the case's newest plan version: for `newest_version_id`, or as
    a subquery in a caller's own statement (`.scalar_subquery()`: one round trip less)."""
    return (
        select(PlanVersion.id)
        .where(PlanVersion.household_id == case_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def newest_version_id(uow: UnitOfWork, case_id: int) -> int | None:
    """Inside an open unit of work: the id of the case's newest plan version (the draft if there
    is one), or None when there is no plan yet."""
    return uow.session.scalar(newest_version_select(case_id))


def current_plan(uow: UnitOfWork, case_id: int) -> PlanDetail | None:
    """The newest version (the draft if there is one), or None when there is no plan yet."""
    with uow:
        newest = newest_version_id(uow, case_id)
        return load_plan(uow, newest) if newest is not None else None


# ---- versions -------------------------------------------------------------------------------


def start_draft(uow: UnitOfWork, case_id: int) -> Outcome[PlanVersionDTO]:
    """A new draft: a copy of the newest version (the first draft starts empty).

    There is at most one draft at a time; asking again returns it.
    """
    with uow:
        ensure_open(uow, case_id)
        uow.serialize(DRAFT_LOCK)  # two colleagues starting a draft at once get the same one
        newest = uow.session.scalar(
            select(PlanVersion)
            .where(PlanVersion.household_id == case_id)
            .order_by(PlanVersion.number.desc())
            .limit(1)
        )
        if newest is not None and newest.status == PlanStatus.DRAFT:
            return Outcome(version_dto(newest))
        number = (newest.number if newest is not None else 0) + 1
        copied = (
            {
                k: getattr(newest, k)
                for k in (
                    "children_told",
                    "children_told_category",
                    "review_schedule",
                    "next_review_on",
                    "when_not_kept",
                )
            }
            if newest is not None
            else {}
        )
        row = PlanVersion(
            household_id=case_id,
            number=number,
            status=PlanStatus.DRAFT.value,
            based_on_id=newest.id if newest is not None else None,
            **copied,
        )
        uow.session.add(row)
        uow.flush()
        if newest is not None:
            _copy_contents(uow, newest.id, row.id)
        if not in_version(uow, PlanNetworkRole, row.id):
            _safety_network_from_members(uow, row)
        return committed(uow, lambda: version_dto(row))


def _safety_network_from_members(uow: UnitOfWork, plan: PlanVersion) -> None:
    """A draft without a safety network starts from the network members marked as such."""
    members = in_order(
        uow,
        NetworkMember,
        NetworkMember.household_id == plan.household_id,
        NetworkMember.safety_network.is_(True),
    )
    for position, member in enumerate(members, 1):
        uow.session.add(
            PlanNetworkRole(
                plan_version_id=plan.id,
                household_id=plan.household_id,
                position=position,
                source_kind=SourceKind.NETWORK.value,
                source_person_id=None,
                source_network_id=member.id,
                source_label=member.name,
                role="",
            )
        )
    uow.flush()


def _copy_contents(uow: UnitOfWork, source_id: int, target_id: int) -> None:
    for model in (PlanNetworkRole, RedFlag, FamilyGoal):
        for r in uow.session.scalars(select(model).where(model.plan_version_id == source_id)):
            uow.session.add(copy_row(r, plan_version_id=target_id))
    agreements = in_version(uow, Agreement, source_id)
    parties = parties_of(uow, [a.id for a in agreements])
    for agreement in agreements:
        copy = copy_row(agreement, plan_version_id=target_id)
        uow.session.add(copy)
        uow.flush()
        for party in parties[agreement.id]:
            uow.session.add(copy_row(party, agreement_id=copy.id))
    uow.flush()


def draft_snapshot(uow: UnitOfWork, version_id: int) -> Snapshot:
    """Everything of a version as it is now (what undo of starting a draft expects to remove)."""
    return snapshot_of(uow, PlanVersion, version_id)


def delete_draft(
    uow: UnitOfWork, version_id: int, *, expected: Snapshot | None = None
) -> Outcome[Snapshot]:
    """Remove a draft with everything in it (to undo starting it); a finalised version can
    never be removed. `restore_draft` puts it back.

    `expected`: the draft with everything in it as the caller left it (`draft_snapshot`); when
    anything in it changed since, ConflictError and nothing is removed.
    """
    with uow:
        return remove_as_seen(uow, editable_version(uow, version_id), expected)


def restore_draft(uow: UnitOfWork, taken: Snapshot) -> Outcome[PlanVersionDTO]:
    """Put a removed draft back (redo of starting it), if its number is still free."""
    plan = taken.values
    with uow:
        ensure_open(uow, plan["household_id"])
        uow.serialize(DRAFT_LOCK)
        again = uow.session.scalar(
            select(PlanVersion.id).where(
                PlanVersion.household_id == plan["household_id"],
                PlanVersion.number == plan["number"],
            )
        )
        if again is not None:
            raise InvalidInput(
                Problem(
                    "number",
                    _(
                        "Version {number} of the plan exists again in the meantime; this "
                        "draft cannot be put back."
                    ).format(number=plan["number"]),
                )
            )
        row = cast(PlanVersion, snapshot.put_back(uow, taken))
        return committed(uow, lambda: version_dto(row))


def update_plan(
    uow: UnitOfWork, version_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[PlanVersionDTO]:
    """Change a draft's own sections: how the children are told, reviews, when not kept."""
    rules = {
        "children_told": lambda f, x: v.text(
            f, x, label=_("How the children are told"), max_len=MAX_TEXT
        ),
        "review_schedule": lambda f, x: v.text(f, x, label=_("Review schedule"), max_len=MAX_TEXT),
        "when_not_kept": lambda f, x: v.text(
            f, x, label=_("When an agreement is not kept"), max_len=MAX_TEXT
        ),
        "next_review_on": lambda f, x: v.date(f, x, label=_("Next review")),
    }
    clean = {k: rules[k](k, val) for k, val in changes.items()}
    return save_fields(uow, lambda: editable_version(uow, version_id), clean, expected, version_dto)


# ---- agreements -----------------------------------------------------------------------------


def _clean_agreement(changes: Mapping[str, Any], *, new: bool = False) -> dict[str, Any]:
    """The rules' values as columns; the people named are set by `_set_parties` (they are
    checked against the case)."""
    fields = {k: x for k, x in changes.items() if k != "parties"}
    clean = plan_rules.new_agreement(fields) if new else plan_rules.agreement(fields)
    if "status" in clean:
        clean["status"] = clean["status"].value
    return clean


def _set_parties(uow: UnitOfWork, agreement: Agreement, sources: Sequence[Source]) -> None:
    """The people an agreement names; those already named keep their acceptance (and take the
    name as now given)."""
    existing = {person_key(source_of(p)): p for p in parties_of(uow, [agreement.id])[agreement.id]}
    keep: set[int] = set()
    named: set[tuple[Any, ...]] = set()
    for source in sources:
        columns = source_columns(uow, agreement.household_id, source)
        key = person_key(source_of_columns(columns))
        if key in named:
            continue  # the same person named twice is one party
        named.add(key)
        if key in existing:
            keep.add(existing[key].id)
            if existing[key].source_label != columns["source_label"]:
                existing[key].source_label = columns["source_label"]
        else:
            party = AgreementParty(
                agreement_id=agreement.id, household_id=agreement.household_id, **columns
            )
            uow.session.add(party)
    for party in existing.values():
        if party.id not in keep:
            uow.session.delete(party)
    uow.flush()


def add_agreement(
    uow: UnitOfWork, version_id: int, fields: Mapping[str, Any]
) -> Outcome[AgreementDTO]:
    """Add an agreement at the end of a draft, naming the people in `fields["parties"]`."""
    with uow:
        clean = _clean_agreement(fields, new=True)
        row = append_row(uow, Agreement, editable_version(uow, version_id), clean)
        _set_parties(uow, row, fields.get("parties", ()))
        return committed(uow, lambda: loaded_agreement(uow, row))


def update_agreement(
    uow: UnitOfWork, agreement_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[AgreementDTO]:
    """Change an agreement. When what is agreed changes, everyone must accept it again.

    `expected` (undo/redo): the values the caller believes are current, in DTO terms;
    "parties" are the named people with their acceptance (PartyDTOs).
    """
    clean = _clean_agreement(changes)
    with uow:
        row = editable_row(uow, Agreement, agreement_id)
        if expected is not None and "parties" in expected:
            now = loaded_agreement(uow, row).parties
            ensure_as_seen(_by_who(now), _by_who(expected["parties"]), ignore=("id",))
        content_changed = any(
            getattr(row, k) != val for k, val in clean.items() if k in CONTENT_FIELDS
        )
        apply(row, clean, expected=expected_columns(expected, apart=("parties",)))
        uow.flush()
        if "parties" in changes:
            _set_parties(uow, row, changes["parties"])
        if content_changed:
            for party in parties_of(uow, [row.id])[row.id]:
                party.accepted, party.accepted_on, party.accepted_how = None, None, None
            uow.flush()
        if "status" not in clean:
            follow_acceptance(uow, row)
        return committed(uow, lambda: loaded_agreement(uow, row))


def follow_acceptance(uow: UnitOfWork, agreement: Agreement) -> None:
    """Inside an open unit of work: a draft's proposed agreement becomes agreed once everyone
    it names accepted it, and proposed again when one of them no longer does (a kept, not
    kept or lapsed agreement keeps its status)."""
    uow.flush()
    everyone = loaded_agreement(uow, agreement).accepted_by_all
    status = AgreementStatus(agreement.status)
    if everyone and status is AgreementStatus.PROPOSED:
        agreement.status = AgreementStatus.AGREED.value
    elif not everyone and status is AgreementStatus.AGREED:
        agreement.status = AgreementStatus.PROPOSED.value
    uow.flush()


def _by_who(parties: Sequence[PartyDTO]) -> list[PartyDTO]:
    """Parties in a fixed order (their ids change when the people named are set again)."""
    return sorted(
        parties,
        key=lambda p: (
            p.source.kind,
            p.source.person_id or 0,
            p.source.network_id or 0,
            p.source.label,
        ),
    )


def remove_agreement(
    uow: UnitOfWork, agreement_id: int, *, expected: AgreementDTO | None = None
) -> Outcome[Snapshot]:
    """Remove an agreement with its parties; `restore_agreement` puts it back.

    `expected`: the agreement as the caller last saw it, acceptances included (undo/redo);
    when someone else changed it since, ConflictError and nothing is removed.
    """
    return remove_from_draft(
        uow, Agreement, agreement_id, expected, lambda row: loaded_agreement(uow, row)
    )


def restore_agreement(uow: UnitOfWork, taken: Snapshot) -> Outcome[AgreementDTO]:
    """Put a removed agreement back where it was, with its id, lineage, the people it names
    and their acceptance (undo of `remove_agreement`), if the draft may still change."""
    with uow:
        plan = editable_version(uow, taken.values["plan_version_id"])
        ensure_still_named(uow, plan.household_id, taken.of(AgreementParty))
        row = put_back_in_place(uow, Agreement, taken)
        return committed(uow, lambda: loaded_agreement(uow, row))


def record_acceptance(
    uow: UnitOfWork,
    party_id: int,
    accepted: bool | None,
    *,
    on: dt.date | None = None,
    how: AcceptedHow | str | None = None,
    expected: Expected = None,
) -> Outcome[AgreementDTO]:
    """Record whether a named person accepted the agreement, when and how (None: not asked).

    `expected` (undo/redo): {"accepted", "accepted_on", "accepted_how"} as the caller believes
    they are; when someone else recorded otherwise since, ConflictError.
    """
    _check_how(accepted, how)
    with uow:
        row = _record_acceptance(uow, party_id, accepted, on, how, expected)
        follow_acceptance(uow, row)
        return committed(uow, lambda: loaded_agreement(uow, row))


#: One person's answer for `record_acceptances`: (party id, accepted, on, how, expected).
AcceptanceChange = tuple[
    int, bool | None, dt.date | None, AcceptedHow | str | None, Mapping[str, Any] | None
]


def record_acceptances(
    uow: UnitOfWork, changes: Sequence[AcceptanceChange]
) -> Outcome[list[AgreementDTO]]:
    """`record_acceptance` for several people, of one or more agreements, all at once or none
    (e.g. undo of the acceptances given at a network meeting). Returns the agreements touched,
    in the order first named."""
    for _party, accepted, _on, how, _expected in changes:
        _check_how(accepted, how)
    with uow:
        touched: dict[int, Agreement] = {}
        for party_id, accepted, on, how, expected in changes:
            row = _record_acceptance(uow, party_id, accepted, on, how, expected)
            touched.setdefault(row.id, row)
        for row in touched.values():
            follow_acceptance(uow, row)
        return committed(uow, lambda: [loaded_agreement(uow, r) for r in touched.values()])


def _record_acceptance(
    uow: UnitOfWork,
    party_id: int,
    accepted: bool | None,
    on: dt.date | None,
    how: AcceptedHow | str | None,
    expected: Mapping[str, Any] | None,
) -> Agreement:
    party = get(uow, AgreementParty, party_id)
    row = editable_row(uow, Agreement, party.agreement_id)
    apply(party, {}, expected=expected_columns(expected))
    _set_acceptance(party, accepted, on, how)
    return row


def _check_how(accepted: bool | None, how: AcceptedHow | str | None) -> None:
    if accepted is not None and how is None:
        raise InvalidInput(
            Problem(
                "accepted_how",
                _(
                    "Say how it was accepted or refused: in a meeting, by phone, signed or "
                    "otherwise."
                ),
            )
        )
    if how is not None and how not in {h.value for h in AcceptedHow}:
        raise InvalidInput(
            Problem(
                "accepted_how",
                _(
                    "'{value}' is not a way of accepting; choose meeting, phone, signed or other."
                ).format(value=how),
            )
        )


def _set_acceptance(
    party: AgreementParty,
    accepted: bool | None,
    on: dt.date | None,
    how: AcceptedHow | str | None,
) -> None:
    party.accepted = accepted
    party.accepted_on = (on or dt.date.today()) if accepted is not None else None
    party.accepted_how = AcceptedHow(how).value if accepted is not None and how else None


def accept_for_all(
    uow: UnitOfWork,
    agreement_id: int,
    *,
    on: dt.date | None = None,
    how: AcceptedHow | str,
    expected: Sequence[PartyDTO] | None = None,
) -> Outcome[AgreementDTO]:
    """Everyone the agreement names accepted it, on one day and in one way ("Iedereen heeft
    ingestemd"); the agreement becomes agreed. `expected`: its parties as the caller saw them
    (undo/redo); when someone recorded otherwise since, ConflictError."""
    with uow:
        row = editable_row(uow, Agreement, agreement_id)
        parties = parties_of(uow, [row.id])[row.id]
        if not parties:
            raise InvalidInput(
                Problem(
                    "parties",
                    _("Name the people who do this agreement first; then they can accept it."),
                )
            )
        accepted = {p.id: (True, on or dt.date.today(), how) for p in parties}
        return _set_acceptances(uow, row, accepted, expected)


def set_acceptances(
    uow: UnitOfWork,
    agreement_id: int,
    acceptances: Mapping[int, tuple[bool | None, dt.date | None, AcceptedHow | str | None]],
    *,
    expected: Sequence[PartyDTO] | None = None,
) -> Outcome[AgreementDTO]:
    """Record several parties' acceptance at once: party id -> (accepted, on, how); e.g. undo
    of `accept_for_all` gives back what each had. `expected` as for `accept_for_all`."""
    with uow:
        row = editable_row(uow, Agreement, agreement_id)
        return _set_acceptances(uow, row, acceptances, expected)


def _set_acceptances(
    uow: UnitOfWork,
    row: Agreement,
    acceptances: Mapping[int, tuple[bool | None, dt.date | None, AcceptedHow | str | None]],
    expected: Sequence[PartyDTO] | None,
) -> Outcome[AgreementDTO]:
    for accepted, _on, how in acceptances.values():
        _check_how(accepted, how)
    if expected is not None:
        now = loaded_agreement(uow, row).parties
        ensure_as_seen(_by_who(now), _by_who(expected))
    parties = {p.id: p for p in parties_of(uow, [row.id])[row.id]}
    if any(party_id not in parties for party_id in acceptances):
        raise InvalidInput(
            Problem("parties", _("Someone is no longer named in this agreement; reload it."))
        )
    for party_id, (accepted, on, how) in acceptances.items():
        _set_acceptance(parties[party_id], accepted, on, how)
    uow.flush()
    follow_acceptance(uow, row)
    return committed(uow, lambda: loaded_agreement(uow, row))
