"""A network meeting's material for UI tests: the Jansen family and oma Ria (plan_data.family),
a draft plan whose agreement names Sanne and oma Ria, and a meeting's input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plan_data import Family
from plan_data import family

from jeugdtool.dossier.network_dto import AttendeeInput
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.framework import plans
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO

TODAY = dt.date.today()


@dataclass(frozen=True)
class NetworkFamily:
    f: Family
    draft: PlanVersionDTO
    agreement: AgreementDTO


def network_family(uow, case_id: int) -> NetworkFamily:
    f = family(uow, case_id)
    draft = plans.start_draft(uow, case_id).value
    fields = {"what": "Oma haalt Noa op", "parties": [f.source(f.sanne), f.source(f.ria)]}
    agreement = plans.add_agreement(uow, draft.id, fields).value
    return NetworkFamily(f, draft, agreement)


def meeting_input(n: NetworkFamily, **changes) -> MeetingInput:
    """Sanne and oma Ria at the kitchen table, Sanne chairing, nothing shared yet."""
    values = {
        "held_on": TODAY,
        "place": "Bij Sanne thuis",
        "attendees": [
            AttendeeInput(n.f.source(n.f.sanne), True),
            AttendeeInput(n.f.source(n.f.ria), False),
        ],
        "shared": [],
        "told": "",
        "decisions": "",
        "plan_version_id": n.draft.id,
    }
    values.update(changes)
    return MeetingInput(**values)
