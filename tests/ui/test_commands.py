"""Undo commands go through the services; a failed step never corrupts the stack."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.commands import CloseCaseCommand
from jeugdtool.ui.closing.commands import ReopenCaseCommand


def _household(ctx, case):
    return queries.get_case(ctx.uow, case.id).household


def _person_ids(ctx, case):
    return [p.id for p in queries.get_case(ctx.uow, case.id).persons]


def test_edit_undo_redo_go_through_the_services(ctx, case, qtbot) -> None:
    command = c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin Jansen-de Vries")
    with qtbot.waitSignal(ctx.signals.changed):
        c.execute(ctx, command)
    assert _household(ctx, case).name == "Gezin Jansen-de Vries"
    assert ctx.undo_stack.undoText() == _("Change name")

    ctx.undo_stack.undo()
    assert _household(ctx, case).name == "Gezin Jansen"
    ctx.undo_stack.redo()
    assert _household(ctx, case).name == "Gezin Jansen-de Vries"


def test_consecutive_edits_of_one_field_merge(ctx, case) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J"))
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin J", "Gezin Janssen"))
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert _household(ctx, case).name == "Gezin Jansen"


def test_editing_back_to_the_start_leaves_nothing_to_undo(ctx, case) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J"))
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin J", "Gezin Jansen"))
    assert ctx.undo_stack.count() == 0
    assert _household(ctx, case).name == "Gezin Jansen"


def test_edits_of_different_fields_stay_separate(ctx, case) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J"))
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "mode", "safety", "wellbeing"))
    assert ctx.undo_stack.count() == 2


def test_a_failed_first_step_is_not_pushed_and_keeps_the_redo_history(ctx, case) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "mode", "safety", "wellbeing"))
    ctx.undo_stack.undo()
    stale = c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Pietersen", "Gezin P")
    with pytest.raises(ConflictError):
        c.execute(ctx, stale)
    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (1, 0)
    assert ctx.undo_stack.canRedo()


def test_invalid_input_raises_to_the_caller_and_saves_nothing(ctx, case) -> None:
    with pytest.raises(InvalidInput):
        c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "  "))
    assert ctx.undo_stack.count() == 0
    assert _household(ctx, case).name == "Gezin Jansen"


def test_undo_after_a_change_behind_its_back_shows_the_conflict(
    ctx, case, db, fake_dialogs
) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "mode", "safety", "wellbeing"))
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J"))
    households.update_case(UnitOfWork(db, "M. Kaya"), case.id, {"name": "Familie Jansen"})

    ctx.undo_stack.undo()

    assert fake_dialogs.errors == [str(conflict_error())]
    assert _household(ctx, case).name == "Familie Jansen"  # the other change survives
    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (1, 1)
    ctx.undo_stack.undo()  # the step below still undoes cleanly
    assert _household(ctx, case).mode == "safety"
    assert not ctx.undo_stack.canUndo()


def test_a_failed_step_refreshes_the_screens(ctx, case, db, qtbot) -> None:
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J"))
    households.update_case(UnitOfWork(db, "M. Kaya"), case.id, {"name": "Familie Jansen"})
    with qtbot.waitSignal(ctx.signals.changed) as blocker:
        ctx.undo_stack.undo()
    assert blocker.args[0].touches_case(case.id)


def test_removed_member_comes_back_with_the_same_id(ctx, case) -> None:
    noa = members.add_person(ctx.uow, case.id, {"first_name": "Noa", "birth_date": "14-05-2016"})
    c.execute(ctx, c.RemovePersonCommand(ctx, noa.value))
    assert _person_ids(ctx, case) == []
    ctx.undo_stack.undo()
    back = queries.get_case(ctx.uow, case.id).persons
    assert [(p.id, p.first_name, p.birth_date) for p in back] == [
        (noa.value.id, "Noa", dt.date(2016, 5, 14))
    ]
    ctx.undo_stack.redo()
    assert _person_ids(ctx, case) == []


def test_added_member_is_removed_by_undo_and_returns_with_its_id(ctx, case) -> None:
    command = c.AddPersonCommand(ctx, case.id, {"first_name": "Noa", "last_name": "Jansen"})
    c.execute(ctx, command)
    added = command.dto.id
    ctx.undo_stack.undo()
    assert _person_ids(ctx, case) == []
    ctx.undo_stack.redo()
    assert _person_ids(ctx, case) == [added]
    assert ctx.undo_stack.undoText() == _("Add household member")


def test_member_edit_changes_only_what_differs(ctx, case, db) -> None:
    noa = members.add_person(ctx.uow, case.id, {"first_name": "Noa", "notes": "x"}).value
    command = c.EditPersonCommand(ctx, noa, {"first_name": "Noah", "notes": "x"})
    assert command.new == {"first_name": "Noah"}
    c.execute(ctx, command)
    # Someone else changes another field: undo of the name still works.
    members.update_person(UnitOfWork(db, "M. Kaya"), noa.id, {"notes": "astma"})
    ctx.undo_stack.undo()
    person = queries.get_case(ctx.uow, case.id).persons[0]
    assert (person.first_name, person.notes) == ("Noa", "astma")


def test_network_member_add_edit_remove_undo(ctx, case) -> None:
    add = c.AddNetworkMemberCommand(ctx, case.id, {"name": "Ria", "kind": "family"})
    c.execute(ctx, add)
    c.execute(ctx, c.EditNetworkMemberCommand(ctx, add.dto, {"phone": "06-12345678"}))
    latest = queries.get_case(ctx.uow, case.id).network[0]
    c.execute(ctx, c.RemoveNetworkMemberCommand(ctx, latest))
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    network = queries.get_case(ctx.uow, case.id).network
    assert [(n.id, n.phone) for n in network] == [(add.dto.id, None)]


def _closing(reason: str) -> ClosingInput:
    """A closing of a case without safety goals, every outcome given."""
    return ClosingInput(
        closed_on=dt.date.today(),
        reason=reason,
        goals_outcome="mostly",
        further_help="none",
        ended_as="planned",
    )


def test_close_and_its_undo_restore_status_date_and_reason(ctx, case) -> None:
    c.execute(ctx, CloseCaseCommand(ctx, case.id, _closing("Verhuisd naar Assen")))
    closed = _household(ctx, case)
    assert (closed.status, closed.close_reason) == (CaseStatus.CLOSED, "Verhuisd naar Assen")
    ctx.undo_stack.undo()
    h = _household(ctx, case)
    assert (h.status, h.closed_on, h.close_reason) == (CaseStatus.OPEN, None, None)
    ctx.undo_stack.redo()
    assert _household(ctx, case).closed_on == closed.closed_on


def test_undo_of_reopen_brings_back_the_closing_reason(ctx, case) -> None:
    today = dt.date.today()
    households.close_case(ctx.uow, case.id, "Doelen behaald", today)
    c.execute(ctx, ReopenCaseCommand(ctx, case.id, today))
    assert _household(ctx, case).close_reason is None
    ctx.undo_stack.undo()
    h = _household(ctx, case)
    assert (h.status, h.closed_on, h.close_reason) == (
        CaseStatus.CLOSED,
        today,
        "Doelen behaald",
    )


def test_archive_and_undo(ctx, case) -> None:
    households.close_case(ctx.uow, case.id, "Doelen behaald")
    c.execute(ctx, c.LifecycleCommand(ctx, case.id, "archive"))
    assert _household(ctx, case).status == CaseStatus.ARCHIVED
    ctx.undo_stack.undo()
    assert _household(ctx, case).status == CaseStatus.CLOSED


def test_closing_without_reason_is_refused_and_not_pushed(ctx, case) -> None:
    with pytest.raises(InvalidInput) as info:
        c.execute(ctx, CloseCaseCommand(ctx, case.id, _closing(" ")))
    assert info.value.for_field("reason")
    assert ctx.undo_stack.count() == 0
    assert _household(ctx, case).status == CaseStatus.OPEN


def test_a_change_compares_with_an_object_or_a_mapping_of_its_fields() -> None:
    """`ChangeCommand` (and so every edit command) keeps only what differs from what was
    shown, read from a DTO or from a service's dict of fields alike."""
    shown = {"name": "Noa", "age": 7}
    changes = {"name": "Noa", "age": 8}
    assert c.changed_fields(SimpleNamespace(**shown), changes) == {"age": 8}
    assert c.changed_fields(shown, changes) == {"age": 8}
    assert c.field_of(shown, "name") == c.field_of(SimpleNamespace(**shown), "name") == "Noa"


def test_a_swap_command_without_apply_fails_when_it_is_made() -> None:
    """A `SwapCommand` subclass that forgets `apply` is refused at import, not at the first
    undo; a base that leaves `apply` to its subclasses says so, and its subclasses are held
    to it."""
    with pytest.raises(TypeError, match="Forgetful must define apply"):
        type("Forgetful", (c.SwapCommand,), {})
    base = type("Base", (c.SwapCommand,), {"apply_in_subclasses": True})
    with pytest.raises(TypeError, match="Child must define apply"):
        type("Child", (base,), {})
    done = type("Done", (base,), {"apply": lambda self, values, expected: values})
    assert not getattr(done.apply, "__isabstractmethod__", False)
    with pytest.raises(TypeError, match="Edit must define apply"):
        type("Edit", (c.ChangeCommand,), {})
