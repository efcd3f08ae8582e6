"""Comparisons of assessments: change per domain, domains improved or worsened, targets reached,
a person's progress over time and the household's latest picture. Pure functions of DTOs, so
the screens, the exports and later outcome indicators compute them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jeugdtool.i18n import _
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import FOCUS_ADVICE
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import Comparison
from jeugdtool.zrm.dto import DomainChange
from jeugdtool.zrm.dto import TargetResult


def _ordered(assessments: Iterable[AssessmentDTO]) -> list[AssessmentDTO]:
    return sorted(assessments, key=lambda a: (a.assessed_on, a.id))


def compare(earlier: AssessmentDTO | None, later: AssessmentDTO) -> Comparison:
    """Per domain of `later` (then domains only `earlier` had), the level before and after."""
    codes = [d.domain for d in later.domains]
    if earlier is not None:
        codes += [d.domain for d in earlier.domains if d.domain not in codes]
    return Comparison(
        earlier_id=earlier.id if earlier is not None else None,
        later_id=later.id,
        changes=tuple(
            DomainChange(
                domain=code,
                before=earlier.level(code) if earlier is not None else None,
                after=later.level(code),
            )
            for code in codes
        ),
    )


def previous_of(
    target: AssessmentDTO, assessments: Iterable[AssessmentDTO]
) -> AssessmentDTO | None:
    """The same person's assessment just before `target` that shares a domain with it."""
    codes = {d.domain for d in target.domains}
    before = [
        a
        for a in _ordered(assessments)
        if a.person_id == target.person_id
        and (a.assessed_on, a.id) < (target.assessed_on, target.id)
        and codes & {d.domain for d in a.domains}
    ]
    return before[-1] if before else None


def targets(assessments: Iterable[AssessmentDTO]) -> tuple[TargetResult, ...]:
    """Every target level set on a focus domain, once (a target carried forward unchanged is
    the same target), and whether a later assessment of the person reached it (level at or
    above the target)."""
    ordered = _ordered(assessments)
    records: list[dict[str, Any]] = []
    for person_id in dict.fromkeys(a.person_id for a in ordered):
        open_targets: dict[str, dict[str, Any]] = {}
        for a in (x for x in ordered if x.person_id == person_id):
            for d in a.domains:
                record = open_targets.get(d.domain)
                if record is not None and d.level is not None:
                    record["latest_level"] = d.level
                    if record["reached_on"] is None and d.level >= record["target_level"]:
                        record["reached_on"] = a.assessed_on
                if not d.focus or d.target_level is None:
                    continue
                if record is None or (record["target_level"], record["target_date"]) != (
                    d.target_level,
                    d.target_date,
                ):
                    record = {
                        "assessment_id": a.id,
                        "domain": d.domain,
                        "set_on": a.assessed_on,
                        "level": d.level,
                        "target_level": d.target_level,
                        "target_date": d.target_date,
                        "reached_on": None,
                        "latest_level": None,
                    }
                    open_targets[d.domain] = record
                    records.append(record)
    return tuple(TargetResult(**r) for r in records)


# ---- a person's progress ------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressCell:
    level: int | None
    #: Against the person's previous assessment that had this domain.
    change: DomainChange | None
    focus: bool = False
    target_level: int | None = None


@dataclass(frozen=True)
class Progress:
    """One person's assessments side by side: domains × dates."""

    person_id: int
    assessments: tuple[AssessmentDTO, ...]
    #: Domain codes: the newest assessment's matrix order, then codes only older ones had.
    domains: tuple[str, ...]
    #: cells[domain][i] belongs to assessments[i] (None: that assessment lacks the domain).
    cells: dict[str, tuple[ProgressCell | None, ...]]

    @property
    def latest(self) -> AssessmentDTO | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def previous(self) -> AssessmentDTO | None:
        return self.assessments[-2] if len(self.assessments) > 1 else None

    def first_to_latest(self) -> Comparison | None:
        if len(self.assessments) < 2:
            return None
        return compare(self.assessments[0], self.assessments[-1])


