"""A case for the meldcode screens: the Jansen family's map with a harm and a danger item about
Mark, a danger statement and a formal scale score (tests and screenshots)."""

from __future__ import annotations

from dataclasses import dataclass

from plan_data import TODAY
from plan_data import Family
from plan_data import family

from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import RaterRole


@dataclass(frozen=True)
class MeldcodeFamily:
    family: Family
    harm: MapItemDTO
    danger: MapItemDTO


def meldcode_family(uow, case_id: int) -> MeldcodeFamily:
    fam = family(uow, case_id)
    moment_id = moments.list_moments(uow, case_id)[-1].id
    harm = moments.add_item(
        uow,
        moment_id,
        Cell.HARM,
        {
            "text": "Noa zag dat Mark Sanne sloeg na een avond drinken",
            "concerns_person_id": fam.mark.id,
        },
    ).value
    danger = moments.add_item(
        uow,
        moment_id,
        Cell.DANGER,
        {
            "text": "Noa raakt gewond als Mark weer drinkt en slaat",
            "concerns_person_id": fam.noa.id,
        },
    ).value
    scale.add_score(
        uow,
        case_id,
        {
            "score": 3,
            "reason": "Geweld na drinken komt nog voor",
            "role": RaterRole.CASE_MANAGER,
            "scored_on": TODAY,
        },
    )
    return MeldcodeFamily(fam, harm, danger)
