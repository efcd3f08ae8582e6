"""What the framework map PDF shows, gathered through the services, and its proposed file name.

No reportlab here: a file dialog can propose a name without loading the PDF machinery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.queries import load_detail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.pdf.file_names import safe_case_number
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import _
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
        moment=detail,
        newest=newest,
        statements=said,
        scale=scale.get_scale(uow, case_id),
        history=_until(scale.score_history(uow, case_id), last_day),
        formal=_formal(scores, last_day),
    )


def map_file_name(case_number: str, held_on: dt.date) -> str:
    """`framework-2026-0012-2026-05-12.pdf` (the moment's date); safe on every system."""
    safe = safe_case_number(case_number)
    return f"framework-{safe}-{held_on:%Y-%m-%d}.pdf"
