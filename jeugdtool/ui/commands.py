"""Undo commands for case edits: each calls the services and never touches a widget.

After orange-canvas-core `document/commands.py`. Two ways in, both safe:

- `execute(ctx, command)` does the first step *before* the command reaches the stack. A
  failure raises to the caller (so a form can show it next to the field, keeping what was
  typed) and nothing is pushed, so the redo history stays intact.
- A later redo/undo that fails (someone changed the same thing meanwhile, the row is gone)
  shows the message, asks the screens to show the latest data, and marks the command
  obsolete, so `QUndoStack` drops it instead of pretending it was done.
"""

from __future__ import annotations

import abc
import sys
import time
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from typing import ClassVar
from typing import Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import StorageFault
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.zrm import assessments as zrm
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.context import AppContext

#: Command ids for `QUndoCommand.id()` (commands with the same id may merge).
EDIT_HOUSEHOLD_ID = 1001

#: What undo shows for an edit of each household field ("Undo: Change name").
HOUSEHOLD_EDIT_TEXTS: dict[str, str] = {
    "name": N_("Change name"),
    "case_number": N_("Change case number"),
    "mode": N_("Change way of working"),
    "case_manager_id": N_("Change case manager"),
    "opened_on": N_("Change opening date"),
}

#: The household fields a lifecycle step changes (and its undo puts back).
LIFECYCLE_FIELDS = ("status", "closed_on", "close_reason")


def execute(ctx: AppContext, command: ServiceCommand, origin: QWidget | None = None) -> bool:
    """Do `command` now and put it on the undo stack; True when it was saved.

    A storage fault (a full disk, a read-only file, a lost connection) loses nothing: the
    command is kept by `ctx.pending` — `origin`, the widget the edit came from, is marked
    unsaved and keeps the text — and saved as soon as it can be; False is returned then. Edits
    kept earlier are saved first, in order. Any other failure raises and pushes nothing.
    """
    pending = ctx.pending
    pending.supersede(command)
    if len(pending) and not pending.retry():
        assert pending.fault is not None
        pending.hold(command, pending.fault, origin)  # after the earlier ones, in order
        return False
    try:
        command.perform()
    except StorageFault as fault:
        pending.hold(command, fault, origin)
        return False
    ctx.undo_stack.push(command)
    return True


def refresh_case(ctx: AppContext, case_id: int) -> None:
    """Ask every screen showing the case to reload it (after a failed step: show the latest)."""
    entities = frozenset({"household", "person", "network_member"})
    ctx.signals.emit_changes(ChangeSet(entities=entities, cases=frozenset({case_id})))


def show_failure(ctx: AppContext, case_id: int, exc: JeugdtoolError) -> None:
    """Say why an action failed, and let every screen of the case show the latest."""
    ctx.dialogs.error(str(exc))
    refresh_case(ctx, case_id)


def run_command(ctx: AppContext, case_id: int, command: ServiceCommand) -> bool:
    """`attempt` for a case's screens: a failure lets every screen of the case show the
    latest."""
    return attempt(ctx, command, lambda: refresh_case(ctx, case_id))


def attempt(
    ctx: AppContext, command: ServiceCommand, refresh: Callable[[], None] | None = None
) -> bool:
    """`execute` for a button or a key: False when it failed, which is said (not raised) while
    the screens concerned show the latest (`refresh`; by default the command's own); True when
    it was done or is kept until it can be saved."""
    try:
        execute(ctx, command)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc))
        (refresh or command.refresh)()
        return False
    return True


class ShowsMessage(Protocol):
    """A message under a field or a row (`ErrorLabel`): None hides it."""

    def show_message(self, message: str | None) -> None: ...


def execute_inline(ctx: AppContext, command: ServiceCommand, error: ShowsMessage) -> bool:
    """`execute` for a form or a row that says its own problems: a failure's message shows in
    `error` (not raised), and goes when saved; True when it was saved (or is kept)."""
    try:
        execute(ctx, command)
    except JeugdtoolError as exc:
        error.show_message(str(exc))
        return False
    error.show_message(None)
    return True


