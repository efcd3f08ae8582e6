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

from jeugdtool.cases.consultants import get_consultant
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import load_detail
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import minimise
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.export.pdf.plan_front import PlanChanges
from jeugdtool.export.pdf.plan_front import plan_changes
from jeugdtool.export.recipient import recipient_members
from jeugdtool.export.selection import Selection
from jeugdtool.folding import fold_key
from jeugdtool.framework import special_rules
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_approval import approvals_of_version
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_finalise import compare_versions
from jeugdtool.framework.plan_reviews import list_reviews
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.plans import list_versions
from jeugdtool.framework.plans import load_plan
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.framework.wording import for_mode
from jeugdtool.framework.wording import term
from jeugdtool.i18n import LANGUAGES
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.i18n import ngettext
from jeugdtool.i18n import translations
from jeugdtool.meetings.names import Person
from jeugdtool.outcomes.dto import ZRM_PREFIX
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.help import list_help
from jeugdtool.outcomes.help import serve_choices
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import family_domain_name_of
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
    #: A vocab.SpecialCategory value ("" when not marked): see `leave_out_special`.
    special_category: str = ""


@dataclass(frozen=True)
class PlanExport:
    """One plan version with the case it belongs to (read in one transaction), and the help."""

    case: CaseDetail
    plan: PlanDetail
    #: The help running or planned on the day of printing, in the case's order.
    help: tuple[PlanHelp, ...] = ()
    #: The version's submissions for review (toetsing), newest first.
    approvals: tuple[ApprovalDTO, ...] = ()
    #: What changed in the agreements since the previous version (None: version 1).
    changes: PlanChanges | None = None
    #: The day the case's last review was held (None: no review yet).
    last_review_on: dt.date | None = None
    #: The case manager's e-mail address (printed only with contact details).
    case_manager_email: str | None = None


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
    reviews = list_reviews(uow, case_id)
    return PlanExport(
        case=case,
        plan=plan,
        help=tuple(shown),
        approvals=tuple(approvals),
        changes=_changes(uow, versions, chosen),
        last_review_on=max((r.held_on for r in reviews), default=None),
        case_manager_email=_manager_email(uow, case.household.case_manager_id),
    )


def _manager_email(uow: UnitOfWork, consultant_id: int | None) -> str | None:
    manager = get_consultant(uow, consultant_id) if consultant_id is not None else None
    return manager.email if manager is not None and manager.email else None


def _changes(
    uow: UnitOfWork, versions: Sequence[PlanVersionDTO], chosen: PlanVersionDTO
) -> PlanChanges | None:
    """The agreements' changes since the version before `chosen` (the plan screen's
    comparison); None when `chosen` is the first."""
    older = [v for v in versions if v.number < chosen.number]
    if not older:
        return None
    previous = max(older, key=lambda v: v.number)
    return plan_changes(compare_versions(uow, previous.id, chosen.id))


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
    """The domain as a family or partner reads it (`family_domain_name`: "Zelf eten, wassen en
    aankleden", not "Basale ADL") in `language`, from the first matrix that has it (else the
    code)."""
    return family_domain_name_of(code, matrices, language)


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
        special_category=item.special_category,
    )


def plan_file_name(
    case_number: str,
    version: PlanVersionDTO,
    mode: CaseMode | str = CaseMode.SAFETY,
    *,
    family: bool = False,
) -> str:
    """`veiligheidsplan-2026-0012-v3.pdf` (a wellbeing case: `welzijnsplan-…`), or
    `…-concept.pdf` for a draft; the family's version ends in `-gezinsversie`. Only characters
    that are safe in a file name on every system."""
    safe = safe_case_number(case_number)
    suffix = f"v{version.number}" if version.is_final else "concept"
    if family:
        suffix += f"-{_FAMILY_FILE_WORD}"
    return f"{term('safety_plan', mode, language='nl')}-{safe}-{suffix}.pdf"


#: The file name's word for the family's version (file names are Dutch, as `term(…, "nl")`).
_FAMILY_FILE_WORD = "gezinsversie"


