"""The people of a team database: teams, roles, logins, case teams; and who is working now.

In team mode the person working is the one whose `login` is the connection's own PostgreSQL
login (`current_person`): never a name typed at start-up. In single-user mode (an SQLite file on
the consultant's own computer) the OS account is the boundary: the chosen consultant may do
everything (`single_user`).

Adding a person's PostgreSQL login is the administration's part (jeugdtool/team_admin.py); the
services here keep the rows: a person, their roles, their teams, and co-workers on a case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import Row
from sqlalchemy import event
from sqlalchemy import literal_column
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session

from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import StaffRoleGrant
from jeugdtool.cases.models import Team
from jeugdtool.cases.models import TeamMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.roles import OVERSEEING
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

if TYPE_CHECKING:
    from jeugdtool.store.snapshot import Snapshot


@dataclass(frozen=True)
class TeamDTO:
    id: int
    name: str
    active: bool
    version: int


@dataclass(frozen=True)
class StaffMember:
    """A person with what they may do: the signed-in user, or a row of the administration."""

    id: int
    name: str
    login: str | None
    email: str | None
    active: bool
    roles: frozenset[StaffRole]
    teams: tuple[TeamDTO, ...]
    #: False in single-user mode, where the OS account is the boundary and roles do not apply.
    team_mode: bool = True
    #: The number families and partners call to reach this person (as case manager).
    phone: str | None = None

    def has(self, role: StaffRole) -> bool:
        return not self.team_mode or role in self.roles

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(t.id for t in self.teams)

    @property
    def oversees(self) -> bool:
        """Reads every case of their teams (reviewer, team leader)."""
        return not self.team_mode or bool(self.roles & OVERSEEING)

    def as_consultant(self) -> ConsultantDTO:
        return ConsultantDTO(
            id=self.id,
            name=self.name,
            email=self.email,
            active=self.active,
            version=0,
            phone=self.phone,
        )


def single_user(consultant: ConsultantDTO) -> StaffMember:
    """The consultant of a single-user database: everything is theirs to see and do."""
    return StaffMember(
        id=consultant.id,
        name=consultant.name,
        login=None,
        email=consultant.email,
        active=consultant.active,
        roles=frozenset(StaffRole),
        teams=(),
        team_mode=False,
        phone=consultant.phone,
    )


#: What PostgreSQL takes as a login name without quoting trouble: lower case, digits, _ . -
LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def check_login(login: str) -> str:
    """The login name, or InvalidInput saying what a login name may contain."""
    cleaned = (login or "").strip()
    if not LOGIN_PATTERN.match(cleaned) or cleaned.startswith("pg_"):
        raise InvalidInput(
            Problem(
                "login",
                _(
                    "'{login}' cannot be a login name: use lower-case letters, digits, '_', '.' "
                    "or '-', start with a letter, at most 63 characters (e.g. a.deboer)."
                ).format(login=login),
            )
        )
    return cleaned


def check_roles(roles: Iterable[str]) -> frozenset[StaffRole]:
    out = set()
    for role in roles:
        try:
            out.add(StaffRole(role))
        except ValueError:
            raise InvalidInput(
                Problem(
                    "role",
                    _("'{role}' is not a role; choose from: {roles}.").format(
                        role=role, roles=", ".join(r.value for r in StaffRole)
                    ),
                )
            ) from None
    if not out:
        raise InvalidInput(Problem("role", _("Give a person at least one role.")))
    return frozenset(out)


# ---------------------------------------------------------------- reading


def _member(uow: UnitOfWork, row: Consultant | Row[Any]) -> StaffMember:
    return _members(uow, [row])[0]


def _members(uow: UnitOfWork, rows: Sequence[Consultant | Row[Any]]) -> list[StaffMember]:
    """`rows` as staff members with their roles and teams (by name): two queries for all."""
    ids = [row.id for row in rows]
    known = set(StaffRole.__members__.values())
    roles: defaultdict[int, set[StaffRole]] = defaultdict(set)
    teams: defaultdict[int, list[TeamDTO]] = defaultdict(list)
    if ids:
        # The tables' columns (Core): who signs in is read before the case list, which
        # configures no mapper either (cases/case_search.py).
        grants, members, team_table = (
            StaffRoleGrant.__table__.c,
            TeamMember.__table__.c,
            Team.__table__,
        )
        for person_id, role in uow.session.execute(
            select(grants.person_id, grants.role).where(grants.person_id.in_(ids))
        ):
            if role in known:
                roles[person_id].add(StaffRole(role))
        for team in uow.session.execute(
            select(members.person_id, *team_table.c)
            .join(team_table, members.team_id == team_table.c.id)
            .where(members.person_id.in_(ids))
            .order_by(team_table.c.name)
        ):
            teams[team.person_id].append(_team(team))
    return [
        as_dto(
            StaffMember,
            row,
            roles=frozenset(roles[row.id]),
            teams=tuple(teams[row.id]),
            team_mode=True,  # a row of the team administration
        )
        for row in rows
    ]


def _team(row: Team | Row[Any]) -> TeamDTO:
    return TeamDTO(id=row.id, name=row.name, active=row.active, version=row.version)


def login_name(uow: UnitOfWork) -> str:
    """The connection's own login on the server."""
    with uow:
        return str(uow.session.execute(text("SELECT session_user")).scalar_one())


