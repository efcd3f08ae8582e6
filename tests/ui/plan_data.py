"""A realistic safety plan for UI tests and screenshots: the Jansen family, oma Ria, six
agreements (Dutch text), and one bottom line no agreement satisfies yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.cases import members
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType as T

TODAY = dt.date.today()


@dataclass(frozen=True)
class Family:
    noa: PersonDTO
    sanne: PersonDTO
    mark: PersonDTO
    ria: NetworkMemberDTO
    danger: StatementDTO
    goal: StatementDTO
    bottom_lines: tuple[StatementDTO, StatementDTO]

    def source(self, who: PersonDTO | NetworkMemberDTO) -> Source:
        if isinstance(who, PersonDTO):
            return Source(SourceKind.PERSON, person_id=who.id, label=who.full_name)
        return Source(SourceKind.NETWORK, network_id=who.id, label=who.name)


def family(uow, case_id: int) -> Family:
    def person(first: str, role: str) -> PersonDTO:
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case_id, fields).value

    noa, sanne, mark = person("Noa", "child"), person("Sanne", "parent"), person("Mark", "parent")
    ria = members.add_network_member(
        uow, case_id, {"name": "Ria de Vries", "relation": "oma", "kind": "family"}
    ).value
    moment = moments.start_moment(uow, case_id, author="A. de Boer").value
    add = statements.add_statement
    danger = add(
        uow,
        moment.id,
        T.DANGER,
        {
            "who_worried": ["Veilig Thuis"],
            "behaviour": "Mark Sanne slaat als hij gedronken heeft",
            "children": [noa.id],
            "impact": "gewond raakt",
        },
    ).value
    goal = add(
        uow,
        moment.id,
        T.SAFETY_GOAL,
        {"pairs_with": danger.lineage, "carers_will": "ruzies zonder geweld oplossen"},
    ).value
    lines = tuple(
        add(uow, moment.id, T.BOTTOM_LINE, {"text": text, "set_by": "Veilig Thuis"}).value
        for text in (
            "Mark is nooit onder invloed van alcohol als hij voor Noa zorgt.",
            "Noa kan altijd terecht bij een volwassene die zij vertrouwt.",
        )
    )
    return Family(noa, sanne, mark, ria, danger, goal, lines)  # type: ignore[arg-type]


def full_plan(uow, case_id: int, f: Family) -> int:
    """A draft with six agreements; the second bottom line is not satisfied by any."""
    version = plans.start_draft(uow, case_id).value
    plans.update_plan(
        uow,
        version.id,
        {
            "review_schedule": "Elke zes weken met het hele netwerk, op het kantoor van de wijk.",
            "next_review_on": TODAY + dt.timedelta(days=42),
            "children_told": "Oma Ria vertelt Noa met het woordenplaatje wat de afspraken zijn.",
            "when_not_kept": "Wie het ziet belt oma Ria; zij belt dezelfde dag de consulent.",
        },
    )
    review = TODAY + dt.timedelta(days=42)
    rows = [
        (
            "Mark drinkt geen alcohol op de dagen dat Noa bij hem is.",
            "elke vrijdag tot en met zondag",
            "thuis en bij bezoek",
            "Mark blaast op vrijdag om 18.00 uur in de blaastester bij oma Ria",
            "Ria de Vries",
            [f.mark],
            [f.bottom_lines[0].lineage, f.danger.lineage],
        ),
        (
            "Oma Ria belt Noa elke avond om 19.00 uur en vraagt hoe het gaat.",
            "elke avond om 19.00 uur",
            "",
            "Noa vertelt in het netwerkoverleg dat oma heeft gebeld",
            "Sanne Jansen",
            [f.ria],
            [f.goal.lineage],
        ),
        (
            "Sanne brengt Noa naar school en haalt haar op.",
            "elke schooldag om 8.15 uur",
            "school",
            "De leerkracht noteert de aankomsttijd in het schriftje",
            "Ria de Vries",
            [f.sanne],
            [],
        ),
        (
            "Mark en Sanne lopen bij ruzie weg naar een andere kamer en bellen oma Ria.",
            "bij elke ruzie",
            "thuis",
            "Oma Ria houdt een lijst bij van de telefoontjes",
            "Ria de Vries",
            [f.mark, f.sanne],
            [f.goal.lineage],
        ),
        (
            "Mark gaat naar de verslavingszorg.",
            "elke dinsdag om 10.00 uur",
            "Tactus in Deventer",
            "De hulpverlener van Tactus mailt de consulent de aanwezigheid",
            "A. de Boer",
            [f.mark],
            [f.bottom_lines[0].lineage],
        ),
        (
            "Vader probeert minder te drinken.",
            "",
            "",
            "",
            "",
            [f.mark],
            [],
        ),
    ]
    for what, when, where, check, by, who, serves in rows:
        agreement = plans.add_agreement(
            uow,
            version.id,
            {
                "what": what,
                "when": when,
                "where": where,
                "check": check,
                "checked_by": by,
                "serves": serves,
                "review_on": review if check else None,
                "realistic_confirmed": bool(check),
                "status": "agreed" if check else "proposed",
                "parties": [f.source(w) for w in who],
            },
        ).value
        for party in agreement.parties[: 1 if len(agreement.parties) > 1 else 2]:
            if check:
                plans.record_acceptance(uow, party.id, True, how=AcceptedHow.MEETING)
    return version.id


def shown_sections(ctx, uow, case_id: int, version_id: int, qtbot):
    """The plan's safety network and red flags of `version_id`, editable, shown and active."""
    from jeugdtool.ui.plan.network_flags import PlanNetworkAndFlags

    widget = PlanNetworkAndFlags(ctx, case_id)
    qtbot.addWidget(widget)
    widget.set_plan(plans.get_plan(uow, version_id), True)
    widget.resize(1100, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget
