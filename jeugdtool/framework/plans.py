"""Services for the safety plan: versions, agreements, who they name and who accepted, finalising.

Sections (safety network roles, red flags) live in `plan_sections`, reviews and alerts in
`plan_reviews`; all share the guard `editable_version` from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem
from jeugdtool.framework import plan_rules
from jeugdtool.framework._common import (
    latest_moment_id,
    row_values,
    source_columns,
    source_of,
    source_of_columns,
)
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import (
    AgreementDTO,
    NetworkRoleDTO,
    PartyDTO,
    PlanDetail,
    PlanVersionDTO,
    RedFlagDTO,
)
from jeugdtool.framework.plan_models import (
    Agreement,
    AgreementParty,
    PlanNetworkRole,
    PlanVersion,
    RedFlag,
)
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.statements import load_statements
from jeugdtool.framework.vocab import AcceptedHow, AgreementStatus, PlanStatus
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_free
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork

MAX_TEXT = 5000
#: Agreement fields whose change means the people it names must accept it again.
CONTENT_FIELDS = frozenset({"what", "when", "start_on", "due_on", "where", "check", "checked_by"})
#: Rows a new draft copies from the version before it (keeping lineage and acceptance).
_SKIP = {"id", "plan_version_id", "version", "created_at", "created_by", "updated_at", "updated_by"}


#: The lock under which a case's next plan version is numbered (see UnitOfWork.serialize).
DRAFT_LOCK = "plan-draft"


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
    return PlanVersionDTO(
        id=row.id,
        household_id=row.household_id,
        number=row.number,
        status=PlanStatus(row.status),
        based_on_id=row.based_on_id,
        moment_id=row.moment_id,
        finalised_on=row.finalised_on,
        finalised_by=row.finalised_by,
        override_reason=row.override_reason,
        children_told=row.children_told,
        review_schedule=row.review_schedule,
        next_review_on=row.next_review_on,
        when_not_kept=row.when_not_kept,
        version=row.version,
    )


def _party_dto(row: AgreementParty) -> PartyDTO:
    return PartyDTO(
        id=row.id,
        source=source_of(row),
        accepted=row.accepted,
        accepted_on=row.accepted_on,
        accepted_how=AcceptedHow(row.accepted_how) if row.accepted_how else None,
        version=row.version,
    )


def agreement_dto(row: Agreement, parties: Sequence[AgreementParty]) -> AgreementDTO:
    return AgreementDTO(
        id=row.id,
        plan_version_id=row.plan_version_id,
        lineage=row.lineage,
        position=row.position,
        what=row.what,
        when=row.when,
        start_on=row.start_on,
        due_on=row.due_on,
        where=row.where,
        check=row.check,
        checked_by=row.checked_by,
        serves=row.serves,
        status=AgreementStatus(row.status),
        realistic_confirmed=row.realistic_confirmed,
        review_on=row.review_on,
        parties=tuple(_party_dto(p) for p in parties),
        version=row.version,
    )


def _parties(uow: UnitOfWork, agreement_ids: Sequence[int]) -> dict[int, list[AgreementParty]]:
    found: dict[int, list[AgreementParty]] = {i: [] for i in agreement_ids}
    if agreement_ids:
        rows = uow.session.scalars(
            select(AgreementParty)
            .where(AgreementParty.agreement_id.in_(agreement_ids))
            .order_by(AgreementParty.id)
        )
        for row in rows:
            found[row.agreement_id].append(row)
    return found


def _agreements(uow: UnitOfWork, version_id: int) -> list[Agreement]:
    return list(
        uow.session.scalars(
            select(Agreement)
            .where(Agreement.plan_version_id == version_id)
            .order_by(Agreement.position, Agreement.id)
        )
    )


# ---- reading --------------------------------------------------------------------------------


def load_plan(uow: UnitOfWork, version_id: int) -> PlanDetail:
    """Inside an open unit of work: a plan version with everything it shows."""
    row = get(uow, PlanVersion, version_id)
    agreements = _agreements(uow, version_id)
    parties = _parties(uow, [a.id for a in agreements])
    roles = uow.session.scalars(
        select(PlanNetworkRole)
        .where(PlanNetworkRole.plan_version_id == version_id)
        .order_by(PlanNetworkRole.position, PlanNetworkRole.id)
    )
    flags = uow.session.scalars(
        select(RedFlag)
        .where(RedFlag.plan_version_id == version_id)
        .order_by(RedFlag.position, RedFlag.id)
    )
    moment_id = row.moment_id if row.status == PlanStatus.FINAL else None
    moment_id = moment_id or latest_moment_id(uow, row.household_id)
    return PlanDetail(
        plan=version_dto(row),
        agreements=tuple(agreement_dto(a, parties[a.id]) for a in agreements),
        network=tuple(
            NetworkRoleDTO(r.id, r.position, source_of(r), r.role, r.told_on, r.version)
            for r in roles
        ),
        red_flags=tuple(
            RedFlagDTO(f.id, f.position, f.sign, f.watched_by, f.action, f.version) for f in flags
        ),
        statements=load_statements(uow, moment_id) if moment_id is not None else (),
        statements_moment_id=moment_id,
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


def current_plan(uow: UnitOfWork, case_id: int) -> PlanDetail | None:
    """The newest version (the draft if there is one), or None when there is no plan yet."""
    with uow:
        newest = uow.session.scalar(
            select(PlanVersion.id)
            .where(PlanVersion.household_id == case_id)
            .order_by(PlanVersion.number.desc())
            .limit(1)
        )
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
                for k in ("children_told", "review_schedule", "next_review_on", "when_not_kept")
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
        dto = version_dto(row)
        return Outcome(dto, uow.commit())


def _copy_contents(uow: UnitOfWork, source_id: int, target_id: int) -> None:
    for model in (PlanNetworkRole, RedFlag):
        for r in uow.session.scalars(select(model).where(model.plan_version_id == source_id)):
            uow.session.add(
                model(
                    plan_version_id=target_id,
                    **{k: val for k, val in row_values(r).items() if k not in _SKIP},
                )
            )
    agreements = _agreements(uow, source_id)
    parties = _parties(uow, [a.id for a in agreements])
    for agreement in agreements:
        copy = Agreement(
            plan_version_id=target_id,
            **{k: val for k, val in row_values(agreement).items() if k not in _SKIP},
        )
        uow.session.add(copy)
        uow.flush()
        for party in parties[agreement.id]:
            uow.session.add(
                AgreementParty(
                    agreement_id=copy.id,
                    **{
                        k: val
                        for k, val in row_values(party).items()
                        if k not in _SKIP | {"agreement_id"}
                    },
                )
            )
    uow.flush()


@dataclass(frozen=True)
class DraftSnapshot:
    """Everything of a removed draft, to put it back with the same ids (undo)."""

    rows: tuple[tuple[str, dict[str, Any]], ...]


_MODELS = {
    m.__name__: m for m in (PlanVersion, PlanNetworkRole, RedFlag, Agreement, AgreementParty)
}


def _draft_snapshot(uow: UnitOfWork, row: PlanVersion) -> DraftSnapshot:
    agreements = _agreements(uow, row.id)
    parties = [p for found in _parties(uow, [a.id for a in agreements]).values() for p in found]
    rows: list[tuple[str, dict[str, Any]]] = [("PlanVersion", row_values(row))]
    for model in (PlanNetworkRole, RedFlag):
        rows += [
            (model.__name__, row_values(r))
            for r in uow.session.scalars(
                select(model).where(model.plan_version_id == row.id).order_by(model.id)
            )
        ]
    rows += [("Agreement", row_values(a)) for a in sorted(agreements, key=lambda a: a.id)]
    rows += [("AgreementParty", row_values(p)) for p in parties]
    return DraftSnapshot(tuple(rows))


def draft_snapshot(uow: UnitOfWork, version_id: int) -> DraftSnapshot:
    """Everything of a version as it is now (what undo of starting a draft expects to remove)."""
    with uow:
        return _draft_snapshot(uow, get(uow, PlanVersion, version_id))


def delete_draft(
    uow: UnitOfWork, version_id: int, *, expected: DraftSnapshot | None = None
) -> Outcome[DraftSnapshot]:
    """Remove a draft (to undo starting it); a finalised version can never be removed.

    `expected`: the draft with everything in it as the caller left it; when anything in it
    changed since, ConflictError and nothing is removed.
    """
    with uow:
        row = editable_version(uow, version_id)
        snapshot = _draft_snapshot(uow, row)
        ensure_as_seen(snapshot, expected)
        uow.session.delete(row)
        return Outcome(snapshot, uow.commit())


def restore_draft(uow: UnitOfWork, snapshot: DraftSnapshot) -> Outcome[PlanVersionDTO]:
    """Put a removed draft back (redo of starting it), if its number is still free."""
    plan = dict(snapshot.rows[0][1])
    with uow:
        ensure_open(uow, plan["household_id"])
        uow.serialize(DRAFT_LOCK)
        taken = uow.session.scalar(
            select(PlanVersion.id).where(
                PlanVersion.household_id == plan["household_id"],
                PlanVersion.number == plan["number"],
            )
        )
        if taken is not None:
            raise InvalidInput(
                Problem(
                    "number",
                    _(
                        "Version {number} of the plan exists again in the meantime; this "
                        "draft cannot be put back."
                    ).format(number=plan["number"]),
                )
            )
        for name, values in snapshot.rows:
            ensure_free(uow, _MODELS[name], [values["id"]])
        restored = None
        for name, values in snapshot.rows:
            obj = _MODELS[name](**values)
            uow.session.add(obj)
            uow.flush()
            restored = restored or obj
        assert isinstance(restored, PlanVersion)
        dto = version_dto(restored)
        return Outcome(dto, uow.commit())


def update_plan(
    uow: UnitOfWork,
    version_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
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
    with uow:
        row = editable_version(uow, version_id)
        apply(row, clean, expected=expected)
        uow.flush()
        dto = version_dto(row)
        return Outcome(dto, uow.commit())


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
    existing = {person_key(source_of(p)): p for p in _parties(uow, [agreement.id])[agreement.id]}
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
    uow: UnitOfWork,
    version_id: int,
    fields: Mapping[str, Any],
    *,
    restore: AgreementDTO | None = None,
) -> Outcome[AgreementDTO]:
    """Add an agreement at the end of a draft (`restore` puts a removed one back as it was)."""
    if restore is not None:
        fields = {k: getattr(restore, k) for k in plan_rules.AGREEMENT_FIELDS}
    with uow:
        clean = _clean_agreement(fields, new=True)
        plan = editable_version(uow, version_id)
        position = (
            restore.position
            if restore is not None
            else (
                uow.session.scalar(
                    select(func.max(Agreement.position)).where(
                        Agreement.plan_version_id == version_id
                    )
                )
                or 0
            )
            + 1
        )
        if restore is not None:
            ensure_free(uow, Agreement, [restore.id])
            ensure_free(uow, AgreementParty, [p.id for p in restore.parties])
            for other in _agreements(uow, version_id):
                if other.position >= position:
                    other.position += 1
        extra = {"id": restore.id, "lineage": restore.lineage} if restore is not None else {}
        row = Agreement(
            plan_version_id=version_id,
            household_id=plan.household_id,
            position=position,
            **extra,
            **clean,
        )
        uow.session.add(row)
        uow.flush()
        if restore is not None:
            for party in restore.parties:
                uow.session.add(
                    AgreementParty(
                        id=party.id,
                        agreement_id=row.id,
                        household_id=plan.household_id,
                        accepted=party.accepted,
                        accepted_on=party.accepted_on,
                        accepted_how=party.accepted_how.value if party.accepted_how else None,
                        **source_columns(uow, plan.household_id, party.source),
                    )
                )
            uow.flush()
        else:
            _set_parties(uow, row, fields.get("parties", ()))
        dto = agreement_dto(row, _parties(uow, [row.id])[row.id])
        return Outcome(dto, uow.commit())


def _editable_agreement(uow: UnitOfWork, agreement_id: int) -> Agreement:
    row = get(uow, Agreement, agreement_id)
    editable_version(uow, row.plan_version_id)
    return row


def update_agreement(
    uow: UnitOfWork,
    agreement_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[AgreementDTO]:
    """Change an agreement. When what is agreed changes, everyone must accept it again.

    `expected` (undo/redo): the values the caller believes are current, in DTO terms;
    "parties" are the named people with their acceptance (PartyDTOs).
    """
    clean = _clean_agreement(changes)
    with uow:
        row = _editable_agreement(uow, agreement_id)
        if expected is not None and "parties" in expected:
            now = agreement_dto(row, _parties(uow, [row.id])[row.id]).parties
            ensure_as_seen(_by_who(now), _by_who(expected["parties"]), ignore=("id",))
        content_changed = any(
            getattr(row, k) != val for k, val in clean.items() if k in CONTENT_FIELDS
        )
        apply(row, clean, expected=_expected_columns(expected))
        uow.flush()
        if "parties" in changes:
            _set_parties(uow, row, changes["parties"])
        if content_changed:
            for party in _parties(uow, [row.id])[row.id]:
                party.accepted, party.accepted_on, party.accepted_how = None, None, None
            uow.flush()
        dto = agreement_dto(row, _parties(uow, [row.id])[row.id])
        return Outcome(dto, uow.commit())


def _expected_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        if key == "serves":
            out[key] = tuple(value)
        elif key == "status":
            out[key] = AgreementStatus(value).value
        elif key != "parties":
            out[key] = value
    return out


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
) -> Outcome[AgreementDTO]:
    """Remove an agreement with its parties; `add_agreement(restore=…)` puts it back.

    `expected`: the agreement as the caller last saw it, acceptances included (undo/redo);
    when someone else changed it since, ConflictError and nothing is removed.
    """
    with uow:
        row = _editable_agreement(uow, agreement_id)
        dto = agreement_dto(row, _parties(uow, [row.id])[row.id])
        ensure_as_seen(dto, expected, ignore=("position",))
        version_id = row.plan_version_id
        uow.session.delete(row)
        uow.flush()
        for number, other in enumerate(_agreements(uow, version_id), 1):
            other.position = number
        return Outcome(dto, uow.commit())


def record_acceptance(
    uow: UnitOfWork,
    party_id: int,
    accepted: bool | None,
    *,
    on: dt.date | None = None,
    how: AcceptedHow | str | None = None,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[AgreementDTO]:
    """Record whether a named person accepted the agreement, when and how (None: not asked).

    `expected` (undo/redo): {"accepted", "accepted_on", "accepted_how"} as the caller believes
    they are; when someone else recorded otherwise since, ConflictError.
    """
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
    with uow:
        party = get(uow, AgreementParty, party_id)
        row = _editable_agreement(uow, party.agreement_id)
        apply(party, {}, expected=_acceptance_columns(expected))
        party.accepted = accepted
        party.accepted_on = (on or dt.date.today()) if accepted is not None else None
        party.accepted_how = AcceptedHow(how).value if accepted is not None and how else None
        uow.flush()
        dto = agreement_dto(row, _parties(uow, [row.id])[row.id])
        return Outcome(dto, uow.commit())


def _acceptance_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    out = dict(expected)
    if out.get("accepted_how") is not None:
        out["accepted_how"] = AcceptedHow(out["accepted_how"]).value
    return out