def progress(person_id: int, assessments: Iterable[AssessmentDTO]) -> Progress:
    mine = [a for a in _ordered(assessments) if a.person_id == person_id]
    codes: list[str] = []
    for a in reversed(mine):
        codes += [d.domain for d in a.domains if d.domain not in codes]
    cells: dict[str, tuple[ProgressCell | None, ...]] = {}
    for code in codes:
        row: list[ProgressCell | None] = []
        last_level: int | None = None
        seen = False
        for a in mine:
            score = a.score(code)
            if score is None:
                row.append(None)
                continue
            change = DomainChange(code, last_level, score.level) if seen else None
            row.append(ProgressCell(score.level, change, score.focus, score.target_level))
            seen = True
            last_level = score.level
        cells[code] = tuple(row)
    return Progress(person_id, tuple(mine), tuple(codes), cells)


# ---- the household's picture --------------------------------------------------------------


@dataclass(frozen=True)
class HeatRow:
    person_id: int
    person_name: str
    #: The person's newest assessment (None: not assessed yet).
    latest: AssessmentDTO | None


def latest_per_person(
    persons: Sequence[tuple[int, str]], assessments: Iterable[AssessmentDTO]
) -> tuple[HeatRow, ...]:
    """Per person (in the order given), their newest assessment."""
    newest: dict[int, AssessmentDTO] = {}
    for a in _ordered(assessments):
        newest[a.person_id] = a
    return tuple(HeatRow(pid, name, newest.get(pid)) for pid, name in persons)


def heat_domains(rows: Iterable[HeatRow], matrices: Sequence[Matrix]) -> tuple[str, ...]:
    """The domain columns of the heat map: matrix order of the matrices in use."""
    used = {d.domain for r in rows if r.latest for d in r.latest.domains}
    out: list[str] = []
    for matrix in matrices:
        out += [c for c in matrix.codes if c in used and c not in out]
    out += sorted(used - set(out))
    return tuple(out)


# ---- what the method says about an assessment ---------------------------------------------


@dataclass(frozen=True)
class Advice:
    #: "focus", "acute", "limitation_focus", "focus_without_target"
    kind: str
    message: str
    domains: tuple[str, ...] = ()


def advice(assessment: AssessmentDTO, names: dict[str, str] | None = None) -> tuple[Advice, ...]:
    """The method's warnings: more than three focus domains, acute domains, a limitation
    chosen as a target for change, a focus domain without a target."""
    names = names or {}

    def listed(codes: Sequence[str]) -> str:
        return ", ".join(names.get(c, c) for c in codes)

    out: list[Advice] = []
    focus = [d.domain for d in assessment.focus_domains]
    if len(focus) > FOCUS_ADVICE:
        out.append(
            Advice(
                "focus",
                _(
                    "{n} focus domains. The method advises depth over breadth: choose a few "
                    "domains (at most {max}) and work on them thoroughly."
                ).format(n=len(focus), max=FOCUS_ADVICE),
                tuple(focus),
            )
        )
    acute = [d.domain for d in assessment.acute_domains]
    if acute:
        out.append(
            Advice(
                "acute",
                _(
                    "Acute problems in: {domains}. Consider these as an immediate need "
                    "(what must happen right away)."
                ).format(domains=listed(acute)),
                tuple(acute),
            )
        )
    limited = [d.domain for d in assessment.domains if d.limitation and d.focus]
    if limited:
        out.append(
            Advice(
                "limitation_focus",
                _(
                    "{domains}: marked as a limitation and chosen as focus. A limitation has no "
                    "solution and is not a target for change; work on dealing with its "
                    "consequences instead."
                ).format(domains=listed(limited)),
                tuple(limited),
            )
        )
    no_target = [d.domain for d in assessment.focus_domains if d.target_level is None]
    if no_target:
        out.append(
            Advice(
                "focus_without_target",
                _("Focus domain without a target level: {domains}.").format(
                    domains=listed(no_target)
                ),
                tuple(no_target),
            )
        )
    return tuple(out)