# ---- the family's version -------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyText:
    """A statement or agreement as the family's version prints it: `main` as its text, and
    under it in smaller type the other wording (`under`, "" when there is none to add)."""

    main: str
    under: str = ""
    #: True: `under` is the professionals' wording ("as the plan says it"); False: it is the
    #: family's own words ("as we say it").
    under_is_plan: bool = True


#: The statements whose wording the professionals set and the family's version keeps first:
#: a worry and a bottom line are not the family's to word; a safety goal is.
_OFFICIAL_FIRST = frozenset({StatementType.DANGER, StatementType.BOTTOM_LINE})


def family_first(kind: StatementType | None) -> bool:
    """Whether the family's words are the main text (a safety goal, an agreement: `None`)
    or come under the official text (a danger statement, a bottom line)."""
    return kind not in _OFFICIAL_FIRST


def family_text(official: str, family_words: str, *, first: bool) -> FamilyText:
    """The family's version's wording of one item: with `first`, the family's words as the
    text and the official wording under it; else the official text with the family's words
    under it. Without family words (or the same words) the official text alone."""
    own = family_words.strip()
    if not own or fold_key(own) == fold_key(official):
        return FamilyText(official)
    if first:
        return FamilyText(own, official, under_is_plan=True)
    return FamilyText(official, own, under_is_plan=False)


def goal_speaker(source: Source, case: CaseDetail) -> str:
    """Who said a family goal, as the family's version writes it after the goal: a household
    member by first name, a network member by the relation typed ("oma") or else by name,
    anyone else as written. "" for someone the selection left out: they are not named."""
    if source.kind is SourceKind.PERSON:
        person = next((p for p in case.persons if p.id == source.person_id), None)
        return (person.first_name or person.full_name) if person is not None else source.label
    if source.kind is SourceKind.NETWORK:
        member = next((n for n in case.network if n.id == source.network_id), None)
        if member is None:
            return ""
        return " ".join(member.relation.split()) or member.name
    return source.label


def involved(plan: PlanDetail) -> set[tuple[str, int | str]]:
    """Everyone who is party to an agreement of the version (the plan's `person_key`: a
    network role typed as "Aicha" is the party "Aïcha")."""
    return {person_key(p.source) for a in plan.agreements for p in a.parties}


def select_plan(data: PlanExport, selection: Selection) -> PlanExport:
    """The plan with the personal data the selection leaves out removed, so the layout cannot
    print it: birth dates, contact details, the network members who are party to no
    agreement (their role in the safety network, their relation and contact) — except the
    recipient's own people (`recipient_members` of the audience) —, the help when that part
    is not chosen, and the goals' words with the help when the statements are not. What is
    left out goes from the free text too (`minimise`): addresses, phone numbers and e-mail
    addresses when contact details are off, the names of the persons left out. Last, the
    items marked as special categories unless chosen (`leave_out_special`, before the free
    text is walked: someone named only in a left-out item is then masked too). Built with
    `replace`, so every field of `PlanExport` survives."""
    kept = _selected(data, selection)
    rewrite = minimise.rewriter(plan_minimiser(data, selection))
    return walk_plan(kept, rewrite, family=selection.family_version)


def _selected(data: PlanExport, selection: Selection) -> PlanExport:
    """The structured part of `select_plan` with the special categories left out (and, in
    the family's version, the help's goals in the family's words)."""
    kept = leave_out_special(_kept_structure(data, selection), selection)
    return family_help_goals(kept) if selection.family_version else kept


def family_help_goals(data: PlanExport) -> PlanExport:
    """The help's "Helps with this goal" in the family's own words of each safety goal that
    has them (`family_text`, as the family's version prints the goal itself); other goals
    as they are."""
    words = {
        s.text or s.carers_will: family_text(s.text or s.carers_will, s.family_words, first=True)
        for s in data.plan.statements
        if s.type is StatementType.SAFETY_GOAL
    }
    help_given = tuple(
        replace(h, goals=tuple(words[g].main if g in words else g for g in h.goals))
        for h in data.help
    )
    return replace(data, help=help_given)


