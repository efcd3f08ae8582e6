"""The ZRM focus domains linked to the plan's safety goals and agreements, as the plan shows them:
"ZRM: Financiën (Sandra Jansen, 2 → target 3)".

Only each person's newest assessment counts (what they work on now); a domain is linked by the
lineage of the goal or agreement, so a link holds across plan versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm.compare import latest_per_person
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import AssessmentDTO


@dataclass(frozen=True)
class ZrmLink:
    person: str
    domain: str
    level: int | None
    target: int | None

    def __str__(self) -> str:
        level = str(self.level) if self.level is not None else "–"
        if self.target is None:
            return _("{domain} ({person}, {level})").format(
                domain=self.domain, person=self.person, level=level
            )
        if self.level is not None and self.level >= self.target:
            return _("{domain} ({person}, {level}: target {target} reached)").format(
                domain=self.domain, person=self.person, level=level, target=self.target
            )
        return _("{domain} ({person}, {level} → target {target})").format(
            domain=self.domain, person=self.person, level=level, target=self.target
        )


def links_by_lineage(
    assessments: Sequence[AssessmentDTO], matrices: Sequence[Matrix]
) -> dict[str, tuple[ZrmLink, ...]]:
    """Lineage of a safety goal or agreement -> the focus domains linked to it."""
    persons = list(dict.fromkeys((a.person_id, a.person_name) for a in assessments))
    found: dict[str, list[ZrmLink]] = {}
    for row in latest_per_person(persons, assessments):
        for score in row.latest.focus_domains if row.latest is not None else ():
            link = ZrmLink(
                row.person_name,
                domain_name(score.domain, matrices),
                score.level,
                score.target_level,
            )
            for lineage in score.plan_links:
                found.setdefault(lineage, []).append(link)
    return {lineage: tuple(links) for lineage, links in found.items()}


def zrm_line(links: Mapping[str, Sequence[ZrmLink]], lineage: str) -> str:
    """ "ZRM: …" for the goal or agreement with `lineage`; empty when nothing is linked."""
    linked = links.get(lineage, ())
    if not linked:
        return ""
    return _("ZRM: {domains}").format(domains="; ".join(str(x) for x in linked))


def load_links(uow: UnitOfWork, case_id: int) -> dict[str, tuple[ZrmLink, ...]]:
    """The case's links, read once per reload of the plan page."""
    return links_by_lineage(assessments.list_assessments(uow, case_id), library.matrices(uow))
