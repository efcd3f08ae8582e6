"""What the safety plan PDF shows, gathered through the services, and its proposed file name.

No reportlab here: a file dialog can propose a name without loading the PDF machinery.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import load_detail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.selection import Selection
from jeugdtool.framework.plan_dto import PlanDetail, PlanVersionDTO
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.plans import list_versions, load_plan
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork


class NoPlan(JeugdtoolError):
    """The case has no plan, or not the version asked for."""


@dataclass(frozen=True)
class PlanExport:
    """One plan version with the case it belongs to, read in one transaction."""

    case: CaseDetail
    plan: PlanDetail


def choose_version(
    versions: Sequence[PlanVersionDTO], number: int | None = None
) -> PlanVersionDTO | None:
    """The version `number`; without one, the newest finalised version — what partners may
    rely on — and only when nothing is finalised yet, the draft (it prints as a concept)."""
    if number is not None:
        return next((v for v in versions if v.number == number), None)
    final = [v for v in versions if v.is_final]
    if final:
        return max(final, key=lambda v: v.number)
    return max(versions, key=lambda v: v.number) if versions else None


def gather_plan(uow: UnitOfWork, case_id: int, version: int | None = None) -> PlanExport:
    """The plan version to print (see `choose_version`); NoPlan says what is missing."""
    versions = list_versions(uow, case_id)
    chosen = choose_version(versions, version)
    if chosen is None:
        if not versions:
            raise NoPlan(_("This case has no safety plan yet, so there is nothing to print."))
        raise NoPlan(
            _("The plan has no version {number}; it has versions {numbers}.").format(
                number=version, numbers=", ".join(str(v.number) for v in versions)
            )
        )
    with uow:  # one read, so the case and the plan agree with each other
        return PlanExport(load_detail(uow, case_id), load_plan(uow, chosen.id))


def plan_file_name(case_number: str, version: PlanVersionDTO) -> str:
    """`veiligheidsplan-2026-0012-v3.pdf`, or `…-concept.pdf` for a draft; only characters
    that are safe in a file name on every system."""
    safe = re.sub(r"[^0-9A-Za-z-]+", "-", case_number).strip("-") or "casus"
    suffix = f"v{version.number}" if version.is_final else "concept"
    return f"veiligheidsplan-{safe}-{suffix}.pdf"


def involved(plan: PlanDetail) -> set[tuple[str, int | str]]:
    """Everyone who is party to an agreement of the version (the plan's `person_key`: a
    network role typed as "Aicha" is the party "Aïcha")."""
    return {person_key(p.source) for a in plan.agreements for p in a.parties}


def select_plan(data: PlanExport, selection: Selection) -> PlanExport:
    """The plan with the personal data the selection leaves out removed, so the layout cannot
    print it: birth dates, contact details, and the network members who are party to no
    agreement (their role in the safety network, their relation and contact)."""
    case, plan = data.case, data.plan
    persons = case.persons
    if not selection.birth_dates:
        persons = tuple(replace(p, birth_date=None) for p in persons)
    network = case.network
    if not selection.contact_details:
        network = tuple(replace(n, phone=None, email=None) for n in network)
    if not selection.uninvolved_persons:
        keys = involved(plan)
        roles = tuple(r for r in plan.network if person_key(r.source) in keys)
        kept = {p.source.network_id for a in plan.agreements for p in a.parties}
        network = tuple(n for n in network if n.id in kept)
        plan = replace(plan, network=roles)
    return PlanExport(replace(case, persons=persons, network=network), plan)