def current_person(uow: UnitOfWork) -> StaffMember | None:
    """The active person whose login this connection uses (team mode); None if there is none."""
    consultants = Consultant.__table__
    with uow:
        # One round trip: the person of the login (a table row, Core: see `_members`).
        row = uow.session.execute(
            select(consultants).where(consultants.c.login == literal_column("session_user"))
        ).first()
        if row is None or not row.active:
            return None
        return _member(uow, row)


def list_staff(uow: UnitOfWork, *, include_inactive: bool = False) -> list[StaffMember]:
    with uow:
        stmt = select(Consultant).order_by(Consultant.name)
        if not include_inactive:
            stmt = stmt.where(Consultant.active.is_(True))
        return _members(uow, list(uow.session.scalars(stmt)))


def list_teams(uow: UnitOfWork) -> list[TeamDTO]:
    with uow:
        return [_team(t) for t in uow.session.scalars(select(Team).order_by(Team.name))]


def team_members(uow: UnitOfWork, team_id: int) -> list[ConsultantDTO]:
    """The active people of a team, by name (the possible case managers of its cases)."""
    with uow:
        rows = uow.session.scalars(
            select(Consultant)
            .join(TeamMember, TeamMember.person_id == Consultant.id)
            .where(TeamMember.team_id == team_id, Consultant.active.is_(True))
            .order_by(Consultant.name)
        )
        return [convert.consultant(r) for r in rows]


# ---------------------------------------------------------------- administration


def add_team(uow: UnitOfWork, name: str) -> Outcome[TeamDTO]:
    clean = v.text("name", name, label=_("Team name"), max_len=100, required=True)
    with uow:
        uow.serialize("team-name")
        if uow.session.scalar(select(Team).where(Team.name == clean)) is not None:
            raise InvalidInput(
                Problem("name", _("There is already a team named '{name}'.").format(name=clean))
            )
        row = Team(name=clean, active=True)
        uow.session.add(row)
        uow.flush()
        dto = _team(row)
        return Outcome(dto, uow.commit())


def _team_by_name(uow: UnitOfWork, name: str) -> Team:
    row = uow.session.scalar(select(Team).where(Team.name == name.strip()))
    if row is None:
        raise NotFound(
            _("There is no team named '{name}'. Add it first (admin team add).").format(name=name)
        )
    return row


def save_person(
    uow: UnitOfWork,
    login: str,
    name: str,
    roles: Iterable[str],
    teams: Iterable[str],
    email: str | None = None,
    phone: str | None = None,
) -> Outcome[StaffMember]:
    """Add the person with this login, or update their name, roles and teams (a person who was
    removed becomes active again). Teams are named; each must exist. `email` and `phone` of a
    person who is there already stay as they are when None."""
    login = check_login(login)
    wanted = check_roles(roles)
    clean_name = v.text("name", name, label=_("Name"), max_len=200, required=True)
    clean_email = v.email("email", email)
    clean_phone = v.phone("phone", phone)
    with uow:
        uow.serialize("consultant-name")
        row = uow.session.scalar(select(Consultant).where(Consultant.login == login))
        same_name = uow.session.scalar(select(Consultant).where(Consultant.name == clean_name))
        if same_name is not None and same_name is not row:
            if same_name.login is None and row is None:
                row = same_name  # a consultant of before team mode gets their login
            else:
                raise InvalidInput(
                    Problem(
                        "name",
                        _("There is already a person named '{name}'.").format(name=clean_name),
                    )
                )
        if row is None:
            row = Consultant(
                name=clean_name, login=login, email=clean_email, phone=clean_phone, active=True
            )
            uow.session.add(row)
        else:
            row.name, row.login, row.active = clean_name, login, True
            if email is not None:
                row.email = clean_email
            if phone is not None:
                row.phone = clean_phone
        uow.flush()
        _set_roles(uow, row.id, wanted)
        _set_teams(uow, row.id, [_team_by_name(uow, t).id for t in teams])
        uow.flush()
        member = _member(uow, row)
        return Outcome(member, uow.commit())


