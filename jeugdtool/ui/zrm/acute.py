"""An acute ZRM domain (level 1) as an immediate need on the map, in one click.

The method says an acute domain is something that must be picked up right away; the advice
strip offers to put it in the map's "What must happen right away" cell of the newest mapping
moment, as an ordinary (undoable) map item about the person.
"""

from __future__ import annotations

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.commands import AddMapItemCommand


def item_text(assessment: AssessmentDTO, domain_name: str) -> str:
    return _("ZRM {date}: {domain} is acute for {person} (level 1).").format(
        date=format_date_nl(assessment.assessed_on),
        domain=domain_name,
        person=assessment.person_name,
    )


def put_on_map(ctx: AppContext, assessment: AssessmentDTO, names: dict[str, str]) -> int:
    """Add each acute domain not yet on the newest map; returns how many were added. Says
    why when there is no map to put them on, or nothing was left to add."""
    moment = moments.latest_moment(ctx.uow, assessment.household_id)
    if moment is None:
        ctx.dialogs.info(
            _(
                "This case has no mapping moment yet. Start one under Mapping; then the acute "
                "domains can be put under 'What must happen right away'."
            )
        )
        return 0
    present = {item.text for item in moment.cells.get(Cell.IMMEDIATE_NEEDS, ())}
    added = 0
    for score in assessment.acute_domains:
        text = item_text(assessment, names.get(score.domain, score.domain))
        if text in present:
            continue
        command = AddMapItemCommand(
            ctx,
            assessment.household_id,
            moment.moment.id,
            Cell.IMMEDIATE_NEEDS,
            {"text": text, "concerns_person_id": assessment.person_id},
        )
        try:
            execute(ctx, command)
        except JeugdtoolError as exc:
            ctx.dialogs.error(str(exc))
            return added
        added += 1
    if not added:
        ctx.dialogs.info(_("These acute domains are already on the map."))
    return added