class ServiceCommand(QUndoCommand):
    """Base: `first()` does the user's intent, `replay()` redoes it, `revert()` undoes it."""

    #: An edit's values before and after (set by the commands that merge, see `merge_key`).
    old: Any
    new: Any

    def __init__(self, ctx: AppContext, case_id: int, text: str):
        super().__init__(text)
        self.ctx = ctx
        self.case_id = case_id
        self._done_once = False
        #: True between `perform()` and the redo() that `QUndoStack.push()` calls.
        self._skip_redo = False
        #: When the edit was made (edits within `merge_window` of each other merge).
        self.at = time.monotonic()

    def first(self) -> None:
        self.replay()

    def pending_key(self) -> Hashable | None:
        """What this edit changes, when a newer edit of the same thing replaces it while both
        wait to be saved (see ui/pending.py); None: never replaced."""
        return None

    def replay(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def perform(self) -> None:
        """The first step, raising on failure (see `execute`)."""
        self.first()
        self._done_once = self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        title = _("Could not redo: {action}")
        self._guarded(self.replay if self._done_once else self.first, title)
        self._done_once = True

    def undo(self) -> None:
        self._guarded(self.revert, _("Could not undo: {action}"))

    def _guarded(self, step: Callable[[], None], title: str) -> None:
        try:
            step()
        except JeugdtoolError as exc:
            self.setObsolete(True)  # QUndoStack drops it: the stack never claims a failed step
            self.ctx.dialogs.error(str(exc), title.format(action=self.text()))
            self.refresh()

    def refresh(self) -> None:
        """After a failed step: ask the screens concerned to show the latest."""
        refresh_case(self.ctx, self.case_id)

    #: Seconds within which successive edits of one thing merge; None: however far apart
    #: (then `merge_key` limits merging, e.g. to one visit to a text field).
    merge_window: ClassVar[float | None] = None

    def merge_key(self) -> Hashable | None:
        """What this edit changes, when the next edit of the same thing (same `id()` and key)
        joins it as one undo step; None: never merges. Such a command keeps `old` and `new`."""
        return None

    def mergeWith(self, other: QUndoCommand) -> bool:
        key = self.merge_key()
        if (
            key is None
            or not isinstance(other, ServiceCommand)
            or type(other) is not type(self)
            or other.isObsolete()
            or other.merge_key() != key
            or (self.merge_window is not None and other.at - self.at > self.merge_window)
        ):
            return False
        self.new, self.at = other.new, other.at
        if self.new == self.old:  # typed back to where it started: nothing left to undo
            self.setObsolete(True)
        return True


class _Removal(ServiceCommand):
    """The two steps of a removal and its undo, for `AddCommand` and `RemoveCommand`.

    `remove` and `restore` are the area's services (`remove_x(uow, id, *, expected=…) ->
    Snapshot`, `restore_x(uow, snapshot) -> DTO`), set with `staticmethod`.
    """

    remove: ClassVar[Callable[..., Any]]
    restore: ClassVar[Callable[..., Any]]

    def __init__(self, ctx: AppContext, case_id: int, text: str, dto: Any = None):
        super().__init__(ctx, case_id, text)
        #: The row as last seen (added, shown, or put back): a removal expects it as this.
        self.dto = dto
        #: What the removal took (cascaded rows and cleared references too), to put back.
        self.taken: Snapshot | None = None

    def removal_options(self) -> dict[str, Any]:
        """More keywords for `remove` (what else must be as it was)."""
        return {}

    def _take_away(self) -> None:
        options = self.removal_options()
        self.taken = self.ctx.run(self.remove, self.dto.id, expected=self.dto, **options)

    def _put_back(self) -> None:
        self.dto = self.ctx.run(self.restore, self.taken)


class AddCommand(_Removal):
    """Add a row: `first()` (of the subclass) adds it and keeps its DTO in `dto`; undo removes
    it only as added, redo puts it back with its ids."""

    def replay(self) -> None:
        self._put_back()

    def revert(self) -> None:
        self._take_away()


class RemoveCommand(_Removal):
    """Remove a row: redo removes it only as last seen; undo puts back all the removal took,
    with its ids, in one transaction."""

    def __init__(self, ctx: AppContext, case_id: int, dto: Any, text: str):
        super().__init__(ctx, case_id, text, dto)

    def replay(self) -> None:
        self._take_away()

    def revert(self) -> None:
        self._put_back()


class FieldCommand(ServiceCommand):
    """Change one field of one row through `service(row_id, {field: value}, expected=…)`:
    redo expects the old value, undo the new one as stored, so neither overwrites what a
    colleague changed since."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        text: str,
        service: Callable[..., Any],
        row_id: int,
        field: str,
        old: Any,
        new: Any,
        visit: int | None = None,
    ):
        super().__init__(ctx, case_id, text)
        self.service, self.row_id, self.field = service, row_id, field
        self.old, self.new = old, new
        #: The visit to a text field the edit was typed in (None: not typed), see
        #: `VisitFieldCommand`.
        self.visit = visit

    def replay(self) -> None:
        result = self.ctx.run(
            self.service, self.row_id, {self.field: self.new}, expected={self.field: self.old}
        )
        self.new = self.stored_value(result)  # as stored (trimmed), which undo expects

    def stored_value(self, result: Any) -> Any:
        """The field as `service` returned it saved."""
        return getattr(result, self.field)

    def revert(self) -> None:
        self.ctx.run(
            self.service, self.row_id, {self.field: self.old}, expected={self.field: self.new}
        )


CHANGE_CASE = N_("Change case")

#: Edits of one field within this many seconds are one undo step (a quick correction);
#: later edits are separate deliberate changes, each undone on its own.
MERGE_WINDOW_S = 3.0


class _MergingFieldCommand(FieldCommand):
    """A `FieldCommand` whose successive edits of one field merge into one undo step, and
    which a newer waiting edit of that field replaces (see ui/pending.py)."""

    #: `QUndoCommand.id()` of this kind of edit (only commands with the same id merge).
    MERGE_ID: ClassVar[int]
    #: The kind of row, in `pending_key`.
    ROW_KIND: ClassVar[str]


class QuickFieldCommand(_MergingFieldCommand):
    """Quick successive edits of one field of one row merge (within `MERGE_WINDOW_S`)."""

    merge_window = MERGE_WINDOW_S

    def id(self) -> int:
        return self.MERGE_ID

    def merge_key(self) -> Hashable:
        return (self.row_id, self.field)

    def pending_key(self) -> Hashable:
        return (self.ROW_KIND, self.row_id, self.field)


class VisitFieldCommand(_MergingFieldCommand):
    """The saves during one visit to a text field (one `visit`: from entering the field to
    leaving it, see ui/meetings/fields.py) merge, however far apart; without a visit the edit
    never merges."""

    def id(self) -> int:
        return self.MERGE_ID if self.visit is not None else -1

    def merge_key(self) -> Hashable | None:
        if self.visit is None:
            return None
        return (self.visit, self.service, self.row_id, self.field)

    def pending_key(self) -> Hashable:
        return (self.ROW_KIND, self.service, self.row_id, self.field)


class EditHouseholdCommand(QuickFieldCommand):
    """Change one field of the household; quick successive edits of one field merge."""

    MERGE_ID = EDIT_HOUSEHOLD_ID
    ROW_KIND = "household"

    def __init__(self, ctx: AppContext, case_id: int, field: str, old: Any, new: Any):
        text = _(HOUSEHOLD_EDIT_TEXTS.get(field, CHANGE_CASE))
        super().__init__(ctx, case_id, text, households.update_case, case_id, field, old, new)


class LifecycleCommand(ServiceCommand):
    """Archive a closed case; undo puts its status back. (Closing and reopening record more,
    and have their own commands: ui/closing/commands.py.)"""

    TEXTS: ClassVar[dict[str, str]] = {"archive": N_("Archive case")}

    def __init__(self, ctx: AppContext, case_id: int, action: str = "archive"):
        super().__init__(ctx, case_id, _(self.TEXTS[action]))
        self.action = action
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    def first(self) -> None:
        self.before = _lifecycle_state(queries.get_case(self.ctx.uow, self.case_id).household)
        self.after = _lifecycle_state(self.ctx.run(households.archive_case, self.case_id))

    def replay(self) -> None:
        self.ctx.run(households.update_case, self.case_id, self.after, expected=self.before)

    def revert(self) -> None:
        self.ctx.run(households.update_case, self.case_id, self.before, expected=self.after)


def _lifecycle_state(dto: HouseholdDTO) -> dict[str, Any]:
    return {name: getattr(dto, name) for name in LIFECYCLE_FIELDS}


# ---- rows of one kind, through their four services ----------------------------------------


@dataclass(frozen=True)
class RowServices:
    """The services of one kind of row, so the row commands below exist once: `add(parent_id,
    fields)`, `update(id, changes, expected=)`, `remove(id, expected=dto) -> Snapshot` and
    `restore(snapshot) -> dto`."""

    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., Any]
    restore: Callable[..., Any]

    @classmethod
    def named(cls, module: ModuleType, noun: str) -> RowServices:
        """`module`'s `add_<noun>`, `update_<noun>`, `remove_<noun>` and `restore_<noun>`."""
        verbs = ("add", "update", "remove", "restore")
        return cls(*(getattr(module, f"{verb}_{noun}") for verb in verbs))


class AddRowCommand(AddCommand):
    """Add a row of the kind `services` serves under `parent_id` (a case, a plan version)."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent_id: int,
        services: RowServices,
        fields: Mapping[str, Any],
        text: str,
    ):
        super().__init__(ctx, case_id, text)
        self.parent_id, self.services, self.fields = parent_id, services, dict(fields)
        # One command class for every kind: this kind's services for undo and redo.
        self.remove, self.restore = services.remove, services.restore

    def first(self) -> None:
        self.dto = self.ctx.run(self.services.add, self.parent_id, self.fields)


class RemoveRowCommand(RemoveCommand):
    """Remove a row of the kind `services` serves; undo puts it back where it was."""

    def __init__(self, ctx: AppContext, case_id: int, services: RowServices, dto: Any, text: str):
        super().__init__(ctx, case_id, dto, text)
        self.remove, self.restore = services.remove, services.restore


class SwapCommand(ServiceCommand):
    """Redo puts `new` where `old` is, undo `old` where `new` is, each through `apply(values,
    expected)`, which saves `values` only where it finds `expected` — so neither overwrites
    what a colleague changed since — and returns what it saved.

    A subclass without `apply` fails when it is made (at import), unless it says it is a base
    left for its own subclasses (`apply_in_subclasses = True`, in its own body)."""

    #: Set in a base's own body: the base leaves `apply` to its subclasses.
    apply_in_subclasses: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls.apply, "__isabstractmethod__", False) and not cls.__dict__.get(
            "apply_in_subclasses"
        ):
            raise TypeError(f"{cls.__name__} must define apply (SwapCommand)")

    @abc.abstractmethod
    def apply(self, values: Any, expected: Any) -> Any:
        """Save `values` where `expected` is found; return what was saved."""

    def stored(self, saved: Any) -> Any:
        """What undo expects after redo saved `saved` (by default: `new` as it was)."""
        return self.new

    def replay(self) -> None:
        self.new = self.stored(self.apply(self.new, self.old))

    def revert(self) -> None:
        self.apply(self.old, self.new)


class ChangeCommand(SwapCommand):
    """Change the fields of one thing that differ from how it was shown (`before`: an object,
    or a mapping of its fields); `apply` returns it as stored (trimmed, filled in), which undo
    then expects."""

    apply_in_subclasses = True

    def __init__(
        self, ctx: AppContext, case_id: int, text: str, before: Any, changes: Mapping[str, Any]
    ):
        super().__init__(ctx, case_id, text)
        self.new = changed_fields(before, changes)
        self.old = {name: field_of(before, name) for name in self.new}

    @property
    def changes_anything(self) -> bool:
        return bool(self.new)

    def stored(self, saved: Any) -> dict[str, Any]:
        return {name: field_of(saved, name) for name in self.new}


class UpdateCommand(ChangeCommand):
    """A `ChangeCommand` through the service `update(row_id, values, expected=…)`, set on the
    class with `staticmethod` (or per command); `row_id`: `before.id` unless given."""

    update: Callable[..., Any]

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        text: str,
        before: Any,
        changes: Mapping[str, Any],
        row_id: int | None = None,
    ):
        super().__init__(ctx, case_id, text, before, changes)
        self.row_id: int = before.id if row_id is None else row_id

    def apply(self, values: dict[str, Any], expected: dict[str, Any]) -> Any:
        return self.ctx.run(self.update, self.row_id, values, expected=expected)

    def pending_key(self) -> Hashable:
        return ("row", self.update, self.row_id, frozenset(self.new))


class EditRowCommand(UpdateCommand):
    """Change the fields of a row that differ from `before`, through `services.update`."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        services: RowServices,
        before: Any,
        changes: Mapping[str, Any],
        text: str,
    ):
        super().__init__(ctx, case_id, text, before, changes)
        self.update = services.update


