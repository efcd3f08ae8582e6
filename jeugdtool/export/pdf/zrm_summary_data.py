"""What the ZRM summary PDF shows, gathered through the services, and its proposed file name.

Per assessed person: the newest assessment against the one before it (`compare.previous_of`),
the focus domains with their targets (`compare.targets`), the plan items and the help deployed
that serve them, and the method's advice. No reportlab here: a file dialog can propose a name
without loading it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.queries import load_detail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import minimise
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.export.pdf.plan_data import choose_version
from jeugdtool.export.pdf.plan_data import domain_name_in
from jeugdtool.export.pdf.plan_data import shown_statements
from jeugdtool.export.recipient import recipient_members
from jeugdtool.export.selection import Selection
from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plans import list_versions
from jeugdtool.framework.plans import load_plan
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.meetings.names import Person
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.help import list_help
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import compare
from jeugdtool.zrm.assessments import list_assessments
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import family_level_name
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import DomainChange
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.dto import TargetResult
from jeugdtool.zrm.library import matrices_in

#: The kinds of advice the summary repeats (the others belong in the assessment screen).
ADVICE_KINDS = ("focus", "acute")


class NoAssessments(JeugdtoolError):
    """The case has no ZRM assessment (of a person the selection includes)."""


@dataclass(frozen=True)
class DomainLine:
    """One row of the table: a domain's level in the previous and the latest assessment."""

    code: str
    change: DomainChange
    #: The domain in the previous / latest assessment (None: that one lacks the domain).
    previous: DomainScore | None
    latest: DomainScore | None


@dataclass(frozen=True)
class PlanItem:
    """A safety goal, danger statement, bottom line or agreement a focus domain serves."""

    #: "safety_goal", "danger", "bottom_line" or "agreement".
    kind: str
    #: Its number as the plan PDF shows it ("Veiligheidsdoel 2", "Afspraak 4").
    number: int


@dataclass(frozen=True)
class FocusLine:
    code: str
    #: Level in the latest assessment.
    level: int | None
    target_level: int | None
    target_date: dt.date | None
    #: The target as `compare.targets` follows it (None: no target level set).
    result: TargetResult | None
    plan_items: tuple[PlanItem, ...]
    #: False: a focus domain of the previous assessment that is no longer chosen.
    current: bool = True
    #: The kinds of help (running or planned) that serve the domain for this person or the
    #: household ("zrm:<domain>" in what the help serves); never their cost.
    help: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonZrm:
    person: PersonDTO
    latest: AssessmentDTO
    #: The assessment before it with a domain in common (None: the first assessment).
    previous: AssessmentDTO | None
    matrix: Matrix | None
    previous_matrix: Matrix | None
    lines: tuple[DomainLine, ...]
    focus: tuple[FocusLine, ...]
    advice: tuple[compare.Advice, ...]

    def domain_name(self, code: str, language: str) -> str:
        matrices = (m for m in (self.matrix, self.previous_matrix) if m is not None)
        return domain_name_in(code, matrices, language)

    def level_name(self, level: int, language: str, *, previous: bool = False) -> str:
        """The level as families and partners read it (`family_level_name`)."""
        matrix = self.previous_matrix if previous else self.matrix
        return family_level_name(matrix.level(level), language) if matrix is not None else ""


@dataclass(frozen=True)
class ZrmExport:
    case: CaseDetail
    #: In household order; only persons the selection includes.
    persons: tuple[PersonZrm, ...]
    #: The network members the selection keeps (None: all); their names stay in the notes.
    kept_network: frozenset[int] | None = None
    #: The household members party to an agreement of the plan (None: no plan with
    #: agreements, everyone counts as involved); see `zrm_minimiser`.
    involved_persons: frozenset[int] | None = None

    @property
    def newest_on(self) -> dt.date:
        return max(p.latest.assessed_on for p in self.persons)


def _plan_items(plan: PlanDetail | None, selection: Selection) -> dict[str, PlanItem]:
    """Lineage -> plan item, numbered as the plan PDF numbers them; without the statements and
    agreements the plan leaves out as special categories for `selection`."""
    if plan is None:
        return {}
    found: dict[str, PlanItem] = {}
    kinds = (StatementType.SAFETY_GOAL, StatementType.DANGER, StatementType.BOTTOM_LINE)
    for s in shown_statements(plan.statements, selection):
        if s.type in kinds:
            found[s.lineage] = PlanItem(s.type.value, s.position)
    for a in plan.agreements:
        if selection.special_categories or not special_rules.is_marked(a.special_category):
            found[a.lineage] = PlanItem("agreement", a.position)
    return found


