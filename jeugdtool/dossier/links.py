"""What a journal entry can be about: the choices the entry dialog offers, and the check that a
link given names something of this case.

Keys (dossier/models.JournalLink): a map item's, statement's or agreement's lineage (the same
across moments and plan versions), a scale score's or help item's id, "<person id>:<domain>"
for a ZRM domain and "<record id>:<step>" for a meldcode step. A label is kept with the link,
as the target was called then: the map and the plan change, the journal does not.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from itertools import groupby

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import MeldcodeStep
from jeugdtool.errors import InvalidInput
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum
from jeugdtool.i18n import _
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.products import category_label
from jeugdtool.outcomes.products import lists_in
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import newest_first
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

#: The headings of the statements' groups, in the order the map shows them.
_STATEMENT_GROUPS = {
    StatementType.HARM.value: N_("Harm statements"),
    StatementType.DANGER.value: N_("Danger statements"),
    StatementType.SAFETY_GOAL.value: N_("Safety goals"),
    StatementType.BOTTOM_LINE.value: N_("Bottom lines"),
}
#: The heading of a statement of a kind the program does not know (a newer file's).
_OTHER_STATEMENTS = N_("Statements")


def zrm_key(person_id: int, domain: str) -> str:
    """A link's key for a ZRM domain of a person (vocab.LinkKind.ZRM_DOMAIN)."""
    return f"{person_id}:{domain}"


def step_key(record_id: int, step: int) -> str:
    """A link's key for a meldcode step (vocab.LinkKind.MELDCODE_STEP)."""
    return f"{record_id}:{step}"


def zrm_label(domain: str, person: str) -> str:
    """How a link to a person's ZRM domain is labelled: "ZRM Financiën (Sanne Jansen)"."""
    return _("ZRM {domain} ({person})").format(domain=domain, person=person)


def in_map_order(items: Iterable[MapItem]) -> list[MapItem]:
    """Map items cell by cell in the method's order, then as placed in their cell."""
    order = {cell.value: n for n, cell in enumerate(Cell)}
    return sorted(items, key=lambda r: (order.get(r.cell, len(order)), r.position, r.id))


def _label(enum: type[LabelledEnum], value: str) -> str:
    """`value`'s label in `enum`; a value of a newer jeugdtool as it is stored."""
    try:
        return enum(value).label
    except ValueError:
        return value


def _map_choices(uow: UnitOfWork, moment_id: int) -> list[LinkChoice]:
    """The items of the newest moment, cell by cell in the method's order."""
    items = in_map_order(uow.session.scalars(select(MapItem).where(MapItem.moment_id == moment_id)))
    heading = _("Map: {cell}")
    return [
        LinkChoice(
            LinkKind.MAP_ITEM.value,
            row.lineage,
            row.text,
            heading.format(cell=_label(Cell, row.cell)),
        )
        for row in items
    ]


def _statement_text(row: Statement) -> str:
    return row.text or row.behaviour or row.carers_will or _("(statement without text)")


def _statement_choices(uow: UnitOfWork, moment_id: int) -> list[LinkChoice]:
    order = {kind: n for n, kind in enumerate(_STATEMENT_GROUPS)}
    rows = uow.session.scalars(select(Statement).where(Statement.moment_id == moment_id))
    found = sorted(rows, key=lambda r: (order.get(r.type, len(order)), r.position, r.id))
    return [
        LinkChoice(
            LinkKind.STATEMENT.value,
            row.lineage,
            _statement_text(row),
            _(_STATEMENT_GROUPS.get(row.type, _OTHER_STATEMENTS)),
        )
        for row in found
    ]


