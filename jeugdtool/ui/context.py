"""What every screen needs, in one object: the services' unit of work, signals, undo, dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING
from typing import TypeVar

from PySide6.QtGui import QUndoStack

from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.settings import Settings
from jeugdtool.store.changes import Outcome

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.signals import AppSignals

if TYPE_CHECKING:  # the data layer is imported after the window is on screen (app.py)
    from jeugdtool.cases.staff import StaffMember
    from jeugdtool.store.engine import Database
    from jeugdtool.store.uow import UnitOfWork

    from jeugdtool.ui.pending import PendingEdits

T = TypeVar("T")


def read_only_note() -> str:
    """What a screen of a read-only database says where it would otherwise offer changes."""
    return _("This database can only be read, so nothing can be changed here.")


def unlogged_access(case_number: str, error: JeugdtoolError) -> str:
    """Why a case is not shown: its access could not be written to the access log first."""
    return _(
        "Case {number} is not shown, because the access log could not record that you open "
        "it: {reason}"
    ).format(number=case_number, reason=error)


@dataclass
class AppContext:
    database: Database
    #: Bound to the signed-in consultant: everything done through it is stamped with their name
    #: (and, for the access log, their id: `UnitOfWork.person_id`).
    uow: UnitOfWork
    user: ConsultantDTO
    settings: Settings
    signals: AppSignals
    undo_stack: QUndoStack
    dialogs: DialogService
    #: Who is signed in, with their roles and teams: in team mode the person of the database
    #: login; in single-user mode the chosen consultant, who may do everything (the default).
    staff: StaffMember = None  # type: ignore[assignment]  # filled in by __post_init__

    def __post_init__(self) -> None:
        if self.staff is None:
            from jeugdtool.cases.staff import single_user

            self.staff = single_user(self.user)
        if self.uow.person_id is None:
            self.uow.person_id = self.user.id or None  # 0: a reader of a read-only file

    @property
    def team_mode(self) -> bool:
        """Working on a team database: the server decides who sees which case."""
        return self.staff.team_mode

    def sign_in_as(self, user: ConsultantDTO) -> None:
        """Another consultant works from now on (single-user mode; the settings dialog)."""
        from jeugdtool.cases.staff import single_user

        assert not self.team_mode, "in team mode the database login decides who is working"
        self.user, self.staff = user, single_user(user)
        self.uow.author, self.uow.person_id = user.name, user.id or None
        self.signals.user_changed.emit(user)

    def signed_in_text(self) -> str:
        """Who is working, for the status bar: in team mode with their team(s)."""
        if not self.team_mode or not self.staff.teams:
            return _("Signed in as {name}").format(name=self.user.name)
        return _("Signed in as {name} · {teams}").format(
            name=self.user.name, teams=", ".join(t.name for t in self.staff.teams)
        )

    def signed_in_details(self) -> str:
        """The login and roles behind `signed_in_text` (a tooltip); empty in single-user mode."""
        if not self.team_mode:
            return ""
        roles = ", ".join(sorted(r.label for r in self.staff.roles)) or _("no role")
        return _("Login {login} on {database}\nRoles: {roles}").format(
            login=self.staff.login, database=self.database.location.display, roles=roles
        )

    @property
    def read_only(self) -> bool:
        """The database may only be read (store/engine.py): the screens show everything and
        offer no change at all (see `can_edit`)."""
        return bool(getattr(self.database, "read_only", False))

    def can_edit(self, household: HouseholdDTO | None) -> bool:
        """The one rule for whether a case's screens offer changes: the case is open (a closed
        one changes only by reopening it) and the database may be written."""
        return household is not None and household.status == CaseStatus.OPEN and not self.read_only

    def locked_note(self, closed: str) -> str:
        """Why a case's screen offers no change (for a banner or a tooltip): the database may
        only be read, or else `closed`, the screen's own words about a closed case."""
        return read_only_note() if self.read_only else closed

    @cached_property
    def pending(self) -> PendingEdits:
        """Edits kept because a storage fault stopped them; saved as soon as possible."""
        from jeugdtool.ui.pending import PendingEdits

        return PendingEdits(self.undo_stack, self.dialogs)

    def run(self, service: Callable[..., Outcome[T]], *args: object, **kwargs: object) -> T:
        """Call a writing service and broadcast what it changed. Errors propagate."""
        outcome = service(self.uow, *args, **kwargs)
        self.signals.emit_changes(outcome.changes, outcome.value)
        return outcome.value