def _kept_network_ids(data: PlanExport, selection: Selection) -> set[int]:
    """The network members a selection without uninvolved persons keeps: those party to an
    agreement, and the recipient's own people."""
    network = data.case.network
    kept = {p.source.network_id for a in data.plan.agreements for p in a.parties}
    kept |= {n.id for n in recipient_members(selection.audience, network)}
    return {i for i in kept if i is not None}


def _kept_structure(data: PlanExport, selection: Selection) -> PlanExport:
    """The structured part of `select_plan`: which fields, persons and parts stay."""
    case, plan = data.case, data.plan
    persons = case.persons
    if not selection.birth_dates:
        persons = tuple(replace(p, birth_date=None) for p in persons)
    network = case.network
    if not selection.contact_details:
        network = tuple(replace(n, phone=None, email=None) for n in network)
    if not selection.uninvolved_persons:
        ids = _kept_network_ids(data, selection)
        keys = involved(plan) | {(SourceKind.NETWORK.value, i) for i in ids}
        roles = tuple(r for r in plan.network if person_key(r.source) in keys)
        network = tuple(n for n in network if n.id in ids)
        goals = tuple(_goal_said_by_kept(g, ids) for g in plan.family_goals)
        plan = replace(plan, network=roles, family_goals=goals)
    help_given = data.help if selection.includes("help") else ()
    if not selection.includes("statements"):  # the goals' words are part of the statements
        help_given = tuple(replace(h, goals=()) for h in help_given)
    return replace(
        data,
        case=replace(case, persons=persons, network=network),
        plan=plan,
        help=help_given,
    )


def _goal_said_by_kept(goal: FamilyGoalDTO, kept_ids: set[int]) -> FamilyGoalDTO:
    """The goal with who said it left unnamed (a network member without id or label) when
    the selection leaves that network member out."""
    source = goal.source
    if source.kind is SourceKind.NETWORK and source.network_id not in kept_ids:
        return replace(goal, source=Source(SourceKind.NETWORK))
    return goal


def hidden_persons(data: PlanExport, selection: Selection) -> tuple[Person, ...]:
    """The persons outside the selection whose names are masked in the free text: with
    uninvolved persons left out, the network members `select_plan` leaves out and the people
    in the safety network it leaves out (also those named only there, "juf Anja"). The
    household's own members are what the plan is about: they stay named."""
    if selection.uninvolved_persons:
        return ()
    ids = _kept_network_ids(data, selection)
    keys = involved(data.plan) | {(SourceKind.NETWORK.value, i) for i in ids}
    hidden = [Person(n.name, n.relation) for n in data.case.network if n.id not in ids]
    hidden += [
        Person(r.source.label)
        for r in data.plan.network
        if person_key(r.source) not in keys and r.source.kind is not SourceKind.PERSON
    ]
    return tuple(hidden)


def plan_minimiser(data: PlanExport, selection: Selection) -> minimise.Minimiser:
    """What `select_plan` takes out of the plan's free text for `selection`: who is
    involved is read from the agreements the selection keeps."""
    kept = _selected(data, selection)
    names = [p.full_name for p in kept.case.persons] + [n.name for n in kept.case.network]
    names += [p.source.label for a in kept.plan.agreements for p in a.parties]
    narrowed = replace(data, plan=replace(data.plan, agreements=kept.plan.agreements))
    return minimise.minimiser(
        contacts=not selection.contact_details,
        hidden=hidden_persons(narrowed, selection),
        kept=names,
    )


#: For `walk_plan`: the red flags without the rest of the "network" part (page 1 quotes the
#: red flags a recipient watches for, whichever parts are chosen).
RED_FLAGS = "red_flags"