def field_of(row: Any, name: str) -> Any:
    """The field `name` of `row`: an object (a DTO) or a mapping of its fields."""
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def changed_fields(before: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of `changes` that differ from `before` (an edit stores only those)."""
    return {k: v for k, v in changes.items() if field_of(before, k) != v}


class _AddRow(AddRowCommand):
    """`(ctx, case_id, fields)`: add a row of the kind `SERVICES` serves to a case; undo
    removes it only as added. `TEXT` is what undo shows, or `describe` chooses it."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str | Callable[[Mapping[str, Any]], str]]
    #: More keywords for the undo's `remove` (see `_Removal.removal_options`).
    REMOVAL_OPTIONS: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, case_id, self.SERVICES, fields, self.describe(fields))

    def describe(self, fields: Mapping[str, Any]) -> str:
        """What undo shows: `TEXT`, or what `TEXT` makes of the row's fields."""
        text = type(self).TEXT
        return _(text) if isinstance(text, str) else text(fields)

    def removal_options(self) -> dict[str, Any]:
        return dict(self.REMOVAL_OPTIONS)


class _EditRow(EditRowCommand):
    """`(ctx, before, changes)`: change the fields of a row that differ from what was shown."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str]

    def __init__(self, ctx: AppContext, before: Any, changes: Mapping[str, Any]):
        super().__init__(ctx, before.household_id, self.SERVICES, before, changes, _(self.TEXT))


class _RemoveRow(RemoveRowCommand):
    """`(ctx, row)`: remove a row; undo puts it back with its id."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str]

    def __init__(self, ctx: AppContext, row: Any):
        super().__init__(ctx, row.household_id, self.SERVICES, row, _(self.TEXT))