def involved_person_ids(plan: PlanDetail | None) -> set[int] | None:
    """Household members named as a party to an agreement; None when there are no agreements
    to be involved in (then every assessed person belongs in the summary)."""
    if plan is None or not plan.agreements:
        return None
    return {
        p.source.person_id
        for a in plan.agreements
        for p in a.parties
        if p.source.kind is SourceKind.PERSON and p.source.person_id is not None
    }


def _focus_lines(
    latest: AssessmentDTO,
    previous: AssessmentDTO | None,
    results: Sequence[TargetResult],
    items: Mapping[str, PlanItem],
) -> tuple[FocusLine, ...]:
    def result_for(score: DomainScore) -> TargetResult | None:
        # The newest target record that matches what the assessment says now.
        matching = [
            r
            for r in results
            if r.domain == score.domain
            and (r.target_level, r.target_date) == (score.target_level, score.target_date)
            and r.set_on <= latest.assessed_on
        ]
        return matching[-1] if matching else None

    def line(score: DomainScore, current: bool) -> FocusLine:
        linked = tuple(items[x] for x in score.plan_links if x in items)
        return FocusLine(
            code=score.domain,
            level=latest.level(score.domain),
            target_level=score.target_level,
            target_date=score.target_date,
            result=result_for(score) if score.target_level is not None else None,
            plan_items=tuple(dict.fromkeys(linked)),
            current=current,
        )

    out = [line(d, True) for d in latest.focus_domains]
    chosen = {d.domain for d in latest.focus_domains}
    if previous is not None:
        out += [line(d, False) for d in previous.focus_domains if d.domain not in chosen]
    return tuple(out)


def _help_for(
    person_id: int, items: Sequence[HelpItemDTO], today: dt.date
) -> dict[str, tuple[str, ...]]:
    """Domain -> the kinds of help not ended by `today` that serve it, for the person or the
    household as a whole, each kind once."""
    found: dict[str, dict[str, None]] = {}
    for item in items:
        if item.person_id not in (person_id, None):
            continue
        if item.ended_by(today):
            continue
        for domain in item.zrm_domains:
            found.setdefault(domain, {})[item.category_label] = None
    return {domain: tuple(kinds) for domain, kinds in found.items()}


def _with_help(
    lines: tuple[FocusLine, ...], help_by_domain: Mapping[str, tuple[str, ...]]
) -> tuple[FocusLine, ...]:
    return tuple(replace(f, help=help_by_domain.get(f.code, ())) if f.current else f for f in lines)


def _person(
    person: PersonDTO,
    mine: Sequence[AssessmentDTO],
    matrices: Mapping[str, Matrix],
    items: Mapping[str, PlanItem],
) -> PersonZrm:
    latest = mine[-1]
    previous = compare.previous_of(latest, mine)
    comparison = compare.compare(previous, latest)
    lines = tuple(
        DomainLine(
            code=c.domain,
            change=c,
            previous=previous.score(c.domain) if previous is not None else None,
            latest=latest.score(c.domain),
        )
        for c in comparison.changes
    )
    matrix = matrices.get(latest.matrix_id)
    return PersonZrm(
        person=person,
        latest=latest,
        previous=previous,
        matrix=matrix,
        previous_matrix=matrices.get(previous.matrix_id) if previous is not None else None,
        lines=lines,
        focus=_focus_lines(latest, previous, compare.targets(mine), items),
        advice=tuple(a for a in compare.advice(latest) if a.kind in ADVICE_KINDS),
    )


def gather_zrm(
    uow: UnitOfWork, case_id: int, selection: Selection, *, today: dt.date | None = None
) -> ZrmExport:
    """Every assessed person the selection includes, with their latest two assessments and
    the help that serves their current focus domains on `today` (default: today).

    Persons who are not a party to any agreement of the plan (the version partners rely on,
    see `plan_data.choose_version`) are left out unless `selection.uninvolved_persons`; their
    names, and what contact details off leaves out, are gone from the notes too
    (`select_zrm`). NoAssessments when nobody is left to show.
    """
    return select_zrm(_gather_zrm(uow, case_id, selection, today=today), selection)


def zrm_findings(
    uow: UnitOfWork, case_id: int, selection: Selection, *, today: dt.date | None = None
) -> tuple[minimise.Finding, ...]:
    """What `select_zrm` takes out of the notes the summary prints for `selection` (the
    export dialog shows it first); NoAssessments as `gather_zrm`."""
    return _findings(_gather_zrm(uow, case_id, selection, today=today), selection)