def walk_plan(
    data: PlanExport,
    rewrite: minimise.Rewrite,
    sections: frozenset[str] | None = None,
    *,
    family: bool = False,
) -> PlanExport:
    """`data` with every free-text field the plan prints passed through `rewrite(item,
    field, text)` (item and field in the reader's words: "Afspraak 3", "Waar"). `sections`:
    only the fields of those parts (the rest stays as it is); None: every part. `family`:
    the family's version, which also prints the family's own words and goals (with the
    statements)."""

    def part(code: str) -> bool:
        return sections is None or code in sections

    plan = data.plan
    if part("agreements"):
        agreements = tuple(_walk_agreement(a, rewrite, family=family) for a in plan.agreements)
        plan = replace(plan, agreements=agreements)
    if part("network") or part(RED_FLAGS):
        plan = replace(plan, red_flags=tuple(_walk_flag(f, rewrite) for f in plan.red_flags))
    if part("network"):
        roles = []
        for n, r in enumerate(plan.network, start=1):
            item = _("Safety network, person {n}").format(n=n)
            roles.append(replace(r, role=rewrite(item, _("Role in the plan"), r.role)))
        plan = replace(plan, network=tuple(roles))
    if part("statements"):
        plan = replace(plan, statements=walk_statements(plan.statements, rewrite, family=family))
        if family:
            plan = replace(plan, family_goals=_walk_family_goals(plan.family_goals, rewrite))
    version = plan.plan
    fields = (
        ("children", "children_told", N_("How the children are told")),
        ("review", "review_schedule", N_("Review")),
        ("review", "when_not_kept", N_("When an agreement is not kept")),
    )
    for code, name, label in fields:
        if part(code):
            text = getattr(version, name)
            version = replace(version, **{name: rewrite(_("Plan"), _(label), text)})
    plan = replace(plan, plan=version)
    help_given = data.help
    if part("help"):
        help_given = tuple(_walk_help(n, h, rewrite) for n, h in enumerate(data.help, start=1))
    changes = data.changes
    if changes is not None and part("agreements"):
        changes = replace(
            changes,
            added=tuple(_walk_agreement(a, rewrite, family=family) for a in changes.added),
            changed=tuple(
                replace(c, agreement=_walk_agreement(c.agreement, rewrite, family=family))
                for c in changes.changed
            ),
            ended=tuple(_walk_agreement(a, rewrite, ended=True) for a in changes.ended),
        )
    return replace(data, plan=plan, help=help_given, changes=changes)


def _walk_agreement(
    a: AgreementDTO, rewrite: minimise.Rewrite, *, ended: bool = False, family: bool = False
) -> AgreementDTO:
    label = _("Agreement {n} (ended)") if ended else _("Agreement {n}")
    item = label.format(n=a.position)
    walked = replace(
        a,
        what=rewrite(item, _("What"), a.what),
        when=rewrite(item, _("When"), a.when),
        where=rewrite(item, _("Where"), a.where),
        check=rewrite(item, _("How do we know?"), a.check),
        checked_by=rewrite(item, _("Who checks"), a.checked_by),
    )
    if family:
        walked = replace(walked, family_words=rewrite(item, _(_FAMILY_WORDS), a.family_words))
    return walked


#: The field of the family's own words, as the findings name it.
_FAMILY_WORDS = N_("In the family's own words")


def _walk_family_goals(
    goals: Sequence[FamilyGoalDTO], rewrite: minimise.Rewrite
) -> tuple[FamilyGoalDTO, ...]:
    """The family's goals with their text, and the name of someone outside the household and
    network who said one, passed through `rewrite`."""
    out = []
    for goal in goals:
        item = _("Our own goal {n}").format(n=goal.position)
        walked = replace(goal, text=rewrite(item, _("Text"), goal.text))
        if goal.source.kind in (SourceKind.OTHER, SourceKind.CONSULTANT):
            label = rewrite(item, _("Who said it"), goal.source.label)
            walked = replace(walked, source=replace(goal.source, label=label))
        out.append(walked)
    return tuple(out)


def _walk_flag(f: RedFlagDTO, rewrite: minimise.Rewrite) -> RedFlagDTO:
    item = _("Sign {n}").format(n=f.position)
    return replace(
        f,
        sign=rewrite(item, _("Sign"), f.sign),
        watched_by=tuple(rewrite(item, _("Who watches"), w) for w in f.watched_by),
        action=rewrite(item, _("What we do then"), f.action),
    )