def _agreement_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """The agreements of the current plan: its newest version (the draft, if there is one)."""
    newest = uow.session.scalar(
        select(PlanVersion.id)
        .where(PlanVersion.household_id == case_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    if newest is None:
        return []
    rows = in_order(uow, Agreement, Agreement.plan_version_id == newest)
    group = _("Agreements")
    return [LinkChoice(LinkKind.AGREEMENT.value, r.lineage, r.what, group) for r in rows]


def _scale_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """Every scale score of the case, newest first."""
    rows = newest_first(uow.session, ScaleScore.household_id, case_id, ScaleScore.scored_on)
    label = _("Scale score {score} by {who} ({role}), {date}")
    group = _("Scale scores")
    return [
        LinkChoice(
            LinkKind.SCALE_SCORE.value,
            str(row.id),
            label.format(
                score=row.score,
                who=row.source_label,
                role=_label(RaterRole, row.role),
                date=v.format_date_nl(row.scored_on),
            ),
            group,
        )
        for row in rows
    ]


def members_of(uow: UnitOfWork, case_id: int) -> list[Person]:
    """The household's members in its order."""
    return in_order(uow, Person, Person.household_id == case_id)


def newest_assessments(uow: UnitOfWork, members: Sequence[Person]) -> list[ZrmAssessment]:
    """Each member's newest ZRM assessment (any matrix; by date, then the later recorded), in
    the order of `members` (the household's, from `members_of`)."""
    if not members:
        return []
    newest: dict[int, ZrmAssessment] = {}
    query = (
        select(ZrmAssessment)
        .where(ZrmAssessment.person_id.in_([p.id for p in members]))
        .order_by(ZrmAssessment.assessed_on, ZrmAssessment.id)
    )
    for assessment in uow.session.scalars(query):
        newest[assessment.person_id] = assessment
    return [newest[p.id] for p in members if p.id in newest]


def _zrm_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """The domains of each assessed person's newest assessment, a group per person."""
    members = members_of(uow, case_id)
    assessments = newest_assessments(uow, members)
    if not assessments:
        return []
    names = {p.id: person_label(p) for p in members}
    matrices = tuple(matrices_in(uow).values())
    scores = in_order(
        uow, ZrmDomainScore, ZrmDomainScore.assessment_id.in_([a.id for a in assessments])
    )
    by_assessment: dict[int, list[ZrmDomainScore]] = {}
    for score in scores:
        by_assessment.setdefault(score.assessment_id, []).append(score)
    heading = _("ZRM {person}")
    choices = []
    for assessment in assessments:
        person = names.get(assessment.person_id, "")
        for score in by_assessment.get(assessment.id, []):
            choices.append(
                LinkChoice(
                    LinkKind.ZRM_DOMAIN.value,
                    zrm_key(assessment.person_id, score.domain),
                    zrm_label(domain_name(score.domain, matrices), person),
                    heading.format(person=person),
                )
            )
    return choices


def _meldcode_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """The five steps of each open meldcode record (normally one)."""
    records = uow.session.scalars(
        select(MeldcodeRecord)
        .where(
            MeldcodeRecord.household_id == case_id,
            MeldcodeRecord.status == MeldcodeStatus.OPEN.value,
        )
        .order_by(MeldcodeRecord.number)
    )
    label, heading = _("Meldcode {number}, step {step}: {title}"), _("Meldcode {number}")
    return [
        LinkChoice(
            LinkKind.MELDCODE_STEP.value,
            step_key(record.id, step.number),
            label.format(number=record.number, step=step.number, title=step.label),
            heading.format(number=record.number),
        )
        for record in records
        for step in MeldcodeStep
    ]


def _help_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    rows = in_order(uow, HelpItem, HelpItem.household_id == case_id)
    if not rows:
        return []
    lists = lists_in(uow)
    label, group = _("{kind} for {whom}"), _("Help")
    return [
        LinkChoice(
            LinkKind.HELP_ITEM.value,
            str(row.id),
            label.format(
                kind=category_label(lists, row.product_list, row.category),
                whom=row.for_label or _("Household"),
            ),
            group,
        )
        for row in rows
    ]


def choices_in(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """Inside an open unit of work: `link_choices`."""
    get(uow, Household, case_id)
    moment_id = latest_moment_id(uow, case_id)
    moment: list[LinkChoice] = []
    if moment_id is not None:
        moment = _map_choices(uow, moment_id) + _statement_choices(uow, moment_id)
    return (
        moment
        + _agreement_choices(uow, case_id)
        + _scale_choices(uow, case_id)
        + _zrm_choices(uow, case_id)
        + _meldcode_choices(uow, case_id)
        + _help_choices(uow, case_id)
    )


def link_choices(uow: UnitOfWork, case_id: int) -> list[LinkChoice]:
    """What an entry of the case can be about, grouped (`LinkChoice.group`; the groups follow
    each other): the newest mapping moment's items (per cell) and statements (per kind), the
    current plan's agreements, the scale scores (newest first), the ZRM domains of each
    assessed person's newest assessment, the steps of open meldcode records and the help."""
    with uow:
        return choices_in(uow, case_id)


def grouped(choices: Sequence[LinkChoice]) -> list[tuple[str, list[LinkChoice]]]:
    """The choices as (group, its choices), groups in the order they come."""
    return [(group, list(rows)) for group, rows in groupby(choices, key=lambda c: c.group)]


# ---- checking links -------------------------------------------------------------------------


def _id(key: str) -> int | None:
    return int(key) if key.isdigit() else None


def _pair(key: str) -> tuple[int | None, str]:
    first, _sep, rest = key.partition(":")
    return _id(first), rest


def _lineage_in(model: type, uow: UnitOfWork, case_id: int, key: str) -> bool:
    query = select(model.id).where(model.household_id == case_id, model.lineage == key)  # type: ignore[attr-defined]
    return uow.session.scalar(query.limit(1)) is not None


def _row_in(model: type, uow: UnitOfWork, case_id: int, key: str) -> bool:
    row_id = _id(key)
    row = uow.session.get(model, row_id) if row_id is not None else None
    return row is not None and row.household_id == case_id


def _zrm_in(uow: UnitOfWork, case_id: int, key: str) -> bool:
    person_id, domain = _pair(key)
    return bool(domain) and _row_in(Person, uow, case_id, str(person_id or ""))


def _step_in(uow: UnitOfWork, case_id: int, key: str) -> bool:
    """A step of an open record of the case: a closed record never changes, so no new entry
    joins its steps (an entry that already named one keeps it, see `check_links`)."""
    record_id, step = _pair(key)
    record = uow.session.get(MeldcodeRecord, record_id) if record_id is not None else None
    return (
        step in {str(s.number) for s in MeldcodeStep}
        and record is not None
        and record.household_id == case_id
        and record.status == MeldcodeStatus.OPEN
    )


_EXISTS: dict[str, Callable[[UnitOfWork, int, str], bool]] = {
    LinkKind.MAP_ITEM.value: lambda u, c, k: _lineage_in(MapItem, u, c, k),
    LinkKind.STATEMENT.value: lambda u, c, k: _lineage_in(Statement, u, c, k),
    LinkKind.AGREEMENT.value: lambda u, c, k: _lineage_in(Agreement, u, c, k),
    LinkKind.SCALE_SCORE.value: lambda u, c, k: _row_in(ScaleScore, u, c, k),
    LinkKind.HELP_ITEM.value: lambda u, c, k: _row_in(HelpItem, u, c, k),
    LinkKind.ZRM_DOMAIN.value: _zrm_in,
    LinkKind.MELDCODE_STEP.value: _step_in,
}


def check_links(
    uow: UnitOfWork,
    case_id: int,
    links: Iterable[JournalLinkDTO],
    *,
    known: Iterable[tuple[str, str]] = (),
) -> None:
    """Inside an open unit of work: each link (cleaned by journal_rules) names something of
    this case, in any moment or plan version; InvalidInput (field "links") names the first
    that does not. Links in `known` ((kind, key) pairs an entry already had) are not checked
    again: what they named may be gone, and the entry still says what it was about."""
    skip = set(known)
    for link in links:
        if (link.kind, link.key) in skip:
            continue
        if not _EXISTS[link.kind](uow, case_id, link.key):
            # The kind, not the label: a label quotes the family's map (personal data).
            message = _(
                "Something the entry is about ({kind}) is not part of this case (any more); "
                "remove it from what the entry is about, or pick it again from the list."
            )
            kind = LinkKind(link.kind).label
            raise InvalidInput.at("links", message.format(kind=kind))
