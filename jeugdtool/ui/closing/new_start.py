"""The same-child check: a child in a case who had help before in another, closed case (same
name and birth date) is asked about; when the consultant confirms, the new start of help is
recorded with the child. One rule, one question, at three moments:

- a child is added in the overview (`add_person_command`): the child and the new start are
  one undo step;
- a child's name, birth date or role is changed so that they match a closing they did not
  match before (`edit_person_command`): the change and the new start are one undo step;
- a case comes in from a case file (`ask_after_import`): each confirmed new start is an undo
  step of its own, right after the import.

A closing already recorded as this child's earlier help is never asked about again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from jeugdtool.cases import queries
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.dto import Candidate
from jeugdtool.outcomes.dto import NewStartDTO

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.commands import AddChildCommand
from jeugdtool.ui.closing.commands import NewStartStep
from jeugdtool.ui.closing.commands import WithNewStart
from jeugdtool.ui.context import AppContext

RECORD_NEW_START = N_("Record a new start")


def add_person_command(
    ctx: AppContext, case_id: int, fields: Mapping[str, Any]
) -> c.AddPersonCommand:
    """The command that adds this household member: for a child who may have had help before,
    the consultant is asked first (once per match, newest first); "yes" makes it also record
    the new start, "no" records nothing more."""
    chosen = ask_same_child(ctx, fields, _candidates(ctx, case_id, fields))
    if chosen is None:
        return c.AddPersonCommand(ctx, case_id, fields)
    started_on = _started_on(ctx, case_id, chosen)
    return AddChildCommand(ctx, case_id, fields, chosen.closing_id, started_on)


def edit_person_command(
    ctx: AppContext, before: PersonDTO, changes: Mapping[str, Any]
) -> c.EditPersonCommand:
    """The command that changes this household member: when the change makes them a child
    who matches a closed case they did not match before (and whose new start is not recorded
    yet), the consultant is asked first; "yes" makes it also record the new start."""
    case_id = before.household_id
    after = {**_fields_of(before), **changes}
    chosen = ask_same_child(ctx, after, _new_matches(ctx, before, after))
    if chosen is None:
        return c.EditPersonCommand(ctx, before, changes)
    started_on = _started_on(ctx, case_id, chosen)
    return EditChildCommand(ctx, before, changes, chosen.closing_id, started_on)


def ask_after_import(ctx: AppContext, case_id: int) -> list[NewStartDTO]:
    """After a case came in from a case file: ask about each child of it who matches a child
    of another case with a closing (once per match, newest first, until a yes); each yes is
    recorded as an undo step of its own. The new starts recorded (none for a closed case:
    a new start belongs to a case where help runs)."""
    detail = queries.get_case(ctx.uow, case_id)
    if not ctx.can_edit(detail.household):
        return []
    recorded: list[NewStartDTO] = []
    for person in detail.persons:
        fields = _fields_of(person)
        known = _recorded(ctx, case_id, person.id)
        matches = [m for m in _candidates(ctx, case_id, fields) if m.closing_id not in known]
        chosen = ask_same_child(ctx, fields, matches)
        if chosen is None:
            continue
        started_on = _started_on(ctx, case_id, chosen)
        command = RecordNewStartCommand(ctx, case_id, person.id, chosen.closing_id, started_on)
        if c.run_command(ctx, case_id, command) and command.new_start is not None:
            recorded.append(command.new_start)
    return recorded


def ask_same_child(
    ctx: AppContext, fields: Mapping[str, Any], candidates: Iterable[Candidate]
) -> Candidate | None:
    """The match the consultant confirms (asked in turn until a yes), or None."""
    for candidate in candidates:
        if ctx.dialogs.confirm(question(fields, candidate), _("The same child?")):
            return candidate
    return None


def question(fields: Mapping[str, Any], candidate: Candidate) -> str:
    """Whether the child is the one of `candidate`'s case, and what yes does."""
    name = f"{fields.get('first_name') or ''} {fields.get('last_name') or ''}".strip()
    return _(
        "Is {name} the same child as in case {number} (closed on {date})?\n\n"
        "Yes records that help started again for this child (a new start, which the results "
        "count). No records nothing more."
    ).format(name=name, number=candidate.case_number, date=format_date_nl(candidate.closed_on))