#: The statements as the plan numbers them (`statements.KINDS`), with their labels.
_STATEMENT_LABELS = (
    (StatementType.DANGER, N_("Danger statement {n}")),
    (StatementType.SAFETY_GOAL, N_("Safety goal {n}")),
    (StatementType.BOTTOM_LINE, N_("Bottom line {n}")),
)


def statement_labels(statements: Sequence[StatementDTO]) -> dict[int, str]:
    """Statement id -> "Danger statement 2": numbered by their place in their moment (the
    screen's number), so a statement left out (`leave_out_special`) does not renumber the
    others and the notice about it names the number the consultant sees."""
    labels: dict[int, str] = {}
    for kind, label in _STATEMENT_LABELS:
        labels |= {s.id: _(label).format(n=s.position) for s in statements if s.type is kind}
    return labels


def walk_statements(
    statements: Sequence[StatementDTO], rewrite: minimise.Rewrite, *, family: bool = False
) -> tuple[StatementDTO, ...]:
    """The statements with their sentence passed through `rewrite` (the plan and the map
    number and print them alike, `statements.KINDS`); `family`: their family's words too
    (the family's version of the plan prints them)."""
    labels = statement_labels(statements)
    out = []
    for s in statements:
        if s.id in labels:
            s = replace(s, text=rewrite(labels[s.id], _("Text"), s.text))
            if family:
                words = rewrite(labels[s.id], _(_FAMILY_WORDS), s.family_words)
                s = replace(s, family_words=words)
        out.append(s)
    return tuple(out)


def _walk_help(n: int, h: PlanHelp, rewrite: minimise.Rewrite) -> PlanHelp:
    item = _("Help {n}").format(n=n)
    return replace(
        h,
        for_whom=rewrite(item, _("For whom"), h.for_whom),
        description=rewrite(item, _("Description"), h.description),
        intensity=rewrite(item, _("Intensity"), h.intensity),
        provider=rewrite(item, _("Who gives the help"), h.provider),
        goals=tuple(rewrite(item, _("Helps with this goal"), goal) for goal in h.goals),
    )


def minimisation_findings(data: PlanExport, selection: Selection) -> tuple[minimise.Finding, ...]:
    """What `select_plan` will take out of the free text of the parts `selection` prints,
    per item and field, naming the field and never the data: the export dialog and the batch
    export show these before the export. The same minimiser and the same fields as
    `select_plan`, so what is said is what happens."""
    kept = _selected(data, selection)
    found = minimise.Findings(plan_minimiser(data, selection))
    sections = selection.sections
    if selection.audience.strip():  # page 1 lists the recipient's agreements and red flags
        sections = sections | {"agreements", RED_FLAGS}
    walk_plan(kept, found, sections, family=selection.family_version)
    return found.result()


