"""What the safety plan PDF shows, gathered through the services, and its proposed file name.

No reportlab here: a file dialog can propose a name without loading the PDF machinery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import load_detail
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.export.selection import Selection
from jeugdtool.folding import fold_key
from jeugdtool.framework.plan_approval import approvals_of_version
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.plans import list_versions
from jeugdtool.framework.plans import load_plan
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.wording import for_mode
from jeugdtool.framework.wording import term
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.i18n import translations
from jeugdtool.outcomes.dto import ZRM_PREFIX
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.help import list_help
from jeugdtool.outcomes.help import serve_choices
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.library import matrices_in


class NoPlan(JeugdtoolError):
    """The case has no plan, or not the version asked for."""


@dataclass(frozen=True)
class PlanHelp:
    """One form of help as the family and its network read it: no cost, no decision code."""

    #: The member's first name; "" for the household as a whole; the label as written when
    #: the item names no current member (several together, or someone who left).
    for_whom: str
    #: The kind of help (the category's label in its product list).
    kind: str
    description: str
    intensity: str
    provider: str
    starts_on: dt.date
    #: The planned end, or the day it ends when that is already known; None: not planned.
    until: dt.date | None
    #: True: it has not started yet on the day of printing.
    planned: bool
    #: The words of the safety goals it serves.
    goals: tuple[str, ...]
    #: The names of the ZRM domains (self-sufficiency) it serves.
    domains: tuple[str, ...]


@dataclass(frozen=True)
class PlanExport:
    """One plan version with the case it belongs to (read in one transaction), and the help."""

    case: CaseDetail
    plan: PlanDetail
    #: The help running or planned on the day of printing, in the case's order.
    help: tuple[PlanHelp, ...] = ()
    #: The version's submissions for review (toetsing), newest first.
    approvals: tuple[ApprovalDTO, ...] = ()


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


def gather_plan(
    uow: UnitOfWork,
    case_id: int,
    version: int | None = None,
    *,
    today: dt.date | None = None,
    language: str | None = None,
) -> PlanExport:
    """The plan version to print (see `choose_version`) with the help running or planned on
    `today` (domain names in `language`); NoPlan says what is missing."""
    versions = list_versions(uow, case_id)
    chosen = choose_version(versions, version)
    if chosen is None:
        if not versions:
            with uow:
                mode = load_detail(uow, case_id).household.mode
            raise NoPlan(
                for_mode(_("This case has no safety plan yet, so there is nothing to print."), mode)
            )
        raise NoPlan(
            _("The plan has no version {number}; it has versions {numbers}.").format(
                number=version, numbers=", ".join(str(v.number) for v in versions)
            )
        )
    with uow:  # one read, so the case and the plan agree with each other
        case, plan = load_detail(uow, case_id), load_plan(uow, chosen.id)
        matrices = tuple(matrices_in(uow).values())
    items, choices = list_help(uow, case_id), serve_choices(uow, case_id)
    # The goals as this version words them; a goal of a newer moment as it is worded now.
    goals = {c.key: c.label for c in choices if not c.key.startswith(ZRM_PREFIX)}
    goals |= {
        s.lineage: s.text or s.carers_will
        for s in plan.statements
        if s.type is StatementType.SAFETY_GOAL
    }
    day = today or dt.date.today()
    names = {p.id: p.first_name for p in case.persons}
    shown = (
        _plan_help(item, names, goals, matrices, language or current_language(), day)
        for item in items
        if not item.ended_by(day)
    )
    approvals = approvals_of_version(uow, chosen.id, day) if chosen.is_final else []
    return PlanExport(case, plan, tuple(shown), tuple(approvals))


#: How a help item for the household as a whole is labelled (the service writes "Household" in
#: the language of the moment; a case file may say "the whole family").
_HOUSEHOLD_WORDS = (N_("Household"), N_("the whole family"))


def _for_household(label: str) -> bool:
    words = {
        fold_key(translations(lang).gettext(w)) for w in _HOUSEHOLD_WORDS for lang in LANGUAGES
    }
    return not label.strip() or fold_key(label) in words


def _for_whom(item: HelpItemDTO, names: Mapping[int, str]) -> str:
    """The member's first name; "" for the household. Without a member (one who left the
    household, or several named together) the label as it was written."""
    if item.person_id is not None and item.person_id in names:
        return names[item.person_id]
    return "" if _for_household(item.for_label) else item.for_label


def domain_name_in(code: str, matrices: Iterable[Matrix], language: str) -> str:
    """The domain's name in `language`, from the first matrix that has it (else the code)."""
    for matrix in matrices:
        if matrix.has_domain(code):
            return matrix.domain(code).name.get(language)
    return code


def _plan_help(
    item: HelpItemDTO,
    names: Mapping[int, str],
    goals: Mapping[str, str],
    matrices: Sequence[Matrix],
    language: str,
    today: dt.date,
) -> PlanHelp:
    """An item as the plan prints it: the member by first name, the goals by their words."""
    return PlanHelp(
        for_whom=_for_whom(item, names),
        kind=item.category_label,
        description=item.description,
        intensity=item.intensity,
        provider=item.provider,
        starts_on=item.starts_on,
        until=item.ended_on or item.planned_end,
        planned=item.starts_on > today,
        goals=tuple(goals[k] for k in item.serves if k in goals and goals[k].strip()),
        domains=tuple(domain_name_in(code, matrices, language) for code in item.zrm_domains),
    )


def plan_file_name(
    case_number: str, version: PlanVersionDTO, mode: CaseMode | str = CaseMode.SAFETY
) -> str:
    """`veiligheidsplan-2026-0012-v3.pdf` (a wellbeing case: `welzijnsplan-…`), or
    `…-concept.pdf` for a draft; only characters that are safe in a file name on every system."""
    safe = safe_case_number(case_number)
    suffix = f"v{version.number}" if version.is_final else "concept"
    return f"{term('safety_plan', mode, language='nl')}-{safe}-{suffix}.pdf"


def involved(plan: PlanDetail) -> set[tuple[str, int | str]]:
    """Everyone who is party to an agreement of the version (the plan's `person_key`: a
    network role typed as "Aicha" is the party "Aïcha")."""
    return {person_key(p.source) for a in plan.agreements for p in a.parties}


def select_plan(data: PlanExport, selection: Selection) -> PlanExport:
    """The plan with the personal data the selection leaves out removed, so the layout cannot
    print it: birth dates, contact details, the network members who are party to no
    agreement (their role in the safety network, their relation and contact), the help when
    that part is not chosen, and the goals' words with the help when the statements are not."""
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
    help_given = data.help if selection.includes("help") else ()
    if not selection.includes("statements"):  # the goals' words are part of the statements
        help_given = tuple(replace(h, goals=()) for h in help_given)
    return PlanExport(
        replace(case, persons=persons, network=network), plan, help_given, data.approvals
    )
