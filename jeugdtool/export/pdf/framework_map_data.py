"""What the framework map PDF shows, gathered through the services, and its proposed file name.

No reportlab here: a file dialog can propose a name without loading the PDF machinery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import load_detail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import minimise
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.export.pdf.plan_data import choose_version
from jeugdtool.export.pdf.plan_data import left_out_statements
from jeugdtool.export.pdf.plan_data import shown_statements
from jeugdtool.export.pdf.plan_data import statement_warnings
from jeugdtool.export.pdf.plan_data import walk_statements
from jeugdtool.export.recipient import recipient_members
from jeugdtool.export.selection import Selection
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import special_rules
from jeugdtool.framework import statements
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.plans import list_versions
from jeugdtool.framework.plans import load_plan
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import rater_relation
from jeugdtool.framework.relations import renamed
from jeugdtool.framework.relations import source_relation
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import _
from jeugdtool.meetings.names import Person
from jeugdtool.store.uow import UnitOfWork


class NoMoment(JeugdtoolError):
    """The case has no mapping moment, or not the one asked for."""


@dataclass(frozen=True)
class MapExport:
    """One mapping moment with its statements and the scale as it stood then."""

    case: CaseDetail
    moment: MomentDetail
    #: The case's newest moment (None only when it is `moment` itself).
    newest: MomentSummary | None
    statements: tuple[StatementDTO, ...]
    scale: ScaleDefinition
    #: Scores on the case as a whole per rater: all of them for the newest moment; for an
    #: earlier one, those given on or before its date (the state of that day).
    history: ScoreHistory
    #: The case manager's newest score within `history` (the formal judgement then).
    formal: ScoreDTO | None
    #: Each rater of `history` as the chart and the scores name them: "Ria Jansen (oma)"
    #: (`relations.named`); a rater not in it keeps the name the scale gives.
    rater_names: Mapping[Rater, str] = field(default_factory=dict)
    #: The network members party to an agreement of the plan partners rely on
    #: (`plan_data.choose_version`); None: no plan with agreements (then nobody is left out).
    parties: frozenset[int] | None = None

    def rater_name(self, rater: Rater) -> str:
        return self.rater_names.get(rater, rater.name)

    @property
    def is_past(self) -> bool:
        return self.newest is not None


def choose_moment(
    found: Sequence[MomentSummary], moment_id: int | None = None
) -> MomentSummary | None:
    """The moment `moment_id`; without one, the newest."""
    if moment_id is not None:
        return next((m for m in found if m.id == moment_id), None)
    return found[-1] if found else None


def _until(history: ScoreHistory, last_day: dt.date | None) -> ScoreHistory:
    if last_day is None:
        return history
    series = []
    for s in history.series:
        points = tuple(p for p in s.points if p.scored_on <= last_day)
        if points:
            series.append(RaterSeries(s.rater, points, s.formal))
    return ScoreHistory(history.household_id, history.about, tuple(series))


def _formal(scores: Sequence[ScoreDTO], last_day: dt.date | None) -> ScoreDTO | None:
    managers = [
        s
        for s in scores
        if s.role is RaterRole.CASE_MANAGER and (last_day is None or s.scored_on <= last_day)
    ]
    return managers[-1] if managers else None  # oldest first, as entered


def _named_present(detail: MomentDetail, case: CaseDetail) -> MomentDetail:
    """The moment with those present who are household or network members named by the rule
    every document follows (`relations.renamed`), the others as written."""
    summary = detail.moment
    present = tuple(renamed(label, case) for label in summary.present)
    return replace(detail, moment=replace(summary, present=present))


def _rater_names(scores: Sequence[ScoreDTO], case: CaseDetail) -> dict[Rater, str]:
    """Each rater's name with who they are to the case (`relations.source_relation`), their
    role as a rater when they are no household or network member."""
    out: dict[Rater, str] = {}
    for score in scores:
        rater = score.rater
        if rater not in out:
            who = source_relation(score.source, case, rater_relation(score.role))
            out[rater] = named(rater.label, who)
    return out


def gather_map(uow: UnitOfWork, case_id: int, moment_id: int | None = None) -> MapExport:
    """The mapping moment to print (default: the newest); NoMoment says what is missing."""
    found = moments.list_moments(uow, case_id)
    chosen = choose_moment(found, moment_id)
    if chosen is None:
        if not found:
            raise NoMoment(_("This case has no mapping moment yet, so there is no map to print."))
        raise NoMoment(
            _("The case has no mapping moment {id}; it has {ids}.").format(
                id=moment_id, ids=", ".join(str(m.id) for m in found)
            )
        )
    newest = found[-1] if found[-1].id != chosen.id else None
    last_day = chosen.held_on if newest is not None else None
    with uow:  # one read, so the case, the map and the scores agree with each other
        case = load_detail(uow, case_id)
        detail = moments.load_moment(uow, chosen.id)
        said = statements.load_statements(uow, chosen.id)
    scores = scale.list_scores(uow, case_id, about=None)
    return MapExport(
        case=case,
        moment=_named_present(detail, case),
        newest=newest,
        statements=said,
        scale=scale.get_scale(uow, case_id),
        history=_until(scale.score_history(uow, case_id), last_day),
        formal=_formal(scores, last_day),
        rater_names=_rater_names(scores, case),
        parties=_parties(uow, case_id),
    )


def _parties(uow: UnitOfWork, case_id: int) -> frozenset[int] | None:
    """The network members party to an agreement of the plan version partners rely on."""
    chosen = choose_version(list_versions(uow, case_id))
    if chosen is None:
        return None
    with uow:
        plan = load_plan(uow, chosen.id)
    if not plan.agreements:
        return None
    ids = {p.source.network_id for a in plan.agreements for p in a.parties}
    return frozenset(i for i in ids if i is not None)


def map_file_name(case_number: str, held_on: dt.date) -> str:
    """`framework-2026-0012-2026-05-12.pdf` (the moment's date); safe on every system."""
    safe = safe_case_number(case_number)
    return f"framework-{safe}-{held_on:%Y-%m-%d}.pdf"


# ---- the selection: what the map leaves out of its free text


def map_minimiser(data: MapExport, selection: Selection) -> minimise.Minimiser:
    """Contact details when the selection leaves them out; with uninvolved persons left out,
    the names of the network members party to no agreement of the plan (except the
    recipient's own people, `recipient_members`). The household stays named."""
    hidden: list[Person] = []
    kept = [p.full_name for p in data.case.persons]
    network = data.case.network
    if not selection.uninvolved_persons and data.parties is not None:
        ids = data.parties | {n.id for n in recipient_members(selection.audience, network)}
        hidden = [Person(n.name, n.relation) for n in network if n.id not in ids]
        kept += [n.name for n in network if n.id in ids]
    return minimise.minimiser(contacts=not selection.contact_details, hidden=hidden, kept=kept)


def walk_map(
    data: MapExport, rewrite: minimise.Rewrite, sections: frozenset[str] | None = None
) -> MapExport:
    """`data` with every free text the map prints passed through `rewrite(item, field,
    text)`: the items and who said them, who was present, the statements, the scores' reasons
    and the raters' names. `sections`: only the fields of those parts (None: all)."""

    def part(code: str) -> bool:
        return sections is None or code in sections

    moment = data.moment
    summary = moment.moment
    mapping = _("Mapping")
    present = tuple(rewrite(mapping, _("Present"), name) for name in summary.present)
    moment = replace(moment, moment=replace(summary, present=present))
    if part("map"):
        cells = {}
        n = 0
        for cell, items in moment.cells.items():
            walked = []
            for item in items:
                n += 1
                label = _("Map item {n}").format(n=n)
                source = replace(item.source, label=rewrite(label, _("Said by"), item.source.label))
                text = rewrite(label, _("Text"), item.text)
                walked.append(replace(item, text=text, source=source))
            cells[cell] = tuple(walked)
        moment = replace(moment, cells=cells)
    said = data.statements
    if part("statements"):
        said = walk_statements(said, rewrite)
    history, names = data.history, data.rater_names
    if part("scale"):
        series = []
        n = 0
        for s in history.series:
            points = []
            for point in s.points:
                n += 1
                label = _("Scale score {n}").format(n=n)
                points.append(
                    replace(
                        point,
                        reason=rewrite(label, _("Why this score"), point.reason),
                        one_higher=rewrite(label, _("One point higher"), point.one_higher),
                    )
                )
            series.append(replace(s, points=tuple(points)))
        history = replace(history, series=tuple(series))
        names = {rater: rewrite(_("Scale"), _("Who scored"), name) for rater, name in names.items()}
    return replace(data, moment=moment, statements=said, history=history, rater_names=names)


def leave_out_special_map(data: MapExport, selection: Selection) -> MapExport:
    """The map without the statements marked as special categories of personal data, unless
    the selection includes them (the plan's rule, `plan_data.shown_statements`)."""
    return replace(data, statements=shown_statements(data.statements, selection))


def select_map(data: MapExport, selection: Selection) -> MapExport:
    """The map as `selection` lets it be printed: the marked statements left out
    (`leave_out_special_map`), then `map_minimiser` over `walk_map`."""
    kept = leave_out_special_map(data, selection)
    return walk_map(kept, minimise.rewriter(map_minimiser(kept, selection)))


def map_findings(data: MapExport, selection: Selection) -> tuple[minimise.Finding, ...]:
    """What `select_map` takes out of the parts `selection` prints (the dialog says it)."""
    kept = leave_out_special_map(data, selection)
    found = minimise.Findings(map_minimiser(kept, selection))
    walk_map(kept, found, selection.sections)
    return found.result()


def map_special_notices(data: MapExport, selection: Selection) -> tuple[str, ...]:
    """The marked statements the map leaves out for `selection`, then the unmarked statements
    it prints whose words look like a special category (the plan's rules)."""
    left = left_out_statements(data.statements, selection)
    unmarked = statement_warnings(data.statements, selection)
    return (*left, *(special_rules.warning(item) for item in unmarked))