def leave_out_special(data: PlanExport, selection: Selection) -> PlanExport:
    """The plan without the agreements, help, statements and family's own goals marked as
    special categories of personal data (health, addiction, justice), unless the selection
    includes them: a marked
    "how the children are told" reads "(left out)", and so does a help item's goal that is a
    left-out safety goal (the other statements keep their numbers) — also among the changes
    since the previous version (an agreement counts as marked when it, or the agreement of the
    same lineage in the printed version, is). Someone named only in a left-out agreement is
    then no longer involved: when the selection leaves out people not involved, their role in
    the safety network and their network entry go too (whoever else the selection keeps
    stays)."""
    if selection.special_categories:
        return data
    plan = data.plan
    marked = {a.lineage for a in plan.agreements if special_rules.is_marked(a.special_category)}
    said = shown_statements(plan.statements, selection)
    kept_ids = {s.id for s in said}
    gone_goals = {
        s.text or s.carers_will
        for s in plan.statements
        if s.type is StatementType.SAFETY_GOAL and s.id not in kept_ids
    }
    version = plan.plan
    if special_rules.is_marked(version.children_told_category):
        version = replace(version, children_told=special_rules.left_out_text())

    def shown(a: AgreementDTO) -> bool:
        return not special_rules.is_marked(a.special_category) and a.lineage not in marked

    narrowed = replace(
        plan,
        plan=version,
        agreements=tuple(a for a in plan.agreements if shown(a)),
        statements=said,
        family_goals=tuple(g for g in plan.family_goals if not _marked_goal(g)),
    )
    help_given = tuple(
        replace(h, goals=tuple(_left_out_goal(g, gone_goals) for g in h.goals))
        for h in data.help
        if not special_rules.is_marked(h.special_category)
    )
    changes = data.changes
    if changes is not None:
        changes = replace(
            changes,
            added=tuple(a for a in changes.added if shown(a)),
            changed=tuple(c for c in changes.changed if shown(c.agreement)),
            ended=tuple(a for a in changes.ended if shown(a)),
            goals_added=tuple(g for g in changes.goals_added if not _marked_goal(g)),
            goals_changed=tuple(g for g in changes.goals_changed if not _marked_goal(g)),
            goals_removed=tuple(g for g in changes.goals_removed if not _marked_goal(g)),
        )
    case = data.case
    if not selection.uninvolved_persons:
        gone = involved(plan) - involved(narrowed)
        roles = tuple(r for r in plan.network if person_key(r.source) not in gone)
        narrowed = replace(narrowed, network=roles)
        network = tuple(n for n in case.network if (SourceKind.NETWORK.value, n.id) not in gone)
        case = replace(case, network=network)
    return replace(data, case=case, plan=narrowed, help=help_given, changes=changes)


def _marked_goal(goal: FamilyGoalDTO) -> bool:
    return special_rules.is_marked(goal.special_category)


def _family_goals_shown(selection: Selection) -> bool:
    """Whether the plan prints the family's own goals: the family's version does, with the
    statements."""
    return selection.family_version and selection.includes("statements")


def shown_statements(
    statements: Sequence[StatementDTO], selection: Selection
) -> tuple[StatementDTO, ...]:
    """The statements a document prints for `selection`: without those marked as a special
    category unless the selection includes them (the plan and the map)."""
    if selection.special_categories:
        return tuple(statements)
    return tuple(s for s in statements if not special_rules.is_marked(s.special_category))


def _left_out_goal(goal: str, gone: set[str]) -> str:
    """A help item's goal as the plan prints it: "(left out)" for a left-out safety goal."""
    return special_rules.left_out_text() if goal in gone else goal


def left_out_statements(
    statements: Sequence[StatementDTO], selection: Selection
) -> tuple[str, ...]:
    """The notices for the marked statements `selection` leaves out, by their number
    ("Danger statement 2 is left out: special category of personal data.")."""
    if selection.special_categories or not selection.includes("statements"):
        return ()
    labels = statement_labels(statements)
    kept_ids = {s.id for s in shown_statements(statements, selection)}
    return tuple(
        special_rules.left_out(labels[s.id])
        for s in statements
        if s.id in labels and s.id not in kept_ids
    )


def special_left_out(data: PlanExport, selection: Selection) -> tuple[str, ...]:
    """What `leave_out_special` leaves out of the parts the plan prints for `selection`, one
    notice per item, naming the item and never its data: the marked agreements, statements,
    family's own goals (the family's version) and "how the children are told", and the
    marked help items (counted: the plan does not number them)."""
    if selection.special_categories:
        return ()
    found: list[str] = []
    if _shows(selection, AGREEMENTS):
        found += [
            special_rules.left_out(_("Agreement {n}").format(n=a.position))
            for a in data.plan.agreements
            if special_rules.is_marked(a.special_category)
        ]
    found += left_out_statements(data.plan.statements, selection)
    if _family_goals_shown(selection):
        found += [
            special_rules.left_out(_("Our own goal {n}").format(n=g.position))
            for g in data.plan.family_goals
            if _marked_goal(g)
        ]
    if selection.includes("children") and special_rules.is_marked(
        data.plan.plan.children_told_category
    ):
        found.append(special_rules.left_out(_("How the children are told")))
    helps = sum(special_rules.is_marked(h.special_category) for h in data.help)
    if helps and _shows(selection, "help"):
        found.append(
            ngettext(
                "{n} help item is left out: special category of personal data.",
                "{n} help items are left out: special category of personal data.",
                helps,
            ).format(n=helps)
        )
    return tuple(found)