def row_commands(
    services: RowServices,
    noun: str,
    *,
    add: str | Callable[[Mapping[str, Any]], str],
    change: str,
    remove: str,
    removal_options: Mapping[str, Any] | None = None,
) -> tuple[type[_AddRow], type[_EditRow], type[_RemoveRow]]:
    """`Add<noun>Command`, `Edit<noun>Command` and `Remove<noun>Command` for the rows of a
    case that `services` serve. `change` and `remove` are what undo shows (`N_` msgids);
    `add` too, or a function that makes it from the new row's fields. `removal_options` are
    more keywords for the remove that undoes an add. The classes belong to the calling
    module (as `collections.namedtuple`'s do)."""
    module = sys._getframe(1).f_globals.get("__name__", __name__)
    options = dict(removal_options or {})

    def command(base: type[Any], verb: str, text: Any, **more: Any) -> type[Any]:
        name = f"{verb}{noun}Command"
        namespace = {"__module__": module, "__qualname__": name}
        attributes = {"SERVICES": services, "TEXT": staticmethod(text) if callable(text) else text}
        return type(name, (base,), namespace | attributes | more)

    return (
        command(_AddRow, "Add", add, REMOVAL_OPTIONS=options),
        command(_EditRow, "Edit", change),
        command(_RemoveRow, "Remove", remove),
    )