def _findings(data: ZrmExport, selection: Selection) -> tuple[minimise.Finding, ...]:
    kept = leave_out_special_zrm(data, selection)
    found = minimise.Findings(zrm_minimiser(kept, selection))
    walk_zrm(kept, found, selection.sections)
    return found.result()


def zrm_notices(
    uow: UnitOfWork, case_id: int, selection: Selection, *, today: dt.date | None = None
) -> tuple[str, ...]:
    """Everything the export dialog says before the summary is exported: what the minimiser
    takes out of the notes (`zrm_findings`), then the special categories
    (`zrm_special_notices`); NoAssessments as `gather_zrm`."""
    data = _gather_zrm(uow, case_id, selection, today=today)
    lines = tuple(f.message for f in _findings(data, selection))
    return (*lines, *zrm_special_notices(data, selection))


def _gather_zrm(
    uow: UnitOfWork, case_id: int, selection: Selection, *, today: dt.date | None = None
) -> ZrmExport:
    """`gather_zrm` before the free text is minimised."""
    assessments = list_assessments(uow, case_id)
    if not assessments:
        raise NoAssessments(
            _(
                "This case has no ZRM assessments yet, so there is no ZRM summary to print. "
                "Record an assessment on the ZRM page first."
            )
        )
    chosen = choose_version(list_versions(uow, case_id))
    with uow:  # one read, so the case, the plan and the matrices agree with each other
        case = load_detail(uow, case_id)
        plan = load_plan(uow, chosen.id) if chosen is not None else None
        matrices = matrices_in(uow)
    help_items = [  # help marked as a special category only when the selection includes it
        h
        for h in list_help(uow, case_id)
        if selection.special_categories or not special_rules.is_marked(h.special_category)
    ]
    involved = involved_person_ids(plan)
    items = _plan_items(plan, selection)
    day = today or dt.date.today()
    persons = []
    for person in case.persons:
        mine = [a for a in assessments if a.person_id == person.id]
        if not mine:
            continue
        if involved is not None and not selection.uninvolved_persons and person.id not in involved:
            continue
        found = _person(person, mine, matrices, items)
        help_by_domain = _help_for(person.id, help_items, day)
        persons.append(replace(found, focus=_with_help(found.focus, help_by_domain)))
    if not persons:
        raise NoAssessments(
            _(
                "Only persons who are not involved in the plan's agreements have a ZRM "
                "assessment. Choose 'persons not involved' to include them."
            )
        )
    kept = _kept_network(plan, case, selection)
    parties = frozenset(involved) if involved is not None else None
    return ZrmExport(case, tuple(persons), kept, parties)


def _kept_network(
    plan: PlanDetail | None, case: CaseDetail, selection: Selection
) -> frozenset[int] | None:
    """The network members a selection keeps (None: all of them): with uninvolved persons
    left out and a plan with agreements, those party to one and the recipient's own people
    (the plan's rule, `plan_data.select_plan`)."""
    if selection.uninvolved_persons or plan is None or not plan.agreements:
        return None
    kept = {p.source.network_id for a in plan.agreements for p in a.parties}
    kept |= {n.id for n in recipient_members(selection.audience, case.network)}
    return frozenset(i for i in kept if i is not None)


def zrm_minimiser(data: ZrmExport, selection: Selection) -> minimise.Minimiser:
    """Contact details when the selection leaves them out; with uninvolved persons left out,
    the names of the household members party to no agreement (and not in the summary) and of
    the network members the selection does not keep."""
    shown = {p.person.id for p in data.persons}
    hidden: list[Person] = []
    kept = [p.person.full_name for p in data.persons]
    parties = data.involved_persons
    if not selection.uninvolved_persons:
        hidden += [
            Person(p.full_name)
            for p in data.case.persons
            if p.id not in shown and parties is not None and p.id not in parties
        ]
        network = data.kept_network
        hidden += [
            Person(n.name, n.relation)
            for n in data.case.network
            if network is not None and n.id not in network
        ]
        kept += [n.name for n in data.case.network if network is None or n.id in network]
    return minimise.minimiser(contacts=not selection.contact_details, hidden=hidden, kept=kept)