def _set_roles(uow: UnitOfWork, person_id: int, wanted: frozenset[StaffRole]) -> None:
    held = {
        g.role: g
        for g in uow.session.scalars(
            select(StaffRoleGrant).where(StaffRoleGrant.person_id == person_id)
        )
    }
    for role, grant in held.items():
        if role not in wanted:
            uow.session.delete(grant)
    for role in wanted - set(held):
        uow.session.add(StaffRoleGrant(person_id=person_id, role=role.value))


def _set_teams(uow: UnitOfWork, person_id: int, team_ids: list[int]) -> None:
    held = {
        m.team_id: m
        for m in uow.session.scalars(select(TeamMember).where(TeamMember.person_id == person_id))
    }
    for team_id, member in held.items():
        if team_id not in team_ids:
            uow.session.delete(member)
    for team_id in set(team_ids) - set(held):
        uow.session.add(TeamMember(team_id=team_id, person_id=person_id))


def deactivate_person(uow: UnitOfWork, login: str) -> Outcome[StaffMember]:
    """The person with this login may no longer work; their name stays in every history."""
    with uow:
        row = uow.session.scalar(select(Consultant).where(Consultant.login == login.strip()))
        if row is None:
            raise NotFound(_("There is no user with the login '{login}'.").format(login=login))
        row.active = False
        uow.flush()
        member = _member(uow, row)
        return Outcome(member, uow.commit())


# ---------------------------------------------------------------- the case team


def case_team(uow: UnitOfWork, case_id: int) -> list[ConsultantDTO]:
    """The co-workers added to a case (the case manager is on the case itself)."""
    with uow:
        rows = uow.session.scalars(
            select(Consultant)
            .join(CaseCoworker, CaseCoworker.person_id == Consultant.id)
            .where(CaseCoworker.household_id == case_id)
            .order_by(Consultant.name)
        )
        return [convert.consultant(r) for r in rows]


def add_coworker(uow: UnitOfWork, case_id: int, person_id: int) -> Outcome[int]:
    """Make sure a colleague is in the case team, whatever the case's state (setting up,
    handover); returns their row's id. The window's undoable step is `add_to_case_team`."""
    with uow:
        get(uow, Household, case_id)
        person = get(uow, Consultant, person_id)
        exists = _coworker_row(uow, case_id, person_id)
        if exists is not None:
            return Outcome(exists.id)
        row = CaseCoworker(household_id=case_id, person_id=person_id)
        row.audit_name = person.name
        uow.session.add(row)
        uow.flush()
        return Outcome(row.id, uow.commit())


# ---------------------------------------------------------------- the case team, undoably


@dataclass(frozen=True)
class CoworkerDTO:
    """One co-worker row of a case: what undo needs to remove exactly it, or put it back."""

    id: int
    case_id: int
    person_id: int
    name: str
    #: With the id, tells this row from one a colleague added again later (SQLite hands a
    #: freed id out again, so the id alone cannot).
    created_at: dt.datetime
    version: int


def may_form_case_team(member: StaffMember, manager_id: int | None, team_id: int | None) -> bool:
    """Whether this person adds and removes a case's co-workers: in team mode its case manager
    or a team leader of its team (the database refuses anyone else: store/team_sql.py,
    `jt_manages_case`); anyone in single-user mode (one consultant's own file)."""
    if not member.team_mode or (manager_id is not None and member.id == manager_id):
        return True
    return member.has(StaffRole.TEAM_LEADER) and team_id is not None and team_id in member.team_ids


def _coworker_dto(row: CaseCoworker, name: str) -> CoworkerDTO:
    return as_dto(CoworkerDTO, row, case_id=row.household_id, name=name)


def _coworker_row(uow: UnitOfWork, case_id: int, person_id: int) -> CaseCoworker | None:
    return uow.session.scalar(
        select(CaseCoworker).where(
            CaseCoworker.household_id == case_id, CaseCoworker.person_id == person_id
        )
    )


def list_coworkers(uow: UnitOfWork, case_id: int) -> list[CoworkerDTO]:
    """The case's co-worker rows with the colleagues' names, by name."""
    with uow:
        rows = uow.session.execute(
            select(CaseCoworker, Consultant.name)
            .join(Consultant, Consultant.id == CaseCoworker.person_id)
            .where(CaseCoworker.household_id == case_id)
            .order_by(Consultant.name)
        )
        return [_coworker_dto(row, name) for row, name in rows]


def coworker_choices(uow: UnitOfWork, case_id: int) -> list[ConsultantDTO]:
    """Who may be added to the case team: the active members of the case's team (every active
    colleague for a case without a team: single-user mode), not its case manager and not who
    is on it already."""
    with uow:
        case = get(uow, Household, case_id)
        stmt = select(Consultant).where(Consultant.active.is_(True)).order_by(Consultant.name)
        if case.team_id is not None:
            stmt = stmt.join(TeamMember, TeamMember.person_id == Consultant.id).where(
                TeamMember.team_id == case.team_id
            )
        taken = {
            case.case_manager_id,
            *uow.session.scalars(
                select(CaseCoworker.person_id).where(CaseCoworker.household_id == case_id)
            ),
        }
        return [convert.consultant(r) for r in uow.session.scalars(stmt) if r.id not in taken]


