"""Undo commands for ZRM assessments: start, remove, correct the header, change a domain.

Each calls the assessment services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave). A domain change carries `expected=` both ways, so an undo never overwrites
what a colleague changed in the meantime.
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Mapping
from typing import Any

from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import ChangeCommand
from jeugdtool.ui.commands import FieldCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.context import AppContext

#: Command id for merging the saves of one note while it is being typed.
EDIT_NOTE_ID = 1501

#: What undo shows for a change of each domain field ("Undo: Change level of Financiën").
DOMAIN_EDIT_TEXTS: dict[str, str] = {
    "level": N_("Change level of {domain}"),
    "note": N_("Change note on {domain}"),
    "limitation": N_("Change problem or limitation of {domain}"),
    "carried_by": N_("Change who carries {domain}"),
    "focus": N_("Change focus domain {domain}"),
    "target_level": N_("Change target level of {domain}"),
    "target_date": N_("Change target date of {domain}"),
    "plan_links": N_("Change plan links of {domain}"),
}

ASSESSMENT_EDIT_TEXTS: dict[str, str] = {
    "assessed_on": N_("Change date of the assessment"),
    "assessor": N_("Change assessor"),
    "note": N_("Change note on the assessment"),
}


class StartAssessmentCommand(AddCommand):
    """A new assessment of a person (from their previous one); undo removes it again (only as
    started: a colleague's scores refuse the undo), redo puts it back with the same ids."""

    remove = staticmethod(assessments.remove_assessment)
    restore = staticmethod(assessments.restore_assessment)

    def __init__(self, ctx: AppContext, case_id: int, person_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, _("New ZRM assessment"))
        self.person_id = person_id
        self.fields = dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(assessments.create_assessment, self.person_id, **self.fields)


class RemoveAssessmentCommand(RemoveCommand):
    remove = staticmethod(assessments.remove_assessment)
    restore = staticmethod(assessments.restore_assessment)

    def __init__(self, ctx: AppContext, dto: AssessmentDTO):
        super().__init__(ctx, dto.household_id, dto, _("Remove ZRM assessment"))


class EditAssessmentCommand(FieldCommand):
    """Correct the date, the assessor or the note of the newest assessment."""

    def __init__(self, ctx: AppContext, before: AssessmentDTO, field: str, new: Any):
        text = _(ASSESSMENT_EDIT_TEXTS[field])
        old = getattr(before, field)
        service = assessments.update_assessment
        super().__init__(ctx, before.household_id, text, service, before.id, field, old, new)

    def pending_key(self) -> Hashable:
        return ("zrm-assessment", self.row_id, self.field)


class SetDomainCommand(ChangeCommand):
    """Change fields of one domain. The saves of one note while it is typed (one `visit`)
    merge into one step, so undo takes back the whole edit, not each pause."""

    def __init__(
        self,
        ctx: AppContext,
        before: AssessmentDTO,
        domain: str,
        changes: Mapping[str, Any],
        *,
        label: str = "",
        visit: int | None = None,
    ):
        score = before.score(domain)
        if score is None:
            raise KeyError(domain)  # a programming error: the grid shows only known domains
        old = assessments.domain_fields(score)
        super().__init__(ctx, before.household_id, "", old, changes)
        field = next(iter(self.new), "level")
        self.setText(_(DOMAIN_EDIT_TEXTS[field]).format(domain=label or domain))
        self.assessment_id, self.domain = before.id, domain
        self.visit = visit if set(self.new) == {"note"} else None

    def apply(self, values: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
        dto = self.ctx.run(
            assessments.set_domain, self.assessment_id, self.domain, values, expected=expected
        )
        stored = dto.score(self.domain)
        assert stored is not None
        return assessments.domain_fields(stored)

    def id(self) -> int:
        return EDIT_NOTE_ID if self.visit is not None else -1

    def merge_key(self) -> Hashable | None:
        return None if self.visit is None else (self.visit, self.assessment_id, self.domain)

    def pending_key(self) -> Hashable:
        return ("zrm-domain", self.assessment_id, self.domain, frozenset(self.new))