def walk_zrm(
    data: ZrmExport, rewrite: minimise.Rewrite, sections: frozenset[str] | None = None
) -> ZrmExport:
    """`data` with the notes the summary prints passed through `rewrite(item, field, text)`
    (the item is the person's first name, the field the domain's code or "Notitie");
    `sections`: only when "notes" is among them (None: always)."""
    if sections is not None and "notes" not in sections:
        return data
    persons = []
    for p in data.persons:
        item = p.person.first_name or p.person.full_name
        latest = p.latest
        domains = tuple(
            replace(d, note=rewrite(item, _domain_label(p, d.domain), d.note))
            for d in latest.domains
        )
        latest = replace(
            latest, note=rewrite(item, _("Note on the assessment"), latest.note), domains=domains
        )
        lines = tuple(
            replace(
                line,
                latest=_walk_score(item, p, line.latest, rewrite),
                previous=_walk_score(item, p, line.previous, rewrite),
            )
            for line in p.lines
        )
        persons.append(replace(p, latest=latest, lines=lines))
    return replace(data, persons=tuple(persons))


def _walk_score(
    item: str, person: PersonZrm, score: DomainScore | None, rewrite: minimise.Rewrite
) -> DomainScore | None:
    """A domain's score in the table's lines, its note passed through `rewrite`."""
    if score is None:
        return None
    return replace(score, note=rewrite(item, _domain_label(person, score.domain), score.note))


def _domain_label(person: PersonZrm, code: str) -> str:
    return _("Note on {domain}").format(domain=person.domain_name(code, current_language()))


def select_zrm(data: ZrmExport, selection: Selection) -> ZrmExport:
    """The summary's notes without what the selection leaves out: the notes marked as special
    categories (`leave_out_special_zrm`), then `zrm_minimiser`."""
    kept = leave_out_special_zrm(data, selection)
    return walk_zrm(kept, minimise.rewriter(zrm_minimiser(kept, selection)))


def _unmarked_note(score: DomainScore | None) -> DomainScore | None:
    if score is None or not special_rules.is_marked(score.special_category):
        return score
    return replace(score, note="")


def leave_out_special_zrm(data: ZrmExport, selection: Selection) -> ZrmExport:
    """The summary without the notes (an assessment's, a domain's) marked as special
    categories of personal data, unless the selection includes them: a marked note is
    printed as if there were none."""
    if selection.special_categories:
        return data
    persons = []
    for p in data.persons:
        latest = p.latest
        if special_rules.is_marked(latest.special_category):
            latest = replace(latest, note="")
        latest = replace(latest, domains=tuple(_unmarked_note(d) for d in latest.domains))
        lines = tuple(
            replace(
                line, latest=_unmarked_note(line.latest), previous=_unmarked_note(line.previous)
            )
            for line in p.lines
        )
        persons.append(replace(p, latest=latest, lines=lines))
    return replace(data, persons=tuple(persons))


def _notes_of(p: PersonZrm) -> list[tuple[str, str, str]]:
    """(the notice's name of the note, its text, its mark) for each note the summary prints
    of one person: the assessment's, then each domain's in the table's order."""
    item = p.person.first_name or p.person.full_name
    notes = [(f"{item}, " + _("Note on the assessment"), p.latest.note, p.latest.special_category)]
    for line in p.lines:
        if line.latest is not None:
            label = f"{item}, " + _domain_label(p, line.code)
            notes.append((label, line.latest.note, line.latest.special_category))
    return [n for n in notes if n[1].strip()]


def zrm_special_notices(data: ZrmExport, selection: Selection) -> tuple[str, ...]:
    """Before the export (the summary as gathered, `_gather_zrm`): each marked note the
    summary leaves out for `selection`, then each unmarked note it prints whose words look
    like a special category — naming the person and the note, never its text."""
    if selection.special_categories or not selection.includes("notes"):
        return ()
    left: list[str] = []
    unmarked: list[special_rules.Unmarked] = []
    for p in data.persons:
        for label, text, category in _notes_of(p):
            if special_rules.is_marked(category):
                left.append(special_rules.left_out(label))
            elif suggested := special_rules.suggest([text]):
                unmarked.append(special_rules.Unmarked(label, suggested))
    return (*left, *(special_rules.warning(item) for item in unmarked))


def zrm_file_name(case_number: str, newest: dt.date) -> str:
    """`zrm-2026-0012-2026-11-02.pdf` (the date of the newest assessment shown); only
    characters that are safe in a file name on every system."""
    safe = safe_case_number(case_number)
    return f"zrm-{safe}-{newest.isoformat()}.pdf"