def add_to_case_team(uow: UnitOfWork, case_id: int, person_id: int) -> Outcome[CoworkerDTO]:
    """Add a colleague to the open case's team.

    A colleague who is on the team already is refused, not silently kept: undo of this step
    would otherwise remove someone another person added.
    """
    from jeugdtool.cases.households import ensure_open  # not at start-up (the list needs none)

    with uow:
        case = ensure_open(uow, case_id)
        person = get(uow, Consultant, person_id)
        if _coworker_row(uow, case_id, person_id) is not None:
            raise InvalidInput(
                Problem(
                    "person_id",
                    _("{name} is already in the case team.").format(name=person.name),
                )
            )
        _check_coworker(case, person)
        row = CaseCoworker(household_id=case_id, person_id=person_id)
        row.audit_name = person.name
        uow.session.add(row)
        uow.flush()
        dto = _coworker_dto(row, person.name)
        return Outcome(dto, uow.commit())


def _check_coworker(case: Household, person: Consultant) -> None:
    if person.id == case.case_manager_id:
        raise InvalidInput(
            Problem(
                "person_id",
                _("{name} is the case manager of this case, and so in its team already.").format(
                    name=person.name
                ),
            )
        )
    if not person.active:
        raise InvalidInput(
            Problem(
                "person_id",
                _("{name} is no longer active; choose an active colleague.").format(
                    name=person.name
                ),
            )
        )


def remove_from_case_team(
    uow: UnitOfWork, coworker_id: int, *, expected: CoworkerDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a co-worker row from the open case (the user's removal, or undo of adding it);
    the snapshot puts it back (`restore_to_case_team`).

    `expected`: the row as the caller last saw it (undo/redo); ConflictError when it has gone
    or is another row by now (a colleague removed the person and added them again): undo never
    removes a co-worker someone else added.
    """
    from jeugdtool.cases.households import ensure_open
    from jeugdtool.store import snapshot

    with uow:
        row = uow.session.get(CaseCoworker, coworker_id)
        if row is None and expected is not None:
            raise conflict_error()
        row = row or get(uow, CaseCoworker, coworker_id)
        ensure_open(uow, row.household_id)
        if expected is not None:
            seen = (expected.case_id, expected.person_id, expected.created_at)
            if (row.household_id, row.person_id, row.created_at) != seen:
                raise conflict_error()
        row.audit_name = get(uow, Consultant, row.person_id).name
        return snapshot.remove_and_commit(uow, row)


def restore_to_case_team(uow: UnitOfWork, taken: Snapshot) -> Outcome[CoworkerDTO]:
    """Put back a co-worker row `remove_from_case_team` removed, with its own id (undo of a
    removal, redo of an addition). ConflictError when the colleague is on the team again by
    now (not twice) or the id belongs to another row; the case must still be open and the
    colleague may not have become its case manager or left (InvalidInput, as adding)."""
    from jeugdtool.cases.households import ensure_open
    from jeugdtool.store import snapshot

    values = taken.values
    with uow:
        case = ensure_open(uow, values["household_id"])
        person = get(uow, Consultant, values["person_id"])
        if _coworker_row(uow, case.id, person.id) is not None:
            raise conflict_error()
        _check_coworker(case, person)
        with _named_when_added(uow, person.name):
            row = snapshot.put_back(uow, taken)
        dto = _coworker_dto(row, person.name)
        return Outcome(dto, uow.commit())


@contextmanager
def _named_when_added(uow: UnitOfWork, name: str) -> Iterator[None]:
    """The history names the colleague of a co-worker row put back (`CaseCoworker.audit_name`
    is no column, so the snapshot cannot carry it): set as the row joins the session, before
    the flush that records it."""

    def name_it(_session: Session, row: object) -> None:
        if isinstance(row, CaseCoworker):
            row.audit_name = name

    event.listen(uow.session, "transient_to_pending", name_it)
    try:
        yield
    finally:
        event.remove(uow.session, "transient_to_pending", name_it)


def default_assignment(
    member: StaffMember, team_id: int | None = None, manager_id: int | None = None
) -> tuple[int | None, int | None]:
    """(team, case manager) of a case this person creates or imports: their team (the one they
    chose, when they are in several) with themselves as case manager, unless they chose another
    consultant of the team. Single-user mode has no teams."""
    if not member.team_mode:
        return None, manager_id if manager_id is not None else member.id
    team = team_id if team_id is not None else (member.teams[0].id if member.teams else None)
    return team, manager_id if manager_id is not None else member.id