# ---- household members and network members ----------------------------------------------

PERSONS = RowServices.named(members, "person")
NETWORK_MEMBERS = RowServices.named(members, "network_member")

#: Undoing the add of a member removes them only while nothing refers to them yet: a map
#: item or assessment about them (a colleague's work) refuses the undo.
_UNREFERENCED = {"unreferenced": True}

AddPersonCommand, EditPersonCommand, _RemovePerson = row_commands(
    PERSONS,
    "Person",
    add=N_("Add household member"),
    change=N_("Change household member"),
    remove=N_("Remove household member"),
    removal_options=_UNREFERENCED,
)


class RemovePersonCommand(_RemovePerson):
    """Removing a person removes their ZRM assessments with them (the database cascades);
    undo puts the person back with their assessments, same ids, in one step."""

    def __init__(self, ctx: AppContext, dto: PersonDTO):
        super().__init__(ctx, dto)
        #: The person's ZRM assessments as they were just before the removal (undo puts back
        #: exactly these, so they stay what redo expects).
        self.assessments: tuple[AssessmentDTO, ...] = zrm.person_assessments(ctx.uow, dto.id)

    def question(self) -> str:
        """The confirmation to ask before `execute`: names the person and what goes with them."""
        name = self.dto.full_name if isinstance(self.dto, PersonDTO) else ""
        count = len(self.assessments)
        if not count:
            return _(
                "Remove {name} from the household members?\nYou can bring them back with Undo "
                "(Ctrl+Z)."
            ).format(name=name)
        return ngettext(
            "Remove {name} from the household members?\nTheir ZRM assessment is removed with "
            "them. You can bring both back with Undo (Ctrl+Z).",
            "Remove {name} from the household members?\nTheir {n} ZRM assessments are removed "
            "with them. You can bring them all back with Undo (Ctrl+Z).",
            count,
        ).format(name=name, n=count)

    def removal_options(self) -> dict[str, Any]:
        # The assessments go with the person: they too must be as the user was told (or as
        # undo put them back), else a colleague's work on them would go too.
        return {"guard": zrm.person_assessments_as_seen(self.dto.id, self.assessments)}


AddNetworkMemberCommand, EditNetworkMemberCommand, RemoveNetworkMemberCommand = row_commands(
    NETWORK_MEMBERS,
    "NetworkMember",
    add=N_("Add network member"),
    change=N_("Change network member"),
    remove=N_("Remove network member"),
    removal_options=_UNREFERENCED,
)