def statement_warnings(
    statements: Sequence[StatementDTO], selection: Selection
) -> list[special_rules.Unmarked]:
    """The unmarked statements a document prints for `selection` whose words look like a
    special category (the plan's and the map's warnings)."""
    if selection.special_categories or not selection.includes("statements"):
        return []
    labels = statement_labels(statements)
    found = []
    for s in shown_statements(statements, selection):
        category = special_rules.suggest_statement(s)
        if s.id in labels and category and not special_rules.is_marked(s.special_category):
            found.append(special_rules.Unmarked(labels[s.id], category))
    return found


def _shows(selection: Selection, part: str) -> bool:
    """Whether the plan prints `part` ("agreements", "help", "network" or RED_FLAGS) for the
    selection: page 1 lists a recipient's agreements and red flags whichever parts are
    chosen."""
    if part in (AGREEMENTS, RED_FLAGS) and selection.audience.strip():
        return True
    if part == RED_FLAGS:
        return selection.includes("network")
    return selection.includes(part)


#: The agreements part (its code in `export.selection.SECTIONS`).
AGREEMENTS = "agreements"


def special_warnings(data: PlanExport, selection: Selection) -> tuple[str, ...]:
    """What to look at before exporting `data` (the plan as gathered, before the selection):
    each agreement, help item, statement or "how the children are told" the plan would print
    for `selection` whose text has words of a special category (`special_rules.suggest`) but
    that is not marked (the family's own words of statements and agreements count, and in the
    family's version their own goals) — and, as those
    cannot be marked, each role in the safety network and each red flag with such words.
    Nothing when the selection includes special categories. Items are named as the
    minimisation findings name them ("Agreement 3", "Help 2", "Sign 1", "Safety network,
    person 2")."""
    if selection.special_categories:
        return ()
    # What the plan prints, as `minimisation_findings` walks it (and numbers it).
    shown = leave_out_special(_kept_structure(data, selection), selection)
    found: list[special_rules.Unmarked] = []
    if _shows(selection, AGREEMENTS):
        for a in shown.plan.agreements:
            category = special_rules.suggest_agreement(a)
            if category and not special_rules.is_marked(a.special_category):
                label = _("Agreement {n}").format(n=a.position)
                found.append(special_rules.Unmarked(label, category))
    found += statement_warnings(shown.plan.statements, selection)
    if _family_goals_shown(selection):
        for goal in shown.plan.family_goals:
            category = special_rules.suggest_family_goal(goal)
            if category:  # the marked ones are left out
                label = _("Our own goal {n}").format(n=goal.position)
                found.append(special_rules.Unmarked(label, category))
    version = shown.plan.plan
    if selection.includes("children") and not special_rules.is_marked(
        version.children_told_category
    ):
        category = special_rules.suggest([version.children_told])
        if category:
            found.append(special_rules.Unmarked(_("How the children are told"), category))
    if _shows(selection, "help"):
        for n, h in enumerate(shown.help, start=1):
            category = special_rules.suggest_help(h.kind, h)
            if category and not special_rules.is_marked(h.special_category):
                found.append(special_rules.Unmarked(_("Help {n}").format(n=n), category))
    if _shows(selection, "network"):
        for n, role in enumerate(shown.plan.network, start=1):
            category = special_rules.suggest([role.role])
            if category:
                label = _("Safety network, person {n}").format(n=n)
                found.append(special_rules.Unmarked(label, category, markable=False))
    if _shows(selection, RED_FLAGS):
        for flag in shown.plan.red_flags:
            category = special_rules.suggest([flag.sign, flag.action])
            if category:
                label = _("Sign {n}").format(n=flag.position)
                found.append(special_rules.Unmarked(label, category, markable=False))
    return tuple(special_rules.warning(item) for item in found)