def _fields_of(person: PersonDTO) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "role": str(person.role),
        "birth_date": person.birth_date,
    }


def _candidates(ctx: AppContext, case_id: int, fields: Mapping[str, Any]) -> list[Candidate]:
    if str(fields.get("role") or PersonRole.CHILD.value) != PersonRole.CHILD.value:
        return []
    birth_date = fields.get("birth_date")
    if not isinstance(birth_date, dt.date):
        return []  # a name alone is not enough to say it is the same child
    return closing.same_child_candidates(
        ctx.uow,
        first_name=str(fields.get("first_name") or ""),
        last_name=str(fields.get("last_name") or ""),
        birth_date=birth_date,
        exclude_case_id=case_id,
    )


def _new_matches(ctx: AppContext, before: PersonDTO, after: Mapping[str, Any]) -> list[Candidate]:
    """The matches of the member as changed that they did not have before the change and
    that are not recorded as their earlier help yet (only in an open case)."""
    case_id = before.household_id
    now = _candidates(ctx, case_id, after)
    if not now or not _open(ctx, case_id):
        return []
    earlier = {m.closing_id for m in _candidates(ctx, case_id, _fields_of(before))}
    known = earlier | _recorded(ctx, case_id, before.id)
    return [m for m in now if m.closing_id not in known]


def _recorded(ctx: AppContext, case_id: int, person_id: int) -> set[int]:
    """The closings already recorded as this child's earlier help (never asked again)."""
    return {
        s.previous_closing_id
        for s in closing.new_starts(ctx.uow, case_id)
        if s.person_id == person_id and s.previous_closing_id is not None
    }


def _open(ctx: AppContext, case_id: int) -> bool:
    return queries.get_case(ctx.uow, case_id).household.status == CaseStatus.OPEN


def _started_on(ctx: AppContext, case_id: int, candidate: Candidate) -> dt.date:
    """Help started again when this case opened; for a case that opened before the other one
    closed, when the child joins it (today)."""
    opened_on = queries.get_case(ctx.uow, case_id).household.opened_on
    return opened_on if opened_on >= candidate.closed_on else dt.date.today()


class RecordNewStartCommand(c.ServiceCommand):
    """Record, as the consultant confirmed, that help started again for a child already in
    the case (after an import); undo takes the new start away, redo puts it back."""

    def __init__(
        self, ctx: AppContext, case_id: int, person_id: int, closing_id: int, started_on: dt.date
    ):
        super().__init__(ctx, case_id, _(RECORD_NEW_START))
        self.person_id = person_id
        self.step = NewStartStep(ctx, case_id, closing_id, started_on)

    @property
    def new_start(self) -> NewStartDTO | None:
        return self.step.new_start

    def first(self) -> None:
        self.step.record(self.person_id)

    def replay(self) -> None:
        self.step.put_back()

    def revert(self) -> None:
        self.step.take_away()


class EditChildCommand(WithNewStart, c.EditPersonCommand):
    """Change a household member so that they are a child who had help before, with the new
    start of help for them: one undo step takes both back (the new start first)."""

    def __init__(
        self,
        ctx: AppContext,
        before: PersonDTO,
        changes: Mapping[str, Any],
        closing_id: int,
        started_on: dt.date,
    ):
        super().__init__(ctx, before, changes)
        self.step = NewStartStep(ctx, before.household_id, closing_id, started_on)

    def child_id(self) -> int:
        return self.row_id

    def own_first(self) -> None:
        self.own_replay()  # the change alone (`replay` also puts a new start back)
